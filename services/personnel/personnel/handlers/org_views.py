"""Handlers of org's events: keep the local views of grids and party organisations.

Assignments need to know whether a grid exists and is active, memberships and
transfers whether a party organisation exists; the service never reads org's
database. The gridkit consumer applies each event once and in its aggregate's
order, in the transaction that also writes the inbox row.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.contracts import org as contracts
from gridkit.events import CloudEvent
from personnel.domain.grid_view import GridView
from personnel.domain.kinds import GridStatus
from personnel.domain.party_organization_view import PartyOrganizationView
from personnel.repository.org_views import OrgViews

PARTY_ORGANIZATION_STATE_EVENTS: dict[str, type[contracts.PartyOrganizationState]] = {
    contracts.PartyOrganizationCreated.event_type: contracts.PartyOrganizationCreated,
    contracts.PartyOrganizationUpdated.event_type: contracts.PartyOrganizationUpdated,
}


async def apply_grid_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one grid up to date (standards, micro-positions ... change nothing)."""
    model = contracts.GRID_STATE_EVENTS.get(event.type)
    if model is None:
        return
    grid = model.model_validate(event.data)
    view = GridView(
        grid_id=grid.grid_id,
        code=grid.code,
        name=grid.name,
        status=GridStatus(grid.status),
        division_id=grid.division_id,
    )
    await OrgViews(session).put_grid(view, version=event.version or 0)


async def apply_party_organization_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one party organisation up to date."""
    model = PARTY_ORGANIZATION_STATE_EVENTS.get(event.type)
    if model is None:
        return
    organization = model.model_validate(event.data)
    view = PartyOrganizationView(
        party_organization_id=organization.party_organization_id,
        name=organization.name,
        kind=organization.kind,
        division_id=organization.division_id,
        parent_id=organization.parent_id,
        grid_id=organization.grid_id,
    )
    await OrgViews(session).put_party_organization(view, version=event.version or 0)
