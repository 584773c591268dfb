"""Plain values: volunteer numbers, skill codes, places, hours, one-time codes, text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from volunteers_testing import at

from volunteers.domain import (
    CODE_LENGTH,
    CheckOutBeforeCheckIn,
    InvalidHours,
    InvalidPlace,
    InvalidSkill,
    InvalidText,
    InvalidVolunteerNumber,
    Place,
    VolunteerNumber,
    overlaps,
    service_hours,
    skill_code,
    skill_set,
)
from volunteers.domain.check_in_code import CODE_ALPHABET, code_hash, code_matches, new_code
from volunteers.domain.hours import hours, service_day
from volunteers.domain.text import clean_text, optional_text

# Volunteer numbers (志愿者编号)


def test_a_volunteer_number_reads_v_then_the_district_then_eight_digits() -> None:
    assert str(VolunteerNumber("370112", 123)) == "V37011200000123"


def test_a_volunteer_number_is_read_back_from_its_text() -> None:
    assert VolunteerNumber.parse(" v37011200000123 ") == VolunteerNumber("370112", 123)


@pytest.mark.parametrize(
    "text", ["37011200000123", "V3701120000012", "V370112000001234", "VABCDEF00000123", "", 42]
)
def test_a_malformed_volunteer_number_is_refused(text: object) -> None:
    with pytest.raises(InvalidVolunteerNumber) as refused:
        VolunteerNumber.parse(text)
    assert refused.value.code == "VOLUNTEER_NUMBER_INVALID"
    assert "V37011200000123" in refused.value.message


@pytest.mark.parametrize(("district", "sequence"), [("37011", 1), ("370112", 0), ("3701a2", 1)])
def test_a_volunteer_number_needs_six_digits_and_a_positive_sequence(
    district: str, sequence: int
) -> None:
    with pytest.raises(InvalidVolunteerNumber):
        VolunteerNumber(district, sequence)


def test_volunteer_numbers_sort_by_district_then_sequence() -> None:
    numbers = [
        VolunteerNumber("370112", 2),
        VolunteerNumber("370102", 9),
        VolunteerNumber("370112", 1),
    ]
    assert [str(n) for n in sorted(numbers)] == [
        "V37010200000009",
        "V37011200000001",
        "V37011200000002",
    ]


# Skill codes (技能)


def test_a_skill_code_is_trimmed_and_upper_cased() -> None:
    assert skill_code(" first_aid ") == "FIRST_AID"


@pytest.mark.parametrize("value", ["", "A", "1ST_AID", "FIRST AID", "急救", "X" * 33, None, 7])
def test_a_malformed_skill_code_is_refused(value: object) -> None:
    with pytest.raises(InvalidSkill) as refused:
        skill_code(value)
    assert refused.value.code == "SKILL_INVALID"


def test_a_skill_set_collapses_repeats() -> None:
    assert skill_set(["FIRST_AID", "first_aid", "SIGN_LANGUAGE"]) == {"FIRST_AID", "SIGN_LANGUAGE"}


def test_a_skill_set_is_a_list_of_codes_not_one_text() -> None:
    with pytest.raises(InvalidSkill):
        skill_set("FIRST_AID")


def test_a_skill_set_holds_at_most_fifty_codes() -> None:
    with pytest.raises(InvalidSkill, match="at most 50"):
        skill_set(f"SKILL_{n}" for n in range(51))


# Places


def test_a_place_is_a_micro_position_an_address_or_both() -> None:
    position = UUID(int=1)
    assert Place(micro_position_id=position).address is None
    assert Place(address=" 花园路101号 ").address == "花园路101号"
    assert Place(micro_position_id=position, address="花园路101号").micro_position_id == position


def test_a_place_with_neither_is_refused() -> None:
    with pytest.raises(InvalidPlace) as refused:
        Place(address="  ")
    assert refused.value.code == "ACTIVITY_PLACE_INVALID"


# Service hours (服务时长)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(1), at(4), "3.0"),
        (at(1, 2), at(3, 59), "3.0"),  # 2 h 57 min is 2.95 h: half up to 3.0
        (at(1, 2, 1), at(3, 59), "2.9"),  # 2 h 56 min 59 s
        (at(1), at(3, 3), "2.1"),  # 2.05 h: half up to 2.1
        (at(1), at(1, 2, 59), "0.0"),
        (at(1), at(1, 3), "0.1"),
        (at(1), at(1), "0.0"),
    ],
)
def test_hours_are_the_time_from_check_in_to_check_out_to_the_nearest_tenth(
    start: datetime, end: datetime, expected: str
) -> None:
    assert service_hours(start, end) == Decimal(expected)
    assert str(service_hours(start, end)) == expected


def test_hours_count_across_midnight_and_time_zones() -> None:
    beijing = datetime(2026, 10, 18, 6, 0, tzinfo=timezone(timedelta(hours=8)))
    assert service_hours(at(20), beijing) == Decimal("2.0")  # 20:00 UTC to 22:00 UTC


def test_hours_from_a_check_out_before_the_check_in_are_refused() -> None:
    with pytest.raises(CheckOutBeforeCheckIn) as refused:
        service_hours(at(4), at(3))
    assert refused.value.code == "CHECK_OUT_BEFORE_CHECK_IN"


def test_hours_from_a_naive_moment_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        service_hours(datetime(2026, 10, 17, 1), at(4))


@pytest.mark.parametrize(("value", "expected"), [("2.5", "2.5"), (3, "3.0"), (Decimal("0"), "0.0")])
def test_hours_typed_in_are_read_in_tenths(value: object, expected: str) -> None:
    assert str(hours(value)) == expected


@pytest.mark.parametrize("value", ["2.55", "-1", "24.1", "abc", "NaN", True, 2.5, None])
def test_hours_typed_in_outside_zero_to_twenty_four_tenths_are_refused(value: object) -> None:
    with pytest.raises(InvalidHours) as refused:
        hours(value)
    assert refused.value.code == "RECORD_HOURS_INVALID"


# Spans


def test_spans_that_share_time_overlap() -> None:
    assert overlaps(at(1), at(4), at(3), at(5))
    assert overlaps(at(1), at(4), at(2), at(3))


def test_spans_that_only_touch_do_not_overlap() -> None:
    assert not overlaps(at(1), at(4), at(4), at(7))
    assert not overlaps(at(4), at(7), at(1), at(4))


# One-time codes (签到码)


def test_a_code_is_eight_signs_without_look_alikes() -> None:
    code = new_code()
    assert len(code) == CODE_LENGTH
    assert set(code) <= set(CODE_ALPHABET)
    assert not set("0O1I") & set(CODE_ALPHABET)


def test_a_code_is_kept_as_a_sha256_bound_to_its_sign_up() -> None:
    first, second = UUID(int=1), UUID(int=2)
    kept = code_hash(first, "K7M2QX9D")
    assert len(kept) == 64
    assert "K7M2QX9D" not in kept
    assert code_hash(second, "K7M2QX9D") != kept
    assert code_matches(first, "k7m2-qx9d", kept)
    assert code_matches(first, " K7M2 QX9D ", kept)
    assert not code_matches(second, "K7M2QX9D", kept)
    assert not code_matches(first, "K7M2QX9E", kept)


# Text


def test_text_is_trimmed_and_blank_text_is_missing() -> None:
    assert clean_text("  清理楼道  ", label="Title", max_length=10) == "清理楼道"
    assert optional_text("   ", label="Note", max_length=10) is None


def test_required_text_that_is_blank_too_long_or_not_text_is_refused() -> None:
    for value in ("  ", "x" * 11, 5):
        with pytest.raises(InvalidText) as refused:
            clean_text(value, label="Title", max_length=10)
        assert refused.value.code == "TEXT_INVALID"
        assert "Title" in refused.value.message


def test_the_day_of_a_service_is_the_shanghai_date_of_its_check_in() -> None:
    # 07:00 in Beijing on 1 June is still 31 May in UTC.
    morning = datetime(2026, 5, 31, 23, 0, tzinfo=UTC)

    assert service_day(morning, "Asia/Shanghai") == date(2026, 6, 1)
    assert service_day(morning, "UTC") == date(2026, 5, 31)
