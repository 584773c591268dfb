"""Keyset pagination of SQLAlchemy selects, for Relay connections."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from gridkit.db import records
from gridkit.graphql.pagination import InvalidCursor, Page, PageRequest

KeyColumn = QueryableAttribute[Any] | ColumnElement[Any]

# A cursor carries its key as JSON: dates and ids come back as text and must be read
# back into the column's type before the database compares them.
_READERS: dict[type, Callable[[Any], Any]] = {
    datetime.date: lambda value: datetime.date.fromisoformat(str(value)),
    datetime.datetime: lambda value: datetime.datetime.fromisoformat(str(value)),
    uuid.UUID: lambda value: uuid.UUID(str(value)),
    int: int,
    float: float,
}


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    *,
    key: Sequence[KeyColumn],
    request: PageRequest,
    rows: bool = False,
) -> Page[Any]:
    """Read one page of ``statement`` ordered by the unique ``key`` columns.

    ``statement`` carries the filters only; ordering and cursors are added here.
    The page holds the first column of each result (an ORM entity, for a select of
    one), or with ``rows`` the whole result rows as :func:`gridkit.db.records` (for a
    select of several columns).
    """
    total = (
        await session.scalar(select(func.count()).select_from(statement.subquery()))
        if request.count
        else None
    )
    paged = statement
    if request.after is not None:
        paged = paged.where(tuple_(*key) > tuple(_typed(request.after, key)))
    if request.before is not None:
        paged = paged.where(tuple_(*key) < tuple(_typed(request.before, key)))
    order = [column.desc() for column in key] if request.backward else list(key)
    limited = paged.order_by(*order).limit(request.size + 1)
    items = (
        records(await session.execute(limited))
        if rows
        else list((await session.scalars(limited)).all())
    )
    has_more = len(items) > request.size
    items = items[: request.size]
    if request.backward:
        items.reverse()
    return Page(items=items, has_more=has_more, total=None if total is None else int(total))


def _typed(values: Sequence[Any], key: Sequence[KeyColumn]) -> list[Any]:
    """The cursor's key values in their columns' Python types; a foreign cursor is refused."""
    if len(values) != len(key):
        raise InvalidCursor(_FOREIGN)
    typed = []
    for value, column in zip(values, key, strict=True):
        python_type = column.type.python_type
        reader = _READERS.get(python_type, python_type)
        try:
            typed.append(reader(value) if python_type is not str else _text(value))
        except (TypeError, ValueError) as exc:
            raise InvalidCursor(_FOREIGN) from exc
    return typed


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("text expected")
    return value


_FOREIGN = "This cursor does not belong to this list; use one from a previous page of it."
