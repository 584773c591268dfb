"""Rules use the date where the district is, not the server's or UTC's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from gridkit.clock import local_today


def test_before_eight_in_the_morning_beijing_time_utc_is_still_yesterday() -> None:
    seven_thirty_beijing = datetime(2026, 6, 18, 23, 30, tzinfo=UTC)

    assert seven_thirty_beijing.date() == date(2026, 6, 18)
    assert local_today(now=seven_thirty_beijing) == date(2026, 6, 19)


def test_from_eight_in_the_morning_the_dates_agree() -> None:
    assert local_today(now=datetime(2026, 6, 19, 0, 0, tzinfo=UTC)) == date(2026, 6, 19)


def test_the_zone_is_configurable() -> None:
    noon_utc = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert local_today("America/New_York", now=noon_utc) == date(2026, 1, 1)
    assert local_today("Pacific/Kiritimati", now=noon_utc) == date(2026, 1, 2)


def test_an_offset_time_is_converted_not_read_as_local() -> None:
    late_evening_in_london = datetime(2026, 3, 1, 22, 0, tzinfo=timezone(timedelta(hours=0)))
    assert local_today(now=late_evening_in_london) == date(2026, 3, 2)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        local_today(now=datetime(2026, 3, 1, 22, 0))
