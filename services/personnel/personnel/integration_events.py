"""What other services see: personnel's domain events as ``gridkit.contracts.personnel``.

Domain events carry the contracts' field names, so the mapping is one table.
"""

from __future__ import annotations

from gridkit.contracts import personnel as contracts
from gridkit.contracts.base import IntegrationEvent
from gridkit.uow import translator
from personnel.domain import events

CONTRACT_OF: dict[type[object], type[IntegrationEvent]] = {
    events.PersonRegistered: contracts.PersonRegistered,
    events.PersonUpdated: contracts.PersonUpdated,
    events.MembershipChanged: contracts.MembershipChanged,
    events.MemberTransferred: contracts.MemberTransferred,
    events.TransferIssued: contracts.TransferIssued,
    events.TransferReceived: contracts.TransferReceived,
    events.TransferExpired: contracts.TransferExpired,
    events.AssignmentStarted: contracts.AssignmentStarted,
    events.AssignmentEnded: contracts.AssignmentEnded,
    events.CadreRecordAdded: contracts.CadreRecordAdded,
    events.CadreAssessed: contracts.CadreAssessed,
    events.AssaultTeamFormed: contracts.AssaultTeamFormed,
    events.AssaultTeamUpdated: contracts.AssaultTeamUpdated,
    events.AssaultTeamDisbanded: contracts.AssaultTeamDisbanded,
}


to_integration_event = translator(CONTRACT_OF)
"""The contract payload published for a recorded domain event."""
