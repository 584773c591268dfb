"""Cases (案件): a resident's demand through the closed loop, from report to closure.

The loop (GB/T 30428, and the 12345 hotline's 接诉即办), step by step::

    step        from                              to
    accept      reported                          accepted (立案)
    reject      reported                          rejected (不予立案), final
    dispatch    accepted, returned                dispatched (派遣): the clock starts
    return_     dispatched                        returned (回退): the clock stops
    start       dispatched                        in progress
    resolve     in progress                       resolved, with evidence
    verify      resolved                          verified (核查), or in progress (返工)
    close       verified                          closed (结案), or in progress (返工)
    reopen      closed                            in progress (a failed follow-up watch)
    suspend     dispatched, in progress           suspended (挂账); resume goes back
    merge_into  reported, accepted, dispatched    merged, final

Besides the loop, while the case is in work: escalation one level up (上报),
co-handlers, joint meetings (联席会议), extensions (延期) and supervision (督办);
and the deadline watch, which warns, flags and escalates by itself.

Every step is one method. It checks the step may be taken, changes the case,
appends exactly one timeline entry and records one event (the deadline watch
may take two steps at once: overdue, then escalated). A refused step changes
nothing. Time is always handed in: ``at`` is the moment (timezone-aware) and
``today`` the local date (Asia/Shanghai) of that moment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from cases.domain.assignment import Assignee, Assignment, DepartmentRef
from cases.domain.case_number import CaseNumber
from cases.domain.category import AttributeValue, Category
from cases.domain.errors import (
    AlreadyAssigned,
    CaseAlreadyAtTop,
    CategoryInactive,
    CategoryMismatch,
    ExtensionAlreadyPending,
    ExtensionNeedsHigherLevel,
    IllegalTransition,
    InvalidAssignment,
    InvalidExtensionDays,
    JointMeetingNeedsSubdistrict,
    MergeIntoItself,
    MergeTargetFinished,
    NoPendingExtension,
    NotAnAssignee,
    ReturnWindowClosed,
    SupervisionNotDue,
    VerifierIsHandler,
)
from cases.domain.events import (
    CaseAccepted,
    CaseClosed,
    CaseDispatched,
    CaseEscalated,
    CaseEvent,
    CaseMerged,
    CaseOverdue,
    CaseRejected,
    CaseReopened,
    CaseReported,
    CaseResolved,
    CaseResumed,
    CaseReturned,
    CaseStarted,
    CaseSuspended,
    CaseVerified,
    DeadlineWarning,
    ExtensionApproved,
    ExtensionRejected,
    ExtensionRequested,
    JointMeetingHeld,
    ReworkOrdered,
    SupervisionOrdered,
)
from cases.domain.evidence import Evidence
from cases.domain.extension import (
    MAX_EXTENSION_DAYS,
    MIN_EXTENSION_DAYS,
    Extension,
    required_approver_level,
)
from cases.domain.kinds import (
    CLOCK_STATUSES,
    ActorRole,
    CaseAction,
    CaseSource,
    CaseStatus,
    ExtensionStatus,
    Level,
    Priority,
    ReworkOrigin,
    Satisfaction,
)
from cases.domain.location import Location
from cases.domain.oversight import JointMeeting, SupervisionOrder
from cases.domain.people import SYSTEM_ACTOR, Actor, Reporter
from cases.domain.text import clean_text, community_code, optional_text
from cases.domain.timeline import TimelineEntry
from cases.domain.working_days import WorkingCalendar
from gridkit.domain import Aggregate

__all__ = ["RETURN_WINDOW_DAYS", "SUPERVISION_REWORK_THRESHOLD", "Case"]

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 1000

RETURN_WINDOW_DAYS = 2
"""Working days after the dispatch date within which an assignee may send a case back."""
SUPERVISION_REWORK_THRESHOLD = 2
"""Reworks after which supervision (督办) may be ordered even if the case is on time."""

_S = CaseStatus
_A = CaseAction

_FROM_REPORTED = frozenset({_S.REPORTED})
_DISPATCHABLE = frozenset({_S.ACCEPTED, _S.RETURNED})
_IN_WORK = CLOCK_STATUSES
_ESCALATABLE = frozenset({_S.ACCEPTED, _S.DISPATCHED, _S.IN_PROGRESS})
_SUPERVISABLE = frozenset({_S.DISPATCHED, _S.IN_PROGRESS, _S.RESOLVED, _S.VERIFIED})
_MERGEABLE = frozenset({_S.REPORTED, _S.ACCEPTED, _S.DISPATCHED})
_FINISHED = frozenset({_S.REJECTED, _S.CLOSED, _S.MERGED})

_E = TypeVar("_E", bound=CaseEvent)


@dataclass(kw_only=True)
class Case(Aggregate):
    """A resident's demand (诉求) and everything done about it.

    Build one with :meth:`report`; the repository rebuilds stored ones with
    the constructor. The fields are read freely; only the methods change them.
    """

    aggregate_type: ClassVar[str] = "case"

    number: CaseNumber
    """The number people quote: ``2026-000123``."""
    title: str
    """What the demand is about, in a line (up to 200 characters)."""
    description: str
    """The demand in the reporter's words (up to 4000 characters)."""
    category_code: str
    """The catalogue category (案件类别) the case was reported in."""
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    """The category's attribute values, as :meth:`Category.validate_attributes` returned them."""
    priority: Priority
    """How soon it must be handled; with the category it sets the time limit."""
    source: CaseSource
    """How the case came in: patrol, resident, 12345, online, referral."""
    location: Location
    grid_id: UUID
    """The grid (网格) the case lies in."""
    division_code: str
    """The 12-digit code of the grid's community (社区/村); scope checks use it."""
    reporter: Reporter
    reported_at: datetime
    """When the case was reported; handling time is counted from it."""
    status: CaseStatus = CaseStatus.REPORTED
    level: Level = Level.GRID
    """The level that holds the case; it starts at the grid."""
    assignments: tuple[Assignment, ...] = ()
    """Who holds the case while dispatched: one lead (牵头) and any co-handlers (协办)."""
    handler: Actor | None = None
    """Who started work on the case (承办人)."""
    resolver: Actor | None = None
    """Who last resolved it."""
    timeline: list[TimelineEntry] = field(default_factory=list)
    """Every step, oldest first."""
    dispatched_at: datetime | None = None
    """When the running clock started: the last dispatch not sent back."""
    dispatched_on: date | None = None
    """The local date of ``dispatched_at``, which deadlines count from."""
    time_limit_days: int | None = None
    """Working days the category allowed the case's priority at dispatch."""
    due_on: date | None = None
    """The last day to resolve the case (办结时限), once dispatched."""
    warned_on: date | None = None
    """The yellow flag (黄牌): when the deadline warning was given for the current due date."""
    overdue_on: date | None = None
    """The red flag (红牌): the first overdue day seen for the current due date."""
    extensions: list[Extension] = field(default_factory=list)
    """Every request for more time, oldest first."""
    rework_count: int = 0
    """How many times the case was sent back to work (返工)."""
    reopen_count: int = 0
    """How many times the case was reopened after closing."""
    satisfaction: Satisfaction | None = None
    """The resident's answer on the latest return visit (回访)."""
    duplicate_of: UUID | None = None
    """The case this one was merged into."""
    closed_at: datetime | None = None
    """When the case closed (结案); cleared if it is reopened."""
    closed_on: date | None = None
    """The local date of ``closed_at``, compared with ``due_on`` for 按期结案."""
    supervision_orders: list[SupervisionOrder] = field(default_factory=list)
    """Supervision orders (督办) given, oldest first."""
    joint_meetings: list[JointMeeting] = field(default_factory=list)
    """Joint meetings (联席会议) held on the case, oldest first."""
    suspended_from: CaseStatus | None = None
    """While suspended: the status the case goes back to."""
    suspended_days_left: int | None = None
    """While suspended: the working days that were left before the due date."""

    # Reporting and acceptance

    @classmethod
    def report(
        cls,
        *,
        id: UUID,
        number: CaseNumber,
        category: Category,
        title: str,
        description: str,
        attributes: Mapping[str, object],
        priority: Priority,
        source: CaseSource,
        location: Location,
        grid_id: UUID,
        division_code: str,
        reporter: Reporter,
        actor: Actor,
        at: datetime,
        attachment_ids: Sequence[UUID] = (),
    ) -> Case:
        """Report a demand (上报) in ``category``, whose attributes the values must fit.

        The category must be active. ``division_code`` is the community of
        ``grid_id``; the repository hands out ``number``. Files sent with the
        report (photos of the problem) are the report's evidence: its timeline
        entry carries them with the description.
        """
        _aware(at)
        if not category.active:
            raise CategoryInactive(
                f"Category {category.name} ({category.code}) was withdrawn; no new case is "
                "reported in it",
                category_code=category.code,
            )
        case = cls(
            id=id,
            number=number,
            title=clean_text(title, label="Title", max_length=TITLE_MAX_LENGTH),
            description=clean_text(
                description, label="Description", max_length=DESCRIPTION_MAX_LENGTH
            ),
            category_code=category.code,
            attributes=category.validate_attributes(attributes),
            priority=priority,
            source=source,
            location=location,
            grid_id=grid_id,
            division_code=community_code(division_code),
            reporter=reporter,
            reported_at=at,
        )
        evidence = (
            Evidence(text=case.description, attachment_ids=tuple(attachment_ids))
            if attachment_ids
            else None
        )
        case._step(
            CaseReported,
            action=_A.REPORTED,
            actor=actor,
            at=at,
            entry_evidence=evidence,
            details={"source": source.value, "category_code": category.code},
            title=case.title,
            source=source,
            reporter_person_id=reporter.person_id,
            address=location.address,
            longitude=location.longitude,
            latitude=location.latitude,
        )
        return case

    def accept(self, *, actor: Actor, at: datetime, note: str | None = None) -> CaseAccepted:
        """Accept the report as a case (立案)."""
        self._require(_A.ACCEPTED, _FROM_REPORTED, to=_S.ACCEPTED, at=at)
        text = _note(note)
        self.status = _S.ACCEPTED
        return self._step(
            CaseAccepted, action=_A.ACCEPTED, actor=actor, at=at, entry_note=text, note=text
        )

    def reject(self, *, actor: Actor, reason: str, at: datetime) -> CaseRejected:
        """Refuse the report (不予立案), saying why; the case is over."""
        self._require(_A.REJECTED, _FROM_REPORTED, to=_S.REJECTED, at=at)
        why = _reason(reason)
        self.status = _S.REJECTED
        return self._step(
            CaseRejected, action=_A.REJECTED, actor=actor, at=at, entry_note=why, reason=why
        )

    # Dispatch and return

    def dispatch(
        self,
        *,
        actor: Actor,
        assignees: Sequence[Assignee],
        category: Category,
        calendar: WorkingCalendar,
        at: datetime,
        today: date,
        note: str | None = None,
    ) -> CaseDispatched:
        """Dispatch the case (派遣) to one or more assignees and start the clock.

        One assignee leads (牵头): the one marked ``lead``, or the first when
        none is. The case is due ``category.time_limit(priority)`` working days
        after ``today``. A case sent back is dispatched again the same way.
        """
        self._require(_A.DISPATCHED, _DISPATCHABLE, to=_S.DISPATCHED, at=at)
        self._check_category(category)
        assignments = _first_assignments(assignees, since=at)
        text = _note(note)
        limit = category.time_limit(self.priority)
        due_on = calendar.add_working_days(today, limit)
        self.status = _S.DISPATCHED
        self.assignments = assignments
        self.dispatched_at, self.dispatched_on = at, today
        self.time_limit_days = limit
        self._set_due(due_on)
        return self._step(
            CaseDispatched,
            action=_A.DISPATCHED,
            actor=actor,
            at=at,
            entry_note=text,
            details={
                "assignees": _labels(assignments),
                "due_on": due_on.isoformat(),
                "time_limit_days": str(limit),
            },
            assignments=assignments,
            co_handling=False,
            time_limit_days=limit,
        )

    def dispatch_more(
        self,
        *,
        actor: Actor,
        assignees: Sequence[Assignee],
        at: datetime,
        note: str | None = None,
    ) -> CaseDispatched:
        """Add co-handlers (增派协办) to a case in work, such as departments after escalation.

        The lead stays as it is, and so does the clock. An assignee already on
        the case is refused.
        """
        self._require(_A.CO_HANDLERS_ADDED, _IN_WORK, to=self.status, at=at)
        if not assignees:
            raise InvalidAssignment("Name at least one assignee to add")
        if any(assignee.lead for assignee in assignees):
            raise InvalidAssignment(
                "The case has its lead (牵头) already; added assignees co-handle (协办)",
                lead=self.lead.ref if self.lead else "",
            )
        _refuse_repeats(assignees)
        for assignee in assignees:
            if self._assignment_of(assignee.ref) is not None:
                raise AlreadyAssigned(
                    f"{assignee.name} already handles case {self.number}", ref=assignee.ref
                )
        text = _note(note)
        added = tuple(Assignment.of(a, lead=False, since=at) for a in assignees)
        self.assignments = (*self.assignments, *added)
        return self._step(
            CaseDispatched,
            action=_A.CO_HANDLERS_ADDED,
            actor=actor,
            at=at,
            entry_note=text,
            details={"assignees": _labels(added)},
            assignments=added,
            co_handling=True,
            time_limit_days=self.time_limit_days,
        )

    def return_(
        self,
        *,
        actor: Actor,
        reason: str,
        calendar: WorkingCalendar,
        at: datetime,
        today: date,
    ) -> CaseReturned:
        """Send the case back (回退) as not the assignee's, within two working days of dispatch.

        Only an assignee does so (:meth:`Actor.answers_for`). The assignments
        are cleared and the clock stops; the case waits to be dispatched again.
        """
        self._require(_A.RETURNED, frozenset({_S.DISPATCHED}), to=_S.RETURNED, at=at)
        assignment = next((a for a in self.assignments if actor.answers_for(a.kind, a.ref)), None)
        if assignment is None:
            raise NotAnAssignee(
                f"Only an assignee of case {self.number} may send it back; {actor.name} is not one",
                subject=actor.subject,
            )
        why = _reason(reason)
        assert self.dispatched_on is not None  # set by every dispatch
        if calendar.working_days_between(self.dispatched_on, today) > RETURN_WINDOW_DAYS:
            last_day = calendar.add_working_days(self.dispatched_on, RETURN_WINDOW_DAYS)
            raise ReturnWindowClosed(
                f"Case {self.number} was dispatched on {self.dispatched_on.isoformat()}; it could "
                f"be sent back up to {last_day.isoformat()} ({RETURN_WINDOW_DAYS} working days), "
                "not later",
                dispatched_on=self.dispatched_on.isoformat(),
                last_day=last_day.isoformat(),
            )
        self.status = _S.RETURNED
        self.assignments = ()
        self.dispatched_at = self.dispatched_on = self.time_limit_days = None
        self._set_due(None)
        return self._step(
            CaseReturned,
            action=_A.RETURNED,
            actor=actor,
            at=at,
            entry_note=why,
            details={"returned_by": assignment.name},
            reason=why,
            returned_by_ref=assignment.ref,
        )

    # Handling

    def start(self, *, actor: Actor, at: datetime, note: str | None = None) -> CaseStarted:
        """Start work on the case (开始处置); the actor becomes its handler (承办人)."""
        self._require(_A.STARTED, frozenset({_S.DISPATCHED}), to=_S.IN_PROGRESS, at=at)
        text = _note(note)
        self.status = _S.IN_PROGRESS
        self.handler = actor
        return self._step(CaseStarted, action=_A.STARTED, actor=actor, at=at, entry_note=text)

    def escalate(self, *, actor: Actor, reason: str, at: datetime) -> CaseEscalated:
        """Move the case one level up (上报): grid → community → subdistrict → district.

        For a case the level holding it cannot solve; the status stays. The
        district is the top.
        """
        self._require(_A.ESCALATED, _ESCALATABLE, to=self.status, at=at)
        if self.level.next() is None:
            raise CaseAlreadyAtTop(
                f"Case {self.number} is at the district already; there is no level above",
                level=self.level.value,
            )
        return self._escalate(actor=actor, reason=_reason(reason), at=at)

    def hold_joint_meeting(
        self,
        *,
        actor: Actor,
        held_on: date,
        participants: Sequence[str],
        departments: Sequence[DepartmentRef],
        minutes: str,
        decisions: Sequence[str] = (),
        at: datetime,
    ) -> JointMeetingHeld:
        """Record a joint meeting (联席会议) convened by ``actor``; its departments co-handle.

        A case is brought to a joint meeting once it is at the subdistrict or
        the district. Departments already on the case are not added twice.
        """
        self._require(_A.JOINT_MEETING_HELD, _IN_WORK, to=self.status, at=at)
        if self.level < Level.SUBDISTRICT:
            raise JointMeetingNeedsSubdistrict(
                f"Case {self.number} is at the {self.level.label}; a joint meeting takes up cases "
                "escalated to the subdistrict (街道) or the district",
                level=self.level.value,
            )
        meeting = JointMeeting(
            held_on=held_on,
            convened_by=actor,
            participants=tuple(participants),
            departments=tuple(departments),
            minutes=minutes,
            decisions=tuple(decisions),
        )
        added = tuple(
            Assignment.of(department.as_assignee(), lead=False, since=at)
            for department in meeting.departments
            if self._assignment_of(department.ref) is None
        )
        self.assignments = (*self.assignments, *added)
        self.joint_meetings.append(meeting)
        return self._step(
            JointMeetingHeld,
            action=_A.JOINT_MEETING_HELD,
            actor=actor,
            at=at,
            entry_note=meeting.minutes,
            details={
                "held_on": held_on.isoformat(),
                "participants": "、".join(meeting.participants),
                "departments": "、".join(d.name for d in meeting.departments),
            },
            held_on=held_on,
            participants=meeting.participants,
            added_assignments=added,
            decisions=meeting.decisions,
        )

    def resolve(self, *, actor: Actor, evidence: Evidence, at: datetime) -> CaseResolved:
        """Report the case resolved (处置完毕), with evidence of what was done."""
        self._require(_A.RESOLVED, frozenset({_S.IN_PROGRESS}), to=_S.RESOLVED, at=at)
        self.status = _S.RESOLVED
        self.resolver = actor
        details = {m.name: f"{m.value} {m.unit}" for m in evidence.measurements}
        return self._step(
            CaseResolved,
            action=_A.RESOLVED,
            actor=actor,
            at=at,
            entry_evidence=evidence,
            details=details,
            evidence=evidence,
        )

    def verify(
        self, *, actor: Actor, passed: bool, at: datetime, note: str | None = None
    ) -> CaseVerified | ReworkOrdered:
        """Verify the result on site (核查), by someone other than its handler and resolver.

        Passed, the case waits for the return visit. Not passed, it goes back
        to work (返工) and ``note`` says why (required then).
        """
        target = _S.VERIFIED if passed else _S.IN_PROGRESS
        action = _A.VERIFIED if passed else _A.REWORK_ORDERED
        self._require(action, frozenset({_S.RESOLVED}), to=target, at=at)
        if actor.is_same_person(self.handler) or actor.is_same_person(self.resolver):
            raise VerifierIsHandler(
                f"{actor.name} handled or resolved case {self.number}; someone else verifies it",
                subject=actor.subject,
            )
        if not passed:
            return self._rework(
                actor=actor, origin=ReworkOrigin.VERIFICATION, reason=note, at=at, satisfaction=None
            )
        text = _note(note)
        self.status = _S.VERIFIED
        return self._step(
            CaseVerified, action=_A.VERIFIED, actor=actor, at=at, entry_note=text, note=text
        )

    def close(
        self,
        *,
        actor: Actor,
        satisfaction: Satisfaction,
        at: datetime,
        today: date,
        note: str | None = None,
    ) -> CaseClosed | ReworkOrdered:
        """Record the return visit (回访): satisfied, the case closes (结案); not, it is reworked.

        A dissatisfied resident sends the case back to work (返工); ``note``
        says what they said (required then).
        """
        target = _S.CLOSED if satisfaction.is_satisfied else _S.IN_PROGRESS
        action = _A.CLOSED if satisfaction.is_satisfied else _A.REWORK_ORDERED
        self._require(action, frozenset({_S.VERIFIED}), to=target, at=at)
        if not satisfaction.is_satisfied:
            return self._rework(
                actor=actor,
                origin=ReworkOrigin.VISIT,
                reason=note,
                at=at,
                satisfaction=satisfaction,
            )
        text = _note(note)
        self.status = _S.CLOSED
        self.satisfaction = satisfaction
        self.closed_at, self.closed_on = at, today
        return self._step(
            CaseClosed,
            action=_A.CLOSED,
            actor=actor,
            at=at,
            entry_note=text,
            details={"satisfaction": satisfaction.value},
            satisfaction=satisfaction,
            note=text,
            on_time=bool(self.on_time),
            title=self.title,
            handler=self.handler,
        )

    def reopen(
        self,
        *,
        actor: Actor,
        reason: str,
        calendar: WorkingCalendar,
        at: datetime,
        today: date,
    ) -> CaseReopened:
        """Take a closed case back into work (重新启动), e.g. after a failed follow-up check.

        The clock starts again: the case is due the time limit it was
        dispatched with after ``today``.
        """
        self._require(_A.REOPENED, frozenset({_S.CLOSED}), to=_S.IN_PROGRESS, at=at)
        why = _reason(reason)
        self.status = _S.IN_PROGRESS
        self.reopen_count += 1
        self.closed_at = self.closed_on = None
        self.satisfaction = None
        if self.time_limit_days is not None:
            self._set_due(calendar.add_working_days(today, self.time_limit_days))
        return self._step(
            CaseReopened,
            action=_A.REOPENED,
            actor=actor,
            at=at,
            entry_note=why,
            details=self._due_details(),
            reason=why,
            reopen_count=self.reopen_count,
        )

    # Extensions (延期)

    def request_extension(
        self, *, actor: Actor, days: int, reason: str, at: datetime
    ) -> ExtensionRequested:
        """Ask for ``days`` more working days (1 to 30); one request waits at a time."""
        self._require(_A.EXTENSION_REQUESTED, _IN_WORK, to=self.status, at=at)
        pending = self.pending_extension
        if pending is not None:
            raise ExtensionAlreadyPending(
                f"Case {self.number} has a request for {pending.days} more working days waiting; "
                "it must be decided first",
                sequence=pending.sequence,
            )
        if (
            isinstance(days, bool)
            or not isinstance(days, int)
            or not (MIN_EXTENSION_DAYS <= days <= MAX_EXTENSION_DAYS)
        ):
            raise InvalidExtensionDays(
                f"An extension asks for {MIN_EXTENSION_DAYS} to {MAX_EXTENSION_DAYS} working "
                f"days; got {days!r}",
                days=str(days),
            )
        why = _reason(reason)
        extension = Extension(
            sequence=len(self.extensions) + 1,
            days=days,
            reason=why,
            requested_by=actor,
            requested_at=at,
        )
        self.extensions.append(extension)
        return self._step(
            ExtensionRequested,
            action=_A.EXTENSION_REQUESTED,
            actor=actor,
            at=at,
            entry_note=why,
            details={"days": str(days), "sequence": str(extension.sequence)},
            sequence=extension.sequence,
            days=days,
            reason=why,
        )

    def approve_extension(
        self,
        *,
        actor: Actor,
        calendar: WorkingCalendar,
        at: datetime,
        note: str | None = None,
    ) -> ExtensionApproved:
        """Approve the pending extension: the due date moves by its working days.

        The first approval needs someone at the case's level or above; each
        later one someone strictly above the approver before
        (:func:`~cases.domain.extension.required_approver_level`).
        """
        self._require(_A.EXTENSION_APPROVED, _IN_WORK, to=self.status, at=at)
        pending = self._pending_or_refuse()
        previous = next(
            (e.decided_by for e in reversed(self.extensions) if e.is_approved and e.decided_by),
            None,
        )
        required = required_approver_level(self.level, previous.level if previous else None)
        if required is None or actor.level is None or actor.level < required:
            raise _needs_higher_level(self, actor, required, previous)
        text = _note(note)
        assert self.due_on is not None  # a case in work always has a due date
        previous_due = self.due_on
        self._set_due(calendar.add_working_days(previous_due, pending.days))
        self._decide(pending, ExtensionStatus.APPROVED, actor=actor, at=at, note=text)
        return self._step(
            ExtensionApproved,
            action=_A.EXTENSION_APPROVED,
            actor=actor,
            at=at,
            entry_note=text,
            details={**self._due_details(), "previous_due_on": previous_due.isoformat()},
            sequence=pending.sequence,
            days=pending.days,
            previous_due_on=previous_due,
            note=text,
        )

    def reject_extension(self, *, actor: Actor, reason: str, at: datetime) -> ExtensionRejected:
        """Refuse the pending extension, saying why; the due date stays."""
        self._require(_A.EXTENSION_REJECTED, _IN_WORK, to=self.status, at=at)
        pending = self._pending_or_refuse()
        why = _reason(reason)
        self._decide(pending, ExtensionStatus.REJECTED, actor=actor, at=at, note=why)
        return self._step(
            ExtensionRejected,
            action=_A.EXTENSION_REJECTED,
            actor=actor,
            at=at,
            entry_note=why,
            details={"days": str(pending.days), "sequence": str(pending.sequence)},
            sequence=pending.sequence,
            days=pending.days,
            reason=why,
        )

    # Suspension (挂账)

    def suspend(
        self,
        *,
        actor: Actor,
        reason: str,
        calendar: WorkingCalendar,
        at: datetime,
        today: date,
    ) -> CaseSuspended:
        """Suspend a case that cannot be solved for now (挂账); its clock stands still.

        The working days left after ``today`` up to the due date are kept
        (none when it has passed) and given back by :meth:`resume`.
        """
        self._require(_A.SUSPENDED, _IN_WORK, to=_S.SUSPENDED, at=at)
        why = _reason(reason)
        assert self.due_on is not None  # a case in work always has a due date
        days_left = calendar.working_days_between(today, self.due_on)
        suspended_from = self.status
        self.status = _S.SUSPENDED
        self.suspended_from, self.suspended_days_left = suspended_from, days_left
        return self._step(
            CaseSuspended,
            action=_A.SUSPENDED,
            actor=actor,
            at=at,
            entry_note=why,
            details={"days_left": str(days_left), "suspended_from": suspended_from.value},
            reason=why,
            days_left=days_left,
            suspended_from=suspended_from,
        )

    def resume(
        self,
        *,
        actor: Actor,
        calendar: WorkingCalendar,
        at: datetime,
        today: date,
        note: str | None = None,
    ) -> CaseResumed:
        """Take a suspended case up again, where it was; due the days left after ``today``."""
        back_to = self.suspended_from or _S.IN_PROGRESS
        self._require(_A.RESUMED, frozenset({_S.SUSPENDED}), to=back_to, at=at)
        text = _note(note)
        days_left = self.suspended_days_left or 0
        self.status = back_to
        self.suspended_from = self.suspended_days_left = None
        self._set_due(calendar.add_working_days(today, days_left))
        return self._step(
            CaseResumed,
            action=_A.RESUMED,
            actor=actor,
            at=at,
            entry_note=text,
            details={**self._due_details(), "days_left": str(days_left)},
            days_left=days_left,
            note=text,
        )

    # Oversight

    def order_supervision(
        self, *, actor: Actor, reason: str, at: datetime, today: date
    ) -> SupervisionOrdered:
        """Order the case handled (督办): it is overdue, or it was reworked twice or more."""
        self._require(_A.SUPERVISION_ORDERED, _SUPERVISABLE, to=self.status, at=at)
        overdue = self.is_overdue(today) or self.overdue_on is not None
        if not overdue and self.rework_count < SUPERVISION_REWORK_THRESHOLD:
            raise SupervisionNotDue(
                f"Case {self.number} is on time and was reworked {self.rework_count} times; "
                f"supervision is ordered for overdue cases and cases reworked "
                f"{SUPERVISION_REWORK_THRESHOLD} times or more",
                rework_count=self.rework_count,
            )
        why = _reason(reason)
        self.supervision_orders.append(SupervisionOrder(ordered_on=today, by=actor, reason=why))
        return self._step(
            SupervisionOrdered,
            action=_A.SUPERVISION_ORDERED,
            actor=actor,
            at=at,
            entry_note=why,
            details={"overdue": str(overdue).lower(), "rework_count": str(self.rework_count)},
            ordered_on=today,
            reason=why,
            overdue=overdue,
            rework_count=self.rework_count,
        )

    def merge_into(
        self, other: Case, *, actor: Actor, at: datetime, note: str | None = None
    ) -> CaseMerged:
        """Merge the case into ``other`` as a duplicate (合并); this one is over.

        Only a case not yet in work is merged (reported, accepted or just
        dispatched), and only into another case that is still open.
        """
        self._require(_A.MERGED, _MERGEABLE, to=_S.MERGED, at=at)
        if other.id == self.id:
            raise MergeIntoItself(
                f"Case {self.number} cannot be merged into itself", case_id=str(self.id)
            )
        if other.status in _FINISHED:
            raise MergeTargetFinished(
                f"Case {other.number} is {other.status.label}; a duplicate is merged into a case "
                "still open",
                target_id=str(other.id),
                target_status=other.status.value,
            )
        text = _note(note)
        self.status = _S.MERGED
        self.duplicate_of = other.id
        return self._step(
            CaseMerged,
            action=_A.MERGED,
            actor=actor,
            at=at,
            entry_note=text,
            details={"duplicate_of": str(other.number)},
            duplicate_of=other.id,
            duplicate_of_number=str(other.number),
            note=text,
        )

    # The deadline watch

    def observe_deadline(
        self, *, today: date, at: datetime, calendar: WorkingCalendar
    ) -> list[CaseEvent]:
        """The timer's look at the deadline; answers the events it recorded (often none).

        From the working day before the due date on, it warns once (yellow
        flag, :class:`DeadlineWarning`). From the first day after the due date
        on, it flags the case overdue once (red flag, :class:`CaseOverdue`) and
        escalates it one level as the system, unless it is at the district
        already; a case found overdue before it was warned is not warned any
        more. Only a case in work (dispatched or in progress) is watched:
        suspended, resolved and finished cases are left alone. Calling it again
        the same day, or any later day, records nothing new.
        """
        _aware(at)
        if self.status not in _IN_WORK or self.due_on is None:
            return []
        if today > self.due_on:
            if self.overdue_on is not None:
                return []
            self.overdue_on = today
            self.warned_on = self.warned_on or today
            events: list[CaseEvent] = [
                self._step(
                    CaseOverdue,
                    action=_A.OVERDUE,
                    actor=SYSTEM_ACTOR,
                    at=at,
                    details=self._due_details(),
                    overdue_since=today,
                )
            ]
            if self.level.next() is not None:
                reason = f"超期未办结：应于 {self.due_on.isoformat()} 前办结"
                events.append(self._escalate(actor=SYSTEM_ACTOR, reason=reason, at=at))
            return events
        if self.warned_on is None and today >= calendar.previous_working_day(self.due_on):
            self.warned_on = today
            return [
                self._step(
                    DeadlineWarning,
                    action=_A.DEADLINE_WARNING,
                    actor=SYSTEM_ACTOR,
                    at=at,
                    details=self._due_details(),
                )
            ]
        return []

    # Reading

    @property
    def lead(self) -> Assignment | None:
        """The assignee who leads (牵头), while the case is dispatched."""
        return next((a for a in self.assignments if a.lead), None)

    @property
    def pending_extension(self) -> Extension | None:
        """The extension request waiting for a decision, if any."""
        return next((e for e in self.extensions if e.is_pending), None)

    @property
    def is_extended(self) -> bool:
        """Whether any extension was approved (延期)."""
        return any(e.is_approved for e in self.extensions)

    @property
    def yellow_flag(self) -> bool:
        """Whether the deadline warning was given for the current due date (黄牌)."""
        return self.warned_on is not None

    @property
    def red_flag(self) -> bool:
        """Whether the case was found overdue for the current due date (红牌)."""
        return self.overdue_on is not None

    def is_assignee(self, actor: Actor) -> bool:
        """Whether ``actor`` answers for one of the case's assignments."""
        return any(actor.answers_for(a.kind, a.ref) for a in self.assignments)

    def is_overdue(self, today: date) -> bool:
        """Whether the case is in work (dispatched or in progress) past its due date."""
        return self.status in _IN_WORK and self.due_on is not None and today > self.due_on

    @property
    def on_time(self) -> bool | None:
        """Whether the case closed on or before its due date (按期结案); ``None`` until closed."""
        if self.status is not _S.CLOSED or self.closed_on is None:
            return None
        return self.due_on is None or self.closed_on <= self.due_on

    @property
    def handling_hours(self) -> float | None:
        """Hours from report to closure; ``None`` until closed."""
        if self.status is not _S.CLOSED or self.closed_at is None:
            return None
        return (self.closed_at - self.reported_at).total_seconds() / 3600

    # Internals

    def _require(
        self, action: CaseAction, allowed: frozenset[CaseStatus], *, to: CaseStatus, at: datetime
    ) -> None:
        _aware(at)
        if self.status not in allowed:
            needs = ", ".join(s.value for s in sorted(allowed, key=list(CaseStatus).index))
            raise IllegalTransition(
                f"Case {self.number} is {self.status.label}; it cannot be {action.label} "
                f"from there (that needs {needs})",
                **{"from": self.status.value, "to": to.value, "action": action.value},
            )

    def _check_category(self, category: Category) -> None:
        if category.code != self.category_code:
            raise CategoryMismatch(
                f"Case {self.number} is of category {self.category_code}, not {category.code}",
                category_code=category.code,
            )

    def _assignment_of(self, ref: str) -> Assignment | None:
        return next((a for a in self.assignments if a.ref == ref), None)

    def _set_due(self, due_on: date | None) -> None:
        # The flags belong to a due date: a new one is warned and flagged afresh.
        self.due_on = due_on
        self.warned_on = self.overdue_on = None

    def _due_details(self) -> dict[str, str]:
        return {} if self.due_on is None else {"due_on": self.due_on.isoformat()}

    def _pending_or_refuse(self) -> Extension:
        pending = self.pending_extension
        if pending is None:
            raise NoPendingExtension(
                f"Case {self.number} has no extension request waiting for a decision"
            )
        return pending

    def _decide(
        self,
        extension: Extension,
        status: ExtensionStatus,
        *,
        actor: Actor,
        at: datetime,
        note: str | None,
    ) -> None:
        decided = replace(
            extension, status=status, decided_by=actor, decided_at=at, decision_note=note
        )
        self.extensions = [decided if e is extension else e for e in self.extensions]

    def _escalate(self, *, actor: Actor, reason: str, at: datetime) -> CaseEscalated:
        from_level, to_level = self.level, self.level.next()
        assert to_level is not None  # the callers check the top
        self.level = to_level
        return self._step(
            CaseEscalated,
            action=_A.ESCALATED,
            actor=actor,
            at=at,
            entry_note=reason,
            details={"from_level": from_level.value, "to_level": to_level.value},
            from_level=from_level,
            reason=reason,
            automatic=actor.role is ActorRole.SYSTEM,
        )

    def _rework(
        self,
        *,
        actor: Actor,
        origin: ReworkOrigin,
        reason: str | None,
        at: datetime,
        satisfaction: Satisfaction | None,
    ) -> ReworkOrdered:
        why = _reason(reason)
        self.status = _S.IN_PROGRESS
        self.rework_count += 1
        if satisfaction is not None:
            self.satisfaction = satisfaction
        return self._step(
            ReworkOrdered,
            action=_A.REWORK_ORDERED,
            actor=actor,
            at=at,
            entry_note=why,
            details={"origin": origin.value, "rework_count": str(self.rework_count)},
            origin=origin,
            reason=why,
            rework_count=self.rework_count,
            satisfaction=satisfaction,
        )

    def _step(
        self,
        event_type: type[_E],
        *,
        action: CaseAction,
        actor: Actor,
        at: datetime,
        entry_note: str | None = None,
        entry_evidence: Evidence | None = None,
        details: Mapping[str, str] | None = None,
        **fields: Any,
    ) -> _E:
        """Append the timeline entry of a step taken, and record its event with ``fields``."""
        self.timeline.append(
            TimelineEntry(
                at=at,
                actor=actor,
                action=action,
                status=self.status,
                note=entry_note,
                evidence=entry_evidence,
                details=dict(details or {}),
            )
        )
        event = event_type(
            case_id=self.id,
            number=str(self.number),
            status=self.status,
            level=self.level,
            category_code=self.category_code,
            priority=self.priority,
            grid_id=self.grid_id,
            division_code=self.division_code,
            due_on=self.due_on,
            at=at,
            actor=actor,
            **fields,
        )
        self.record(event)
        return event


def _aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"moments are timezone-aware, got {at!r}")


def _reason(value: str | None) -> str:
    return clean_text(value, label="Reason", max_length=REASON_MAX_LENGTH)


def _note(value: str | None) -> str | None:
    return optional_text(value, label="Note", max_length=NOTE_MAX_LENGTH)


def _labels(assignments: Sequence[Assignment]) -> str:
    return "、".join(a.label for a in assignments)


def _refuse_repeats(assignees: Sequence[Assignee]) -> None:
    refs = [a.ref for a in assignees]
    repeated = sorted({ref for ref in refs if refs.count(ref) > 1})
    if repeated:
        raise InvalidAssignment(
            f"A dispatch names each assignee once; {', '.join(repeated)} comes more than once",
            ref=", ".join(repeated),
        )


def _first_assignments(assignees: Sequence[Assignee], *, since: datetime) -> tuple[Assignment, ...]:
    if not assignees:
        raise InvalidAssignment("A dispatch names at least one assignee")
    _refuse_repeats(assignees)
    leads = [a for a in assignees if a.lead]
    if len(leads) > 1:
        raise InvalidAssignment(
            f"One assignee leads (牵头); {', '.join(a.name for a in leads)} are all marked lead",
            ref=", ".join(a.ref for a in leads),
        )
    lead = leads[0] if leads else assignees[0]
    return tuple(Assignment.of(a, lead=a is lead, since=since) for a in assignees)


def _needs_higher_level(
    case: Case, actor: Actor, required: Level | None, previous: Actor | None
) -> ExtensionNeedsHigherLevel:
    who = f"{actor.name} ({actor.role.label})"
    if required is None:
        message = (
            f"The last extension of case {case.number} was approved at the district; "
            "no level is left above it to approve another"
        )
    elif previous is None:
        message = (
            f"Case {case.number} is at the {case.level.label}; its first extension is approved "
            f"at that level or above, not by {who}"
        )
    else:
        message = (
            f"The last extension of case {case.number} was approved by {previous.name} at the "
            f"{previous.level.label if previous.level else '?'}; another one needs the "
            f"{required.label} or above, not {who}"
        )
    return ExtensionNeedsHigherLevel(
        message,
        required_level=required.value if required else "",
        approver_level=actor.level.value if actor.level else "",
    )
