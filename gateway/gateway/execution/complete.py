"""Turning the merged result tree into the answer, with null propagation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from gateway.execution.shape import FieldShape, SelectionShape


class _Invalid:
    """A null where the schema promised a value: the parent must become null."""


INVALID: Final[_Invalid] = _Invalid()


def complete_root(
    shape: SelectionShape,
    data: Mapping[str, Any],
    variables: Mapping[str, Any],
) -> dict[str, Any] | None:
    """The ``data`` of the response (None when a non-null root field is null)."""
    result = _object(shape, data, shape.parent_type, variables)
    return None if result is INVALID else result  # type: ignore[return-value]


def _object(
    shape: SelectionShape,
    value: Mapping[str, Any],
    type_name: str,
    variables: Mapping[str, Any],
) -> dict[str, Any] | _Invalid:
    out: dict[str, Any] = {}
    for item in shape.fields_for(type_name, variables):
        if item.name == "__typename":
            out[item.key] = type_name
            continue
        completed = _value(item, value.get(item.key), 0, variables)
        if isinstance(completed, _Invalid):
            if not item.nullable[0]:
                return completed
            completed = None
        out[item.key] = completed
    return out


def _value(item: FieldShape, value: Any, depth: int, variables: Mapping[str, Any]) -> Any:
    nullable = item.nullable[depth]
    if value is None:
        return None if nullable else INVALID
    if depth + 1 < len(item.nullable):
        if not isinstance(value, list):
            return None if nullable else INVALID
        items = []
        for element in value:
            completed = _value(item, element, depth + 1, variables)
            if completed is INVALID:
                if not item.nullable[depth + 1]:
                    return None if nullable else INVALID
                completed = None
            items.append(completed)
        return items
    if item.selection is None:
        return value
    if not isinstance(value, dict):
        return None if nullable else INVALID
    type_name = value.get("__typename") or item.selection.parent_type
    completed_object = _object(item.selection, value, type_name, variables)
    if completed_object is INVALID:
        return None if nullable else INVALID
    return completed_object
