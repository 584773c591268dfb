"""Follow-up watches (持续关注): a closed case checked again at intervals for a while.

"Check the west lift of building 1 weekly for eight weeks" is a watch with
an interval of 7 days and 8 checks planned. When every planned check passes
the watch completes; when one fails, the watch fails and the case is
reopened. :func:`record_watch_check` does both, so the two never part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from cases.domain.case import Case
from cases.domain.errors import (
    InvalidDate,
    InvalidWatchPlan,
    WatchCaseMismatch,
    WatchCaseNotClosed,
    WatchNotActive,
)
from cases.domain.events import (
    CaseReopened,
    WatchCheckRecorded,
    WatchCompleted,
    WatchEvent,
    WatchFailed,
    WatchStarted,
)
from cases.domain.kinds import CaseStatus, WatchStatus
from cases.domain.people import Actor
from cases.domain.text import clean_text, optional_text
from cases.domain.working_days import WorkingCalendar
from gridkit.domain import Aggregate

__all__ = ["Watch", "WatchCheck", "record_watch_check"]

SUBJECT_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 250
"""Short enough that the subject and the note make the case's reopening reason."""
MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS = 1, 90
MIN_CHECKS, MAX_CHECKS = 1, 52

_E = TypeVar("_E", bound=WatchEvent)


@dataclass(frozen=True, kw_only=True)
class WatchCheck:
    """One check of a watch: when, whether it passed, what was seen, by whom."""

    checked_on: date
    passed: bool
    """Whether the problem stayed solved."""
    note: str | None
    """What was seen; required for a failed check."""
    by: Actor


@dataclass(kw_only=True)
class Watch(Aggregate):
    """A closed case followed up every ``interval_days``, ``checks_planned`` times."""

    aggregate_type: ClassVar[str] = "watch"

    case_id: UUID
    """The closed case followed up."""
    subject: str
    """What is watched: 1号楼西侧电梯."""
    ordered_by: Actor | str
    """Who ordered the watch: a person acting on the case, or a department by name."""
    started_on: date
    """The day counting starts from: the first check is due ``interval_days`` later."""
    interval_days: int
    """Calendar days between checks, 1 to 90."""
    checks_planned: int
    """How many checks make the watch complete, 1 to 52."""
    checks: list[WatchCheck] = field(default_factory=list)
    """The checks made, oldest first."""
    status: WatchStatus = WatchStatus.ACTIVE

    @classmethod
    def start(
        cls,
        *,
        id: UUID,
        case: Case,
        subject: str,
        ordered_by: Actor | str,
        started_on: date,
        interval_days: int,
        checks_planned: int,
    ) -> Watch:
        """Start following ``case`` up; only a closed case is watched."""
        if case.status is not CaseStatus.CLOSED:
            raise WatchCaseNotClosed(
                f"Case {case.number} is {case.status.label}; a watch follows a closed case up",
                case_id=str(case.id),
                status=case.status.value,
            )
        if case.closed_on is not None and started_on < case.closed_on:
            raise InvalidDate(
                f"Case {case.number} closed on {case.closed_on.isoformat()}; its watch cannot "
                f"start on {started_on.isoformat()}, before that",
                earliest=case.closed_on.isoformat(),
            )
        _check_plan(interval_days, checks_planned)
        if isinstance(ordered_by, str):
            ordered_by = clean_text(ordered_by, label="Ordered by", max_length=SUBJECT_MAX_LENGTH)
        watch = cls(
            id=id,
            case_id=case.id,
            subject=clean_text(subject, label="Subject", max_length=SUBJECT_MAX_LENGTH),
            ordered_by=ordered_by,
            started_on=started_on,
            interval_days=interval_days,
            checks_planned=checks_planned,
        )
        watch.record(
            watch._event(
                WatchStarted,
                started_on=started_on,
                interval_days=interval_days,
                ordered_by=watch.ordered_by_name,
            )
        )
        return watch

    @property
    def is_active(self) -> bool:
        """Whether checks are still expected."""
        return self.status is WatchStatus.ACTIVE

    @property
    def checks_done(self) -> int:
        """How many checks were made."""
        return len(self.checks)

    @property
    def next_check_on(self) -> date | None:
        """When the next check is due (``started_on`` + interval × its number); ``None`` once over.

        A check made early counts as the next one all the same: the plan does
        not shift.
        """
        if not self.is_active:
            return None
        return self.started_on + timedelta(days=self.interval_days * (self.checks_done + 1))

    @property
    def ends_on(self) -> date:
        """When the last planned check is due."""
        return self.started_on + timedelta(days=self.interval_days * self.checks_planned)

    @property
    def ordered_by_name(self) -> str:
        """The name of who ordered the watch."""
        return self.ordered_by if isinstance(self.ordered_by, str) else self.ordered_by.name

    def _prepare_check(self, *, checked_on: date, passed: bool, note: str | None) -> str | None:
        """Refuse a check that cannot be recorded; answers the note cleaned. Changes nothing."""
        if not self.is_active:
            raise WatchNotActive(
                f"The watch of {self.subject} is {self.status.value.lower()}; it takes no more "
                "checks",
                status=self.status.value,
            )
        earliest = self.checks[-1].checked_on if self.checks else self.started_on
        if checked_on < earliest:
            raise InvalidDate(
                f"A check of {self.subject} is dated on or after {earliest.isoformat()} (the "
                f"watch's start or last check), not {checked_on.isoformat()}",
                earliest=earliest.isoformat(),
            )
        if passed:
            return optional_text(note, label="Note", max_length=NOTE_MAX_LENGTH)
        return clean_text(note, label="Note", max_length=NOTE_MAX_LENGTH)

    def _record_check(
        self, *, checked_on: date, passed: bool, note: str | None, by: Actor
    ) -> list[WatchEvent]:
        text = self._prepare_check(checked_on=checked_on, passed=passed, note=note)
        self.checks.append(WatchCheck(checked_on=checked_on, passed=passed, note=text, by=by))
        if not passed:
            self.status = WatchStatus.FAILED
        elif self.checks_done >= self.checks_planned:
            self.status = WatchStatus.COMPLETED
        events: list[WatchEvent] = [
            self._event(WatchCheckRecorded, checked_on=checked_on, passed=passed, note=text, by=by)
        ]
        if self.status is WatchStatus.FAILED:
            events.append(self._event(WatchFailed, failed_on=checked_on, note=text))
        elif self.status is WatchStatus.COMPLETED:
            events.append(self._event(WatchCompleted, completed_on=checked_on))
        for event in events:
            self.record(event)
        return events

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            watch_id=self.id,
            case_id=self.case_id,
            subject=self.subject,
            status=self.status,
            checks_planned=self.checks_planned,
            checks_done=self.checks_done,
            next_check_on=self.next_check_on,
            **extra,
        )


def record_watch_check(
    watch: Watch,
    case: Case,
    *,
    checked_on: date,
    passed: bool,
    by: Actor,
    note: str | None = None,
    calendar: WorkingCalendar,
    at: datetime,
    today: date,
) -> tuple[list[WatchEvent], CaseReopened | None]:
    """Record a check of ``watch``; a failed one fails the watch and reopens ``case``.

    A passed check needs no note; a failed one says what was found, and that
    becomes the reason the case is reopened. The last planned check passing
    completes the watch. Everything is checked before anything changes, so
    the watch and the case change together or not at all. Answers the
    watch's events (the check, then completed or failed) and the case's
    reopening, if any.
    """
    if watch.case_id != case.id:
        raise WatchCaseMismatch(
            f"The watch of {watch.subject} follows case {watch.case_id}, not {case.id}",
            watch_id=str(watch.id),
            case_id=str(case.id),
        )
    text = watch._prepare_check(checked_on=checked_on, passed=passed, note=note)
    reopened = None
    if not passed:
        # The case refuses first when it cannot be reopened; the watch is untouched then.
        reopened = case.reopen(
            actor=by,
            reason=f"持续关注未通过（{watch.subject}）：{text}",
            calendar=calendar,
            at=at,
            today=today,
        )
    events = watch._record_check(checked_on=checked_on, passed=passed, note=text, by=by)
    return events, reopened


def _check_plan(interval_days: int, checks_planned: int) -> None:
    for value, low, high, what in (
        (interval_days, MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS, "The interval"),
        (checks_planned, MIN_CHECKS, MAX_CHECKS, "The number of checks"),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidWatchPlan(
                f"{what} of a watch is {low} to {high}; got {value!r}",
                interval_days=str(interval_days),
                checks_planned=str(checks_planned),
            )
