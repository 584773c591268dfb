"""Queries behind the GraphQL API: lists with filters and pages, batched lookups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from org.domain import Division, DivisionNotFound, Grid, PartyOrganization, Unit
from org.domain.compliance import GridFacts
from org.domain.geometry import contains
from org.domain.grid_services import MicroPosition, ProxyServiceItem
from org.domain.kinds import GridKind, GridStatus, PartyOrganizationKind, UnitKind
from org.domain.levels import DivisionLevel
from org.domain.standards import StandardConfirmation, StandardItem, StandardStatus
from org.repository import mapping
from org.repository.tables import (
    DivisionRow,
    GridRow,
    GridStandardRow,
    MicroPositionRow,
    PartyOrganizationRow,
    ProxyServiceItemRow,
    UnitRow,
)

T = TypeVar("T")


@dataclass(frozen=True)
class DivisionFilter:
    """Which divisions to list."""

    within: UUID | None = None
    level: DivisionLevel | None = None
    parent_id: UUID | None = None
    code_prefix: str | None = None
    name_contains: str | None = None


@dataclass(frozen=True)
class GridFilter:
    """Which grids to list."""

    within: UUID | None = None
    kind: GridKind | None = None
    status: GridStatus | None = None
    code_prefix: str | None = None
    name_contains: str | None = None


@dataclass(frozen=True)
class PartyOrganizationFilter:
    """Which party organisations to list."""

    within: UUID | None = None
    kind: PartyOrganizationKind | None = None
    parent_id: UUID | None = None
    name_contains: str | None = None


@dataclass(frozen=True)
class UnitFilter:
    """Which units to list."""

    grid_id: UUID | None = None
    kind: UnitKind | None = None
    name_contains: str | None = None


def _in_order(ids: Sequence[UUID], found: dict[UUID, T]) -> list[T | None]:
    return [found.get(i) for i in ids]


class OrgReads:
    """Read-only queries, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    # Divisions

    async def divisions(self, ids: Sequence[UUID]) -> list[Division | None]:
        """Divisions by id, in the order asked (None where unknown)."""
        async with self._sessions() as session:
            rows = await session.scalars(select(DivisionRow).where(DivisionRow.id.in_(ids)))
            return _in_order(ids, {r.id: mapping.division_from_row(r) for r in rows})

    async def division_by_code(self, code: str) -> Division | None:
        """The division with ``code``."""
        async with self._sessions() as session:
            row = await session.scalar(select(DivisionRow).where(DivisionRow.code == code))
            return mapping.division_from_row(row) if row else None

    async def list_divisions(self, where: DivisionFilter, page: PageRequest) -> Page[Division]:
        """A page of divisions in code order."""
        async with self._sessions() as session:
            statement = select(DivisionRow)
            if where.within is not None:
                code = await _code_of(session, where.within)
                statement = statement.where(DivisionRow.code.startswith(code, autoescape=True))
            if where.level is not None:
                statement = statement.where(DivisionRow.level == where.level.value)
            if where.parent_id is not None:
                statement = statement.where(DivisionRow.parent_id == where.parent_id)
            statement = _text_filters(
                statement, DivisionRow, where.code_prefix, where.name_contains
            )
            found = await fetch_page(session, statement, key=[DivisionRow.code], request=page)
            return _mapped(found, mapping.division_from_row)

    async def ancestors(self, division: Division) -> list[Division]:
        """The divisions above ``division``, from the district down."""
        prefixes = [division.code[:n] for n in (6, 9) if n < len(division.code)]
        async with self._sessions() as session:
            rows = await session.scalars(
                select(DivisionRow).where(DivisionRow.code.in_(prefixes)).order_by(DivisionRow.code)
            )
            return [mapping.division_from_row(row) for row in rows]

    # Grids

    async def grids(self, ids: Sequence[UUID]) -> list[Grid | None]:
        """Grids by id (without their parts), in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(GridRow).where(GridRow.id.in_(ids)))
            return _in_order(ids, {r.id: mapping.grid_from_row(r) for r in rows})

    async def grid_by_code(self, code: str) -> Grid | None:
        """The grid with ``code``."""
        async with self._sessions() as session:
            row = await session.scalar(select(GridRow).where(GridRow.code == code))
            return mapping.grid_from_row(row) if row else None

    async def list_grids(self, where: GridFilter, page: PageRequest) -> Page[Grid]:
        """A page of grids in code order."""
        async with self._sessions() as session:
            statement = select(GridRow)
            if where.within is not None:
                code = await _code_of(session, where.within)
                statement = statement.where(GridRow.code.startswith(code, autoescape=True))
            if where.kind is not None:
                statement = statement.where(GridRow.kind == where.kind.value)
            if where.status is not None:
                statement = statement.where(GridRow.status == where.status.value)
            statement = _text_filters(statement, GridRow, where.code_prefix, where.name_contains)
            found = await fetch_page(session, statement, key=[GridRow.code], request=page)
            return _mapped(found, mapping.grid_from_row)

    async def grid_at(self, longitude: float, latitude: float) -> Grid | None:
        """The active grid whose boundary contains the point (bounding boxes pre-filter)."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(GridRow)
                .where(
                    GridRow.status == GridStatus.ACTIVE.value,
                    and_(GridRow.min_lon <= longitude, GridRow.max_lon >= longitude),
                    and_(GridRow.min_lat <= latitude, GridRow.max_lat >= latitude),
                )
                .order_by(GridRow.code)
            )
            for row in rows:
                if row.boundary is not None and contains(row.boundary, longitude, latitude):
                    return mapping.grid_from_row(row)
            return None

    async def standards(
        self, grid_ids: Sequence[UUID]
    ) -> list[dict[StandardItem, StandardConfirmation]]:
        """Each grid's confirmed checklist items."""
        by_grid = await self._children(GridStandardRow, grid_ids)
        return [
            {StandardItem(r.item): mapping.standard_from_row(r) for r in by_grid.get(g, [])}
            for g in grid_ids
        ]

    async def micro_positions(self, grid_ids: Sequence[UUID]) -> list[list[MicroPosition]]:
        """Each grid's micro-positions, by name."""
        by_grid = await self._children(MicroPositionRow, grid_ids)
        return [
            sorted((mapping.micro_position_from_row(r) for r in by_grid.get(g, [])), key=_name)
            for g in grid_ids
        ]

    async def proxy_service_items(self, grid_ids: Sequence[UUID]) -> list[list[ProxyServiceItem]]:
        """Each grid's proxy-service list, by name."""
        by_grid = await self._children(ProxyServiceItemRow, grid_ids)
        return [
            sorted((mapping.proxy_service_item_from_row(r) for r in by_grid.get(g, [])), key=_name)
            for g in grid_ids
        ]

    async def _children(
        self, row_type: type[Any], grid_ids: Sequence[UUID]
    ) -> dict[UUID, list[Any]]:
        async with self._sessions() as session:
            by_grid: dict[UUID, list[Any]] = {}
            for row in await session.scalars(
                select(row_type).where(row_type.grid_id.in_(grid_ids))
            ):
                by_grid.setdefault(row.grid_id, []).append(row)
            return by_grid

    async def compliance_facts(self, division_id: UUID | None) -> list[GridFacts]:
        """What the compliance report needs about every grid in a division's subtree."""
        async with self._sessions() as session:
            statement = select(GridRow).where(GridRow.status == GridStatus.ACTIVE.value)
            if division_id is not None:
                code = await _code_of(session, division_id)
                statement = statement.where(GridRow.code.startswith(code, autoescape=True))
            grids = list(await session.scalars(statement.order_by(GridRow.code)))
            ids = [g.id for g in grids]
            served = set(
                await session.scalars(
                    select(PartyOrganizationRow.grid_id).where(
                        PartyOrganizationRow.grid_id.in_(ids)
                    )
                )
            )
            confirmed: dict[UUID, dict[StandardItem, StandardStatus]] = {}
            for row in await session.scalars(
                select(GridStandardRow).where(GridStandardRow.grid_id.in_(ids))
            ):
                confirmed.setdefault(row.grid_id, {})[StandardItem(row.item)] = StandardStatus(
                    row.status
                )
            positions = await _counts(session, MicroPositionRow, ids)
            items = await _counts(session, ProxyServiceItemRow, ids)
        return [
            GridFacts(
                grid_id=g.id,
                code=g.code,
                name=g.name,
                kind=GridKind(g.kind),
                division_id=g.division_id,
                has_party_organization=g.id in served,
                confirmed=confirmed.get(g.id, {}),
                micro_position_count=positions.get(g.id, 0),
                proxy_service_item_count=items.get(g.id, 0),
            )
            for g in grids
        ]

    # Party organisations

    async def party_organizations(self, ids: Sequence[UUID]) -> list[PartyOrganization | None]:
        """Party organisations by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(PartyOrganizationRow).where(PartyOrganizationRow.id.in_(ids))
            )
            return _in_order(ids, {r.id: mapping.party_organization_from_row(r) for r in rows})

    async def party_organizations_serving(
        self, grid_ids: Sequence[UUID]
    ) -> list[PartyOrganization | None]:
        """The party organisation serving each grid, if any."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(PartyOrganizationRow).where(PartyOrganizationRow.grid_id.in_(grid_ids))
            )
            found = {r.grid_id: mapping.party_organization_from_row(r) for r in rows}
            return [found.get(g) for g in grid_ids]

    async def list_party_organizations(
        self, where: PartyOrganizationFilter, page: PageRequest
    ) -> Page[PartyOrganization]:
        """A page of party organisations by name."""
        async with self._sessions() as session:
            statement = select(PartyOrganizationRow)
            if where.within is not None:
                code = await _code_of(session, where.within)
                inside = select(DivisionRow.id).where(
                    DivisionRow.code.startswith(code, autoescape=True)
                )
                statement = statement.where(PartyOrganizationRow.division_id.in_(inside))
            if where.kind is not None:
                statement = statement.where(PartyOrganizationRow.kind == where.kind.value)
            if where.parent_id is not None:
                statement = statement.where(PartyOrganizationRow.parent_id == where.parent_id)
            if where.name_contains:
                statement = statement.where(
                    PartyOrganizationRow.name.icontains(where.name_contains, autoescape=True)
                )
            found = await fetch_page(
                session,
                statement,
                key=[PartyOrganizationRow.name, PartyOrganizationRow.id],
                request=page,
            )
            return _mapped(found, mapping.party_organization_from_row)

    # Units

    async def units(self, ids: Sequence[UUID]) -> list[Unit | None]:
        """Units by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(UnitRow).where(UnitRow.id.in_(ids)))
            return _in_order(ids, {r.id: mapping.unit_from_row(r) for r in rows})

    async def list_units(self, where: UnitFilter, page: PageRequest) -> Page[Unit]:
        """A page of units by name."""
        async with self._sessions() as session:
            statement = select(UnitRow)
            if where.grid_id is not None:
                statement = statement.where(UnitRow.grid_id == where.grid_id)
            if where.kind is not None:
                statement = statement.where(UnitRow.kind == where.kind.value)
            if where.name_contains:
                statement = statement.where(
                    UnitRow.name.icontains(where.name_contains, autoescape=True)
                )
            found = await fetch_page(
                session, statement, key=[UnitRow.name, UnitRow.id], request=page
            )
            return _mapped(found, mapping.unit_from_row)


async def _code_of(session: AsyncSession, division_id: UUID) -> str:
    code = await session.scalar(select(DivisionRow.code).where(DivisionRow.id == division_id))
    if code is None:
        raise DivisionNotFound.for_id(division_id)
    return code


async def _counts(session: AsyncSession, row_type: type[Any], ids: list[UUID]) -> dict[UUID, int]:
    rows = await session.execute(
        select(row_type.grid_id, func.count())
        .where(row_type.grid_id.in_(ids))
        .group_by(row_type.grid_id)
    )
    return {grid_id: int(count) for grid_id, count in rows}


def _text_filters(
    statement: Select[Any], row_type: type[Any], code_prefix: str | None, name: str | None
) -> Select[Any]:
    if code_prefix:
        statement = statement.where(row_type.code.startswith(code_prefix, autoescape=True))
    if name:
        statement = statement.where(row_type.name.icontains(name, autoescape=True))
    return statement


def _mapped(page: Page[Any], convert: Any) -> Page[Any]:
    return Page(
        items=[convert(row) for row in page.items], has_more=page.has_more, total=page.total
    )


def _name(item: MicroPosition | ProxyServiceItem) -> str:
    return item.name
