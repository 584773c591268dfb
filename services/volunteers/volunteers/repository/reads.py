"""The read side of volunteers: what resolvers list and look up, each in one query.

Reads open a session of their own and hand out the domain's aggregates untracked; commands
go through the unit of work. Lists are keyset-paginated (:func:`gridkit.paging.fetch_page`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.documents import AggregateDocuments
from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from volunteers.domain.activity import Activity
from volunteers.domain.kinds import ActivityStatus
from volunteers.domain.service_record import ServiceRecord
from volunteers.domain.team import VolunteerTeam
from volunteers.domain.volunteer import Volunteer
from volunteers.repository.aggregates import (
    ActivityRepository,
    ServiceRecordRepository,
    TeamRepository,
    VolunteerRepository,
)
from volunteers.repository.tables import (
    ActivityRow,
    ServiceRecordRow,
    TeamRow,
    VolunteerRow,
)


@dataclass(frozen=True, kw_only=True)
class ActivityFilter:
    """Which activities a list holds (every field optional)."""

    grid_ids: Sequence[UUID] = ()
    case_ids: Sequence[UUID] = ()
    statuses: Sequence[ActivityStatus] = ()
    organiser_id: UUID | None = None


def activity_key(activity: Activity) -> list[Any]:
    """An activity's place in a list (its cursor's key): by start time, then id."""
    return [activity.starts_at.isoformat(), str(activity.id)]


def _load(documents: AggregateDocuments[Any], rows: Sequence[Any]) -> list[Any]:
    return [documents.load(row.state, id=row.id, version=row.version) for row in rows]


class VolunteerReads:
    """Lookups and lists for resolvers (untracked aggregates)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def _all(self, documents: AggregateDocuments[Any], statement: Select[Any]) -> list[Any]:
        async with self._sessions() as session:
            return _load(documents, list(await session.scalars(statement)))

    async def teams(self, ids: Sequence[UUID]) -> list[VolunteerTeam | None]:
        """Teams by id, in order (``None`` for an unknown id)."""
        found = {
            team.id: team
            for team in await self._all(
                TeamRepository.documents, select(TeamRow).where(TeamRow.id.in_(ids))
            )
        }
        return [found.get(team_id) for team_id in ids]

    async def grid_teams(self, grid_ids: Sequence[UUID]) -> list[VolunteerTeam | None]:
        """Each grid's own team, in order (``None`` while it has none)."""
        statement = select(TeamRow).where(TeamRow.grid_id.in_(grid_ids), TeamRow.kind == "GRID")
        found = {
            team.grid_id: team for team in await self._all(TeamRepository.documents, statement)
        }
        return [found.get(grid_id) for grid_id in grid_ids]

    async def all_teams(self, *, grid_id: UUID | None = None) -> list[VolunteerTeam]:
        """Every team (those serving a grid, when given), by name."""
        statement = select(TeamRow).order_by(TeamRow.name, TeamRow.id)
        if grid_id is not None:
            statement = statement.where(TeamRow.grid_id == grid_id)
        teams: list[VolunteerTeam] = await self._all(TeamRepository.documents, statement)
        return teams

    async def volunteers(self, ids: Sequence[UUID]) -> list[Volunteer | None]:
        """Volunteers by id, in order."""
        statement = select(VolunteerRow).where(VolunteerRow.id.in_(ids))
        found = {v.id: v for v in await self._all(VolunteerRepository.documents, statement)}
        return [found.get(volunteer_id) for volunteer_id in ids]

    async def volunteers_of_people(self, person_ids: Sequence[UUID]) -> list[Volunteer | None]:
        """Each person's registration, in order (``None`` for a person never registered)."""
        statement = select(VolunteerRow).where(VolunteerRow.person_id.in_(person_ids))
        found = {v.person_id: v for v in await self._all(VolunteerRepository.documents, statement)}
        return [found.get(person_id) for person_id in person_ids]

    async def activities(self, ids: Sequence[UUID]) -> list[Activity | None]:
        """Activities by id, in order."""
        statement = select(ActivityRow).where(ActivityRow.id.in_(ids))
        found = {a.id: a for a in await self._all(ActivityRepository.documents, statement)}
        return [found.get(activity_id) for activity_id in ids]

    async def activity_page(self, where: ActivityFilter, request: PageRequest) -> Page[Activity]:
        """A page of activities, by start time."""
        statement = select(ActivityRow)
        if where.grid_ids:
            statement = statement.where(ActivityRow.grid_id.in_(where.grid_ids))
        if where.case_ids:
            statement = statement.where(ActivityRow.case_id.in_(where.case_ids))
        if where.statuses:
            statement = statement.where(ActivityRow.status.in_([s.value for s in where.statuses]))
        if where.organiser_id is not None:
            statement = statement.where(ActivityRow.organiser_id == where.organiser_id)
        documents = ActivityRepository.documents
        async with self._sessions() as session:
            page = await fetch_page(
                session, statement, key=[ActivityRow.starts_at, ActivityRow.id], request=request
            )
        return Page(items=_load(documents, page.items), has_more=page.has_more, total=page.total)

    async def records_of_volunteers(
        self, volunteer_ids: Sequence[UUID]
    ) -> list[list[ServiceRecord]]:
        """Each volunteer's service records by day, in the order of the ids."""
        statement = (
            select(ServiceRecordRow)
            .where(ServiceRecordRow.volunteer_id.in_(volunteer_ids))
            .order_by(ServiceRecordRow.served_on, ServiceRecordRow.id)
        )
        found: dict[UUID, list[ServiceRecord]] = {}
        for record in await self._all(ServiceRecordRepository.documents, statement):
            found.setdefault(record.volunteer_id, []).append(record)
        return [found.get(volunteer_id, []) for volunteer_id in volunteer_ids]

    async def records(self, ids: Sequence[UUID]) -> list[ServiceRecord | None]:
        """Service records by id, in order."""
        statement = select(ServiceRecordRow).where(ServiceRecordRow.id.in_(ids))
        found = {r.id: r for r in await self._all(ServiceRecordRepository.documents, statement)}
        return [found.get(record_id) for record_id in ids]

    async def hours_of_people(
        self, person_ids: Sequence[UUID], *, start: date | None, end: date | None
    ) -> list[Decimal]:
        """Each person's hours served in the period (both days counted), in order; in SQL."""
        statement = (
            select(ServiceRecordRow.person_id, func.sum(ServiceRecordRow.hours))
            .where(ServiceRecordRow.person_id.in_(person_ids))
            .group_by(ServiceRecordRow.person_id)
        )
        if start is not None:
            statement = statement.where(ServiceRecordRow.served_on >= start)
        if end is not None:
            statement = statement.where(ServiceRecordRow.served_on <= end)
        async with self._sessions() as session:
            totals = {row[0]: row[1] for row in (await session.execute(statement)).all()}
        return [
            Decimal(totals.get(person_id) or 0).quantize(Decimal("0.1")) for person_id in person_ids
        ]
