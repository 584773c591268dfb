"""Preparing operations once: parse, validate, plan and compile the answer's shape.

A prepared operation is cached by its text and operation name, so a repeated
operation is never parsed, validated or planned again; only its variables are
checked per request.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values

from gateway.execution.shape import SelectionShape, compile_shape
from gateway.planning.plan import QueryPlan
from gateway.planning.planner import PlanningError, QueryPlanner

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


class RequestError(Exception):
    """The request cannot be executed; the errors go back to the client."""

    def __init__(self, errors: list[dict[str, Any]], *, status: int = 400) -> None:
        super().__init__(errors[0]["message"] if errors else "bad request")
        self.errors = errors
        self.status = status


@dataclass
class Prepared:
    """Everything about an operation that does not depend on variable values."""

    document: DocumentNode
    operation: OperationDefinitionNode
    plan: QueryPlan
    shape: SelectionShape
    introspection: DocumentNode | None = None
    """The root introspection fields alone, answered by the gateway."""
    introspection_keys: tuple[str, ...] = ()
    plan_json: dict[str, Any] | None = field(default=None, repr=False)


class OperationCache:
    """Prepared operations by (text, operation name), least recently used out first."""

    def __init__(self, schema: GraphQLSchema, planner: QueryPlanner, *, size: int = 2000) -> None:
        self.schema = schema
        self.planner = planner
        self.size = size
        self._entries: OrderedDict[tuple[str, str | None], Prepared | RequestError] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, query: str, operation_name: str | None) -> Prepared:
        """The prepared operation, from the cache or prepared now (errors are cached too)."""
        key = (query, operation_name)
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            entry = self._prepare(query, operation_name)
            self._entries[key] = entry
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        else:
            self.hits += 1
            self._entries.move_to_end(key)
        if isinstance(entry, RequestError):
            raise entry
        return entry

    def _prepare(self, query: str, operation_name: str | None) -> Prepared | RequestError:
        try:
            document = parse(query)
        except GraphQLError as error:
            return RequestError([_formatted(error, "GRAPHQL_PARSE_FAILED")])
        errors = validate(self.schema, document)
        if errors:
            return RequestError([_formatted(e, "GRAPHQL_VALIDATION_FAILED") for e in errors])
        operation = _select_operation(document, operation_name)
        if isinstance(operation, RequestError):
            return operation
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        try:
            plan = self.planner.plan(document, operation_name)
        except PlanningError as error:
            return RequestError(
                [{"message": str(error), "extensions": {"code": "QUERY_PLANNING_FAILED"}}],
                status=500,
            )
        introspection, keys = _introspection_part(document, operation)
        return Prepared(
            document=document,
            operation=operation,
            plan=plan,
            shape=compile_shape(self.schema, operation, fragments),
            introspection=introspection,
            introspection_keys=keys,
        )

    def coerce_variables(self, prepared: Prepared, raw: Any) -> dict[str, Any]:
        """Check the request's variables against the operation's definitions."""
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise RequestError(
                [{"message": "Variables must be an object.", "extensions": {"code": "BAD_REQUEST"}}]
            )
        coerced = get_variable_values(
            self.schema, prepared.operation.variable_definitions or (), raw
        )
        if isinstance(coerced, list):
            raise RequestError([_formatted(e, "BAD_USER_INPUT") for e in coerced])
        return raw


def _select_operation(
    document: DocumentNode, name: str | None
) -> OperationDefinitionNode | RequestError:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        if len(operations) == 1:
            return operations[0]
        return RequestError(
            [
                {
                    "message": "Must provide operation name if query contains multiple operations.",
                    "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
                }
            ]
        )
    for operation in operations:
        if operation.name is not None and operation.name.value == name:
            return operation
    return RequestError(
        [
            {
                "message": f'Unknown operation named "{name}".',
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ]
    )


def _introspection_part(
    document: DocumentNode, operation: OperationDefinitionNode
) -> tuple[DocumentNode | None, tuple[str, ...]]:
    if operation.operation is not OperationType.QUERY:
        return None, ()
    fields = [
        selection
        for selection in operation.selection_set.selections
        if isinstance(selection, FieldNode) and selection.name.value in INTROSPECTION_FIELDS
    ]
    if not fields:
        return None, ()
    only = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=operation.directives,
        selection_set=SelectionSetNode(selections=tuple(fields)),
    )
    fragments = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    keys = tuple(f.alias.value if f.alias else f.name.value for f in fields)
    return DocumentNode(definitions=(only, *fragments)), keys


def _formatted(error: GraphQLError, code: str) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", code)
    formatted["extensions"] = extensions
    return formatted
