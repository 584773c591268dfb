"""What other services see: org's domain events as ``gridkit.contracts.org`` payloads.

Domain events carry the same field names as the contracts, so the mapping is
one table; a domain event missing here fails loudly at the first commit.
"""

from __future__ import annotations

import dataclasses

from gridkit.contracts import org as contracts
from gridkit.contracts.base import IntegrationEvent
from gridkit.domain import Recorded
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
}


def to_integration_event(recorded: Recorded) -> IntegrationEvent:
    """The contract payload published for a recorded domain event."""
    event = recorded.event
    contract = CONTRACT_OF[type(event)]
    if not dataclasses.is_dataclass(event) or isinstance(event, type):
        raise TypeError(f"domain events are dataclass instances, got {event!r}")
    return contract.model_validate(dataclasses.asdict(event))
