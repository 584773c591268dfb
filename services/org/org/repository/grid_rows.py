"""How a grid and its parts map to rows: the grids table and its part tables.

Shared by the repository (commands) and the overview reads (the API's pages).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gridkit.db import Record, enum_reader
from org.domain import Grid
from org.domain.geometry import bounding_box
from org.domain.grid_services import MicroPosition, ProxyServiceItem
from org.domain.kinds import DedicatedTo, GridKind, GridStatus
from org.domain.standards import StandardConfirmation, StandardItem, StandardStatus
from org.repository.tables import GridRow, GridStandardRow, MicroPositionRow, ProxyServiceItemRow

grid_kind = enum_reader(GridKind)
dedicated_to = enum_reader(DedicatedTo)
grid_status = enum_reader(GridStatus)
standard_item = enum_reader(StandardItem)
standard_status = enum_reader(StandardStatus)


def grid_from_row(
    row: GridRow | Record,
    *,
    standards: Iterable[GridStandardRow] = (),
    micro_positions: Iterable[MicroPositionRow] = (),
    proxy_service_items: Iterable[ProxyServiceItemRow] = (),
) -> Grid:
    """The grid stored in ``row`` (a mapped row, or a record with the grid's columns),
    with the part rows given (none: left empty)."""
    return Grid(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        code=row.code,
        name=row.name,
        kind=grid_kind(row.kind),
        dedicated_to=dedicated_to(row.dedicated_to) if row.dedicated_to else None,
        division_id=row.division_id,
        boundary=row.boundary,
        households=row.households,
        residents=row.residents,
        status=grid_status(row.status),
        retired_reason=row.retired_reason,
        standards={standard_item(s.item): standard_from_row(s) for s in standards},
        micro_positions=[micro_position_from_row(m) for m in micro_positions],
        proxy_service_items=[proxy_service_item_from_row(p) for p in proxy_service_items],
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
        item=standard_item(row.item),
        status=standard_status(row.status),
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


def part_rows(grid: Grid) -> list[tuple[type[Any], list[dict[str, Any]]]]:
    """Each part table with the rows that hold ``grid``'s parts of it."""
    return [
        (
            GridStandardRow,
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
        ),
        (
            MicroPositionRow,
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
        ),
        (
            ProxyServiceItemRow,
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
        ),
    ]
