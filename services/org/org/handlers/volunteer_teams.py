"""Handler of the volunteers service's team events: keep org's view of the volunteer teams.

A grid meets the checklist's volunteer-team item (志愿服务队) while the volunteers service has
an active grid team for it, so org keeps each team as that service last reported it; it never
reads the volunteers database. The gridkit consumer applies each event once and in its team's
order, in the transaction that also writes the inbox row: a repeated event, or a version older
than one already applied, never reaches this handler.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.contracts import volunteers
from gridkit.events import CloudEvent
from org.domain.volunteer_team import VolunteerTeamView
from org.repository.volunteer_teams import VolunteerTeamViews

TEAM_EVENT_TYPES = frozenset(
    model.event_type for model in volunteers.EVENTS if issubclass(model, volunteers.TeamState)
)
"""Every event of a team: each carries the team as it stands after the change (created,
updated and dissolved, and its leaders' and members' changes, which leave kind and status)."""


async def apply_team_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one volunteer team up to date with the team its event carries."""
    if event.type not in TEAM_EVENT_TYPES:
        return
    # Read as the state every team event shares: the fields beside it are not org's concern.
    team = volunteers.TeamState.model_validate(event.data)
    view = VolunteerTeamView(
        team_id=team.team_id,
        name=team.team_name,
        kind=team.kind,
        status=team.status,
        grid_id=team.grid_id,
    )
    await VolunteerTeamViews(session).put(view, version=event.version or 0)
