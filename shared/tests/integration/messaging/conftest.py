"""Fixtures for the messaging tests: the gridtest service's database, settings and stream."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gridkit import idempotency
from gridkit.db import create_engine, create_session_factory
from gridkit.messaging import tables as messaging
from gridkit.messaging.streams import provision_stream
from gridkit.testing import DatabaseFactory, truncate_all

from .gridtest_service import GridtestSettings, metadata


@pytest.fixture(scope="session")
def settings(events_namespace: str) -> GridtestSettings:
    return GridtestSettings(
        events_namespace=events_namespace,
        relay_poll_seconds=0.05,
        relay_batch_size=2,  # small batches, so tests cross batch boundaries
    )


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def engine(database_factory: DatabaseFactory) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(await database_factory("messaging"), pool_size=5)
    async with engine.begin() as conn:
        await conn.run_sync(messaging.metadata.create_all)
        await conn.run_sync(idempotency.metadata.create_all)
        await conn.run_sync(metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest_asyncio.fixture(loop_scope="session")
async def clean(engine: AsyncEngine) -> None:
    """Empty tables for the test."""
    await truncate_all(engine, [messaging.metadata, idempotency.metadata, metadata])


@pytest_asyncio.fixture(loop_scope="session")
async def stream(jetstream: JetStreamContext, settings: GridtestSettings, clean: None) -> str:
    """The gridtest stream, provisioned and emptied for the test; returns its name."""
    info = await provision_stream(jetstream, settings)
    name = info.config.name or ""
    await jetstream.purge_stream(name)
    return name
