"""The personnel service on a fresh database of its own, with clean tables for every test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import UUID

import pytest
import pytest_asyncio
from nats.js import JetStreamContext
from personnel_testing import known_party_organization
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from gridkit.audit import audit_metadata
from gridkit.idempotency import metadata as idempotency_metadata
from gridkit.messaging.streams import provision_stream
from gridkit.messaging.tables import metadata as messaging_metadata
from gridkit.migrations import upgrade
from gridkit.testing.database import DatabaseFactory, truncate_all
from gridkit.testing.graphql import GraphQLClient, serve
from personnel.app import build_app
from personnel.config import PersonnelSettings
from personnel.repository.tables import metadata

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def personnel_settings(
    database_factory: DatabaseFactory, nats_server_url: str, events_namespace: str
) -> PersonnelSettings:
    """Settings pointing at this run's own personnel database and NATS namespace."""
    url = await database_factory("personnel")
    await asyncio.to_thread(upgrade, ALEMBIC_INI, url)
    return PersonnelSettings(
        env="test",
        database_url=url,
        nats_url=nats_server_url,
        # A namespace of its own: org's tests fill the session's ORG stream with thousands of
        # events this consumer would have to wade through before the test's own.
        events_namespace=f"{events_namespace}_personnel",
        relay_poll_seconds=0.2,
    )


@pytest_asyncio.fixture(loop_scope="session")
async def personnel_db(personnel_settings: PersonnelSettings) -> AsyncIterator[AsyncEngine]:
    """A direct connection to the personnel database; its tables are emptied first."""
    engine = create_async_engine(personnel_settings.database_url)
    await truncate_all(engine, [metadata, messaging_metadata, idempotency_metadata, audit_metadata])
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def personnel(
    personnel_settings: PersonnelSettings,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
) -> AsyncIterator[GraphQLClient]:
    """An anonymous GraphQL client of a running personnel service."""
    # The streams of the services personnel hears, as those services make them.
    await provision_stream(jetstream, personnel_settings, "org")
    await provision_stream(jetstream, personnel_settings, "cases")
    async with serve(build_app(personnel_settings)) as http:
        yield GraphQLClient(http, personnel_settings)


@pytest_asyncio.fixture(loop_scope="session")
async def admin(personnel: GraphQLClient) -> GraphQLClient:
    """The personnel service as a district-wide admin without the PII scope."""
    return personnel.as_caller("ORG_ADMIN", division="370112", name="区组织部 李干事")


@pytest_asyncio.fixture(loop_scope="session")
async def party_organizations(
    personnel: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    personnel_settings: PersonnelSettings,
    request: pytest.FixtureRequest,
) -> list[UUID]:
    """The party organisations a test module names in ``KNOWN_PARTY_ORGANIZATIONS``, announced
    by org and in personnel's view before the test starts (memberships must name one)."""
    ids = getattr(request.module, "KNOWN_PARTY_ORGANIZATIONS", ())
    return [
        await known_party_organization(
            personnel_db, jetstream, personnel_settings, organization_id=UUID(str(known))
        )
        for known in ids
    ]
