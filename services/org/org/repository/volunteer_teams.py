"""Org's view of the volunteers service's teams: written from its events, asked one question.

The consumer replaces a team's row in its own transaction, once per event and in the team's
order (the inbox turns a repeated or older version into a no-op). Reads only ask whether a grid
has an active grid team, as an ``EXISTS`` on the indexed ``grid_id``: the grids page asks it in
its one statement, the compliance report for all its grids in one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import Exists, exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from gridkit.db import put_view
from org.domain.volunteer_team import ACTIVE_TEAM_STATUS, GRID_TEAM_KIND, VolunteerTeamView
from org.repository.tables import VolunteerTeamViewRow

_Row = VolunteerTeamViewRow
_SERVES_ITS_GRID = (_Row.kind == GRID_TEAM_KIND, _Row.status == ACTIVE_TEAM_STATUS)


def has_volunteer_team(grid_id: InstrumentedAttribute[UUID]) -> Exists:
    """Whether the grid ``grid_id`` (a column of the enclosing query) has an active grid team."""
    return exists().where(_Row.grid_id == grid_id, *_SERVES_ITS_GRID)


async def grids_with_volunteer_team(session: AsyncSession, grid_ids: Sequence[UUID]) -> set[UUID]:
    """Those of ``grid_ids`` that have an active grid team, in one query."""
    found = await session.scalars(
        select(_Row.grid_id).where(_Row.grid_id.in_(grid_ids), *_SERVES_ITS_GRID).distinct()
    )
    return {grid_id for grid_id in found if grid_id is not None}


class VolunteerTeamViews:
    """Replace team views in the consumer's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def put(self, team: VolunteerTeamView, *, version: int) -> None:
        """Make the view of ``team`` what the volunteers service says at ``version``."""
        await put_view(
            self._session,
            VolunteerTeamViewRow,
            team.team_id,
            grid_id=team.grid_id,
            kind=team.kind,
            status=team.status,
            name=team.name,
            version=version,
        )
