"""Composition issues: what went wrong, where, under an Apollo-style code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["CompositionError", "CompositionIssue", "quote_subgraphs", "spread", "subgraph_issue"]


@dataclass(frozen=True, slots=True)
class CompositionIssue:
    """One reason the subgraphs do not compose.

    ``code`` follows Apollo's composition error codes (``INVALID_FIELD_SHARING``,
    ``FIELD_TYPE_MISMATCH`` ...) so a failure reads the same whichever composer found it.
    """

    code: str
    message: str
    subgraphs: tuple[str, ...] = ()
    type_name: str | None = None
    field_name: str | None = None

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class CompositionError(Exception):
    """The subgraphs do not compose; ``issues`` lists every problem found."""

    def __init__(self, issues: Sequence[CompositionIssue]) -> None:
        self.issues = tuple(issues)
        count = len(self.issues)
        lines = [f"composition failed with {count} issue{'' if count == 1 else 's'}:"]
        lines.extend(f"  - {issue}" for issue in self.issues)
        super().__init__("\n".join(lines))

    @property
    def codes(self) -> list[str]:
        """The codes of the issues, in order."""
        return [issue.code for issue in self.issues]


def quote_subgraphs(names: Iterable[str]) -> str:
    """Name subgraphs the way Apollo's messages do: ``subgraphs "a", "b" and "c"``."""
    quoted = [f'"{name}"' for name in names]
    if len(quoted) == 1:
        return f"subgraph {quoted[0]}"
    return f"subgraphs {', '.join(quoted[:-1])} and {quoted[-1]}"


def spread(label: str, values: Iterable[tuple[str, str]]) -> str:
    """Describe how subgraphs disagree: ``type "Int" in subgraph "a" but type "String" ...``.

    ``values`` pairs each subgraph with what it says; subgraphs that agree are grouped, in
    the order their value first appears.
    """
    groups: dict[str, list[str]] = {}
    for subgraph, value in values:
        groups.setdefault(value, []).append(subgraph)
    parts = [
        f"{label} {value} in {quote_subgraphs(names)}".lstrip() for value, names in groups.items()
    ]
    if len(parts) == 1:
        return parts[0]
    return f"{parts[0]} but {' and '.join(parts[1:])}"


def subgraph_issue(
    subgraph: str,
    code: str,
    message: str,
    type_name: str | None = None,
    field_name: str | None = None,
) -> CompositionIssue:
    """An issue of one subgraph on its own, its message prefixed ``[subgraph]`` like Apollo's."""
    return CompositionIssue(
        code=code,
        message=f"[{subgraph}] {message}",
        subgraphs=(subgraph,),
        type_name=type_name,
        field_name=field_name,
    )
