"""Preparing operations once: parse, validate, plan and compile the answer's shape.

A prepared operation is cached by its text and operation name, so a repeated
operation is never parsed, validated or planned again; only its variables are
checked per request, and only when it declares some.

Failures answer as Apollo Server and Apollo's gateway answer them, in their order: a syntax
error (400, ``GRAPHQL_PARSE_FAILED``), validation errors (400, ``GRAPHQL_VALIDATION_FAILED``), no
operation to run (500, ``INVALID_GRAPHQL``), bad variable values (400, ``BAD_USER_INPUT``), then
an operation that cannot be planned (500). The last comes after the variables are checked, so it
is kept with the prepared operation and raised once they pass.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    parse,
    strip_ignored_characters,
)

from gateway.apollo_planning import unplannable
from gateway.execution.shape import SelectionShape, compile_shape
from gateway.js_messages import js_locations, syntax_message
from gateway.planning.plan import QueryPlan
from gateway.planning.planner import PlanningError, QueryPlanner
from gateway.root_introspection import INTROSPECTION_FIELDS, root_introspection
from gateway.validation import validate_operation
from gateway.variables import variable_errors

__all__ = ["INTROSPECTION_FIELDS", "OperationCache", "Prepared", "RequestError"]


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
    failure: RequestError | None = None
    """Why the operation cannot run, raised once its variables have been checked."""


class OperationCache:
    """Prepared operations by (text, operation name), least recently used out first."""

    def __init__(self, schema: GraphQLSchema, planner: QueryPlanner, *, size: int = 2000) -> None:
        self.schema = schema
        self.planner = planner
        self.size = size
        self._entries: OrderedDict[tuple[str, str | None], Prepared | RequestError] = OrderedDict()
        self._by_normal_form: OrderedDict[tuple[str, str | None], Prepared] = OrderedDict()
        """Prepared operations by their text without ignored characters, so the same
        operation sent with other spacing or comments is not planned again."""
        self.hits = 0
        self.misses = 0

    def get(self, query: str, operation_name: str | None) -> Prepared:
        """The prepared operation, from the cache or prepared now (errors are cached too).

        An empty operation name names no operation, as with Apollo's gateway.
        """
        key = (query, operation_name or None)
        entry = self._entries.get(key)
        if entry is None:
            normal = _normal_form(query)
            normal_key = (normal, operation_name or None) if normal is not None else None
            shared = self._by_normal_form.get(normal_key) if normal_key else None
            if shared is not None:
                # Same plan and shape; this text's own syntax tree, so that error
                # locations (variables, for one) point into what the client sent.
                self.hits += 1
                entry = _with_own_text(shared, query, operation_name or None)
            else:
                self.misses += 1
                entry = self._prepare(query, operation_name or None)
                if normal_key is not None and isinstance(entry, Prepared) and entry.failure is None:
                    # Only successes are shared: error locations belong to one text.
                    self._by_normal_form[normal_key] = entry
                    if len(self._by_normal_form) > self.size:
                        self._by_normal_form.popitem(last=False)
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
            # graphql-js 16 has no empty selection sets; graphql-core accepts them by default.
            document = parse(query, allow_empty_selection_sets=False)
        except GraphQLError as error:
            return RequestError(
                [_located(syntax_message(error.message), error, "GRAPHQL_PARSE_FAILED")]
            )
        errors = validate_operation(self.schema, document)
        if errors:
            return RequestError(
                [_located(e.message, e, "GRAPHQL_VALIDATION_FAILED") for e in errors]
            )
        operation = _select_operation(document, operation_name)
        if isinstance(operation, RequestError):
            return operation
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        root = self.schema.get_root_type(operation.operation)
        problem = unplannable(self.schema, document, operation, query)
        if problem is not None:
            failure = _request_error(problem, "INVALID_GRAPHQL", status=500)
            return _unplanned(document, operation, failure, root.name if root else "")
        assert root is not None  # unplannable() refuses an operation type without a root
        try:
            plan = self.planner.plan(document, operation_name)
        except PlanningError as error:
            return _unplanned(
                document,
                operation,
                _request_error(str(error), "QUERY_PLANNING_FAILED", status=500),
                root.name,
            )
        introspection = (
            root_introspection(self.schema, document, operation, fragments)
            if operation.operation is OperationType.QUERY
            else None
        )
        if introspection is not None and introspection.planning_failure is not None:
            return _unplanned(
                document,
                operation,
                _request_error(introspection.planning_failure, "INTERNAL_SERVER_ERROR", status=500),
                root.name,
            )
        return Prepared(
            document=document,
            operation=operation,
            plan=plan,
            shape=compile_shape(self.schema, operation, fragments),
            introspection=introspection.document if introspection else None,
            introspection_keys=introspection.keys if introspection else (),
        )

    def coerce_variables(self, prepared: Prepared, raw: Any) -> dict[str, Any]:
        """Check the request's variables against the operation's definitions.

        Then raise the operation's planning failure, if it has one: Apollo's gateway checks
        variables first.
        """
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise _request_error(
                "`variables` in a POST body must be an object if provided.", "BAD_REQUEST"
            )
        definitions = prepared.operation.variable_definitions
        if definitions:
            errors = variable_errors(self.schema, definitions, raw)
            if errors:
                raise RequestError([_located(e.message, e, "BAD_USER_INPUT") for e in errors])
        if prepared.failure is not None:
            raise prepared.failure
        return raw


def _unplanned(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    failure: RequestError,
    root_name: str = "",
) -> Prepared:
    """A prepared operation that fails once its variables are checked."""
    return Prepared(
        document=document,
        operation=operation,
        plan=QueryPlan(fetches=()),
        shape=SelectionShape(parent_type=root_name),
        failure=failure,
    )


def _select_operation(
    document: DocumentNode, name: str | None
) -> OperationDefinitionNode | RequestError:
    """The operation to run, chosen (and refused) as Apollo's gateway chooses it."""
    chosen: OperationDefinitionNode | None = None
    count = 0
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        count += 1
        if name is None and count > 1:
            return _request_error(
                "Must provide operation name if query contains multiple operations.",
                "INVALID_GRAPHQL",
                status=500,
            )
        if name is None or (definition.name is not None and definition.name.value == name):
            chosen = definition
    if chosen is None:
        message = f'Unknown operation named "{name}".' if name else "Must provide an operation."
        return _request_error(message, "INVALID_GRAPHQL", status=500)
    return chosen


def _request_error(message: str, code: str, *, status: int = 400) -> RequestError:
    return RequestError([{"message": message, "extensions": {"code": code}}], status=status)


def _located(message: str, error: GraphQLError, code: str) -> dict[str, Any]:
    """An error as Apollo Server formats it: message, locations when known, then its code."""
    formatted: dict[str, Any] = {"message": message}
    locations = js_locations(error)
    if locations:
        formatted["locations"] = locations
    formatted["extensions"] = {"code": code}
    return formatted


def _normal_form(query: str) -> str | None:
    """The operation text without whitespace and comments (None if it does not lex)."""
    try:
        return strip_ignored_characters(query)
    except GraphQLError:
        return None


def _with_own_text(shared: Prepared, query: str, operation_name: str | None) -> Prepared:
    """``shared`` with the document and operation parsed from ``query``."""
    document = parse(query, no_location=False)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    operation = next(
        (
            o
            for o in operations
            if operation_name is None or (o.name is not None and o.name.value == operation_name)
        ),
        shared.operation,
    )
    return dataclasses.replace(shared, document=document, operation=operation)
