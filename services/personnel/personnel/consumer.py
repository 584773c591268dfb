"""The events of other services that personnel consumes, and the handler of each."""

from __future__ import annotations

from gridkit.pii import PiiProtector
from gridkit.web.workers import Subscription
from personnel.config import PersonnelSettings
from personnel.handlers.case_closures import record_case_handling
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


def subscriptions(settings: PersonnelSettings) -> tuple[Subscription, ...]:
    """What a personnel process configured by ``settings`` listens to."""
    closed_cases = Subscription(
        name="personnel-cases-closed",
        source_service="cases",
        filter_subject="cases.case.closed",
        handler=record_case_handling(PiiProtector.from_settings(settings), settings.timezone),
        # Only one of a case's events is taken: the versions between are never seen here.
        strict_order=False,
    )
    return (GRIDS, PARTY_ORGANIZATIONS, closed_cases)
