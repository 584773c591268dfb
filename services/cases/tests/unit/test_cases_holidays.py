"""The State Council's calendar: National Day and Spring Festival 2026, overrides, unknown years."""

from __future__ import annotations

from datetime import date, timedelta

from cases.holidays import state_council_calendar, state_council_working_day


def test_five_working_days_after_the_day_before_national_day() -> None:
    calendar = state_council_calendar()
    # 1 to 7 October are off; Saturday 10 October is worked in exchange (调休).
    assert calendar.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
    assert [calendar.is_working_day(date(2026, 10, d)) for d in range(1, 13)] == [
        False, False, False, False, False, False, False, True, True, True, False, True,
    ]  # fmt: skip


def test_the_spring_festival_holidays_and_the_saturday_worked_before_them() -> None:
    calendar = state_council_calendar()
    festival = [date(2026, 2, 15) + timedelta(days=n) for n in range(9)]
    assert not any(calendar.is_working_day(day) for day in festival)
    assert calendar.is_working_day(date(2026, 2, 14))  # a Saturday
    assert calendar.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 27)) == 5


def test_an_override_turns_a_working_day_off_and_a_day_off_on() -> None:
    calendar = state_council_calendar({date(2026, 10, 12): False, date(2026, 10, 11): True})
    assert not calendar.is_working_day(date(2026, 10, 12))
    assert calendar.is_working_day(date(2026, 10, 11))
    assert calendar.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
    assert calendar.add_working_days(date(2026, 9, 30), 4) == date(2026, 10, 11)
    assert state_council_calendar().add_working_days(date(2026, 9, 30), 4) == date(2026, 10, 12)


def test_a_year_the_table_does_not_know_falls_back_to_monday_to_friday() -> None:
    # 2099 is far beyond any published notice.
    assert state_council_working_day(date(2099, 10, 1))  # a Thursday, not known as a holiday
    assert not state_council_working_day(date(2099, 10, 3))  # a Saturday
    calendar = state_council_calendar({date(2099, 10, 1): False})
    assert calendar.add_working_days(date(2099, 9, 30), 1) == date(2099, 10, 2)
