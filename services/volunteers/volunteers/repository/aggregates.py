"""The repositories of volunteers' four aggregates: teams, volunteers, activities, records.

Each stores its aggregate as a document beside the columns its queries and constraints read
(:class:`gridkit.documents.DocumentRepository`), and names in the domain's words the rules the
database holds: one team per grid, one registration per person, one record per sign-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from gridkit.documents import AggregateDocuments, DocumentRepository
from gridkit.errors import DomainError, NotFound
from volunteers.domain.activity import Activity
from volunteers.domain.errors import (
    ActivityNotFound,
    RecordAlreadyExists,
    ServiceRecordNotFound,
    TeamNotFound,
    VolunteerAlreadyRegistered,
    VolunteerNotFound,
)
from volunteers.domain.kinds import ACTIVE_SIGNUP_STATUSES
from volunteers.domain.service_record import ServiceRecord
from volunteers.domain.shift import Commitment
from volunteers.domain.team import VolunteerTeam
from volunteers.domain.volunteer import Volunteer
from volunteers.repository.tables import (
    VOLUNTEER_NUMBERS,
    ActivityRow,
    ServiceRecordRow,
    SignupRow,
    TeamRow,
    VolunteerRow,
)


class TeamRepository(DocumentRepository[VolunteerTeam]):
    """Volunteer teams, one per grid held by a unique index."""

    row_type = TeamRow
    documents = AggregateDocuments(VolunteerTeam)

    def columns(self, aggregate: VolunteerTeam) -> Mapping[str, Any]:
        """Kind, name and grid: the grid team's uniqueness and the lookups."""
        return {"kind": aggregate.kind.value, "name": aggregate.name, "grid_id": aggregate.grid_id}

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """TEAM_NOT_FOUND."""
        return TeamNotFound.for_id(aggregate_id)

    async def of_grid(self, grid_id: UUID, *, lock: bool = False) -> VolunteerTeam | None:
        """The grid's own team, if it has been made."""
        statement = select(TeamRow).where(TeamRow.grid_id == grid_id, TeamRow.kind == "GRID")
        found = await self.load_where(statement, lock=lock)
        return found[0] if found else None


class VolunteerRepository(DocumentRepository[Volunteer]):
    """Registered volunteers, one per person held by a unique ``person_id``."""

    row_type = VolunteerRow
    documents = AggregateDocuments(Volunteer)

    def columns(self, aggregate: Volunteer) -> Mapping[str, Any]:
        """Person, number and status."""
        return {
            "person_id": aggregate.person_id,
            "number": str(aggregate.number),
            "status": aggregate.status.value,
        }

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """VOLUNTEER_NOT_FOUND."""
        return VolunteerNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: Volunteer) -> DomainError | None:
        """A second registration of the same person."""
        if constraint == "uq_volunteers_person_id":
            return VolunteerAlreadyRegistered(
                f"Person {aggregate.person_id} is registered as a volunteer already",
                person_id=str(aggregate.person_id),
            )
        return None

    async def of_person(self, person_id: UUID, *, lock: bool = False) -> Volunteer | None:
        """The person's registration, if they registered."""
        statement = select(VolunteerRow).where(VolunteerRow.person_id == person_id)
        found = await self.load_where(statement, lock=lock)
        return found[0] if found else None

    async def next_sequence(self) -> int:
        """The next volunteer number's sequence part."""
        result = await self.session.execute(select(VOLUNTEER_NUMBERS.next_value()))
        return int(result.scalar_one())


class ActivityRepository(DocumentRepository[Activity]):
    """Activities with their shifts and sign-ups; the sign-ups repeated narrowly in ``signups``."""

    row_type = ActivityRow
    documents = AggregateDocuments(Activity)

    def columns(self, aggregate: Activity) -> Mapping[str, Any]:
        """Status, grid, case, team, organiser and times."""
        return {
            "status": aggregate.status.value,
            "grid_id": aggregate.grid_id,
            "case_id": aggregate.case_id,
            "team_id": aggregate.team_id,
            "organiser_id": aggregate.organiser_id,
            "starts_at": aggregate.starts_at,
            "ends_at": aggregate.ends_at,
        }

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """ACTIVITY_NOT_FOUND."""
        return ActivityNotFound.for_id(aggregate_id)

    async def write_parts(self, aggregate: Activity) -> None:
        """Repeat the activity's sign-ups in ``signups`` (replaced whole: a few hundred at most)."""
        await self.session.execute(delete(SignupRow).where(SignupRow.activity_id == aggregate.id))
        rows = [
            {
                "id": signup.id,
                "activity_id": aggregate.id,
                "shift_id": shift.id,
                "volunteer_id": signup.volunteer_id,
                "person_id": signup.person_id,
                "status": signup.status.value,
                "starts_at": shift.starts_at,
                "ends_at": shift.ends_at,
            }
            for shift in aggregate.shifts
            for signup in shift.signups
        ]
        if rows:
            await self.session.execute(pg_insert(SignupRow).values(rows))

    async def commitments(
        self, volunteer_id: UUID, *, starts_at: datetime, ends_at: datetime, besides: UUID
    ) -> list[Commitment]:
        """The volunteer's active sign-ups in other activities overlapping the time given."""
        statement = (
            select(
                SignupRow.id,
                SignupRow.activity_id,
                SignupRow.shift_id,
                SignupRow.starts_at,
                SignupRow.ends_at,
            )
            .where(
                SignupRow.volunteer_id == volunteer_id,
                SignupRow.activity_id != besides,
                SignupRow.status.in_([status.value for status in ACTIVE_SIGNUP_STATUSES]),
                SignupRow.starts_at < ends_at,
                SignupRow.ends_at > starts_at,
            )
            .order_by(SignupRow.starts_at)
        )
        rows = (await self.session.execute(statement)).all()
        return [
            Commitment(
                signup_id=row.id,
                activity_id=row.activity_id,
                shift_id=row.shift_id,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
            )
            for row in rows
        ]

    async def finished_shifts_with_unattended(self, now: datetime, *, batch: int) -> Sequence[UUID]:
        """Activities with a confirmed sign-up whose shift ended without a check-in."""
        statement = (
            select(SignupRow.activity_id)
            .join(ActivityRow, ActivityRow.id == SignupRow.activity_id)
            .where(
                SignupRow.status == "CONFIRMED",
                SignupRow.ends_at <= now,
                # Attendance is taken while under way or after: a published activity that
                # never started has no no-shows, and must not hold the batch up.
                ActivityRow.status.in_(("ONGOING", "FINISHED")),
            )
            .group_by(SignupRow.activity_id)
            .order_by(func.min(SignupRow.ends_at))
            .limit(batch)
        )
        return list(await self.session.scalars(statement))


class ServiceRecordRepository(DocumentRepository[ServiceRecord]):
    """Service records, one per attended sign-up held by a unique ``signup_id``."""

    row_type = ServiceRecordRow
    documents = AggregateDocuments(ServiceRecord)

    def columns(self, aggregate: ServiceRecord) -> Mapping[str, Any]:
        """Who, which activity and sign-up, the day and the current hours."""
        return {
            "volunteer_id": aggregate.volunteer_id,
            "person_id": aggregate.person_id,
            "activity_id": aggregate.activity_id,
            "signup_id": aggregate.signup_id,
            "served_on": aggregate.served_on,
            "hours": aggregate.hours,
        }

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """SERVICE_RECORD_NOT_FOUND."""
        return ServiceRecordNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: ServiceRecord) -> DomainError | None:
        """A second record of the same sign-up."""
        if constraint == "uq_service_records_signup_id":
            return RecordAlreadyExists(
                f"The service of sign-up {aggregate.signup_id} is recorded already",
                signup_id=str(aggregate.signup_id),
            )
        return None

    async def of_volunteer(
        self, volunteer_id: UUID, *, start: date, end: date
    ) -> list[ServiceRecord]:
        """The volunteer's records served from ``start`` to ``end`` (both counted), by day."""
        statement = (
            select(ServiceRecordRow)
            .where(
                ServiceRecordRow.volunteer_id == volunteer_id,
                ServiceRecordRow.served_on.between(start, end),
            )
            .order_by(ServiceRecordRow.served_on, ServiceRecordRow.id)
        )
        return await self.load_where(statement)
