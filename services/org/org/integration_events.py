"""What other services see: org's domain events as ``gridkit.contracts.org`` payloads.

Domain events carry the same field names as the contracts, so the mapping is
one table; a domain event missing here fails loudly at the first commit.
"""

from __future__ import annotations

from gridkit.contracts import org as contracts
from gridkit.contracts.base import IntegrationEvent
from gridkit.uow import translator
from org.domain import events

CONTRACT_OF: dict[type[object], type[IntegrationEvent]] = {
    events.DivisionCreated: contracts.DivisionCreated,
    events.DivisionRenamed: contracts.DivisionRenamed,
    events.DivisionMoved: contracts.DivisionMoved,
    events.GridCreated: contracts.GridCreated,
    events.GridUpdated: contracts.GridUpdated,
    events.GridRetired: contracts.GridRetired,
    events.GridStandardUpdated: contracts.GridStandardUpdated,
    events.MicroPositionChanged: contracts.MicroPositionChanged,
    events.ProxyServiceItemChanged: contracts.ProxyServiceItemChanged,
    events.PartyOrganizationCreated: contracts.PartyOrganizationCreated,
    events.PartyOrganizationUpdated: contracts.PartyOrganizationUpdated,
    events.UnitRegistered: contracts.UnitRegistered,
    events.UnitUpdated: contracts.UnitUpdated,
    events.DepartmentCreated: contracts.DepartmentCreated,
    events.DepartmentUpdated: contracts.DepartmentUpdated,
    events.DepartmentDissolved: contracts.DepartmentDissolved,
}


to_integration_event = translator(CONTRACT_OF)
"""The contract payload published for a recorded domain event."""
