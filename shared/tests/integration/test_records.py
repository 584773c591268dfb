"""Result rows read as records: the same columns, by name and in order, as the rows hold."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from sqlalchemy import Integer, String, column, literal, select, values
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.db import create_engine, records
from gridkit.testing import DatabaseFactory


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def engine(database_factory: DatabaseFactory) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(await database_factory("records"), pool_size=1)
    yield engine
    await engine.dispose()


async def test_records_hold_each_row_by_column_name_in_order(engine: AsyncEngine) -> None:
    grids = values(column("code", String), column("households", Integer), name="grids").data(
        [("370112001001001", 412), ("370112001001002", 0)]
    )
    async with engine.connect() as conn:
        found = records(
            await conn.execute(
                select(grids.c.code, grids.c.households, literal("x").label("d_name")).order_by(
                    grids.c.code
                )
            )
        )
    assert [(r.code, r.households, r.d_name) for r in found] == [
        ("370112001001001", 412, "x"),
        ("370112001001002", 0, "x"),
    ]
    assert found[1] == ("370112001001002", 0, "x")


async def test_an_empty_result_gives_no_records(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        found = records(await conn.execute(select(literal(1).label("one")).where(literal(False))))
    assert found == []
