"""What other services see: volunteers' domain events as ``gridkit.contracts.volunteers``.

Domain events carry the contracts' field names, so the mapping is one table. One field differs:
a membership event's ``status`` is the membership's, which its contract keeps as
``membership_status`` beside the team's ``status`` (the contract moves it across itself).
"""

from __future__ import annotations

from gridkit.contracts import volunteers as contracts
from gridkit.contracts.base import IntegrationEvent
from gridkit.uow import translator
from volunteers.domain import events

CONTRACT_OF: dict[type[object], type[IntegrationEvent]] = {
    # Teams
    events.TeamCreated: contracts.TeamCreated,
    events.TeamUpdated: contracts.TeamUpdated,
    events.TeamLeaderAppointed: contracts.TeamLeaderAppointed,
    events.TeamLeaderRemoved: contracts.TeamLeaderRemoved,
    events.JoinRequested: contracts.JoinRequested,
    events.MemberJoined: contracts.MemberJoined,
    events.JoinRejected: contracts.JoinRejected,
    events.MemberLeft: contracts.MemberLeft,
    # Volunteers
    events.VolunteerRegistered: contracts.VolunteerRegistered,
    events.VolunteerProfileUpdated: contracts.VolunteerProfileUpdated,
    events.VolunteerSuspended: contracts.VolunteerSuspended,
    events.VolunteerReinstated: contracts.VolunteerReinstated,
    events.VolunteerLeft: contracts.VolunteerLeft,
    events.VolunteerRejoined: contracts.VolunteerRejoined,
    events.ProfileEntryAdded: contracts.ProfileEntryAdded,
    # Activities and their shifts
    events.ActivityDrafted: contracts.ActivityDrafted,
    events.ActivityRevised: contracts.ActivityRevised,
    events.ShiftAdded: contracts.ShiftAdded,
    events.ShiftRevised: contracts.ShiftRevised,
    events.ShiftRemoved: contracts.ShiftRemoved,
    events.ActivityPublished: contracts.ActivityPublished,
    events.ActivityStarted: contracts.ActivityStarted,
    events.ActivityFinished: contracts.ActivityFinished,
    events.ActivityCancelled: contracts.ActivityCancelled,
    # Sign-ups and attendance
    events.SignupConfirmed: contracts.SignupConfirmed,
    events.SignupWaitlisted: contracts.SignupWaitlisted,
    events.SignupPromoted: contracts.SignupPromoted,
    events.SignupCancelled: contracts.SignupCancelled,
    events.CheckInCodeIssued: contracts.CheckInCodeIssued,
    events.CheckedIn: contracts.CheckedIn,
    events.CheckedOut: contracts.CheckedOut,
    events.NoShowRecorded: contracts.NoShowRecorded,
    # Service records
    events.HoursRecorded: contracts.HoursRecorded,
    events.CorrectionRequested: contracts.HoursCorrectionRequested,
    events.RecordCorrected: contracts.HoursCorrected,
    events.CorrectionRejected: contracts.HoursCorrectionRejected,
}

to_integration_event = translator(CONTRACT_OF)
"""The contract payload published for a recorded domain event."""
