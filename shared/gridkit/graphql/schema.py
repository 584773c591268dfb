"""The federation schema class every subgraph uses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from functools import lru_cache
from typing import Any, cast

import strawberry
from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension, ValidationCache
from strawberry.federation.schema import FederationAny
from strawberry.types import ExecutionContext, Info
from strawberry.types.base import StrawberryObjectDefinition

from gridkit.graphql.entities import resolve_entities
from gridkit.graphql.errors import ErrorCodes
from gridkit.graphql.execution import PlainLeafExecution
from gridkit.graphql.federation_version import lowest_federation_version
from gridkit.graphql.operation_name import OperationName


class ParsedOnce(SchemaExtension):
    """Each distinct document is parsed once per process, not on every request.

    Unlike strawberry's ``ParserCache``, a document that does not parse is left to
    strawberry's own parsing step, which reports it with its code.
    """

    def on_parse(self) -> Iterator[None]:
        """Hand strawberry the cached document before it parses."""
        context = self.execution_context
        if context.query and context.graphql_document is None:
            with suppress(GraphQLError, TypeError):  # TypeError: options not hashable
                context.graphql_document = _parsed(context.query, **context.parse_options)
        yield


_parsed = lru_cache(maxsize=512)(parse)

CACHES = (ParsedOnce, lambda: ValidationCache(maxsize=512))
"""A client sends the same few documents again and again: each is parsed and validated once
(per process, up to 512 distinct documents), not on every request."""


class SubgraphSchema(strawberry.federation.Schema):
    """An Apollo Federation v2 schema whose errors all carry codes.

    Refused input is an answer, not an incident: only unexpected errors are
    logged (with their traceback, by :class:`ErrorCodes`).

    Its ``@link`` declares the lowest federation version covering the federation
    features the schema applies, so every standard composer accepts it; pass
    ``federation_version`` to declare another.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["extensions"] = [
            *CACHES,
            ErrorCodes,
            OperationName,
            *kwargs.get("extensions", ()),
        ]
        kwargs.setdefault("execution_context_class", PlainLeafExecution)
        self._federation_version_given = "federation_version" in kwargs
        super().__init__(*args, **kwargs)

    def entities_resolver(
        self, info: Info[Any, Any], representations: list[FederationAny]
    ) -> list[FederationAny]:
        """``_entities``: types with ``resolve_references`` in one batch each, others one by one."""
        return resolve_entities(  # type: ignore[no-any-return]
            info,
            representations,  # type: ignore[arg-type]
            type_of=self._entity_type,
            one_by_one=super().entities_resolver,  # type: ignore[arg-type]
        )

    def _entity_type(self, name: str) -> type:
        definition = self.schema_converter.type_map[name].definition
        return cast(StrawberryObjectDefinition, definition).origin

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Leave logging to :class:`ErrorCodes`, which knows which errors are expected."""

    def _prepare_schema_directives(self) -> None:
        # Strawberry would link the newest version it knows (v2.11), which The Guild's
        # composer refuses. This hook runs once the applied directives are collected and
        # before the @link is generated from ``federation_version``.
        if not self._federation_version_given:
            self.federation_version = lowest_federation_version(self)
        super()._prepare_schema_directives()
