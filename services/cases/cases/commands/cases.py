"""What callers ask of cases, in imperative names: report, accept, dispatch ... close."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from uuid import UUID

from cases.domain.kinds import AssigneeKind, CaseSource, Priority, Satisfaction


@dataclass(frozen=True, kw_only=True)
class AnonymousReporter:
    """A reporter who is not registered: a phone to call back, maybe a name."""

    phone: str
    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReportCase:
    """Report a demand found in a grid, or brought by a resident, the hotline or a referral."""

    title: str
    description: str
    category_code: str
    attributes: Mapping[str, object] = field(default_factory=dict)
    priority: Priority = Priority.NORMAL
    source: CaseSource
    address: str
    longitude: float | None = None
    latitude: float | None = None
    grid_id: UUID | None = None
    """The grid; found from the coordinates when left out."""
    reporter_person_id: UUID | None = None
    """A registered reporter; the caller's own record when both reporter fields are left out."""
    anonymous_reporter: AnonymousReporter | None = None
    attachment_ids: Sequence[UUID] = ()
    """Photos or documents uploaded before the report."""


@dataclass(frozen=True, kw_only=True)
class Assign:
    """One assignee of a dispatch: a grid worker (person id), a community (division code) or
    a department (id); the names come from the service's views."""

    kind: AssigneeKind
    ref: str
    lead: bool = False


@dataclass(frozen=True, kw_only=True)
class DispatchCase:
    """Dispatch (派遣) an accepted or returned case; with no assignees, to the grid's
    full-time grid worker."""

    case_id: UUID
    assignees: Sequence[Assign] = ()
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class AddCoHandlers:
    """Add co-handlers (协办) to a case in work."""

    case_id: UUID
    assignees: Sequence[Assign]
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class MeasurementInput:
    """A measurement handed in with a resolution: value, unit, the limit it must keep."""

    name: str
    value: Decimal
    unit: str
    limit: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class ResolveCase:
    """Hand in the result of the work (处理反馈) with its evidence."""

    case_id: UUID
    text: str
    attachment_ids: Sequence[UUID] = ()
    measurements: Sequence[MeasurementInput] = ()


@dataclass(frozen=True, kw_only=True)
class HoldJointMeeting:
    """Record a joint meeting (联席会议) on an escalated case; its departments co-handle."""

    case_id: UUID
    held_on: date
    participants: Sequence[str]
    department_ids: Sequence[UUID]
    minutes: str
    decisions: Sequence[str] = ()


@dataclass(frozen=True, kw_only=True)
class CaseStep:
    """A step that takes only the case and maybe a note or reason: accept, reject, start,
    escalate, verify, close, reopen, suspend, resume, extensions, supervision."""

    case_id: UUID
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class VerifyCase:
    """Check the result on site (核查): passed, or back to work (返工) with a note."""

    case_id: UUID
    passed: bool
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class CloseCase:
    """Record the return visit (回访); a satisfied resident closes the case (结案)."""

    case_id: UUID
    satisfaction: Satisfaction
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class RequestExtension:
    """Ask for more working days (延期)."""

    case_id: UUID
    days: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class MergeCase:
    """Merge a case into another as its duplicate."""

    case_id: UUID
    into_case_id: UUID
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class StartWatch:
    """Follow a closed case up (持续关注): every ``interval_days``, ``checks_planned`` times."""

    case_id: UUID
    subject: str
    interval_days: int
    checks_planned: int
    starts_on: date | None = None
    """The first day of the watch; today when left out."""


@dataclass(frozen=True, kw_only=True)
class RecordWatchCheck:
    """Record one check of a watch; a failed check reopens the case."""

    watch_id: UUID
    passed: bool
    note: str | None = None
    checked_on: date | None = None
    """The day of the check; today when left out."""
