"""Commands on party organisations (党组织)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from gridkit.domain import UNCHANGED, Unchanged
from org.domain.kinds import PartyOrganizationKind


@dataclass(frozen=True, kw_only=True)
class CreatePartyOrganization:
    """Set up a party committee, general branch, branch or group."""

    name: str
    kind: PartyOrganizationKind
    division_id: UUID
    parent_id: UUID | None = None
    grid_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class UpdatePartyOrganization:
    """Rename, re-parent or re-assign a party organisation."""

    party_organization_id: UUID
    name: str | Unchanged = UNCHANGED
    parent_id: UUID | Unchanged | None = UNCHANGED
    grid_id: UUID | Unchanged | None = UNCHANGED
