"""Domain events of the cases service (past tense, immutable).

Each case event carries the case as it stands after the change (status,
level, due date ...), who made the change and when, and what is particular
to it. Its ``name`` is the last part of the integration event's type:
``cases.case.<name>`` for a case, ``cases.watch.<name>`` for a watch. Enum
values are ``StrEnum`` members, which serialise as their plain strings. No
event carries a reporter's phone number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from cases.domain.assignment import Assignment
from cases.domain.evidence import Evidence
from cases.domain.kinds import (
    CaseSource,
    CaseStatus,
    Level,
    Priority,
    ReworkOrigin,
    Satisfaction,
    WatchStatus,
)
from cases.domain.people import Actor

# Cases


@dataclass(frozen=True, kw_only=True)
class CaseEvent:
    """A case as it stands after the change, and who changed it, when."""

    name: ClassVar[str]
    """The event's name in ``cases.case.<name>``."""

    case_id: UUID
    number: str
    """The case number, ``2026-000123``."""
    status: CaseStatus
    """The status after the change."""
    level: Level
    """The level holding the case after the change."""
    category_code: str
    priority: Priority
    grid_id: UUID
    division_code: str
    """The grid's community (社区/村): who may see the case is decided by it."""
    due_on: date | None
    """The due date after the change; ``None`` while the clock has not started."""
    at: datetime
    """When the change was made."""
    actor: Actor
    """Who made it (the system for timers)."""


@dataclass(frozen=True, kw_only=True)
class CaseReported(CaseEvent):
    """A demand was reported (上报)."""

    name: ClassVar[str] = "reported"

    title: str
    source: CaseSource
    reporter_person_id: UUID | None
    """The reporter when registered; ``None`` for an anonymous contact."""
    address: str
    longitude: float | None
    latitude: float | None


@dataclass(frozen=True, kw_only=True)
class CaseAccepted(CaseEvent):
    """The report was accepted as a case (立案)."""

    name: ClassVar[str] = "accepted"

    note: str | None


@dataclass(frozen=True, kw_only=True)
class CaseRejected(CaseEvent):
    """The report was not accepted (不予立案); the case is over."""

    name: ClassVar[str] = "rejected"

    reason: str


@dataclass(frozen=True, kw_only=True)
class CaseDispatched(CaseEvent):
    """The case was dispatched (派遣), or more co-handlers were added to it (增派).

    ``assignments`` holds the assignees this step added. A first dispatch
    (``co_handling`` false) starts the clock: ``due_on`` is then new.
    """

    name: ClassVar[str] = "dispatched"

    assignments: tuple[Assignment, ...]
    co_handling: bool
    time_limit_days: int | None
    """Working days the category allows the case's priority."""


@dataclass(frozen=True, kw_only=True)
class CaseReturned(CaseEvent):
    """An assignee sent the case back (回退) as not theirs; the clock stopped."""

    name: ClassVar[str] = "returned"

    reason: str
    returned_by_ref: str
    """The ref of the assignment that sent it back."""


@dataclass(frozen=True, kw_only=True)
class CaseStarted(CaseEvent):
    """Someone started work on the case (开始处置); the actor is now its handler."""

    name: ClassVar[str] = "started"


@dataclass(frozen=True, kw_only=True)
class CaseEscalated(CaseEvent):
    """The case moved one level up (上报); ``level`` is the new one."""

    name: ClassVar[str] = "escalated"

    from_level: Level
    reason: str
    automatic: bool
    """Whether the deadline watch escalated it, as the case was overdue."""


@dataclass(frozen=True, kw_only=True)
class CaseResolved(CaseEvent):
    """The case was resolved with evidence (处置完毕), waiting for verification."""

    name: ClassVar[str] = "resolved"

    evidence: Evidence


@dataclass(frozen=True, kw_only=True)
class CaseVerified(CaseEvent):
    """The result was verified on site (核查通过), waiting for the return visit."""

    name: ClassVar[str] = "verified"

    note: str | None


@dataclass(frozen=True, kw_only=True)
class ReworkOrdered(CaseEvent):
    """The case went back to work (返工): verification failed, or the resident was
    dissatisfied on the return visit."""

    name: ClassVar[str] = "rework_ordered"

    origin: ReworkOrigin
    reason: str
    rework_count: int
    """How many times the case has been sent back to work, this one included."""
    satisfaction: Satisfaction | None
    """The resident's answer, for a rework ordered by the return visit."""


@dataclass(frozen=True, kw_only=True)
class CaseClosed(CaseEvent):
    """The resident was satisfied on the return visit (回访) and the case closed (结案)."""

    name: ClassVar[str] = "closed"

    satisfaction: Satisfaction
    note: str | None
    on_time: bool
    """Whether it closed on or before its due date (按期结案)."""
    title: str
    handler: Actor | None
    """Who handled it (started work on it): the cadre whose record (干部纪实) it joins."""


@dataclass(frozen=True, kw_only=True)
class CaseReopened(CaseEvent):
    """A closed case was reopened (重新启动), after a failed follow-up check."""

    name: ClassVar[str] = "reopened"

    reason: str
    reopen_count: int


@dataclass(frozen=True, kw_only=True)
class ExtensionRequested(CaseEvent):
    """More working days were asked for (申请延期)."""

    name: ClassVar[str] = "extension_requested"

    sequence: int
    days: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class ExtensionApproved(CaseEvent):
    """An extension was approved; ``due_on`` is the new due date."""

    name: ClassVar[str] = "extension_approved"

    sequence: int
    days: int
    previous_due_on: date
    note: str | None


@dataclass(frozen=True, kw_only=True)
class ExtensionRejected(CaseEvent):
    """An extension was refused; the due date stays."""

    name: ClassVar[str] = "extension_rejected"

    sequence: int
    days: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class CaseSuspended(CaseEvent):
    """The case was suspended (挂账); its clock stands still with ``days_left``."""

    name: ClassVar[str] = "suspended"

    reason: str
    days_left: int
    """Working days that were left before the due date."""
    suspended_from: CaseStatus


@dataclass(frozen=True, kw_only=True)
class CaseResumed(CaseEvent):
    """The case was taken up again (恢复办理); ``due_on`` is counted anew from the days left."""

    name: ClassVar[str] = "resumed"

    days_left: int
    note: str | None


@dataclass(frozen=True, kw_only=True)
class DeadlineWarning(CaseEvent):
    """The case is due on the next working day or today (黄牌预警)."""

    name: ClassVar[str] = "deadline_warning"


@dataclass(frozen=True, kw_only=True)
class CaseOverdue(CaseEvent):
    """The due date passed with the case still in work (红牌超期)."""

    name: ClassVar[str] = "overdue"

    overdue_since: date
    """The first day after the due date."""


@dataclass(frozen=True, kw_only=True)
class CaseMerged(CaseEvent):
    """The case was merged into another as a duplicate (合并); it is over."""

    name: ClassVar[str] = "merged"

    duplicate_of: UUID
    duplicate_of_number: str
    note: str | None


@dataclass(frozen=True, kw_only=True)
class SupervisionOrdered(CaseEvent):
    """The supervision office ordered the case handled (督办)."""

    name: ClassVar[str] = "supervision_ordered"

    ordered_on: date
    reason: str
    overdue: bool
    rework_count: int


@dataclass(frozen=True, kw_only=True)
class JointMeetingHeld(CaseEvent):
    """A joint meeting (联席会议) took the case up and put departments on it."""

    name: ClassVar[str] = "joint_meeting_held"

    held_on: date
    participants: tuple[str, ...]
    added_assignments: tuple[Assignment, ...]
    """The departments that joined as co-handlers (those already on the case are not repeated)."""
    decisions: tuple[str, ...]


# Follow-up watches (持续关注)


@dataclass(frozen=True, kw_only=True)
class WatchEvent:
    """A watch as it stands after the change."""

    name: ClassVar[str]
    """The event's name in ``cases.watch.<name>``."""

    watch_id: UUID
    case_id: UUID
    subject: str
    status: WatchStatus
    checks_planned: int
    checks_done: int
    next_check_on: date | None


@dataclass(frozen=True, kw_only=True)
class WatchStarted(WatchEvent):
    """A closed case is followed up: checked every ``interval_days``, ``checks_planned`` times."""

    name: ClassVar[str] = "started"

    started_on: date
    interval_days: int
    ordered_by: str
    """The name of who ordered it: a person or a department."""


@dataclass(frozen=True, kw_only=True)
class WatchCheckRecorded(WatchEvent):
    """A check was made."""

    name: ClassVar[str] = "checked"

    checked_on: date
    passed: bool
    note: str | None
    by: Actor


@dataclass(frozen=True, kw_only=True)
class WatchCompleted(WatchEvent):
    """Every planned check passed; the watch is over."""

    name: ClassVar[str] = "completed"

    completed_on: date


@dataclass(frozen=True, kw_only=True)
class WatchFailed(WatchEvent):
    """A check failed; the watch is over and the case was reopened."""

    name: ClassVar[str] = "failed"

    failed_on: date
    note: str | None
