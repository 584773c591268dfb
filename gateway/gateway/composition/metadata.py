"""Merging what any element carries: description, ``@deprecated``, ``@inaccessible``, tags.

When subgraphs disagree on a description the supergraph takes the one most subgraphs give
(the first of those on a tie); an element is ``@inaccessible`` if any subgraph says so, and
carries every tag any subgraph gives it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from gateway.composition.model import MergedElement
from gateway.composition.subgraph import Deprecation, Metadata

__all__ = ["merge_description", "merge_metadata", "most_common"]

_T = TypeVar("_T")


def most_common(values: Sequence[_T]) -> _T:
    """The value given most often; the earliest of those on a tie."""
    counts = Counter(values)
    best = max(counts.values())
    return next(value for value in values if counts[value] == best)


def merge_description(descriptions: Sequence[str | None]) -> str | None:
    """The supergraph's description for an element described as given by its subgraphs."""
    given = [description for description in descriptions if description is not None]
    if not given:
        return None
    if len({description.strip() for description in given}) == 1:
        return given[0]
    # An empty description loses to any real one.
    return most_common([description for description in given if description.strip()])


def merge_metadata(target: MergedElement, sources: Sequence[Metadata]) -> None:
    """Merge the descriptions, deprecations, ``@inaccessible`` and tags of ``sources``."""
    target.description = merge_description([source.description for source in sources])
    deprecations: list[Deprecation] = [
        source.deprecation for source in sources if source.deprecation is not None
    ]
    target.deprecation = most_common(deprecations) if deprecations else None
    target.inaccessible = any(source.inaccessible for source in sources)
    for source in sources:
        target.tags.extend(tag for tag in source.tags if tag not in target.tags)
