"""Introspection answered by the gateway itself, from the API schema.

``__schema``, ``__type`` and a root ``__typename`` need no subgraph: Apollo's gateway answers them
by running graphql-js over its API schema. Here graphql-core's executor runs over the API schema
built by ``build_api_schema`` (whose introspection types are graphql-js's), and the result is
shaped as graphql-js serialises it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    execute_sync,
)

__all__ = ["INTROSPECTION_FIELDS", "is_introspection_only", "run_introspection"]

INTROSPECTION_FIELDS = frozenset({"__schema", "__type", "__typename"})
"""Root fields the gateway resolves without asking a subgraph."""


def _only_introspection(
    selection_set: SelectionSetNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    visiting: frozenset[str],
) -> bool:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value not in INTROSPECTION_FIELDS:
                return False
        elif isinstance(selection, InlineFragmentNode):
            if not _only_introspection(selection.selection_set, fragments, visiting):
                return False
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            # An unknown or cyclic spread is for validation to reject; do not claim it.
            if fragment is None or name in visiting:
                return False
            if not _only_introspection(fragment.selection_set, fragments, visiting | {name}):
                return False
    return True


def is_introspection_only(
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode] | None = None,
) -> bool:
    """Whether every root field of ``operation`` is ``__schema``, ``__type`` or ``__typename``.

    Fragments spread at the root are looked up in ``fragments`` (by name); a spread of a
    fragment not given there makes the answer ``False``, so no subgraph field is ever missed.
    """
    return _only_introspection(operation.selection_set, fragments or {}, frozenset())


def _operation_error(document: DocumentNode, operation_name: str | None) -> str | None:
    """Why no operation can be chosen, worded as graphql-js words it, or ``None``."""
    operations = [
        definition
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
    if operation_name is None:
        if len(operations) > 1:
            return "Must provide operation name if query contains multiple operations."
        return None if operations else "Must provide an operation."
    if any(operation.name and operation.name.value == operation_name for operation in operations):
        return None
    return f'Unknown operation named "{operation_name}".'


def run_introspection(
    api_schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Execute an introspection operation against the API schema; return the response body.

    ``document`` must already be validated against ``api_schema``. The answer has graphql-js's
    shape: ``{"data": ...}``, or ``{"errors": [...], "data": ...}`` when a field failed, or
    ``{"errors": [...]}`` alone when the request could not run (unknown operation, bad
    variables).
    """
    problem = _operation_error(document, operation_name)
    if problem is not None:
        return {"errors": [{"message": problem}]}
    result = execute_sync(
        api_schema,
        document,
        variable_values=dict(variables) if variables is not None else None,
        operation_name=operation_name,
    )
    if not result.errors:
        return {"data": result.data}
    errors = [error.formatted for error in result.errors]
    # Request errors carry no path; graphql-js then answers without a data entry.
    if result.data is None and all(error.path is None for error in result.errors):
        return {"errors": errors}
    return {"errors": errors, "data": result.data}
