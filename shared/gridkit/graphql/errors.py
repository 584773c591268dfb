"""Every GraphQL error leaves with a stable ``extensions.code``.

Domain errors keep their message and code; GraphQL's own parse and validation
errors get the codes Apollo clients know; anything unexpected is logged and
masked, so internals never reach a client.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from gridkit.errors import DomainError

log = logging.getLogger("gridkit.graphql")

INTERNAL = "INTERNAL_SERVER_ERROR"


def classify(error: GraphQLError) -> GraphQLError:
    """Return ``error`` with a code (and a safe message for unexpected failures)."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    if isinstance(original, DomainError):
        extensions["code"] = original.code
        if original.details:
            extensions.setdefault("details", original.details)
        message = original.message
    elif original is None:
        extensions.setdefault("code", _code_without_exception(error))
        message = error.message
    elif isinstance(original, GraphQLError):
        return classify(original)
    else:
        log.error("unexpected error in resolver at %s", error.path, exc_info=original)
        extensions = {"code": INTERNAL}
        message = "Internal error. It has been logged; please try again later."
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def _code_without_exception(error: GraphQLError) -> str:
    if error.path is not None:
        return INTERNAL if "non-nullable" in error.message else "BAD_USER_INPUT"
    if error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if "Variable" in error.message and "got invalid value" in error.message:
        return "BAD_USER_INPUT"
    return "GRAPHQL_VALIDATION_FAILED"


class ErrorCodes(SchemaExtension):
    """Schema extension that gives every error of a result a code."""

    def on_operation(self) -> Iterator[None]:
        """Rewrite the errors of the finished operation."""
        yield
        # In place: the same lists may already sit in the result being returned.
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors[:] = [classify(error) for error in result.errors]
        errors = self.execution_context.pre_execution_errors
        if errors:
            errors[:] = [classify(error) for error in errors]
