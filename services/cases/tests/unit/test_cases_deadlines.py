"""The deadline watch on the 2026 calendar: yellow flag, red flag, escalation by itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from cases_testing import (
    CALENDAR,
    COMMUNITY_OFFICER,
    DISTRICT_OFFICER,
    DUE_ON,
    ELEVATOR,
    MAINTAINER,
    MAINTAINER_ASSIGNEE,
    at,
    case_at,
)

from cases.domain import (
    SYSTEM_ACTOR,
    ActorRole,
    Case,
    CaseAction,
    CaseEscalated,
    CaseEvent,
    CaseOverdue,
    CaseStatus,
    DeadlineWarning,
    Level,
    Priority,
)

S = CaseStatus


def _watch(case: Case, first: date, last: date) -> dict[date, list[str]]:
    """Run the timer once a day, early in the morning; the days it recorded something."""
    seen: dict[date, list[str]] = {}
    day = first
    while day <= last:
        events = case.observe_deadline(today=day, at=at(day, 1), calendar=CALENDAR)
        if events:
            seen[day] = [type(e).__name__ for e in events]
        day += timedelta(days=1)
    return seen


def test_across_national_day_the_case_is_warned_then_flagged_and_escalated() -> None:
    case = case_at(S.DISPATCHED)
    assert case.due_on == DUE_ON == date(2026, 10, 13)
    assert _watch(case, date(2026, 9, 30), date(2026, 10, 31)) == {
        date(2026, 10, 12): ["DeadlineWarning"],
        date(2026, 10, 14): ["CaseOverdue", "CaseEscalated"],
    }
    assert (case.warned_on, case.overdue_on) == (date(2026, 10, 12), date(2026, 10, 14))
    assert (case.yellow_flag, case.red_flag, case.level) == (True, True, Level.COMMUNITY)


def test_the_timer_steps_are_on_the_timeline_as_the_system() -> None:
    case = case_at(S.IN_PROGRESS)
    case.observe_deadline(today=date(2026, 10, 12), at=at(date(2026, 10, 12), 1), calendar=CALENDAR)
    events = case.observe_deadline(
        today=date(2026, 10, 14), at=at(date(2026, 10, 14), 1), calendar=CALENDAR
    )
    warning, overdue, escalated = case.timeline[-3:]
    assert [(e.action, e.actor, e.status) for e in (warning, overdue, escalated)] == [
        (CaseAction.DEADLINE_WARNING, SYSTEM_ACTOR, S.IN_PROGRESS),
        (CaseAction.OVERDUE, SYSTEM_ACTOR, S.IN_PROGRESS),
        (CaseAction.ESCALATED, SYSTEM_ACTOR, S.IN_PROGRESS),
    ]
    assert overdue.details == {"due_on": "2026-10-13"}
    assert escalated.details == {"from_level": "GRID", "to_level": "COMMUNITY"}
    assert escalated.note == "超期未办结：应于 2026-10-13 前办结"
    first, second = events
    assert isinstance(first, CaseOverdue)
    assert first.overdue_since == date(2026, 10, 14)
    assert isinstance(second, CaseEscalated)
    assert (second.from_level, second.level, second.automatic, second.actor.role) == (
        Level.GRID,
        Level.COMMUNITY,
        True,
        ActorRole.SYSTEM,
    )
    assert [r.version for r in case.take_events()] == [
        case.version - 2,
        case.version - 1,
        case.version,
    ]


def test_across_the_spring_festival_the_holidays_do_not_count() -> None:
    case = case_at(S.ACCEPTED, priority=Priority.HIGH)
    case.dispatch(
        actor=COMMUNITY_OFFICER,
        assignees=[MAINTAINER_ASSIGNEE],
        category=ELEVATOR,
        calendar=CALENDAR,
        at=at(date(2026, 2, 13), 16),
        today=date(2026, 2, 13),
    )
    # Saturday 14 February is worked; 15 to 23 February are the Spring Festival holidays.
    assert case.due_on == date(2026, 2, 25)
    assert _watch(case, date(2026, 2, 13), date(2026, 3, 6)) == {
        date(2026, 2, 24): ["DeadlineWarning"],
        date(2026, 2, 26): ["CaseOverdue", "CaseEscalated"],
    }


def test_a_case_due_on_the_next_working_day_is_warned_at_once() -> None:
    case = case_at(S.DISPATCHED, priority=Priority.URGENT)
    assert case.due_on == date(2026, 10, 8)
    [event] = case.observe_deadline(
        today=date(2026, 9, 30), at=at(date(2026, 9, 30), 11), calendar=CALENDAR
    )
    assert isinstance(event, DeadlineWarning)
    assert event.due_on == date(2026, 10, 8)


def test_the_warning_waits_for_the_working_day_before_the_due_date() -> None:
    case = case_at(S.DISPATCHED)
    # The Saturday worked after the holidays is not the day before 13 October: Monday 12th is.
    for day in (date(2026, 10, 9), date(2026, 10, 10), date(2026, 10, 11)):
        assert case.observe_deadline(today=day, at=at(day), calendar=CALENDAR) == []
    assert not case.yellow_flag


def test_a_case_found_overdue_unwarned_is_flagged_red_without_a_late_warning() -> None:
    case = case_at(S.DISPATCHED)
    events = case.observe_deadline(
        today=date(2026, 10, 20), at=at(date(2026, 10, 20)), calendar=CALENDAR
    )
    assert [type(e) for e in events] == [CaseOverdue, CaseEscalated]
    assert (case.yellow_flag, case.red_flag) == (True, True)
    assert (
        case.observe_deadline(
            today=date(2026, 10, 21), at=at(date(2026, 10, 21)), calendar=CALENDAR
        )
        == []
    )


def test_asking_again_the_same_day_records_nothing_new() -> None:
    case = case_at(S.DISPATCHED)
    day = date(2026, 10, 14)
    assert len(case.observe_deadline(today=day, at=at(day, 1), calendar=CALENDAR)) == 2
    entries, version = len(case.timeline), case.version
    for hour in (2, 3, 23):
        assert case.observe_deadline(today=day, at=at(day, hour), calendar=CALENDAR) == []
    assert (len(case.timeline), case.version, case.level) == (entries, version, Level.COMMUNITY)


def test_an_overdue_case_at_the_district_is_flagged_but_goes_no_higher() -> None:
    case = case_at(S.IN_PROGRESS)
    for reason in ("社区无法解决", "街道无法解决", "需区级协调"):
        case.escalate(actor=DISTRICT_OFFICER, reason=reason, at=at(date(2026, 10, 9)))
    assert case.level is Level.DISTRICT
    events = case.observe_deadline(
        today=date(2026, 10, 14), at=at(date(2026, 10, 14)), calendar=CALENDAR
    )
    assert [type(e) for e in events] == [CaseOverdue]
    assert case.level is Level.DISTRICT


@pytest.mark.parametrize(
    "status",
    [
        S.REPORTED,
        S.ACCEPTED,
        S.REJECTED,
        S.RETURNED,
        S.SUSPENDED,
        S.RESOLVED,
        S.VERIFIED,
        S.CLOSED,
        S.MERGED,
    ],
)
def test_only_a_case_in_work_is_watched(status: CaseStatus) -> None:
    case = case_at(status)
    before = (case.version, len(case.timeline), case.level)
    for day in (date(2026, 10, 12), date(2026, 10, 20)):
        assert case.observe_deadline(today=day, at=at(day), calendar=CALENDAR) == []
    assert (case.version, len(case.timeline), case.level) == before
    assert not case.red_flag


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(date(2026, 10, 13), False), (date(2026, 10, 14), True), (date(2026, 11, 30), True)],
)
def test_a_case_in_work_is_overdue_after_its_due_date(today: date, overdue: bool) -> None:
    assert case_at(S.IN_PROGRESS).is_overdue(today) is overdue


@pytest.mark.parametrize("status", [S.RESOLVED, S.SUSPENDED, S.CLOSED, S.ACCEPTED])
def test_a_case_out_of_work_is_not_overdue(status: CaseStatus) -> None:
    assert not case_at(status).is_overdue(date(2026, 12, 1))


def test_an_approved_extension_lowers_the_flags_and_the_watch_starts_over() -> None:
    case = case_at(S.IN_PROGRESS)
    _watch(case, date(2026, 10, 12), date(2026, 10, 14))
    assert case.red_flag
    case.request_extension(
        actor=MAINTAINER, days=5, reason="等待主板配件", at=at(date(2026, 10, 14), 9)
    )
    case.approve_extension(
        actor=COMMUNITY_OFFICER, calendar=CALENDAR, at=at(date(2026, 10, 14), 10)
    )
    assert (case.due_on, case.yellow_flag, case.red_flag) == (date(2026, 10, 20), False, False)
    assert _watch(case, date(2026, 10, 15), date(2026, 10, 22)) == {
        date(2026, 10, 19): ["DeadlineWarning"],
        date(2026, 10, 21): ["CaseOverdue", "CaseEscalated"],
    }
    assert case.level is Level.SUBDISTRICT


def test_events_of_the_timer_carry_the_due_date() -> None:
    case = case_at(S.DISPATCHED)
    events: list[CaseEvent] = []
    for day in (date(2026, 10, 12), date(2026, 10, 14)):
        events += case.observe_deadline(today=day, at=at(day), calendar=CALENDAR)
    assert [(type(e).name, e.due_on) for e in events] == [
        ("deadline_warning", DUE_ON),
        ("overdue", DUE_ON),
        ("escalated", DUE_ON),
    ]


def test_the_handler_is_not_changed_by_the_timer() -> None:
    case = case_at(S.IN_PROGRESS)
    case.observe_deadline(today=date(2026, 10, 14), at=at(date(2026, 10, 14)), calendar=CALENDAR)
    assert (case.handler, case.status) == (MAINTAINER, S.IN_PROGRESS)
