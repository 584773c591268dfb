"""Queries behind the personnel GraphQL API."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from personnel.domain.assignment import GridAssignment
from personnel.domain.grid_view import GridView
from personnel.domain.kinds import GridRole, MembershipStatus
from personnel.domain.team import StaffingReport, staffing_report
from personnel.repository.tables import (
    AssignmentRow,
    GridViewRow,
    MembershipRow,
    MembershipStepRow,
    PersonRow,
)
from personnel.repository.teams import assignment_from_row, grid_view_from_row


@dataclass(frozen=True)
class PersonFilter:
    """Which people to list."""

    division_code: str | None = None
    grid_id: UUID | None = None
    role: GridRole | None = None
    membership_status: MembershipStatus | None = None
    name_prefix: str | None = None


class PersonnelReads:
    """Read-only queries, each in its own short transaction; personal numbers stay masked."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def people(self, ids: Sequence[UUID]) -> list[PersonRow | None]:
        """People by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(PersonRow).where(PersonRow.id.in_(ids)))
            found = {row.id: row for row in rows}
            return [found.get(i) for i in ids]

    async def list_people(self, where: PersonFilter, page: PageRequest) -> Page[PersonRow]:
        """A page of people by name."""
        async with self._sessions() as session:
            statement = select(PersonRow)
            if where.division_code:
                statement = statement.where(
                    PersonRow.division_code.startswith(where.division_code, autoescape=True)
                )
            if where.name_prefix:
                statement = statement.where(
                    PersonRow.name.startswith(where.name_prefix, autoescape=True)
                )
            if where.grid_id is not None or where.role is not None:
                serving = select(AssignmentRow.person_id).where(AssignmentRow.ends_on.is_(None))
                if where.grid_id is not None:
                    serving = serving.where(AssignmentRow.grid_id == where.grid_id)
                if where.role is not None:
                    serving = serving.where(AssignmentRow.role == where.role.value)
                statement = statement.where(PersonRow.id.in_(serving))
            if where.membership_status is not None:
                statement = statement.where(
                    PersonRow.id.in_(
                        select(MembershipRow.person_id).where(
                            MembershipRow.status == where.membership_status.value
                        )
                    )
                )
            found = await fetch_page(
                session, statement, key=[PersonRow.name, PersonRow.id], request=page
            )
            return Page(items=list(found.items), has_more=found.has_more, total=found.total)

    async def members_page(
        self, organization_id: UUID, page: PageRequest, *, members_only: bool
    ) -> Page[PersonRow]:
        """A page of the people whose membership a party organisation holds, by name."""
        async with self._sessions() as session:
            held = select(MembershipRow.person_id).where(
                MembershipRow.party_organization_id == organization_id
            )
            if members_only:
                held = held.where(
                    MembershipRow.status.in_([s.value for s in MembershipStatus if s.is_member])
                )
            statement = select(PersonRow).where(PersonRow.id.in_(held))
            found = await fetch_page(
                session, statement, key=[PersonRow.name, PersonRow.id], request=page
            )
            return Page(items=list(found.items), has_more=found.has_more, total=found.total)

    async def memberships(self, person_ids: Sequence[UUID]) -> list[MembershipRow | None]:
        """Each person's membership record, if any."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(MembershipRow).where(MembershipRow.person_id.in_(person_ids))
            )
            found = {row.person_id: row for row in rows}
            return [found.get(i) for i in person_ids]

    async def membership_steps(
        self, membership_ids: Sequence[UUID]
    ) -> list[list[MembershipStepRow]]:
        """Each membership's history, oldest first."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(MembershipStepRow)
                .where(MembershipStepRow.membership_id.in_(membership_ids))
                .order_by(MembershipStepRow.position)
            )
            by_membership: dict[UUID, list[MembershipStepRow]] = {}
            for row in rows:
                by_membership.setdefault(row.membership_id, []).append(row)
            return [by_membership.get(i, []) for i in membership_ids]

    async def assignments_of_people(self, person_ids: Sequence[UUID]) -> list[list[GridAssignment]]:
        """Each person's assignments, latest first."""
        return await self._assignments(AssignmentRow.person_id, person_ids)

    async def assignments_of_grids(self, grid_ids: Sequence[UUID]) -> list[list[GridAssignment]]:
        """Each grid's assignments, latest first."""
        return await self._assignments(AssignmentRow.grid_id, grid_ids)

    async def _assignments(self, column: Any, keys: Sequence[UUID]) -> list[list[GridAssignment]]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(AssignmentRow)
                .where(column.in_(keys))
                .order_by(AssignmentRow.starts_on.desc(), AssignmentRow.role)
            )
            grouped: dict[UUID, list[GridAssignment]] = {}
            for row in rows:
                key = row.person_id if column is AssignmentRow.person_id else row.grid_id
                grouped.setdefault(key, []).append(assignment_from_row(row))
            return [grouped.get(k, []) for k in keys]

    async def grid_views(self, grid_ids: Sequence[UUID]) -> list[GridView | None]:
        """The local view of each grid."""
        async with self._sessions() as session:
            rows = await session.scalars(select(GridViewRow).where(GridViewRow.id.in_(grid_ids)))
            found = {row.id: grid_view_from_row(row) for row in rows}
            return [found.get(i) for i in grid_ids]

    async def staffing(self, code_prefix: str | None, on: date) -> StaffingReport:
        """Team staffing of the active grids under a division code (all without one)."""
        async with self._sessions() as session:
            grids_statement = select(GridViewRow)
            if code_prefix:
                grids_statement = grids_statement.where(
                    GridViewRow.code.startswith(code_prefix, autoescape=True)
                )
            grids = [grid_view_from_row(row) for row in await session.scalars(grids_statement)]
            ids = [grid.grid_id for grid in grids]
            assignments = [
                assignment_from_row(row)
                for row in await session.scalars(
                    select(AssignmentRow).where(AssignmentRow.grid_id.in_(ids))
                )
            ]
        return staffing_report(grids, assignments, on=on)
