"""Periods of local dates and the places the figures count: how they are written and checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from cases.domain.errors import InvalidDivisionCode
from cases.domain.periods import DivisionLevel, DivisionPlace, InvalidPeriod, Period

BEIJING = timezone(timedelta(hours=8))


# Periods


def test_a_month_runs_from_its_first_day_to_the_next_months() -> None:
    assert Period.month(2026, 6) == Period(date(2026, 6, 1), date(2026, 7, 1))
    assert Period.month(2026, 12) == Period(date(2026, 12, 1), date(2027, 1, 1))
    assert Period.month(2028, 2).end == date(2028, 3, 1)


def test_a_quarter_is_three_months_and_a_year_twelve() -> None:
    assert Period.quarter(2026, 1) == Period(date(2026, 1, 1), date(2026, 4, 1))
    assert Period.quarter(2026, 2) == Period(date(2026, 4, 1), date(2026, 7, 1))
    assert Period.quarter(2026, 4) == Period(date(2026, 10, 1), date(2027, 1, 1))
    assert Period.year(2026) == Period(date(2026, 1, 1), date(2027, 1, 1))


def test_the_end_is_not_part_of_the_period() -> None:
    june = Period.month(2026, 6)
    assert june.contains(date(2026, 6, 1))
    assert june.contains(date(2026, 6, 30))
    assert not june.contains(date(2026, 7, 1))
    assert not june.contains(date(2026, 5, 31))
    assert Period.between(date(2026, 6, 1), date(2026, 6, 2)).contains(date(2026, 6, 1))


def test_periods_are_read_as_years_quarters_and_months() -> None:
    assert Period.parse("2026") == Period.year(2026)
    assert Period.parse("2026-Q2") == Period.quarter(2026, 2)
    assert Period.parse(" 2026-q3 ") == Period.quarter(2026, 3)
    assert Period.parse("2026-06") == Period.month(2026, 6)


def test_a_period_is_written_the_way_it_is_read() -> None:
    for text in ("2026", "2026-Q2", "2026-Q4", "2026-06", "2026-12"):
        assert str(Period.parse(text)) == text
    assert str(Period.between(date(2026, 6, 1), date(2026, 6, 15))) == "2026-06-01..2026-06-15"
    assert str(Period.between(date(2026, 2, 1), date(2026, 5, 1))) == "2026-02-01..2026-05-01"


@pytest.mark.parametrize(
    "text", ["", "26", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-6", "June", "2026-06-01"]
)
def test_anything_else_is_refused_with_a_code(text: str) -> None:
    with pytest.raises(InvalidPeriod) as refused:
        Period.parse(text)
    assert refused.value.code == "INVALID_PERIOD"


def test_a_period_that_does_not_end_after_it_starts_is_refused() -> None:
    with pytest.raises(InvalidPeriod, match="ends after it starts"):
        Period.between(date(2026, 6, 1), date(2026, 6, 1))
    with pytest.raises(InvalidPeriod, match="ends after it starts"):
        Period.between(date(2026, 6, 2), date(2026, 6, 1))


def test_numbers_out_of_range_are_refused() -> None:
    with pytest.raises(InvalidPeriod, match="month is 1 to 12"):
        Period.month(2026, 13)
    with pytest.raises(InvalidPeriod, match="quarter is 1 to 4"):
        Period.quarter(2026, 0)
    with pytest.raises(InvalidPeriod, match="year is 1900 to 2999"):
        Period.year(202)
    with pytest.raises(InvalidPeriod, match="years 1900 to 2999"):
        Period.between(date(1899, 12, 31), date(1900, 1, 2))


def test_a_period_starts_and_ends_at_local_midnight() -> None:
    starts, ends = Period.month(2026, 7).bounds(BEIJING)
    assert starts == datetime(2026, 6, 30, 16, 0, tzinfo=UTC)
    assert ends == datetime(2026, 7, 31, 16, 0, tzinfo=UTC)
    reported = datetime(2026, 6, 30, 16, 30, tzinfo=UTC)  # 00:30 on 1 July in Beijing
    assert starts <= reported < ends


# Places


def test_a_division_place_knows_its_level_by_the_codes_length() -> None:
    assert DivisionPlace("370112").level is DivisionLevel.DISTRICT
    assert DivisionPlace("370112001").level is DivisionLevel.SUBDISTRICT
    assert DivisionPlace("370112001001").level is DivisionLevel.COMMUNITY
    assert DivisionLevel.DISTRICT.child is DivisionLevel.SUBDISTRICT
    assert DivisionLevel.SUBDISTRICT.child is DivisionLevel.COMMUNITY
    assert DivisionLevel.COMMUNITY.child is None


def test_a_divisions_codes_run_up_to_the_next_code_of_its_length() -> None:
    assert DivisionPlace("370112").code_after == "370113"
    # Byte-wise, ":" follows "9": 370112019999 lies in 370112019, 370112020001 does not.
    after = DivisionPlace("370112019").code_after
    assert "370112019" <= "370112019999" < after <= "370112020001"


@pytest.mark.parametrize(
    "code", ["", "3701", "3701120", "3701120010010", "37011200100A", "３７０１１２"]
)
def test_a_division_code_has_6_9_or_12_digits(code: str) -> None:
    with pytest.raises(InvalidDivisionCode):
        DivisionPlace(code)


def test_a_division_code_is_read_trimmed() -> None:
    assert DivisionPlace.parse(" 370112001 ") == DivisionPlace("370112001")
