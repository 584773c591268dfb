"""What the standards compliance report (达标情况) reads: the facts of every active grid."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from org.domain.compliance import GridFacts
from org.domain.kinds import GridKind, GridStatus
from org.domain.standards import StandardItem, StandardStatus
from org.repository.divisions import code_of
from org.repository.tables import (
    GridRow,
    GridStandardRow,
    MicroPositionRow,
    PartyOrganizationRow,
    ProxyServiceItemRow,
)
from org.repository.volunteer_teams import grids_with_volunteer_team


class ComplianceReads:
    """The report's one query set, in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def compliance_facts(self, division_id: UUID | None) -> list[GridFacts]:
        """What the compliance report needs about every grid in a division's subtree."""
        async with self._sessions() as session:
            statement = select(GridRow).where(GridRow.status == GridStatus.ACTIVE.value)
            if division_id is not None:
                code = await code_of(session, division_id)
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
            teamed = await grids_with_volunteer_team(session, ids)
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
                has_volunteer_team=g.id in teamed,
                micro_position_count=positions.get(g.id, 0),
                proxy_service_item_count=items.get(g.id, 0),
            )
            for g in grids
        ]


async def _counts(session: AsyncSession, row_type: type[Any], ids: list[UUID]) -> dict[UUID, int]:
    rows = await session.execute(
        select(row_type.grid_id, func.count())
        .where(row_type.grid_id.in_(ids))
        .group_by(row_type.grid_id)
    )
    return {grid_id: int(count) for grid_id, count in rows}
