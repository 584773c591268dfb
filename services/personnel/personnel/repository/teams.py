"""Grid teams ("1+1+1+N") in storage: assignments for commands, and the reads behind the API."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.db import Record, records
from gridkit.errors import DomainError
from gridkit.repository import Repository
from personnel.domain.assignment import GridAssignment
from personnel.domain.errors import AssignmentNotFound, AssignmentRoleTaken
from personnel.domain.kinds import GridRole
from personnel.domain.team import GridTeam, StaffingReport, staffing_report
from personnel.repository.org_views import grid_view_from_row
from personnel.repository.people import person_record, serving_on_day
from personnel.repository.tables import ONE_HOLDER_PER_ROLE, AssignmentRow, GridViewRow, PersonRow


def assignment_from_row(row: AssignmentRow | Record) -> GridAssignment:
    """The assignment stored in ``row`` (a mapped row, or a record of its columns)."""
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


class AssignmentRepository(Repository[GridAssignment, AssignmentRow]):
    """Grid assignments, for commands."""

    row_type = AssignmentRow

    def to_domain(self, row: AssignmentRow) -> GridAssignment:
        """The assignment stored in ``row``."""
        return assignment_from_row(row)

    def values(self, assignment: GridAssignment) -> dict[str, Any]:
        """The columns of ``assignment``."""
        return {
            "person_id": assignment.person_id,
            "grid_id": assignment.grid_id,
            "role": assignment.role.value,
            "starts_on": assignment.starts_on,
            "ends_on": assignment.ends_on,
            "end_reason": assignment.end_reason,
        }

    def not_found(self, aggregate_id: UUID) -> AssignmentNotFound:
        """ASSIGNMENT_NOT_FOUND."""
        return AssignmentNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: GridAssignment) -> DomainError | None:
        """ASSIGNMENT_ROLE_TAKEN when another holder of a one-holder role won a race."""
        if constraint != ONE_HOLDER_PER_ROLE:
            return None
        return AssignmentRoleTaken(
            f"The grid already has a {aggregate.role.label} from "
            f"{aggregate.starts_on.isoformat()} on: another assignment was saved at the same "
            "moment; reload the team",
            role=aggregate.role.value,
        )

    async def of_grid(self, grid_id: UUID) -> list[GridAssignment]:
        """Every assignment of a grid, ended ones included, locked while a new one is checked."""
        return await self.load_where(
            select(AssignmentRow).where(AssignmentRow.grid_id == grid_id), lock=True
        )

    async def of_person(self, person_id: UUID) -> list[GridAssignment]:
        """Every assignment of a person, ended ones included, locked for the change."""
        return await self.load_where(
            select(AssignmentRow).where(AssignmentRow.person_id == person_id), lock=True
        )


class TeamReads:
    """Read-only queries of grid teams, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def assignment(self, assignment_id: UUID) -> GridAssignment:
        """One assignment, or ASSIGNMENT_NOT_FOUND."""
        async with self._sessions() as session:
            row = await session.get(AssignmentRow, assignment_id)
        if row is None:
            raise AssignmentNotFound.for_id(assignment_id)
        return assignment_from_row(row)

    async def assignments_of_people(self, person_ids: Sequence[UUID]) -> list[list[GridAssignment]]:
        """Each person's assignments, latest first."""
        return await self._assignments(AssignmentRow.person_id, person_ids)

    async def teams(self, grid_ids: Sequence[UUID], *, on: date) -> list[GridTeam]:
        """Each grid's team on ``on`` with its people, in the order asked (two queries for
        any number of grids; rows, not ORM objects)."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(*AssignmentRow.__table__.columns).where(
                    AssignmentRow.grid_id.in_(grid_ids), serving_on_day(on)
                )
            )
            by_grid: dict[UUID, list[GridAssignment]] = {}
            for row in records(rows):
                by_grid.setdefault(row.grid_id, []).append(assignment_from_row(row))
            person_ids = {a.person_id for team in by_grid.values() for a in team}
            people = {}
            if person_ids:
                found = await session.execute(
                    select(*PersonRow.__table__.columns).where(PersonRow.id.in_(person_ids))
                )
                people = {row.id: person_record(row) for row in records(found)}
        return [GridTeam.on(g, by_grid.get(g, ()), people, on) for g in grid_ids]

    async def staffing(self, code_prefix: str | None, on: date) -> StaffingReport:
        """Team staffing of the active grids under a division code (all without one)."""
        grids_statement = select(GridViewRow)
        if code_prefix:
            grids_statement = grids_statement.where(
                GridViewRow.code.startswith(code_prefix, autoescape=True)
            )
        async with self._sessions() as session:
            grids = [grid_view_from_row(row) for row in await session.scalars(grids_statement)]
            rows = await session.scalars(
                select(AssignmentRow).where(
                    AssignmentRow.grid_id.in_([grid.grid_id for grid in grids])
                )
            )
            assignments = [assignment_from_row(row) for row in rows]
        return staffing_report(grids, assignments, on=on)

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
