"""What other services see: cases' domain events as ``gridkit.contracts.cases``.

Domain events carry the contracts' field names, so the mapping is one table.
"""

from __future__ import annotations

from cases.domain import events
from gridkit.contracts import cases as contracts
from gridkit.contracts.base import IntegrationEvent
from gridkit.uow import translator

CONTRACT_OF: dict[type[object], type[IntegrationEvent]] = {
    events.CaseReported: contracts.CaseReported,
    events.CaseAccepted: contracts.CaseAccepted,
    events.CaseRejected: contracts.CaseRejected,
    events.CaseDispatched: contracts.CaseDispatched,
    events.CaseReturned: contracts.CaseReturned,
    events.CaseStarted: contracts.CaseStarted,
    events.CaseEscalated: contracts.CaseEscalated,
    events.JointMeetingHeld: contracts.CaseJointMeetingHeld,
    events.CaseResolved: contracts.CaseResolved,
    events.CaseVerified: contracts.CaseVerified,
    events.ReworkOrdered: contracts.CaseReworkOrdered,
    events.CaseClosed: contracts.CaseClosed,
    events.CaseReopened: contracts.CaseReopened,
    events.ExtensionRequested: contracts.CaseExtensionRequested,
    events.ExtensionApproved: contracts.CaseExtensionApproved,
    events.ExtensionRejected: contracts.CaseExtensionRejected,
    events.CaseSuspended: contracts.CaseSuspended,
    events.CaseResumed: contracts.CaseResumed,
    events.DeadlineWarning: contracts.CaseDeadlineWarning,
    events.CaseOverdue: contracts.CaseOverdue,
    events.CaseMerged: contracts.CaseMerged,
    events.SupervisionOrdered: contracts.CaseSupervisionOrdered,
    events.WatchStarted: contracts.WatchStarted,
    events.WatchCheckRecorded: contracts.WatchChecked,
    events.WatchCompleted: contracts.WatchCompleted,
    events.WatchFailed: contracts.WatchFailed,
}

to_integration_event = translator(CONTRACT_OF)
"""The contract payload published for a recorded domain event."""
