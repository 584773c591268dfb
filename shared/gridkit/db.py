"""Async engine, session factory and the metadata conventions every service uses."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeAlias, TypeVar

import orjson
from sqlalchemy import DateTime, MetaData, Result, String, func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Mapped, mapped_column

# Stable constraint names, so Alembic migrations are reproducible on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    """A MetaData with the shared naming convention; each service owns one."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def create_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> AsyncEngine:
    """An asyncpg engine with a bounded pool and liveness checks on checkout.

    JSON columns are decoded by orjson: a page of grids decodes a boundary and a
    checklist per grid, several times faster than with the standard library.
    """
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        echo=echo,
        json_deserializer=orjson.loads,
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (no lazy reload in async code)."""
    return async_sessionmaker(engine, expire_on_commit=False)


Record: TypeAlias = Any
"""One result row as a named tuple (see :func:`records`)."""


def records(result: Result[Any]) -> list[Record]:
    """The rows of ``result`` as named tuples, read by column name like rows are.

    Reading a column of a SQLAlchemy ``Row`` by name first asks the row's class whether
    it has an attribute of that name, which costs about a microsecond; a named tuple
    answers in a few dozen nanoseconds. A page of a hundred grids reads thousands of
    columns, so reads that build many objects from rows take records.
    """
    make = _record_type(tuple(result.keys()))._make
    return [make(row) for row in result]


@cache
def _record_type(columns: tuple[str, ...]) -> Any:
    return namedtuple("Record", columns, rename=True)


_E = TypeVar("_E", bound=Enum)


def enum_reader(enum: type[_E]) -> Callable[[Any], _E]:
    """A function from a stored value to ``enum``'s member at a dict lookup's cost.

    Calling the enum class costs about a microsecond, and a page of rows reads hundreds
    of enum columns; a value the enum does not know still raises the enum's ValueError.
    """
    members = {member.value: member for member in enum}

    def read(value: Any) -> _E:
        found = members.get(value)
        return found if found is not None else enum(value)

    return read


CODE = String(15, collation="C")
"""Column type of administrative and grid codes: "C" collation, so a b-tree index serves
prefix (subtree) searches."""


class Timestamps:
    """Mixin: when a row was created and last changed."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


async def put_view(session: AsyncSession, row_type: Any, row_id: object, **values: Any) -> None:
    """Make the local view row ``row_id`` of another service's aggregate hold ``values``.

    Consumers keep such views from events, applied once and in the aggregate's order, so the
    latest event simply wins: an insert, or an update of the row already there."""
    statement = pg_insert(row_type).values(id=row_id, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))
