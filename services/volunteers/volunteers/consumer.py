"""The events of other services that volunteers consumes, and the handler of each."""

from __future__ import annotations

from gridkit.web.workers import Subscription
from volunteers.handlers.places import apply_grid_event, apply_person_event

GRIDS = Subscription(
    name="volunteers-org-grids",
    source_service="org",
    filter_subject="org.grid.>",
    handler=apply_grid_event,
)
"""Every event of every grid, in order: each grid gets its team, which follows its name."""

PEOPLE = Subscription(
    name="volunteers-personnel-people",
    source_service="personnel",
    filter_subject="personnel.person.>",
    handler=apply_person_event,
)
"""Every registration and update of a person: names and masked ID numbers for certificates."""

SUBSCRIPTIONS = (GRIDS, PEOPLE)
"""What the volunteers service listens to."""
