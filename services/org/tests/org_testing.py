"""What the org integration tests share: operations, a sample boundary, row counts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.idempotency import idempotency_keys
from gridkit.messaging.tables import outbox
from gridkit.testing.graphql import GraphQLClient
from org.repository.tables import metadata

CREATE_DIVISION = """
mutation($input: CreateDivisionInput!) {
  createDivision(input: $input) { id code name level parent { id } }
}"""

CREATE_GRID = """
mutation($input: CreateGridInput!) {
  createGrid(input: $input) {
    id code name kind dedicatedTo households residents status boundary division { id code }
  }
}"""

# A square of about 1 km around Hongjialou, Licheng District, Jinan.
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[117.05, 36.68], [117.06, 36.68], [117.06, 36.69], [117.05, 36.69], [117.05, 36.68]]
    ],
}


async def create_division(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    """Create a division and return it."""
    data = await client.data(CREATE_DIVISION, {"input": fields})
    result: dict[str, Any] = data["createDivision"]
    return result


async def create_grid(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    """Create a grid and return it."""
    data = await client.data(CREATE_GRID, {"input": fields})
    result: dict[str, Any] = data["createGrid"]
    return result


async def row_counts(engine: AsyncEngine) -> dict[str, int]:
    """Rows per org table, in the outbox and of idempotency keys: equal before and after a
    refused change."""
    counts = {}
    async with engine.connect() as connection:
        for table in [*metadata.sorted_tables, outbox, idempotency_keys]:
            counts[table.name] = await connection.scalar(select(func.count()).select_from(table))
    return counts


GridMaker = Callable[..., Awaitable[dict[str, Any]]]
"""Makes a grid from GraphQL input fields and returns it."""
