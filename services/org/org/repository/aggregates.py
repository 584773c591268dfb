"""Repositories: load aggregates for a command and store what it changed.

Every repository works inside the caller's unit of work and tracks what it
hands out, so the events those aggregates raise are committed with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.persistence import store
from gridkit.uow import UnitOfWork
from org.domain import (
    Division,
    DivisionNotFound,
    Grid,
    GridNotFound,
    PartyOrganization,
    PartyOrganizationNotFound,
    Unit,
    UnitNotFound,
)
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

R = TypeVar("R", GridStandardRow, MicroPositionRow, ProxyServiceItemRow)


class _Repository:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def session(self) -> AsyncSession:
        return self._uow.session


class DivisionRepository(_Repository):
    """Divisions of the administrative tree."""

    async def get(self, division_id: UUID, *, lock: bool = False) -> Division:
        """The division, locked for the transaction when ``lock`` (code allocation)."""
        statement = select(DivisionRow).where(DivisionRow.id == division_id)
        if lock:
            statement = statement.with_for_update()
        row = await self.session.scalar(statement)
        if row is None:
            raise DivisionNotFound.for_id(division_id)
        return self._tracked(mapping.division_from_row(row))

    async def child_codes(self, parent_code: str) -> list[str]:
        """Codes already used right below ``parent_code``."""
        length = len(parent_code) + 3
        rows = await self.session.scalars(
            select(DivisionRow.code).where(
                DivisionRow.code.startswith(parent_code, autoescape=True),
                DivisionRow.code != parent_code,
            )
        )
        return [code for code in rows if len(code) == length]

    async def code_exists(self, code: str) -> bool:
        """Whether any division already has ``code``."""
        found = await self.session.scalar(select(DivisionRow.id).where(DivisionRow.code == code))
        return found is not None

    async def below(self, code: str) -> list[Division]:
        """Every division strictly inside the subtree of ``code``, locked for moving."""
        rows = await self.session.scalars(
            select(DivisionRow)
            .where(DivisionRow.code.startswith(code, autoescape=True), DivisionRow.code != code)
            .with_for_update()
        )
        return [self._tracked(mapping.division_from_row(row)) for row in rows]

    async def save(self, *divisions: Division) -> None:
        """Insert new divisions and update changed ones."""
        for division in divisions:
            self._uow.track(division)
            await store(self.session, DivisionRow, division, mapping.division_values(division))

    def _tracked(self, division: Division) -> Division:
        self._uow.track(division)
        return division


class GridRepository(_Repository):
    """Grids with their checklist, micro-positions and proxy-service list."""

    async def get(self, grid_id: UUID) -> Grid:
        """The grid with everything it owns, locked for the transaction."""
        row = await self.session.scalar(
            select(GridRow).where(GridRow.id == grid_id).with_for_update()
        )
        if row is None:
            raise GridNotFound.for_id(grid_id)
        return (await self._complete([row]))[0]

    async def in_subtree(self, code: str) -> list[Grid]:
        """Every grid whose code lies under division ``code``, locked for re-coding."""
        rows = list(
            await self.session.scalars(
                select(GridRow)
                .where(GridRow.code.startswith(code, autoescape=True))
                .with_for_update()
            )
        )
        return await self._complete(rows)

    async def codes_in(self, community_code: str) -> list[str]:
        """Grid codes already used in a community (retired grids included)."""
        rows = await self.session.scalars(
            select(GridRow.code).where(GridRow.code.startswith(community_code, autoescape=True))
        )
        return list(rows)

    async def save(self, *grids: Grid) -> None:
        """Insert or update grids and rewrite the parts they own."""
        for grid in grids:
            self._uow.track(grid)
            if await store(self.session, GridRow, grid, mapping.grid_values(grid)):
                await self._write_children(grid)

    async def _complete(self, rows: Sequence[GridRow]) -> list[Grid]:
        ids = [row.id for row in rows]
        standards = await self._children(GridStandardRow, ids)
        positions = await self._children(MicroPositionRow, ids)
        items = await self._children(ProxyServiceItemRow, ids)
        grids = [
            mapping.grid_from_row(
                row,
                standards=standards.get(row.id, []),
                micro_positions=positions.get(row.id, []),
                proxy_service_items=items.get(row.id, []),
            )
            for row in rows
        ]
        for grid in grids:
            self._uow.track(grid)
        return grids

    async def _children(self, row_type: type[R], grid_ids: list[UUID]) -> dict[UUID, list[R]]:
        by_grid: dict[UUID, list[R]] = {}
        for child in await self.session.scalars(
            select(row_type).where(row_type.grid_id.in_(grid_ids))
        ):
            by_grid.setdefault(child.grid_id, []).append(child)
        return by_grid

    async def _write_children(self, grid: Grid) -> None:
        # The parts are few per grid: rewriting them keeps storage exactly what the domain holds.
        for table in (GridStandardRow, MicroPositionRow, ProxyServiceItemRow):
            await self.session.execute(delete(table).where(table.grid_id == grid.id))
        if grid.standards:
            await self.session.execute(
                insert(GridStandardRow),
                [
                    {
                        "grid_id": grid.id,
                        "item": s.item.value,
                        "status": s.status.value,
                        "evidence": s.evidence,
                        "confirmed_by": s.confirmed_by,
                        "confirmed_at": s.confirmed_at,
                    }
                    for s in grid.standards.values()
                ],
            )
        if grid.micro_positions:
            await self.session.execute(
                insert(MicroPositionRow),
                [
                    {
                        "id": p.id,
                        "grid_id": grid.id,
                        "name": p.name,
                        "address": p.address,
                        "opening_hours": p.opening_hours,
                    }
                    for p in grid.micro_positions
                ],
            )
        if grid.proxy_service_items:
            await self.session.execute(
                insert(ProxyServiceItemRow),
                [
                    {
                        "id": i.id,
                        "grid_id": grid.id,
                        "name": i.name,
                        "description": i.description,
                        "responsible_department": i.responsible_department,
                        "time_limit_working_days": i.time_limit_working_days,
                    }
                    for i in grid.proxy_service_items
                ],
            )


class PartyOrganizationRepository(_Repository):
    """Party committees, general branches, branches and groups."""

    async def get(self, organization_id: UUID) -> PartyOrganization:
        """The party organisation."""
        row = await self.session.get(PartyOrganizationRow, organization_id)
        if row is None:
            raise PartyOrganizationNotFound.for_id(organization_id)
        return self._tracked(mapping.party_organization_from_row(row))

    async def serving(self, grid_id: UUID) -> PartyOrganization | None:
        """The party organisation that serves ``grid_id``, if any."""
        row = await self.session.scalar(
            select(PartyOrganizationRow).where(PartyOrganizationRow.grid_id == grid_id)
        )
        return mapping.party_organization_from_row(row) if row else None

    async def ancestor_ids(self, organization_id: UUID) -> list[UUID]:
        """Ids above ``organization_id``, nearest first (the tree is a few levels deep)."""
        ids: list[UUID] = []
        current: UUID | None = organization_id
        while current is not None and current not in ids:
            parent = await self.session.scalar(
                select(PartyOrganizationRow.parent_id).where(PartyOrganizationRow.id == current)
            )
            if parent is not None:
                ids.append(parent)
            current = parent
        return ids

    async def save(self, organization: PartyOrganization) -> None:
        """Insert or update a party organisation."""
        self._uow.track(organization)
        await store(
            self.session,
            PartyOrganizationRow,
            organization,
            mapping.party_organization_values(organization),
        )

    def _tracked(self, organization: PartyOrganization) -> PartyOrganization:
        self._uow.track(organization)
        return organization


class UnitRepository(_Repository):
    """Units registered in dedicated grids."""

    async def get(self, unit_id: UUID) -> Unit:
        """The unit."""
        row = await self.session.get(UnitRow, unit_id)
        if row is None:
            raise UnitNotFound.for_id(unit_id)
        unit = mapping.unit_from_row(row)
        self._uow.track(unit)
        return unit

    async def with_credit_code(self, credit_code: str) -> Unit | None:
        """The unit registered under ``credit_code``, if any."""
        row = await self.session.scalar(select(UnitRow).where(UnitRow.credit_code == credit_code))
        return mapping.unit_from_row(row) if row else None

    async def save(self, unit: Unit) -> None:
        """Insert or update a unit."""
        self._uow.track(unit)
        await store(self.session, UnitRow, unit, mapping.unit_values(unit))
