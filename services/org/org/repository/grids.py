"""Grids (网格) in storage, with the parts they own: the checklist, micro-positions, services.

A grid's parts live in tables of their own. The repository loads them with the
grid (one query per part table for any number of grids) and rewrites them when
the grid changes; the reads load each part on its own, for the DataLoaders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import and_, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.db import records
from gridkit.errors import DomainError, NotFound
from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from gridkit.repository import Repository
from org.domain import Grid, GridCodeTaken, GridNotFound
from org.domain.geometry import contains
from org.domain.grid_overview import GridOverview
from org.domain.grid_services import MicroPosition, ProxyServiceItem
from org.domain.kinds import GridKind, GridStatus
from org.repository.divisions import code_of
from org.repository.grid_overviews import overview_from_row, overview_select, overviews_from_rows
from org.repository.grid_rows import (
    grid_from_row,
    grid_values,
    micro_position_from_row,
    part_rows,
    proxy_service_item_from_row,
)
from org.repository.tables import GridRow, GridStandardRow, MicroPositionRow, ProxyServiceItemRow

Part = TypeVar("Part", GridStandardRow, MicroPositionRow, ProxyServiceItemRow)


async def parts_of(
    session: AsyncSession, row_type: type[Part], grid_ids: Sequence[UUID]
) -> dict[UUID, list[Part]]:
    """The rows of one part table for each of ``grid_ids``, in one query."""
    by_grid: dict[UUID, list[Part]] = {}
    for part in await session.scalars(select(row_type).where(row_type.grid_id.in_(grid_ids))):
        by_grid.setdefault(part.grid_id, []).append(part)
    return by_grid


def grid_key(overview: GridOverview) -> list[str]:
    """The cursor key of a grid in :meth:`GridReads.list_grids` (code order)."""
    return [overview.grid.code]


class GridRepository(Repository[Grid, GridRow]):
    """Grids with their checklist, micro-positions and proxy-service list, for commands."""

    row_type = GridRow

    def to_domain(self, row: GridRow) -> Grid:
        """Never a grid alone: :meth:`to_domain_many` loads it with its parts.

        A grid built from its row only and then saved would lose its parts.
        """
        raise TypeError(f"grid {row.id} loads with its parts: use to_domain_many")

    async def to_domain_many(self, rows: Sequence[GridRow]) -> list[Grid]:
        """The grids stored in ``rows`` with their parts, one query per part table."""
        ids = [row.id for row in rows]
        standards = await parts_of(self.session, GridStandardRow, ids)
        positions = await parts_of(self.session, MicroPositionRow, ids)
        items = await parts_of(self.session, ProxyServiceItemRow, ids)
        return [
            grid_from_row(
                row,
                standards=standards.get(row.id, []),
                micro_positions=positions.get(row.id, []),
                proxy_service_items=items.get(row.id, []),
            )
            for row in rows
        ]

    def values(self, aggregate: Grid) -> dict[str, Any]:
        """Columns of a grid besides id and version."""
        return grid_values(aggregate)

    async def write_parts(self, aggregate: Grid) -> None:
        """Rewrite the grid's parts: few per grid, so storage holds exactly what the domain does."""
        for table, rows in part_rows(aggregate):
            await self.session.execute(delete(table).where(table.grid_id == aggregate.id))
            if rows:
                await self.session.execute(insert(table), rows)

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """GRID_NOT_FOUND."""
        return GridNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: Grid) -> DomainError | None:
        """A code another grid took at the same moment: GRID_CODE_TAKEN."""
        if constraint == "uq_grids_code":
            return GridCodeTaken(
                f"Grid code {aggregate.code} is already in use", code=aggregate.code
            )
        return None

    async def in_subtree(self, code: str) -> list[Grid]:
        """Every grid whose code lies under division ``code``, locked for re-coding."""
        return await self.load_where(
            select(GridRow).where(GridRow.code.startswith(code, autoescape=True)), lock=True
        )

    async def codes_in(self, community_code: str) -> list[str]:
        """Grid codes already used in a community (retired grids included)."""
        rows = await self.session.scalars(
            select(GridRow.code).where(GridRow.code.startswith(community_code, autoescape=True))
        )
        return list(rows)


@dataclass(frozen=True)
class GridFilter:
    """Which grids to list."""

    within: UUID | None = None
    kind: GridKind | None = None
    status: GridStatus | None = None
    code_prefix: str | None = None
    name_contains: str | None = None


class GridReads:
    """Read-only queries of grids and their parts, each in its own short transaction.

    Grids come as overviews (with their division, party organisation and checklist facts,
    one query per page); the parts' lists are read per grid, for the DataLoaders.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def grids(self, ids: Sequence[UUID]) -> list[GridOverview | None]:
        """Grids by id, in the order asked (one query for any number)."""
        async with self._sessions() as session:
            rows = records(await session.execute(overview_select().where(GridRow.id.in_(ids))))
            found = {o.grid.id: o for o in overviews_from_rows(rows)}
            return [found.get(i) for i in ids]

    async def grid_by_code(self, code: str) -> GridOverview | None:
        """The grid with ``code``."""
        async with self._sessions() as session:
            rows = records(await session.execute(overview_select().where(GridRow.code == code)))
            return overview_from_row(rows[0]) if rows else None

    async def list_grids(self, where: GridFilter, page: PageRequest) -> Page[GridOverview]:
        """A page of grids in code order, each with what an overview holds (one query)."""
        async with self._sessions() as session:
            statement = overview_select()
            if where.within is not None:
                code = await code_of(session, where.within)
                statement = statement.where(GridRow.code.startswith(code, autoescape=True))
            if where.kind is not None:
                statement = statement.where(GridRow.kind == where.kind.value)
            if where.status is not None:
                statement = statement.where(GridRow.status == where.status.value)
            if where.code_prefix:
                statement = statement.where(
                    GridRow.code.startswith(where.code_prefix, autoescape=True)
                )
            if where.name_contains:
                statement = statement.where(
                    GridRow.name.icontains(where.name_contains, autoescape=True)
                )
            found = await fetch_page(
                session, statement, key=[GridRow.code], request=page, rows=True
            )
            return replace(found, items=overviews_from_rows(found.items))

    async def grid_at(self, longitude: float, latitude: float) -> GridOverview | None:
        """The active grid whose boundary contains the point (bounding boxes pre-filter)."""
        async with self._sessions() as session:
            rows = await session.execute(
                overview_select()
                .where(
                    GridRow.status == GridStatus.ACTIVE.value,
                    and_(GridRow.min_lon <= longitude, GridRow.max_lon >= longitude),
                    and_(GridRow.min_lat <= latitude, GridRow.max_lat >= latitude),
                )
                .order_by(GridRow.code)
            )
            for row in records(rows):
                if row.boundary is not None and contains(row.boundary, longitude, latitude):
                    return overview_from_row(row)
            return None

    async def micro_positions(self, grid_ids: Sequence[UUID]) -> list[list[MicroPosition]]:
        """Each grid's micro-positions, by name."""
        async with self._sessions() as session:
            by_grid = await parts_of(session, MicroPositionRow, grid_ids)
        return [
            sorted((micro_position_from_row(r) for r in by_grid.get(g, [])), key=_name)
            for g in grid_ids
        ]

    async def proxy_service_items(self, grid_ids: Sequence[UUID]) -> list[list[ProxyServiceItem]]:
        """Each grid's proxy-service list, by name."""
        async with self._sessions() as session:
            by_grid = await parts_of(session, ProxyServiceItemRow, grid_ids)
        return [
            sorted((proxy_service_item_from_row(r) for r in by_grid.get(g, [])), key=_name)
            for g in grid_ids
        ]


def _name(part: MicroPosition | ProxyServiceItem) -> str:
    return part.name
