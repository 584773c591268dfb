"""A subgraph whose data is for signed-in callers only.

Personal records must not answer anonymous requests. The check sits once in
front of execution instead of in every resolver, so a new field cannot forget
it; the federation plumbing the gateway needs to compose (``_service``) and
introspection stay open.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, get_operation_ast
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

OPEN_ROOT_FIELDS = frozenset({"__typename", "__schema", "__type", "_service"})


class RequireAuthentication(SchemaExtension):
    """Refuse every operation of an anonymous caller that asks for more than open fields."""

    def on_execute(self) -> Iterator[None]:
        """Answer UNAUTHENTICATED without executing, when the caller has no token."""
        context = self.execution_context
        caller = getattr(context.context, "caller", None)
        document = context.graphql_document
        operation = get_operation_ast(document, context.operation_name) if document else None
        if caller is not None and not caller.is_authenticated and _asks_data(operation):
            context.result = ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        "Sign in first: this data is for authenticated callers only.",
                        extensions={"code": "UNAUTHENTICATED"},
                    )
                ],
            )
        yield


def _asks_data(operation: OperationDefinitionNode | None) -> bool:
    if operation is None:
        return True
    for selection in operation.selection_set.selections:
        if not isinstance(selection, FieldNode) or selection.name.value not in OPEN_ROOT_FIELDS:
            return True
    return False
