"""Follow-up watches (持续关注): completed by the last check, failed and reopening on a bad one."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from cases_testing import CALENDAR, COMMUNITY_OFFICER, WORKER, at, case_at

from cases.domain import (
    Case,
    CaseAction,
    CaseReopened,
    CaseStatus,
    IllegalTransition,
    InvalidDate,
    InvalidText,
    InvalidWatchPlan,
    Watch,
    WatchCaseMismatch,
    WatchCaseNotClosed,
    WatchCheckRecorded,
    WatchCompleted,
    WatchEvent,
    WatchFailed,
    WatchNotActive,
    WatchStarted,
    WatchStatus,
    record_watch_check,
)

CLOSED_ON = date(2026, 10, 10)
STARTED_ON = date(2026, 10, 12)


def _start(case: Case, *, interval_days: int = 7, checks_planned: int = 8) -> Watch:
    watch = Watch.start(
        id=uuid4(),
        case=case,
        subject="1号楼西侧电梯",
        ordered_by="王舍人街道城市管理办公室",
        started_on=STARTED_ON,
        interval_days=interval_days,
        checks_planned=checks_planned,
    )
    watch.take_events()
    return watch


def _check(
    watch: Watch, case: Case, day: date, *, passed: bool = True, note: str | None = None
) -> tuple[list[WatchEvent], CaseReopened | None]:
    return record_watch_check(
        watch,
        case,
        checked_on=day,
        passed=passed,
        note=note,
        by=WORKER,
        calendar=CALENDAR,
        at=at(day, 10),
        today=day,
    )


def test_a_watch_follows_a_closed_case_weekly_for_eight_weeks() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = Watch.start(
        id=uuid4(),
        case=case,
        subject=" 1号楼西侧电梯 ",
        ordered_by=COMMUNITY_OFFICER,
        started_on=STARTED_ON,
        interval_days=7,
        checks_planned=8,
    )
    assert (watch.status, watch.subject, watch.next_check_on, watch.ends_on) == (
        WatchStatus.ACTIVE,
        "1号楼西侧电梯",
        date(2026, 10, 19),
        date(2026, 12, 7),
    )
    [recorded] = watch.take_events()
    assert recorded.aggregate_type == "watch"
    assert recorded.event == WatchStarted(
        watch_id=watch.id,
        case_id=case.id,
        subject="1号楼西侧电梯",
        status=WatchStatus.ACTIVE,
        checks_planned=8,
        checks_done=0,
        next_check_on=date(2026, 10, 19),
        started_on=STARTED_ON,
        interval_days=7,
        ordered_by="王芳",
    )


@pytest.mark.parametrize(
    "status", [s for s in CaseStatus if s is not CaseStatus.CLOSED], ids=lambda s: s.value
)
def test_only_a_closed_case_is_watched(status: CaseStatus) -> None:
    with pytest.raises(WatchCaseNotClosed) as refused:
        _start(case_at(status))
    assert refused.value.details["status"] == status.value


def test_a_watch_starts_no_earlier_than_the_closure() -> None:
    case = case_at(CaseStatus.CLOSED)
    with pytest.raises(InvalidDate):
        Watch.start(
            id=uuid4(),
            case=case,
            subject="电梯",
            ordered_by="街道",
            started_on=date(2026, 10, 9),
            interval_days=7,
            checks_planned=2,
        )
    assert _start(case).started_on == STARTED_ON > CLOSED_ON


@pytest.mark.parametrize(
    ("interval_days", "checks_planned"), [(0, 8), (91, 8), (7, 0), (7, 53), (True, 8)]
)
def test_a_watch_checks_every_1_to_90_days_1_to_52_times(
    interval_days: int, checks_planned: int
) -> None:
    with pytest.raises(InvalidWatchPlan):
        _start(
            case_at(CaseStatus.CLOSED), interval_days=interval_days, checks_planned=checks_planned
        )


def test_the_last_planned_check_passing_completes_the_watch() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case, interval_days=7, checks_planned=2)
    events, reopened = _check(watch, case, date(2026, 10, 19))
    assert reopened is None
    assert [type(e) for e in events] == [WatchCheckRecorded]
    assert (watch.status, watch.next_check_on) == (WatchStatus.ACTIVE, date(2026, 10, 26))
    watch.take_events()
    events, reopened = _check(watch, case, date(2026, 10, 26), note="运行平稳")
    assert [type(e) for e in events] == [WatchCheckRecorded, WatchCompleted]
    assert (watch.status, watch.next_check_on, watch.checks_done) == (
        WatchStatus.COMPLETED,
        None,
        2,
    )
    assert watch.checks[-1].note == "运行平稳"
    assert case.status is CaseStatus.CLOSED
    assert [r.event for r in watch.take_events()] == events


def test_a_check_before_its_due_date_counts_and_the_plan_does_not_shift() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case)
    _check(watch, case, date(2026, 10, 16))
    assert (watch.checks_done, watch.next_check_on) == (1, date(2026, 10, 26))


def test_a_check_is_not_dated_before_the_start_or_the_last_check() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case)
    with pytest.raises(InvalidDate):
        _check(watch, case, date(2026, 10, 11))
    _check(watch, case, date(2026, 10, 19))
    with pytest.raises(InvalidDate):
        _check(watch, case, date(2026, 10, 18))
    assert watch.checks_done == 1


def test_a_failed_check_fails_the_watch_and_reopens_the_case() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case)
    _check(watch, case, date(2026, 10, 19))
    events, reopened = _check(watch, case, date(2026, 10, 26), passed=False, note="再次出现异响")
    assert [type(e) for e in events] == [WatchCheckRecorded, WatchFailed]
    failed = events[-1]
    assert isinstance(failed, WatchFailed)
    assert (failed.failed_on, failed.note, failed.status) == (
        date(2026, 10, 26),
        "再次出现异响",
        WatchStatus.FAILED,
    )
    assert watch.status is WatchStatus.FAILED
    assert watch.next_check_on is None
    assert reopened is not None
    assert (case.status, case.reopen_count, case.due_on) == (
        CaseStatus.IN_PROGRESS,
        1,
        date(2026, 11, 2),
    )
    entry = case.timeline[-1]
    assert (entry.action, entry.actor, entry.note) == (
        CaseAction.REOPENED,
        WORKER,
        "持续关注未通过（1号楼西侧电梯）：再次出现异响",
    )


def test_a_failed_check_says_what_was_found() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case)
    with pytest.raises(InvalidText):
        _check(watch, case, date(2026, 10, 19), passed=False)
    assert (watch.checks_done, case.status) == (0, CaseStatus.CLOSED)


def test_a_finished_watch_takes_no_more_checks() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case, checks_planned=1)
    _check(watch, case, date(2026, 10, 19))
    with pytest.raises(WatchNotActive) as refused:
        _check(watch, case, date(2026, 10, 26))
    assert refused.value.details == {"status": "COMPLETED"}


def test_the_watch_and_its_case_belong_together() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case)
    other = case_at(CaseStatus.CLOSED)
    with pytest.raises(WatchCaseMismatch):
        _check(watch, other, date(2026, 10, 19), passed=False, note="异响")
    assert (watch.checks_done, other.status) == (0, CaseStatus.CLOSED)


def test_a_case_already_back_in_work_refuses_and_the_watch_stays_as_it_was() -> None:
    case = case_at(CaseStatus.CLOSED)
    watch = _start(case)
    case.reopen(
        actor=WORKER, reason="居民再次投诉", calendar=CALENDAR, at=at(STARTED_ON), today=STARTED_ON
    )
    with pytest.raises(IllegalTransition):
        _check(watch, case, date(2026, 10, 19), passed=False, note="异响")
    assert (watch.status, watch.checks_done, watch.take_events()) == (WatchStatus.ACTIVE, 0, [])
