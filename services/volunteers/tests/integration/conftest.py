"""The volunteers service's own database for this run, migrated once, with clean tables per
test, and the service running on it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from gridkit.idempotency import metadata as idempotency_metadata
from gridkit.messaging.streams import provision_stream
from gridkit.messaging.tables import metadata as messaging_metadata
from gridkit.migrations import upgrade
from gridkit.testing.database import DatabaseFactory, truncate_all
from gridkit.testing.graphql import GraphQLClient, serve
from volunteers.app import build_app
from volunteers.config import VolunteersSettings
from volunteers.repository.tables import metadata

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def volunteers_database_url(database_factory: DatabaseFactory) -> str:
    """The URL of this run's volunteers database, built by the service's own migrations."""
    url = await database_factory("volunteers")
    await asyncio.to_thread(upgrade, ALEMBIC_INI, url)
    return url


@pytest_asyncio.fixture(loop_scope="session")
async def volunteers_db(volunteers_database_url: str) -> AsyncIterator[AsyncEngine]:
    """A direct connection to the volunteers database; its tables are emptied first."""
    engine = create_async_engine(volunteers_database_url)
    await truncate_all(engine, [metadata, messaging_metadata, idempotency_metadata])
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def volunteers_settings(
    volunteers_database_url: str, nats_server_url: str, events_namespace: str
) -> VolunteersSettings:
    """Settings pointing at this run's volunteers database and a NATS namespace of its own."""
    return VolunteersSettings(
        env="test",
        database_url=volunteers_database_url,
        nats_url=nats_server_url,
        events_namespace=f"{events_namespace}_volunteers",
        relay_poll_seconds=0.2,
        certificate_verify_url="https://volunteers.example.gov.cn/certificates/",
        cancel_cutoff_hours=2,
    )


@pytest_asyncio.fixture(loop_scope="session")
async def volunteers(
    volunteers_settings: VolunteersSettings, volunteers_db: AsyncEngine, jetstream: JetStreamContext
) -> AsyncIterator[GraphQLClient]:
    """An anonymous GraphQL client of a running volunteers service."""
    for source in ("org", "personnel", "volunteers"):
        await provision_stream(jetstream, volunteers_settings, source)
    async with serve(build_app(volunteers_settings)) as http:
        yield GraphQLClient(http, volunteers_settings)
