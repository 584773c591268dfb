"""The federation schema class every subgraph uses."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from gridkit.graphql.errors import ErrorCodes


class SubgraphSchema(strawberry.federation.Schema):
    """An Apollo Federation v2 schema whose errors all carry codes.

    Refused input is an answer, not an incident: only unexpected errors are
    logged (with their traceback, by :class:`ErrorCodes`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["extensions"] = [ErrorCodes, *kwargs.get("extensions", ())]
        super().__init__(*args, **kwargs)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Leave logging to :class:`ErrorCodes`, which knows which errors are expected."""
