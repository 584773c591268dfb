"""Turning the merged result tree into the answer, with null propagation.

Where a null (or a value no subgraph supplied) lands in a non-null position,
the nearest nullable parent becomes null. Like Apollo's gateway, these events
are reported in ``extensions.valueCompletion`` only when no subgraph reported
an error: a failed fetch already explains the nulls it leaves behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from gateway.execution.shape import FieldShape, SelectionShape


class _Invalid:
    """A null where the schema promised a value: the parent must become null."""


INVALID: Final[_Invalid] = _Invalid()


class Completion:
    """Shapes one answer and collects what had to be nulled."""

    def __init__(self, variables: Mapping[str, Any]) -> None:
        self.variables = variables
        self.nulled: list[dict[str, Any]] = []
        self._path: list[str | int] = []

    def root(self, shape: SelectionShape, data: Mapping[str, Any]) -> dict[str, Any] | None:
        """The ``data`` of the response (None when a non-null root field is null)."""
        result = self._object(shape, data, shape.parent_type)
        return None if isinstance(result, _Invalid) else result

    def _object(
        self, shape: SelectionShape, value: Mapping[str, Any], type_name: str
    ) -> dict[str, Any] | _Invalid:
        out: dict[str, Any] = {}
        path = self._path
        for item in shape.fields_for(type_name, self.variables):
            if item.name == "__typename":
                if item.known_types is not None and type_name not in item.known_types:
                    # No subgraph told the object's concrete type: the object is not answered.
                    return INVALID
                out[item.key] = type_name
                continue
            path.append(item.key)
            completed = self._value(item, value.get(item.key), 0, type_name)
            path.pop()
            if isinstance(completed, _Invalid):
                if not item.nullable[0]:
                    return completed
                completed = None
            out[item.key] = completed
        return out

    def _value(self, item: FieldShape, value: Any, depth: int, parent: str) -> Any:
        nullable = item.nullable[depth]
        if value is None:
            if nullable:
                return None
            self._report("Cannot return null for non-nullable", parent, item, depth)
            return INVALID
        if depth + 1 < len(item.nullable):
            if not isinstance(value, list):
                return None if nullable else INVALID
            items = []
            path = self._path
            for index, element in enumerate(value):
                path.append(index)
                completed = self._value(item, element, depth + 1, parent)
                path.pop()
                if isinstance(completed, _Invalid):
                    if not item.nullable[depth + 1]:
                        return None if nullable else INVALID
                    completed = None
                items.append(completed)
            return items
        if item.selection is None:
            if item.enum_values is not None and value not in item.enum_values:
                # A value the public schema does not have (an @inaccessible one): not shown.
                self._report("Invalid value found for", parent, item, depth)
                return None if nullable else INVALID
            return value
        if not isinstance(value, dict):
            return None if nullable else INVALID
        type_name = value.get("__typename") or item.selection.parent_type
        if item.known_types is not None and type_name not in item.known_types:
            # An object of a type the public schema does not have: not shown, nor named.
            self._report("Invalid __typename found for object at", parent, item, depth)
            return None if nullable else INVALID
        completed_object = self._object(item.selection, value, type_name)
        if isinstance(completed_object, _Invalid):
            return None if nullable else INVALID
        return completed_object

    def _report(self, problem: str, parent: str, item: FieldShape, depth: int) -> None:
        """Note a value that could not be completed, worded as Apollo's gateway words it."""
        where = self._path[-1] if self._path else item.key
        if isinstance(where, int):
            described = f"array element of type {item.types[depth]} at index {where}"
        else:
            described = f"field {parent}.{where}"
        self.nulled.append(
            {
                "message": f"{problem} {described}.",
                "path": list(self._path),
                "extensions": {"code": "INVALID_GRAPHQL"},
            }
        )


def complete_root(
    shape: SelectionShape, data: Mapping[str, Any], variables: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The ``data`` of the response, without the completion report."""
    return Completion(variables).root(shape, data)
