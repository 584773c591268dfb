"""What the database already holds, loaded once before a run so the plan can be matched to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from org.domain import DepartmentStatus, GridStatus
from org.repository.tables import (
    DepartmentRow,
    DivisionRow,
    GridRow,
    GridStandardRow,
    MicroPositionRow,
    PartyOrganizationRow,
    ProxyServiceItemRow,
    UnitRow,
)


@dataclass
class Known:
    """What the database already holds, by the keys the plan is matched on."""

    division_ids: dict[str, UUID] = field(default_factory=dict)
    grid_ids: dict[tuple[UUID, str], UUID] = field(default_factory=dict)
    retired_grids: set[UUID] = field(default_factory=set)
    party_organizations: dict[tuple[UUID, str], UUID] = field(default_factory=dict)
    served_grids: set[UUID] = field(default_factory=set)
    credit_codes: set[str] = field(default_factory=set)
    micro_positions: set[tuple[UUID, str]] = field(default_factory=set)
    proxy_service_items: set[tuple[UUID, str]] = field(default_factory=set)
    standards: set[tuple[UUID, str]] = field(default_factory=set)
    departments: dict[tuple[UUID, str], UUID] = field(default_factory=dict)
    dissolved_departments: set[UUID] = field(default_factory=set)


async def load_known(session: AsyncSession, district_code: str) -> Known:
    """The divisions under ``district_code``, and every grid, party organisation, unit and
    department.

    Divisions are keyed by code, grids and party organisations by division and name, units by
    credit code; micro-positions, proxy-service items and confirmations by grid and casefolded
    name or item; departments by division and name (an active one before a dissolved one).
    """
    known = Known()
    in_district = DivisionRow.code.startswith(district_code, autoescape=True)
    for division_id, code in await session.execute(
        select(DivisionRow.id, DivisionRow.code).where(in_district)
    ):
        known.division_ids[code] = division_id
    for grid_id, division_id, name, status in await session.execute(
        select(GridRow.id, GridRow.division_id, GridRow.name, GridRow.status)
    ):
        known.grid_ids[division_id, name] = grid_id
        if status == GridStatus.RETIRED.value:
            known.retired_grids.add(grid_id)
    for organization_id, division_id, name, served_grid_id in await session.execute(
        select(
            PartyOrganizationRow.id,
            PartyOrganizationRow.division_id,
            PartyOrganizationRow.name,
            PartyOrganizationRow.grid_id,
        )
    ):
        known.party_organizations[division_id, name] = organization_id
        if served_grid_id is not None:
            known.served_grids.add(served_grid_id)
    known.credit_codes.update(await session.scalars(select(UnitRow.credit_code)))
    for grid_id, name in await session.execute(
        select(MicroPositionRow.grid_id, MicroPositionRow.name)
    ):
        known.micro_positions.add((grid_id, name.casefold()))
    for grid_id, name in await session.execute(
        select(ProxyServiceItemRow.grid_id, ProxyServiceItemRow.name)
    ):
        known.proxy_service_items.add((grid_id, name.casefold()))
    for grid_id, item in await session.execute(
        select(GridStandardRow.grid_id, GridStandardRow.item)
    ):
        known.standards.add((grid_id, item.casefold()))
    for department_id, division_id, name, status in await session.execute(
        select(
            DepartmentRow.id, DepartmentRow.division_id, DepartmentRow.name, DepartmentRow.status
        ).order_by(DepartmentRow.status.desc())  # DISSOLVED first, so ACTIVE ones win the key
    ):
        known.departments[division_id, name] = department_id
        if status != DepartmentStatus.ACTIVE.value:
            known.dissolved_departments.add(department_id)
    return known
