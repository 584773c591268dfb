"""Events published by the cases service (stream ``CASES``, subjects ``cases.>``).

Every case event carries the case as it stands after the change (:class:`CaseState`), so a
consumer that only wants "where is this case now" reads one shape; the fields that belong to
one step (a reason, the satisfaction of the visit) come beside it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from gridkit.contracts.base import IntegrationEvent


class CaseAssignee(BaseModel):
    """Who a case is dispatched to: a grid worker, a community or a department."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    kind: str
    """GRID_WORKER (``ref`` is a person id), COMMUNITY (a division code), DEPARTMENT (an id)."""
    ref: str
    name: str
    lead: bool = False


class CaseActor(BaseModel):
    """Who took a step, and in which role."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    subject: str
    name: str
    role: str
    person_id: UUID | None = None


class CaseState(BaseModel):
    """A case as it stands after the change."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    case_id: UUID
    number: str
    title: str
    category: str
    priority: str
    source: str
    status: str
    level: str
    grid_id: UUID
    division_code: str
    reporter_person_id: UUID | None = None
    assignees: list[CaseAssignee] = []
    due_on: date | None = None
    actor: CaseActor | None = None
    """Who took the step this event reports (``SYSTEM`` for the deadline timer)."""
    at: datetime | None = None


class _CaseEvent(CaseState, IntegrationEvent):
    """Base of every ``cases.case.*`` event."""


class CaseReported(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.reported"


class CaseAccepted(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.accepted"


class CaseRejected(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.rejected"
    reason: str = ""


class CaseDispatched(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.dispatched"


class CaseReturned(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.returned"
    reason: str = ""


class CaseStarted(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.started"


class CaseEscalated(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.escalated"
    from_level: str = ""
    reason: str = ""
    automatic: bool = False
    """True when the deadline timer escalated an overdue case by itself."""


class CaseResolved(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.resolved"


class CaseVerified(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.verified"


class CaseReworkOrdered(_CaseEvent):
    """Verification failed or the resident was dissatisfied: the case goes back to work."""

    event_type: ClassVar[str] = "cases.case.rework_ordered"
    reason: str = ""


class CaseClosed(_CaseEvent):
    """The case closed after the satisfaction visit (回访)."""

    event_type: ClassVar[str] = "cases.case.closed"
    satisfaction: str = ""
    on_time: bool = True
    handler: CaseActor | None = None
    """Who handled the case (started work on it): the cadre whose record it joins."""
    resolver: CaseActor | None = None


class CaseReopened(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.reopened"
    reason: str = ""


class CaseExtensionRequested(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.extension_requested"
    days: int = 0
    reason: str = ""


class CaseExtensionApproved(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.extension_approved"
    days: int = 0


class CaseExtensionRejected(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.extension_rejected"
    reason: str = ""


class CaseSuspended(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.suspended"
    reason: str = ""


class CaseResumed(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.resumed"


class CaseDeadlineWarning(_CaseEvent):
    """Yellow: the case is due on the next working day."""

    event_type: ClassVar[str] = "cases.case.deadline_warning"


class CaseOverdue(_CaseEvent):
    """Red: the first day after the deadline has come and the case is not resolved."""

    event_type: ClassVar[str] = "cases.case.overdue"


class CaseMerged(_CaseEvent):
    """The case was merged into another as its duplicate; both reporters are named."""

    event_type: ClassVar[str] = "cases.case.merged"
    duplicate_of: UUID | None = None
    duplicate_of_number: str = ""
    target_reporter_person_id: UUID | None = None


class CaseSupervisionOrdered(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.supervision_ordered"
    reason: str = ""


class CaseJointMeetingHeld(_CaseEvent):
    event_type: ClassVar[str] = "cases.case.joint_meeting_held"
    held_on: date | None = None
    departments: list[str] = []


class WatchState(BaseModel):
    """A follow-up watch (持续关注) as it stands after the change."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    watch_id: UUID
    case_id: UUID
    subject: str
    status: str
    interval_days: int
    checks_planned: int
    checks_done: int
    next_check_on: date | None = None


class WatchStarted(WatchState, IntegrationEvent):
    event_type: ClassVar[str] = "cases.watch.started"


class WatchChecked(WatchState, IntegrationEvent):
    event_type: ClassVar[str] = "cases.watch.checked"
    passed: bool = True
    note: str = ""


class WatchCompleted(WatchState, IntegrationEvent):
    event_type: ClassVar[str] = "cases.watch.completed"


class WatchFailed(WatchState, IntegrationEvent):
    event_type: ClassVar[str] = "cases.watch.failed"
    note: str = ""


EVENTS: tuple[type[IntegrationEvent], ...] = (
    CaseReported,
    CaseAccepted,
    CaseRejected,
    CaseDispatched,
    CaseReturned,
    CaseStarted,
    CaseEscalated,
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
    CaseJointMeetingHeld,
    WatchStarted,
    WatchChecked,
    WatchCompleted,
    WatchFailed,
)
