"""What the personnel service knows of a party organisation, kept from org's events."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from personnel.domain.errors import PartyOrganizationNotFound

__all__ = ["PartyOrganizationView", "known_party_organization"]


@dataclass(frozen=True, kw_only=True)
class PartyOrganizationView:
    """A party organisation (党组织) as org last reported it: enough to hold memberships."""

    party_organization_id: UUID
    name: str
    kind: str
    division_id: UUID
    parent_id: UUID | None = None
    grid_id: UUID | None = None


def known_party_organization(
    view: PartyOrganizationView | None, party_organization_id: UUID
) -> PartyOrganizationView:
    """The organisation a membership or transfer names; refused when org never announced it."""
    if view is None:
        raise PartyOrganizationNotFound.for_id(party_organization_id)
    return view
