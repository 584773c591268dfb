"""The events of other services that personnel consumes, and the handler of each."""

from __future__ import annotations

from gridkit.web.workers import Subscription
from personnel.handlers.org_views import apply_grid_event, apply_party_organization_event

GRIDS = Subscription(
    name="personnel-org-grids",
    source_service="org",
    filter_subject="org.grid.>",
    handler=apply_grid_event,
)
"""Every event of every grid, in order (the filter takes all of the grid aggregate's events)."""

PARTY_ORGANIZATIONS = Subscription(
    name="personnel-org-party-organizations",
    source_service="org",
    filter_subject="org.party_organization.>",
    handler=apply_party_organization_event,
)
"""Every event of every party organisation, in order."""

SUBSCRIPTIONS = (GRIDS, PARTY_ORGANIZATIONS)
"""What the personnel service listens to."""
