"""The org service on a fresh database of its own, with clean tables for every test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from nats.js import JetStreamContext
from org_testing import (
    GridMaker,
    TeamAnnouncer,
    announce_team,
    create_division,
    create_grid,
)
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from gridkit.contracts import volunteers
from gridkit.events import CloudEvent
from gridkit.idempotency import metadata as idempotency_metadata
from gridkit.messaging.streams import provision_stream
from gridkit.messaging.tables import metadata as messaging_metadata
from gridkit.migrations import upgrade
from gridkit.testing.database import DatabaseFactory, truncate_all
from gridkit.testing.graphql import GraphQLClient, serve
from org.app import build_app
from org.config import OrgSettings
from org.repository.tables import metadata

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def org_settings(
    database_factory: DatabaseFactory, nats_server_url: str, events_namespace: str
) -> OrgSettings:
    """Settings pointing at this run's own org database, NATS namespace and fast relay."""
    url = await database_factory("org")
    await asyncio.to_thread(upgrade, ALEMBIC_INI, url)
    return OrgSettings(
        env="test",
        database_url=url,
        nats_url=nats_server_url,
        events_namespace=events_namespace,
        relay_poll_seconds=0.2,
    )


@pytest_asyncio.fixture(loop_scope="session")
async def clean_org_database(org_settings: OrgSettings) -> AsyncIterator[None]:
    """Every test starts from empty tables."""
    engine = create_async_engine(org_settings.database_url)
    try:
        await truncate_all(engine, [metadata, messaging_metadata, idempotency_metadata])
        yield
    finally:
        await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def org(
    org_settings: OrgSettings, clean_org_database: None, jetstream: JetStreamContext
) -> AsyncIterator[GraphQLClient]:
    """An anonymous GraphQL client of a running org service (``org.as_caller(...)`` for others)."""
    # The stream of the service org hears, as that service makes it.
    await provision_stream(jetstream, org_settings, "volunteers")
    async with serve(build_app(org_settings)) as http:
        yield GraphQLClient(http, org_settings)


@pytest_asyncio.fixture(loop_scope="session")
async def admin(org: GraphQLClient) -> GraphQLClient:
    """The org service as a district-wide ORG_ADMIN."""
    return org.as_caller("ORG_ADMIN", division="370112", name="区组织部 王主任")


@pytest_asyncio.fixture(loop_scope="session")
async def licheng(admin: GraphQLClient) -> dict[str, dict[str, Any]]:
    """历城区 with 洪家楼街道, and in it 七里河社区 and 港沟村."""
    district = await create_division(admin, name="历城区", level="DISTRICT", code="370112")
    subdistrict = await create_division(
        admin, name="洪家楼街道", level="SUBDISTRICT", parentId=district["id"], code="001"
    )
    community = await create_division(
        admin, name="七里河社区", level="COMMUNITY", parentId=subdistrict["id"], code="001"
    )
    village = await create_division(
        admin, name="港沟村", level="VILLAGE", parentId=subdistrict["id"], code="002"
    )
    return {
        "district": district,
        "subdistrict": subdistrict,
        "community": community,
        "village": village,
    }


@pytest_asyncio.fixture(loop_scope="session")
async def org_db(org_settings: OrgSettings) -> AsyncIterator[AsyncEngine]:
    """A direct connection to the org database, to check what was (not) written."""
    engine = create_async_engine(org_settings.database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def make_grid(admin: GraphQLClient, licheng: dict[str, dict[str, Any]]) -> GridMaker:
    """Creates a grid (in 七里河社区 unless told otherwise) and returns it."""

    async def make(**fields: Any) -> dict[str, Any]:
        fields.setdefault("divisionId", licheng["community"]["id"])
        fields.setdefault("name", "第一网格")
        fields.setdefault("kind", "RESIDENTIAL")
        return await create_grid(admin, **fields)

    return make


@pytest.fixture
def grid_team(
    org: GraphQLClient, jetstream: JetStreamContext, org_settings: OrgSettings, org_db: AsyncEngine
) -> TeamAnnouncer:
    """Announces a volunteer team's event as the volunteers service would, and waits until the
    running org service's view holds it."""

    async def announce(payload: volunteers.TeamState, *, version: int = 1) -> CloudEvent:
        return await announce_team(jetstream, org_settings, org_db, payload, version=version)

    return announce
