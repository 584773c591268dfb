"""Whole years, whole months and months of dues."""

from __future__ import annotations

from datetime import date

import pytest

from personnel.domain import InvalidMonth, YearMonth, add_months, add_years


def test_a_year_later_is_the_same_day() -> None:
    assert add_years(date(2025, 3, 1), 1) == date(2026, 3, 1)


def test_a_year_after_the_29th_of_february_is_the_first_of_march() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 3, 1)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 10), 3, date(2026, 4, 10)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2026, 10, 31), 3, date(2027, 1, 31)),
        (date(2026, 12, 15), 12, date(2027, 12, 15)),
    ],
)
def test_months_later_is_the_same_day_or_the_end_of_a_shorter_month(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_a_month_reads_and_prints_as_year_and_month() -> None:
    assert YearMonth.parse(" 2026-03 ") == YearMonth(2026, 3)
    assert str(YearMonth(2026, 3)) == "2026-03"


def test_the_month_before_january_is_the_previous_december() -> None:
    assert YearMonth(2026, 1).previous() == YearMonth(2025, 12)
    assert YearMonth.of(date(2026, 7, 15)).previous() == YearMonth(2026, 6)


def test_months_are_ordered() -> None:
    assert YearMonth(2025, 12) < YearMonth(2026, 1) < YearMonth(2026, 2)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-3", "202603", 202603])
def test_a_malformed_month_is_refused(text: object) -> None:
    with pytest.raises(InvalidMonth) as refused:
        YearMonth.parse(text)
    assert refused.value.code == "INVALID_MONTH"
