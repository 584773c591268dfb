"""Checking a request's variable values as graphql-js 16's ``getVariableValues`` does.

Apollo's gateway coerces the variables against its API schema before planning, and answers
with graphql-js's errors when a value does not fit: each names the variable, the offending value
as graphql-js's ``inspect`` prints it, where inside the value it sits, and why. The values
themselves go on to the subgraphs as sent, so only the errors matter here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    VariableDefinitionNode,
    is_input_type,
    print_ast,
    type_from_ast,
)
from graphql.pyutils import Undefined, suggestion_list

from gateway.js_messages import did_you_mean, js_inspect, js_number, js_object_keys

__all__ = ["variable_errors"]

_Path = tuple[str | int, ...]
_OnError = Callable[[_Path, Any, str], None]
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def variable_errors(
    schema: GraphQLSchema,
    definitions: Sequence[VariableDefinitionNode],
    inputs: Mapping[str, Any],
) -> list[GraphQLError]:
    """Every problem with ``inputs`` for the operation's variable definitions, in order.

    Each error is located at its variable's definition.
    """
    errors: list[GraphQLError] = []
    for definition in definitions:
        name = definition.variable.name.value
        var_type = type_from_ast(schema, definition.type)
        if var_type is None or not is_input_type(var_type):
            # Validation refuses these; graphql-js checks again all the same.
            errors.append(
                GraphQLError(
                    f'Variable "${name}" expected value of type "{print_ast(definition.type)}" '
                    "which cannot be used as an input type.",
                    definition.type,
                )
            )
            continue
        if name not in inputs:
            if definition.default_value is None and isinstance(var_type, GraphQLNonNull):
                errors.append(
                    GraphQLError(
                        f'Variable "${name}" of required type "{var_type}" was not provided.',
                        definition,
                    )
                )
            continue
        value = inputs[name]
        if value is None and isinstance(var_type, GraphQLNonNull):
            errors.append(
                GraphQLError(
                    f'Variable "${name}" of non-null type "{var_type}" must not be null.',
                    definition,
                )
            )
            continue

        def on_error(
            path: _Path,
            invalid: Any,
            message: str,
            name: str = name,
            definition: VariableDefinitionNode = definition,
        ) -> None:
            prefix = f'Variable "${name}" got invalid value {js_inspect(invalid)}'
            if path:
                prefix += f' at "{name}{_print_path(path)}"'
            errors.append(GraphQLError(f"{prefix}; {message}", definition))

        _coerce(value, var_type, on_error, ())
    return errors


def _print_path(path: _Path) -> str:
    return "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in path)


def _coerce(value: Any, type_: GraphQLInputType, on_error: _OnError, path: _Path) -> Any:
    """graphql-js's ``coerceInputValue``: the coerced value, or ``Undefined`` where it failed."""
    if isinstance(type_, GraphQLNonNull):
        if value is not None:
            return _coerce(value, type_.of_type, on_error, path)
        on_error(path, value, f'Expected non-nullable type "{type_}" not to be null.')
        return Undefined
    if value is None:
        return None
    if isinstance(type_, GraphQLList):
        if isinstance(value, list):
            return [
                _coerce(item, type_.of_type, on_error, (*path, i)) for i, item in enumerate(value)
            ]
        # A single value stands for a list of one.
        return [_coerce(value, type_.of_type, on_error, path)]
    if isinstance(type_, GraphQLInputObjectType):
        return _coerce_object(value, type_, on_error, path)
    if isinstance(type_, GraphQLEnumType):
        problem = _enum_problem(value, type_)
    else:
        assert isinstance(type_, GraphQLScalarType)
        problem = _scalar_problem(value, type_.name)
    if problem is not None:
        on_error(path, value, problem)
        return Undefined
    return value


def _coerce_object(
    value: Any, type_: GraphQLInputObjectType, on_error: _OnError, path: _Path
) -> Any:
    if not isinstance(value, dict):
        on_error(path, value, f'Expected type "{type_.name}" to be an object.')
        return Undefined
    coerced: dict[str, Any] = {}
    for name, field in type_.fields.items():
        if name not in value:
            if field.default_value is not Undefined or field.default is not None:
                coerced[name] = field.default_value
            elif isinstance(field.type, GraphQLNonNull):
                on_error(
                    path, value, f'Field "{name}" of required type "{field.type}" was not provided.'
                )
            continue
        coerced[name] = _coerce(value[name], field.type, on_error, (*path, name))
    for name in js_object_keys(value):
        if name not in type_.fields:
            suggestions = suggestion_list(name, list(type_.fields))
            on_error(
                path,
                value,
                f'Field "{name}" is not defined by type "{type_.name}".'
                + did_you_mean(suggestions),
            )
    if getattr(type_, "is_one_of", False):
        if len(coerced) != 1:
            on_error(
                path, value, f'Exactly one key must be specified for OneOf type "{type_.name}".'
            )
        if coerced:
            key, chosen = next(iter(coerced.items()))
            if chosen is None:
                on_error((*path, key), None, f'Field "{key}" must be non-null.')
    return coerced


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    return _is_number(value) and (isinstance(value, int) or value.is_integer())


def _scalar_problem(value: Any, scalar: str) -> str | None:
    """Why graphql-js's ``parseValue`` of a built-in scalar refuses ``value``, if it does.

    The API schema's other scalars keep graphql-js's default ``parseValue``, which takes anything.
    """
    if scalar == "Int":
        if not _is_integer(value):
            return f"Int cannot represent non-integer value: {js_inspect(value)}"
        if not _INT_MIN <= value <= _INT_MAX:
            return f"Int cannot represent non 32-bit signed integer value: {js_number(value)}"
    elif scalar == "Float":
        if not _is_number(value) or not math.isfinite(value):
            return f"Float cannot represent non numeric value: {js_inspect(value)}"
    elif scalar == "String":
        if not isinstance(value, str):
            return f"String cannot represent a non string value: {js_inspect(value)}"
    elif scalar == "Boolean":
        if not isinstance(value, bool):
            return f"Boolean cannot represent a non boolean value: {js_inspect(value)}"
    elif scalar == "ID" and not isinstance(value, str) and not _is_integer(value):
        return f"ID cannot represent value: {js_inspect(value)}"
    return None


def _enum_problem(value: Any, enum: GraphQLEnumType) -> str | None:
    names = list(enum.values)
    if not isinstance(value, str):
        printed = js_inspect(value)
        return f'Enum "{enum.name}" cannot represent non-string value: {printed}.' + did_you_mean(
            suggestion_list(printed, names), "the enum value"
        )
    if value not in enum.values:
        return f'Value "{value}" does not exist in "{enum.name}" enum.' + did_you_mean(
            suggestion_list(value, names), "the enum value"
        )
    return None
