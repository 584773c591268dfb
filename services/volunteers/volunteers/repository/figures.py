"""Volunteering figures, computed in SQL: hours per volunteer (a ranking), team, grid and
community over a period, and the active volunteers of each grid.

Hours are the service records' hours in force (after corrections), on the days of service
from the period's first to its last (both counted). A record counts for the grid and the team
of the activity it was served in, and for the community the grid lies in (the first twelve
digits of the grid's code, as org announced it). An active volunteer of a grid served there in
the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, literal, null, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from volunteers.domain.grids_and_people import COMMUNITY_CODE_LENGTH
from volunteers.repository.tables import (
    ActivityRow,
    GridViewRow,
    ServiceRecordRow,
    TeamRow,
    VolunteerRow,
)

_TENTH = Decimal("0.1")


@dataclass(frozen=True, kw_only=True)
class Scope:
    """Which records count: a period, and optionally one community's or one grid's."""

    start: date
    end: date
    community_code: str | None = None
    grid_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class HoursOf:
    """One line of a figure: who or where, how many hours, how many records and volunteers."""

    key: str
    """A volunteer id, a team id, a grid id or a community code."""
    name: str | None
    """A team's or grid's name, a volunteer's number."""
    hours: Decimal
    records: int
    volunteers: int


def _hours(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(_TENTH)


class FigureReads:
    """The figures, each one SQL statement in a session of its own."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    def _records(self, scope: Scope, *columns: Any) -> Select[Any]:
        statement = (
            select(
                *columns,
                func.sum(ServiceRecordRow.hours),
                func.count(ServiceRecordRow.id),
                func.count(ServiceRecordRow.volunteer_id.distinct()),
            )
            .join(ActivityRow, ActivityRow.id == ServiceRecordRow.activity_id)
            .outerjoin(GridViewRow, GridViewRow.id == ActivityRow.grid_id)
            .where(ServiceRecordRow.served_on.between(scope.start, scope.end))
        )
        if scope.grid_id is not None:
            statement = statement.where(ActivityRow.grid_id == scope.grid_id)
        if scope.community_code is not None:
            statement = statement.where(GridViewRow.code.startswith(scope.community_code))
        return statement

    async def _lines(self, statement: Select[Any]) -> list[HoursOf]:
        async with self._sessions() as session:
            rows = (await session.execute(statement)).all()
        return [
            HoursOf(
                key=str(row[0]),
                name=None if row[1] is None else str(row[1]),
                hours=_hours(row[2]),
                records=int(row[3]),
                volunteers=int(row[4]),
            )
            for row in rows
        ]

    async def volunteer_ranking(self, scope: Scope, *, top: int) -> list[HoursOf]:
        """The volunteers who served the most hours, most first (ties by number)."""
        statement = (
            self._records(scope, ServiceRecordRow.volunteer_id, VolunteerRow.number)
            .join(VolunteerRow, VolunteerRow.id == ServiceRecordRow.volunteer_id)
            .group_by(ServiceRecordRow.volunteer_id, VolunteerRow.number)
            .order_by(func.sum(ServiceRecordRow.hours).desc(), VolunteerRow.number)
            .limit(top)
        )
        return await self._lines(statement)

    async def by_team(self, scope: Scope) -> list[HoursOf]:
        """Hours of the activities each team ran, most first."""
        statement = (
            self._records(scope, ActivityRow.team_id, TeamRow.name)
            .join(TeamRow, TeamRow.id == ActivityRow.team_id)
            .group_by(ActivityRow.team_id, TeamRow.name)
            .order_by(func.sum(ServiceRecordRow.hours).desc(), TeamRow.name)
        )
        return await self._lines(statement)

    async def by_grid(self, scope: Scope) -> list[HoursOf]:
        """Hours served in each grid, with its active volunteers, by grid code."""
        statement = (
            self._records(scope, ActivityRow.grid_id, GridViewRow.name)
            .group_by(ActivityRow.grid_id, GridViewRow.name, GridViewRow.code)
            .order_by(GridViewRow.code, ActivityRow.grid_id)
        )
        return await self._lines(statement)

    async def by_community(self, scope: Scope) -> list[HoursOf]:
        """Hours served in each community, by community code."""
        community = func.substr(GridViewRow.code, 1, COMMUNITY_CODE_LENGTH)
        statement = (
            self._records(scope, community, community)
            .where(GridViewRow.code.is_not(None))
            .group_by(community)
            .order_by(community)
        )
        return await self._lines(statement)

    async def total(self, scope: Scope) -> HoursOf:
        """Every record in the scope."""
        [line] = await self._lines(self._records(scope, literal("all"), null()))
        return line
