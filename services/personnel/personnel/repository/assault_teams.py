"""Party-building assault teams (党建突击队) in storage, with their members in joining order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from gridkit.repository import Repository
from personnel.domain.assault_team import AssaultTeam
from personnel.domain.errors import AssaultTeamNotFound
from personnel.domain.kinds import AssaultTeamStatus
from personnel.repository.tables import AssaultTeamMemberRow, AssaultTeamRow


def team_from_row(row: AssaultTeamRow, member_ids: Iterable[UUID]) -> AssaultTeam:
    """The team stored in ``row``, with its members."""
    return AssaultTeam(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        name=row.name,
        mission=row.mission,
        key_task=row.key_task,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        leader_id=row.leader_id,
        member_ids=list(member_ids),
        status=AssaultTeamStatus(row.status),
        division_code=row.division_code,
        disbanded_on=row.disbanded_on,
        disband_reason=row.disband_reason,
    )


async def _with_members(session: AsyncSession, rows: Sequence[AssaultTeamRow]) -> list[AssaultTeam]:
    """Teams with their members, read in one query for all of them."""
    members = await session.scalars(
        select(AssaultTeamMemberRow)
        .where(AssaultTeamMemberRow.team_id.in_([row.id for row in rows]))
        .order_by(AssaultTeamMemberRow.team_id, AssaultTeamMemberRow.position)
    )
    of_team: dict[UUID, list[UUID]] = {}
    for member in members:
        of_team.setdefault(member.team_id, []).append(member.person_id)
    return [team_from_row(row, of_team.get(row.id, [])) for row in rows]


class AssaultTeamRepository(Repository[AssaultTeam, AssaultTeamRow]):
    """Assault teams with their members, for commands."""

    row_type = AssaultTeamRow

    def to_domain(self, row: AssaultTeamRow) -> AssaultTeam:
        """The team in ``row`` alone; loads read its members too (:meth:`to_domain_many`)."""
        return team_from_row(row, ())

    async def to_domain_many(self, rows: Sequence[AssaultTeamRow]) -> list[AssaultTeam]:
        """The teams in ``rows`` with their members."""
        return await _with_members(self.session, rows)

    def values(self, team: AssaultTeam) -> dict[str, Any]:
        """The columns of the team's own row."""
        return {
            "name": team.name,
            "mission": team.mission,
            "key_task": team.key_task,
            "starts_on": team.starts_on,
            "ends_on": team.ends_on,
            "leader_id": team.leader_id,
            "status": team.status.value,
            "division_code": team.division_code,
            "disbanded_on": team.disbanded_on,
            "disband_reason": team.disband_reason,
        }

    def not_found(self, aggregate_id: UUID) -> AssaultTeamNotFound:
        """ASSAULT_TEAM_NOT_FOUND."""
        return AssaultTeamNotFound.for_id(aggregate_id)

    async def write_parts(self, team: AssaultTeam) -> None:
        """Rewrite the team's member list, in joining order."""
        await self.session.execute(
            delete(AssaultTeamMemberRow).where(AssaultTeamMemberRow.team_id == team.id)
        )
        await self.session.execute(
            insert(AssaultTeamMemberRow),
            [
                {"team_id": team.id, "position": position, "person_id": person_id}
                for position, person_id in enumerate(team.member_ids)
            ],
        )


@dataclass(frozen=True)
class AssaultTeamFilter:
    """Which teams to list."""

    division_code: str | None = None
    """Teams working under this division code."""
    status: AssaultTeamStatus | None = None
    member_id: UUID | None = None
    """Teams this person is on (leading or not)."""


class AssaultTeamReads:
    """Read-only queries of assault teams, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def teams(self, ids: Sequence[UUID]) -> list[AssaultTeam | None]:
        """Teams by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(AssaultTeamRow).where(AssaultTeamRow.id.in_(ids)))
            found = {team.id: team for team in await _with_members(session, list(rows))}
            return [found.get(i) for i in ids]

    async def team(self, team_id: UUID) -> AssaultTeam:
        """One team, or ASSAULT_TEAM_NOT_FOUND."""
        [found] = await self.teams([team_id])
        if found is None:
            raise AssaultTeamNotFound.for_id(team_id)
        return found

    async def list_teams(self, where: AssaultTeamFilter, page: PageRequest) -> Page[AssaultTeam]:
        """A page of teams by name."""
        statement = select(AssaultTeamRow)
        if where.division_code:
            statement = statement.where(
                AssaultTeamRow.division_code.startswith(where.division_code, autoescape=True)
            )
        if where.status is not None:
            statement = statement.where(AssaultTeamRow.status == where.status.value)
        if where.member_id is not None:
            statement = statement.where(
                AssaultTeamRow.id.in_(
                    select(AssaultTeamMemberRow.team_id).where(
                        AssaultTeamMemberRow.person_id == where.member_id
                    )
                )
            )
        async with self._sessions() as session:
            found = await fetch_page(
                session,
                statement,
                key=[AssaultTeamRow.name, AssaultTeamRow.id],
                request=page,
            )
            teams = await _with_members(session, found.items)
        return Page(items=teams, has_more=found.has_more, total=found.total)


def team_key(team: AssaultTeam) -> list[str]:
    """The cursor key of a team in :meth:`AssaultTeamReads.list_teams`."""
    return [team.name, str(team.id)]
