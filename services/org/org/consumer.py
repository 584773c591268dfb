"""The events of other services that org consumes, and the handler of each."""

from __future__ import annotations

from gridkit.web.workers import Subscription
from org.handlers.volunteer_teams import apply_team_event

VOLUNTEER_TEAMS = Subscription(
    name="org-volunteers-teams",
    source_service="volunteers",
    filter_subject="volunteers.team.>",
    handler=apply_team_event,
)
"""Every event of every volunteer team, in order: whether a grid has an active grid team."""

SUBSCRIPTIONS = (VOLUNTEER_TEAMS,)
"""What the org service listens to."""
