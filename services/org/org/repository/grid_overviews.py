"""Grids as the API shows them, read in one statement per page.

One query returns each grid's columns with its division, the party organisation
serving it, its confirmed checklist items (as JSON), whether it has an active
volunteer grid team (an indexed ``EXISTS`` on the volunteers service's team views)
and how many micro-positions and proxy-service items it has, so nothing is asked
again per grid. Rows are
records (named tuples of the result's columns), not ORM objects: building and
tracking ORM instances costs more than the query itself for a page of a hundred
grids, and so does reading columns by name from SQLAlchemy's own rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Select, func, select
from sqlalchemy.sql.elements import ColumnElement

from gridkit.db import Record, enum_reader
from org.domain import Division, PartyOrganization
from org.domain.grid_overview import GridOverview
from org.domain.kinds import PartyOrganizationKind
from org.domain.levels import DivisionLevel
from org.domain.standards import StandardConfirmation, StandardItem
from org.repository.grid_rows import grid_from_row, standard_item, standard_status
from org.repository.tables import (
    DivisionRow,
    GridRow,
    GridStandardRow,
    MicroPositionRow,
    PartyOrganizationRow,
    ProxyServiceItemRow,
)
from org.repository.volunteer_teams import has_volunteer_team

_GRID = [
    GridRow.id,
    GridRow.version,
    GridRow.code,
    GridRow.name,
    GridRow.kind,
    GridRow.dedicated_to,
    GridRow.division_id,
    GridRow.boundary,
    GridRow.households,
    GridRow.residents,
    GridRow.status,
    GridRow.retired_reason,
]


def _labelled(prefix: str, *columns: Any) -> list[ColumnElement[Any]]:
    return [column.label(f"{prefix}{column.key}") for column in columns]


_DIVISION = _labelled(
    "d_",
    DivisionRow.id,
    DivisionRow.version,
    DivisionRow.code,
    DivisionRow.name,
    DivisionRow.level,
    DivisionRow.parent_id,
)
_PARTY_ORGANIZATION = _labelled(
    "p_",
    PartyOrganizationRow.id,
    PartyOrganizationRow.version,
    PartyOrganizationRow.name,
    PartyOrganizationRow.kind,
    PartyOrganizationRow.parent_id,
    PartyOrganizationRow.division_id,
)


def _confirmations() -> ColumnElement[Any]:
    return (
        select(
            func.json_agg(
                func.json_build_array(
                    GridStandardRow.item,
                    GridStandardRow.status,
                    GridStandardRow.evidence,
                    GridStandardRow.confirmed_by,
                    GridStandardRow.confirmed_at,
                ),
                type_=JSON,
            )
        )
        .where(GridStandardRow.grid_id == GridRow.id)
        .scalar_subquery()
        .label("confirmations")
    )


def _count(part: type[MicroPositionRow] | type[ProxyServiceItemRow], label: str) -> Any:
    return select(func.count()).where(part.grid_id == GridRow.id).scalar_subquery().label(label)


division_level = enum_reader(DivisionLevel)
party_organization_kind = enum_reader(PartyOrganizationKind)


@cache
def overview_select() -> Select[Any]:
    """Grids with everything an overview holds; add filters, order and limit.

    Built once: a select is immutable (each filter makes a new one), and building this
    one with its subqueries costs more than SQLAlchemy's compiled-statement cache saves.
    """
    columns: list[Any] = [
        *_GRID,
        *_DIVISION,
        *_PARTY_ORGANIZATION,
        _confirmations(),
        has_volunteer_team(GridRow.id).label("volunteer_team"),
        _count(MicroPositionRow, "micro_positions"),
        _count(ProxyServiceItemRow, "proxy_service_items"),
    ]
    statement: Select[Any] = (
        select(*columns)
        .join(DivisionRow, DivisionRow.id == GridRow.division_id)
        .outerjoin(PartyOrganizationRow, PartyOrganizationRow.grid_id == GridRow.id)
    )
    return statement


def overview_from_row(row: Record) -> GridOverview:
    """The overview one row of :func:`overview_select` holds."""
    return overviews_from_rows([row])[0]


def overviews_from_rows(rows: Sequence[Record]) -> list[GridOverview]:
    """The overviews rows of :func:`overview_select` hold; a division many of them lie in
    is built once (a page of a hundred grids spans a handful of communities)."""
    divisions: dict[Any, Division] = {}
    overviews = []
    for row in rows:
        division = divisions.get(row.d_id)
        if division is None:
            division = divisions[row.d_id] = Division(
                id=row.d_id,
                version=row.d_version,
                persisted_version=row.d_version,
                code=row.d_code,
                name=row.d_name,
                level=division_level(row.d_level),
                parent_id=row.d_parent_id,
            )
        organization = (
            PartyOrganization(
                id=row.p_id,
                version=row.p_version,
                persisted_version=row.p_version,
                name=row.p_name,
                kind=party_organization_kind(row.p_kind),
                parent_id=row.p_parent_id,
                grid_id=row.id,
                division_id=row.p_division_id,
            )
            if row.p_id is not None
            else None
        )
        overviews.append(
            GridOverview(
                grid=grid_from_row(row),
                division=division,
                party_organization=organization,
                confirmations=_confirmations_from(row.confirmations) if row.confirmations else {},
                has_volunteer_team=row.volunteer_team,
                micro_position_count=row.micro_positions,
                proxy_service_item_count=row.proxy_service_items,
            )
        )
    return overviews


def _confirmations_from(
    entries: Sequence[Sequence[Any]],
) -> dict[StandardItem, StandardConfirmation]:
    confirmed = {}
    for item, status, evidence, confirmed_by, confirmed_at in entries:
        standard = standard_item(item)
        confirmed[standard] = StandardConfirmation(
            item=standard,
            status=standard_status(status),
            evidence=evidence,
            confirmed_by=confirmed_by or "",
            # never NULL once confirmed
            confirmed_at=datetime.fromisoformat(confirmed_at),
        )
    return confirmed
