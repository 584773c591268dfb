"""Memberships, grid assignments and the grid view, for commands."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import delete, insert, select

from gridkit.persistence import store
from gridkit.uow import UnitOfWork
from personnel.domain.assignment import GridAssignment
from personnel.domain.errors import AssignmentNotFound
from personnel.domain.grid_view import GridView
from personnel.domain.kinds import GridRole, GridStatus, MembershipStatus
from personnel.domain.membership import MembershipStep, PartyMembership
from personnel.repository.tables import (
    AssignmentRow,
    GridViewRow,
    MembershipRow,
    MembershipStepRow,
)


def grid_view_from_row(row: GridViewRow) -> GridView:
    """The local view of one org grid."""
    return GridView(
        grid_id=row.id,
        code=row.code,
        name=row.name,
        status=GridStatus(row.status),
        division_id=row.division_id,
    )


def assignment_from_row(row: AssignmentRow) -> GridAssignment:
    """A stored grid assignment."""
    return GridAssignment(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        person_id=row.person_id,
        grid_id=row.grid_id,
        role=GridRole(row.role),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        end_reason=row.end_reason,
    )


class TeamRepository:
    """Grid views and assignments."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def grid(self, grid_id: UUID) -> GridView | None:
        """The local view of a grid, if org ever announced it."""
        row = await self._uow.session.get(GridViewRow, grid_id)
        return grid_view_from_row(row) if row else None

    async def team(self, grid_id: UUID) -> list[GridAssignment]:
        """Every assignment of a grid, ended ones included, locked while a new one is checked."""
        rows = await self._uow.session.scalars(
            select(AssignmentRow).where(AssignmentRow.grid_id == grid_id).with_for_update()
        )
        return [assignment_from_row(row) for row in rows]

    async def assignment(self, assignment_id: UUID) -> GridAssignment:
        """One assignment, or ASSIGNMENT_NOT_FOUND."""
        row = await self._uow.session.get(AssignmentRow, assignment_id)
        if row is None:
            raise AssignmentNotFound.for_id(assignment_id)
        assignment = assignment_from_row(row)
        self._uow.track(assignment)
        return assignment

    async def save(self, assignment: GridAssignment) -> None:
        """Insert or update an assignment."""
        self._uow.track(assignment)
        await store(
            self._uow.session,
            AssignmentRow,
            assignment,
            {
                "person_id": assignment.person_id,
                "grid_id": assignment.grid_id,
                "role": assignment.role.value,
                "starts_on": assignment.starts_on,
                "ends_on": assignment.ends_on,
                "end_reason": assignment.end_reason,
            },
        )


class MembershipRepository:
    """Party memberships with their history."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def of_person(self, person_id: UUID) -> PartyMembership | None:
        """The person's membership record, if any."""
        session = self._uow.session
        row = await session.scalar(
            select(MembershipRow).where(MembershipRow.person_id == person_id).with_for_update()
        )
        if row is None:
            return None
        steps = await session.scalars(
            select(MembershipStepRow)
            .where(MembershipStepRow.membership_id == row.id)
            .order_by(MembershipStepRow.position)
        )
        membership = PartyMembership(
            id=row.id,
            version=row.version,
            persisted_version=row.version,
            person_id=row.person_id,
            status=MembershipStatus(row.status),
            party_organization_id=row.party_organization_id,
            steps=[
                MembershipStep(
                    status=MembershipStatus(s.status),
                    on=s.on,
                    note=s.note,
                    probation_until=s.probation_until,
                )
                for s in steps
            ],
        )
        self._uow.track(membership)
        return membership

    async def save(self, membership: PartyMembership) -> None:
        """Insert or update a membership and rewrite its history."""
        self._uow.track(membership)
        written = await store(
            self._uow.session,
            MembershipRow,
            membership,
            {
                "person_id": membership.person_id,
                "status": membership.status.value,
                "party_organization_id": membership.party_organization_id,
            },
        )
        if written:
            session = self._uow.session
            await session.execute(
                delete(MembershipStepRow).where(MembershipStepRow.membership_id == membership.id)
            )
            await session.execute(
                insert(MembershipStepRow),
                [
                    {
                        "membership_id": membership.id,
                        "position": position,
                        "status": step.status.value,
                        "on": step.on,
                        "note": step.note,
                        "probation_until": step.probation_until,
                    }
                    for position, step in enumerate(membership.steps)
                ],
            )
