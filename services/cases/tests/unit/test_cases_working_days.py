"""Counting in working days: the start never counts, overrides win, years are listed once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from cases_testing import weekdays

from cases.domain import WorkingCalendar

FRIDAY = date(2026, 3, 6)
MONDAY = date(2026, 3, 9)


def test_the_start_never_counts() -> None:
    calendar = weekdays()
    assert calendar.add_working_days(FRIDAY, 1) == MONDAY
    assert calendar.add_working_days(date(2026, 3, 7), 1) == MONDAY  # from a Saturday
    assert calendar.add_working_days(MONDAY, 5) == date(2026, 3, 16)


def test_zero_days_is_the_start_itself_and_fewer_are_refused() -> None:
    calendar = weekdays()
    assert calendar.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)
    with pytest.raises(ValueError, match="negative"):
        calendar.add_working_days(FRIDAY, -1)


def test_overrides_win_over_the_base_calendar() -> None:
    calendar = weekdays({MONDAY: False, date(2026, 3, 7): True})
    assert calendar.is_working_day(date(2026, 3, 7))
    assert not calendar.is_working_day(MONDAY)
    assert calendar.add_working_days(FRIDAY, 1) == date(2026, 3, 7)
    assert calendar.add_working_days(FRIDAY, 2) == date(2026, 3, 10)
    assert dict(calendar.overrides) == {MONDAY: False, date(2026, 3, 7): True}


def test_counting_crosses_the_new_year() -> None:
    calendar = weekdays()
    assert calendar.add_working_days(date(2026, 12, 30), 3) == date(2027, 1, 4)
    assert calendar.working_days_between(date(2026, 12, 30), date(2027, 1, 4)) == 3
    assert calendar.previous_working_day(date(2027, 1, 1)) == date(2026, 12, 31)
    assert calendar.add_working_days(date(2026, 1, 1), 260) == date(2026, 12, 31)


def test_working_days_between_counts_after_the_start_up_to_the_end() -> None:
    calendar = weekdays()
    assert calendar.working_days_between(FRIDAY, MONDAY) == 1
    assert calendar.working_days_between(FRIDAY, FRIDAY) == 0
    assert calendar.working_days_between(MONDAY, FRIDAY) == 0
    assert calendar.working_days_between(date(2026, 3, 5), FRIDAY) == 1


def test_counting_forward_and_between_agree() -> None:
    calendar = weekdays({date(2026, 5, 1): False, date(2026, 5, 9): True})
    start = date(2026, 4, 20)
    for days in range(40):
        assert calendar.working_days_between(start, calendar.add_working_days(start, days)) == days


def test_the_previous_working_day_skips_days_off() -> None:
    calendar = weekdays({FRIDAY: False})
    assert calendar.previous_working_day(MONDAY) == date(2026, 3, 5)
    assert calendar.previous_working_day(date(2026, 3, 10)) == MONDAY


def test_a_year_is_listed_once_and_then_kept() -> None:
    asked: list[date] = []

    def base(day: date) -> bool:
        asked.append(day)
        return day.weekday() < 5

    calendar = WorkingCalendar(base)
    calendar.add_working_days(date(2026, 6, 1), 10)
    calendar.working_days_between(date(2026, 1, 1), date(2026, 12, 31))
    calendar.previous_working_day(date(2026, 3, 2))
    assert len(asked) == 365
    assert sorted(asked) == [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]


def test_a_calendar_without_working_days_gives_up() -> None:
    calendar = WorkingCalendar(lambda day: False)
    with pytest.raises(ValueError, match="no 1 working days"):
        calendar.add_working_days(FRIDAY, 1)
    with pytest.raises(ValueError, match="no working day"):
        calendar.previous_working_day(FRIDAY)
