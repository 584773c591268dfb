"""The cases service's own database for this run, migrated once, with clean tables per test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from cases.app import build_app
from cases.config import CasesSettings
from cases.handlers.catalogue import load_standard_catalogue
from cases.repository.tables import metadata
from cases.unit_of_work import CasesUnitOfWork
from gridkit.audit import audit_metadata
from gridkit.db import create_session_factory
from gridkit.idempotency import metadata as idempotency_metadata
from gridkit.messaging.streams import provision_stream
from gridkit.messaging.tables import metadata as messaging_metadata
from gridkit.migrations import upgrade
from gridkit.pii import PiiProtector
from gridkit.testing.database import DatabaseFactory, truncate_all
from gridkit.testing.graphql import GraphQLClient, serve

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def cases_database_url(database_factory: DatabaseFactory) -> str:
    """The URL of this run's cases database, built by the service's own migrations."""
    url = await database_factory("cases")
    await asyncio.to_thread(upgrade, ALEMBIC_INI, url)
    return url


@pytest_asyncio.fixture(loop_scope="session")
async def cases_db(cases_database_url: str) -> AsyncIterator[AsyncEngine]:
    """A direct connection to the cases database; its tables are emptied first."""
    engine = create_async_engine(cases_database_url)
    await truncate_all(engine, [metadata, messaging_metadata, idempotency_metadata, audit_metadata])
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def cases_settings(
    cases_database_url: str,
    nats_server_url: str,
    events_namespace: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> CasesSettings:
    """Settings pointing at this run's cases database, NATS namespace and blob folder."""
    return CasesSettings(
        env="test",
        database_url=cases_database_url,
        nats_url=nats_server_url,
        # A namespace of its own, so org's tests' thousands of events are not in the way.
        events_namespace=f"{events_namespace}_cases",
        relay_poll_seconds=0.2,
        blob_dir=str(tmp_path_factory.mktemp("cases-blobs")),
        attachment_max_bytes=64 * 1024,
    )


@pytest_asyncio.fixture(loop_scope="session")
async def cases(
    cases_settings: CasesSettings, cases_db: AsyncEngine, jetstream: JetStreamContext
) -> AsyncIterator[GraphQLClient]:
    """An anonymous GraphQL client of a running cases service with the standard catalogue."""
    for source in ("org", "personnel"):
        await provision_stream(jetstream, cases_settings, source)
    await load_standard_catalogue(
        CasesUnitOfWork(
            create_session_factory(cases_db), PiiProtector.from_settings(cases_settings)
        )
    )
    async with serve(build_app(cases_settings)) as http:
        yield GraphQLClient(http, cases_settings)
