"""Every PII read is written to the audit log of the service's own database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest_asyncio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.audit import audit_metadata, pii_reads, record_pii_read
from gridkit.db import create_engine, create_session_factory
from gridkit.testing import DatabaseFactory, truncate_all


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def engine(database_factory: DatabaseFactory) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(await database_factory("audit"), pool_size=2)
    async with engine.begin() as conn:
        await conn.run_sync(audit_metadata.create_all)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def clean_engine(engine: AsyncEngine) -> AsyncEngine:
    await truncate_all(engine, audit_metadata)
    return engine


async def test_a_recorded_read_names_reader_roles_purpose_entity_and_operation(
    clean_engine: AsyncEngine,
) -> None:
    sessions = create_session_factory(clean_engine)
    async with sessions() as session, session.begin():
        await record_pii_read(
            session,
            caller_subject="officer-17",
            roles={"OFFICER", "ADMIN"},
            purpose="national_id",
            entity_type="Person",
            entity_id="3f1c0d2e-0000-4000-8000-000000000001",
            operation="Query.person.nationalId",
            request_id="req-42",
        )

    async with clean_engine.connect() as conn:
        rows = (await conn.execute(select(pii_reads))).mappings().all()
    assert len(rows) == 1
    row = dict(rows[0])
    at = row.pop("at")
    assert row == {
        "id": 1,
        "subject": "officer-17",
        "subject_roles": "ADMIN,OFFICER",
        "purpose": "national_id",
        "entity_type": "Person",
        "entity_id": "3f1c0d2e-0000-4000-8000-000000000001",
        "operation": "Query.person.nationalId",
        "request_id": "req-42",
    }
    assert abs(datetime.now(UTC) - at) < timedelta(minutes=1)


async def test_a_read_rolled_back_with_its_transaction_leaves_no_row(
    clean_engine: AsyncEngine,
) -> None:
    sessions = create_session_factory(clean_engine)
    async with sessions() as session:
        await record_pii_read(
            session,
            caller_subject="worker-3",
            roles=["GRID_WORKER"],
            purpose="phone",
            entity_type="Person",
            entity_id="p-1",
            operation="Query.person.phone",
        )
        await session.rollback()

    async with clean_engine.connect() as conn:
        assert (await conn.execute(select(pii_reads))).all() == []
