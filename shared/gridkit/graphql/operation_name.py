"""The GraphQL operation's name, in every log line written while it runs."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from gridkit import logs


class OperationName(SchemaExtension):
    """Schema extension that puts the operation's name in :data:`gridkit.logs.operation_name`.

    The name is not reset when the operation ends: the request's middleware scopes
    it, so the access log line written after the answer still carries it.
    """

    def on_operation(self) -> Iterator[None]:
        """The name the request gave (``operationName``), before the document is parsed."""
        logs.operation_name.set(self.execution_context.operation_name)
        yield

    def on_execute(self) -> Iterator[None]:
        """The name from the parsed document, when the request gave none."""
        logs.operation_name.set(self.execution_context.operation_name)
        yield
