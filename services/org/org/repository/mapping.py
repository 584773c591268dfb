"""Rows to domain objects and back."""

from __future__ import annotations

from typing import Any

from org.domain import Division, Grid, PartyOrganization, Unit
from org.domain.geometry import bounding_box
from org.domain.grid_services import MicroPosition, ProxyServiceItem
from org.domain.kinds import DedicatedTo, GridKind, GridStatus, PartyOrganizationKind, UnitKind
from org.domain.levels import DivisionLevel
from org.domain.standards import StandardConfirmation, StandardItem, StandardStatus
from org.repository.tables import (
    DivisionRow,
    GridRow,
    GridStandardRow,
    MicroPositionRow,
    PartyOrganizationRow,
    ProxyServiceItemRow,
    UnitRow,
)


def division_from_row(row: DivisionRow) -> Division:
    """The division stored in ``row``."""
    return Division(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        code=row.code,
        name=row.name,
        level=DivisionLevel(row.level),
        parent_id=row.parent_id,
    )


def division_values(division: Division) -> dict[str, Any]:
    """Columns of a division besides id and version."""
    return {
        "code": division.code,
        "name": division.name,
        "level": division.level.value,
        "parent_id": division.parent_id,
    }


def grid_from_row(
    row: GridRow,
    *,
    standards: list[GridStandardRow] | None = None,
    micro_positions: list[MicroPositionRow] | None = None,
    proxy_service_items: list[ProxyServiceItemRow] | None = None,
) -> Grid:
    """The grid stored in ``row``, with the child rows given (none: left empty)."""
    return Grid(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        code=row.code,
        name=row.name,
        kind=GridKind(row.kind),
        dedicated_to=DedicatedTo(row.dedicated_to) if row.dedicated_to else None,
        division_id=row.division_id,
        boundary=row.boundary,
        households=row.households,
        residents=row.residents,
        status=GridStatus(row.status),
        retired_reason=row.retired_reason,
        standards={StandardItem(s.item): standard_from_row(s) for s in standards or []},
        micro_positions=[micro_position_from_row(m) for m in micro_positions or []],
        proxy_service_items=[proxy_service_item_from_row(p) for p in proxy_service_items or []],
    )


def grid_values(grid: Grid) -> dict[str, Any]:
    """Columns of a grid besides id and version (with the boundary's bounding box)."""
    box = bounding_box(grid.boundary) if grid.boundary else None
    return {
        "code": grid.code,
        "name": grid.name,
        "kind": grid.kind.value,
        "dedicated_to": grid.dedicated_to.value if grid.dedicated_to else None,
        "division_id": grid.division_id,
        "boundary": grid.boundary,
        "min_lon": box.min_lon if box else None,
        "min_lat": box.min_lat if box else None,
        "max_lon": box.max_lon if box else None,
        "max_lat": box.max_lat if box else None,
        "households": grid.households,
        "residents": grid.residents,
        "status": grid.status.value,
        "retired_reason": grid.retired_reason,
    }


def standard_from_row(row: GridStandardRow) -> StandardConfirmation:
    """One confirmed checklist item."""
    return StandardConfirmation(
        item=StandardItem(row.item),
        status=StandardStatus(row.status),
        evidence=row.evidence,
        confirmed_by=row.confirmed_by or "",
        confirmed_at=row.confirmed_at,  # type: ignore[arg-type]  # never NULL once confirmed
    )


def micro_position_from_row(row: MicroPositionRow) -> MicroPosition:
    """A micro-position of a grid."""
    return MicroPosition(
        id=row.id, name=row.name, address=row.address, opening_hours=row.opening_hours
    )


def proxy_service_item_from_row(row: ProxyServiceItemRow) -> ProxyServiceItem:
    """An item of a grid's proxy-service list."""
    return ProxyServiceItem(
        id=row.id,
        name=row.name,
        description=row.description,
        responsible_department=row.responsible_department,
        time_limit_working_days=row.time_limit_working_days,
    )


def party_organization_from_row(row: PartyOrganizationRow) -> PartyOrganization:
    """The party organisation stored in ``row``."""
    return PartyOrganization(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        name=row.name,
        kind=PartyOrganizationKind(row.kind),
        parent_id=row.parent_id,
        grid_id=row.grid_id,
        division_id=row.division_id,
    )


def party_organization_values(organization: PartyOrganization) -> dict[str, Any]:
    """Columns of a party organisation besides id and version."""
    return {
        "name": organization.name,
        "kind": organization.kind.value,
        "parent_id": organization.parent_id,
        "grid_id": organization.grid_id,
        "division_id": organization.division_id,
    }


def unit_from_row(row: UnitRow) -> Unit:
    """The unit stored in ``row``."""
    return Unit(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        name=row.name,
        kind=UnitKind(row.kind),
        credit_code=row.credit_code,
        grid_id=row.grid_id,
    )


def unit_values(unit: Unit) -> dict[str, Any]:
    """Columns of a unit besides id and version."""
    return {
        "name": unit.name,
        "kind": unit.kind.value,
        "credit_code": unit.credit_code,
        "grid_id": unit.grid_id,
    }
