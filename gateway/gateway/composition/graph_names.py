"""Names of the subgraphs in the supergraph's ``join__Graph`` enum, as Apollo derives them.

The name is upper-cased with anything but ASCII letters, digits and ``_`` turned into
``_``, prefixed with ``_`` when it would start with a digit; names that collide all get a
``_1``, ``_2`` ... suffix in the order of the subgraph names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["graph_enum_values"]


def _sanitise(name: str) -> str:
    value = "".join(
        char.upper() if char.isascii() and (char.isalnum() or char == "_") else "_" for char in name
    )
    return f"_{value}" if value[:1].isdigit() else value


def graph_enum_values(names: Sequence[str]) -> dict[str, str]:
    """Map each subgraph name to its ``join__Graph`` value."""
    ordered = sorted(names)
    sanitised = {name: _sanitise(name) for name in ordered}
    counts = Counter(sanitised.values())
    seen: Counter[str] = Counter()
    values: dict[str, str] = {}
    for name in ordered:
        value = sanitised[name]
        if counts[value] > 1:
            seen[value] += 1
            value = f"{value}_{seen[value]}"
        values[name] = value
    return values
