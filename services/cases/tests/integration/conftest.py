"""The cases service's own database for this run, migrated once, with clean tables per test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from cases.repository.tables import metadata
from gridkit.audit import audit_metadata
from gridkit.idempotency import metadata as idempotency_metadata
from gridkit.messaging.tables import metadata as messaging_metadata
from gridkit.migrations import upgrade
from gridkit.testing.database import DatabaseFactory, truncate_all

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
