"""Events published by the cases service (stream ``CASES``, subjects ``cases.>``).

Every case event carries the case as it stands after the change (:class:`CaseState`: number,
status, level, due date, who took the step and when), so a consumer that only wants "where is
this case now" reads one shape; the fields that belong to one step (a reason, the satisfaction
of the visit, the evidence) come beside it. No event carries a reporter's phone number.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from gridkit.contracts.base import IntegrationEvent


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class CaseActor(_Part):
    """Who took a step, and in which role (``SYSTEM`` for the deadline timer)."""

    subject: str
    name: str
    role: str
    person_id: UUID | None = None
    """The person in the personnel service, for staff registered there."""


class CaseAssignment(_Part):
    """Who a case is dispatched to: a grid worker, a community or a department."""

    kind: str
    """GRID_WORKER (``ref`` is a person id), COMMUNITY (a division code), DEPARTMENT (an id)."""
    ref: str
    name: str
    lead: bool = False
    since: datetime | None = None


class CaseMeasurement(_Part):
    """A measurement in a resolution's evidence: value, unit and the limit it must keep."""

    name: str
    value: Decimal
    unit: str
    limit: Decimal | None = None


class CaseEvidence(_Part):
    """What a handler hands in when resolving: text, attachment ids, measurements."""

    text: str
    attachment_ids: list[UUID] = []
    measurements: list[CaseMeasurement] = []


class CaseState(_Part):
    """A case as it stands after the change, and who changed it, when."""

    case_id: UUID
    number: str
    status: str
    level: str
    category_code: str
    priority: str
    grid_id: UUID
    division_code: str
    """The grid's community (社区/村) code."""
    due_on: date | None = None
    at: datetime
    actor: CaseActor


class _CaseEvent(CaseState, IntegrationEvent):
    """Base of every ``cases.case.*`` event."""


class CaseReported(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.reported"
    title: str
    source: str
    reporter_person_id: UUID | None = None
    address: str
    longitude: float | None = None
    latitude: float | None = None


class CaseAccepted(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.accepted"
    note: str | None = None


class CaseRejected(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.rejected"
    reason: str


class CaseDispatched(_CaseEvent):
    """Dispatched (派遣), or co-handlers added to a case in work (``co_handling``)."""

    event_type: ClassVar[str] = "cases.case.dispatched"
    assignments: list[CaseAssignment]
    co_handling: bool = False
    time_limit_days: int | None = None


class CaseReturned(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.returned"
    reason: str
    returned_by_ref: str


class CaseStarted(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.started"


class CaseEscalated(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.escalated"
    from_level: str
    reason: str
    automatic: bool = False
    """True when the deadline timer escalated an overdue case by itself."""


class CaseJointMeetingHeld(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.joint_meeting_held"
    held_on: date
    participants: list[str] = []
    added_assignments: list[CaseAssignment] = []
    decisions: list[str] = []


class CaseResolved(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.resolved"
    evidence: CaseEvidence


class CaseVerified(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.verified"
    note: str | None = None


class CaseReworkOrdered(_CaseEvent):
    """Verification failed or the resident was dissatisfied: the case goes back to work."""

    event_type: ClassVar[str] = "cases.case.rework_ordered"
    origin: str
    reason: str
    rework_count: int
    satisfaction: str | None = None


class CaseClosed(_CaseEvent):
    """The case closed after the satisfaction visit (回访)."""

    event_type: ClassVar[str] = "cases.case.closed"
    title: str
    satisfaction: str
    note: str | None = None
    on_time: bool
    handler: CaseActor | None = None
    """Who handled the case (started work on it): the cadre whose record it joins."""


class CaseReopened(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.reopened"
    reason: str
    reopen_count: int


class CaseExtensionRequested(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.extension_requested"
    sequence: int
    days: int
    reason: str


class CaseExtensionApproved(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.extension_approved"
    sequence: int
    days: int
    previous_due_on: date
    note: str | None = None


class CaseExtensionRejected(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.extension_rejected"
    sequence: int
    days: int
    reason: str


class CaseSuspended(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.suspended"
    reason: str
    days_left: int
    suspended_from: str


class CaseResumed(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.resumed"
    days_left: int
    note: str | None = None


class CaseDeadlineWarning(_CaseEvent):
    """Yellow: the case is due on the next working day."""

    event_type: ClassVar[str] = "cases.case.deadline_warning"


class CaseOverdue(_CaseEvent):
    """Red: the first day after the deadline has come and the case is not resolved."""

    event_type: ClassVar[str] = "cases.case.overdue"
    overdue_since: date


class CaseMerged(_CaseEvent):
    """The case was merged into another as its duplicate: its reporter is told there."""

    event_type: ClassVar[str] = "cases.case.merged"
    duplicate_of: UUID
    duplicate_of_number: str
    note: str | None = None


class CaseSupervisionOrdered(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.supervision_ordered"
    ordered_on: date
    reason: str
    overdue: bool
    rework_count: int


class WatchState(_Part):
    """A follow-up watch (持续关注) on a closed case, as it stands after the change."""

    watch_id: UUID
    case_id: UUID
    subject: str
    status: str
    checks_planned: int
    checks_done: int
    next_check_on: date | None = None


class WatchStarted(WatchState, IntegrationEvent):
    event_type: ClassVar[str] = "cases.watch.started"
    started_on: date
    interval_days: int
    ordered_by: str


class WatchChecked(WatchState, IntegrationEvent):
    event_type: ClassVar[str] = "cases.watch.checked"
    checked_on: date
    passed: bool
    note: str | None = None
    by: CaseActor


class WatchCompleted(WatchState, IntegrationEvent):
    event_type: ClassVar[str] = "cases.watch.completed"
    completed_on: date


class WatchFailed(WatchState, IntegrationEvent):
    """A check failed: the case is reopened in the same transaction."""

    event_type: ClassVar[str] = "cases.watch.failed"
    failed_on: date
    note: str | None = None


EVENTS: tuple[type[IntegrationEvent], ...] = (
    CaseReported,
    CaseAccepted,
    CaseRejected,
    CaseDispatched,
    CaseReturned,
    CaseStarted,
    CaseEscalated,
    CaseJointMeetingHeld,
    CaseResolved,
    CaseVerified,
    CaseReworkOrdered,
    CaseClosed,
    CaseReopened,
    CaseExtensionRequested,
    CaseExtensionApproved,
    CaseExtensionRejected,
    CaseSuspended,
    CaseResumed,
    CaseDeadlineWarning,
    CaseOverdue,
    CaseMerged,
    CaseSupervisionOrdered,
    WatchStarted,
    WatchChecked,
    WatchCompleted,
    WatchFailed,
)
