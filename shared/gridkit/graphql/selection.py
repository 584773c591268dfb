"""What a request asks of a field: read only what will be answered.

A list resolver that knows its selection ahead can skip work nobody asked for,
such as counting every matching row when ``totalCount`` is not selected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def selects(info: Any, name: str) -> bool:
    """Whether the field being resolved selects a sub-field called ``name``.

    Fragments and inline fragments count; ``@skip``/``@include`` are not evaluated,
    so a conditionally selected field counts as selected (the safe side).
    """
    return any(_has(field.selections, name) for field in info.selected_fields)


def _has(selections: Iterable[Selection], name: str) -> bool:
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == name:
                return True
        elif isinstance(selection, FragmentSpread | InlineFragment) and _has(
            selection.selections, name
        ):
            return True
    return False


def selects_only(info: Any, names: Iterable[str]) -> bool:
    """Whether every sub-field the field being resolved selects is one of ``names``
    (a reference asked for its key alone needs nothing loaded)."""
    allowed = set(names)
    return all(_within(field.selections, allowed) for field in info.selected_fields)


def _within(selections: Iterable[Selection], allowed: set[str]) -> bool:
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name not in allowed:
                return False
        elif isinstance(selection, FragmentSpread | InlineFragment) and not _within(
            selection.selections, allowed
        ):
            return False
    return True
