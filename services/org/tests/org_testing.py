"""What the org integration tests share: operations, a sample boundary, row counts, and the
volunteers service's team events as org hears them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from nats.js import JetStreamContext
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.contracts import volunteers
from gridkit.contracts.base import IntegrationEvent
from gridkit.events import CloudEvent
from gridkit.idempotency import idempotency_keys
from gridkit.messaging.tables import outbox
from gridkit.settings import ServiceSettings
from gridkit.testing.events import publish_as
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from org.repository.tables import VolunteerTeamViewRow, metadata

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


# The volunteers service's teams (志愿服务队), as org hears of them

TeamEvent = volunteers.TeamCreated | volunteers.TeamUpdated | volunteers.TeamDissolved
"""An event that makes or unmakes a volunteer team, carrying the team as it stands after it."""

TeamAnnouncer = Callable[..., Awaitable[CloudEvent]]
"""Publishes any team event (``version=`` its team's version) and waits until org holds it."""


def team_event(
    model: type[TeamEvent],
    *,
    grid_id: str | UUID | None,
    team_id: UUID | None = None,
    kind: str = "GRID",
    name: str = "第一网格志愿服务队",
) -> TeamEvent:
    """A team event as the volunteers service publishes it: dissolved, or active otherwise.

    The fields are those of any team event; each event takes the ones it has."""
    return model(
        team_id=team_id or uuid4(),
        team_name=name,
        kind=kind,
        status="DISSOLVED" if model is volunteers.TeamDissolved else "ACTIVE",
        grid_id=None if grid_id is None else UUID(str(grid_id)),
        at=datetime.now(UTC),
        approval_required=False,
        leader_ids=[uuid4()],
    )


async def team_view_version(engine: AsyncEngine, team_id: UUID) -> int | None:
    """The version of the team org's view holds, if org heard of it at all."""
    async with engine.connect() as connection:
        version: int | None = await connection.scalar(
            select(VolunteerTeamViewRow.version).where(VolunteerTeamViewRow.id == team_id)
        )
    return version


async def announce_team(
    js: JetStreamContext,
    settings: ServiceSettings,
    engine: AsyncEngine,
    payload: volunteers.TeamState,
    *,
    version: int = 1,
) -> CloudEvent:
    """Publish ``payload`` (any team event: each carries the team) as the volunteers service
    would, and wait until org's view holds it."""
    assert isinstance(payload, IntegrationEvent)
    event = await publish_as(js, settings, payload, aggregate_id=payload.team_id, version=version)

    async def held() -> bool:
        return (await team_view_version(engine, payload.team_id) or 0) >= version

    await eventually(held, within=15, what=f"team {payload.team_id} at version {version}")
    return event
