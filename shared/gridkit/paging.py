"""Keyset pagination of SQLAlchemy selects, for Relay connections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.elements import ColumnElement

from gridkit.graphql.pagination import Page, PageRequest


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    *,
    key: Sequence[QueryableAttribute[Any] | ColumnElement[Any]],
    request: PageRequest,
) -> Page[Any]:
    """Read one page of ``statement`` ordered by the unique ``key`` columns.

    ``statement`` carries the filters only; ordering and cursors are added here.
    """
    total = await session.scalar(select(func.count()).select_from(statement.subquery()))
    paged = statement
    if request.after is not None:
        paged = paged.where(tuple_(*key) > tuple(request.after))
    if request.before is not None:
        paged = paged.where(tuple_(*key) < tuple(request.before))
    order = [column.desc() for column in key] if request.backward else list(key)
    rows = list((await session.scalars(paged.order_by(*order).limit(request.size + 1))).all())
    has_more = len(rows) > request.size
    rows = rows[: request.size]
    if request.backward:
        rows.reverse()
    return Page(items=rows, has_more=has_more, total=total or 0)
