"""Resident ID numbers (GB 11643-1999), mobile numbers and their masks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from personnel.domain import (
    Gender,
    InvalidNationalId,
    InvalidPhone,
    NationalId,
    mask_national_id,
    mask_phone,
    national_id_check_character,
    normalize_phone,
)

MakeId = Callable[..., str]


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the example printed in the standard, check character X
        "440524188001010014",  # the standard's other example
        "370112199001011234",
    ],
)
def test_valid_id_numbers_are_accepted(number: str) -> None:
    assert NationalId.parse(number).value == number


def test_an_id_tells_its_region_birth_date_sequence_and_gender() -> None:
    number = NationalId.parse("11010519491231002X")
    assert (number.region, number.birth_date, number.sequence, number.gender) == (
        "110105",
        date(1949, 12, 31),
        "002",
        Gender.FEMALE,
    )


def test_an_odd_sequence_is_a_man_and_an_even_one_a_woman(make_id: MakeId) -> None:
    assert NationalId.parse(make_id(date(1990, 1, 1), sequence=123)).gender is Gender.MALE
    assert NationalId.parse(make_id(date(1990, 1, 1), sequence=124)).gender is Gender.FEMALE


def test_the_check_character_is_the_weighted_sum_modulo_eleven() -> None:
    assert national_id_check_character("11010519491231002") == "X"
    assert national_id_check_character("37011219900101123") == "4"
    assert national_id_check_character("44052418800101001") == "4"


def test_a_lower_case_x_and_surrounding_spaces_are_normalised() -> None:
    assert NationalId.parse("  11010519491231002x ").value == "11010519491231002X"


def test_an_id_whose_check_digit_is_wrong_is_refused_with_the_expected_digit() -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse("370112199001011235")
    assert refused.value.code == "INVALID_NATIONAL_ID"
    assert refused.value.message == (
        "The ID number ends in '5', but its first 17 digits give the check character '4'; "
        "a digit was probably mistyped"
    )
    assert refused.value.details == {"expected": "4"}


@pytest.mark.parametrize("number", ["37011219900101123", "3701121990010112345", ""])
def test_an_id_of_the_wrong_length_is_refused_with_its_length(number: str) -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse(number)
    assert refused.value.message == (
        f"A resident ID number (居民身份证号码) has 18 characters; this one has {len(number)}"
    )


def test_a_letter_among_the_digits_is_refused_with_its_position() -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse("3701121990O1011234")
    assert refused.value.message == (
        "Character 'O' at position 11 of the ID number is not allowed; position 11 holds a digit"
    )
    assert refused.value.details == {"position": 11}


def test_an_x_is_allowed_only_as_the_last_character() -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse("X70112199001011234")
    assert refused.value.details == {"position": 1}


def test_the_last_character_is_a_digit_or_x() -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse("37011219900101123Y")
    assert refused.value.message == (
        "Character 'Y' at position 18 of the ID number is not allowed; "
        "position 18 holds a digit or X"
    )


def test_full_width_digits_are_refused() -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse("３70112199001011234")
    assert refused.value.details == {"position": 1}


@pytest.mark.parametrize("birth", ["19900230", "19901301", "19000229", "00000101"])
def test_an_impossible_birth_date_is_refused(complete_id: Callable[[str], str], birth: str) -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse(complete_id(f"370112{birth}123"))
    assert refused.value.message == (
        f"Positions 7 to 14 of the ID number, {birth}, are not a possible birth date (YYYYMMDD)"
    )


def test_the_29th_of_february_of_a_leap_year_is_a_birth_date(make_id: MakeId) -> None:
    assert NationalId.parse(make_id(date(2000, 2, 29))).birth_date == date(2000, 2, 29)


def test_a_birth_date_after_today_is_refused(make_id: MakeId) -> None:
    number = make_id(date(2026, 7, 2))
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse(number, today=date(2026, 7, 1))
    assert refused.value.message == (
        "The ID number gives a birth date of 2026-07-02, which is after today (2026-07-01)"
    )
    assert NationalId.parse(number, today=date(2026, 7, 2)).birth_date == date(2026, 7, 2)


def test_an_id_must_be_text() -> None:
    with pytest.raises(InvalidNationalId) as refused:
        NationalId.parse(370112199001011234)
    assert refused.value.message == "A resident ID number must be text"


def test_an_id_shows_only_its_masked_form_when_printed() -> None:
    number = NationalId.parse("370112199001011234")
    assert repr(number) == "NationalId('3701**********1234')"
    assert str(number) == number.masked == "3701**********1234"


def test_an_id_is_masked_to_its_first_four_and_last_four_characters() -> None:
    assert mask_national_id("370112199001011234") == "3701**********1234"
    assert mask_national_id("37011219900101123X") == "3701**********123X"


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        " +86 138 1234 5678 ",
        "+8613812345678",
        "0086-138-1234-5678",
    ],
)
def test_a_mobile_number_is_normalised_to_eleven_digits(typed: str) -> None:
    assert normalize_phone(typed) == "13812345678"


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_mobile_numbers_start_with_13_to_19(prefix: str) -> None:
    assert normalize_phone(f"{prefix}012345678") == f"{prefix}012345678"


def test_a_mobile_number_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(InvalidPhone) as refused:
        normalize_phone("0531-8888 8888")
    assert refused.value.code == "INVALID_PHONE"
    assert refused.value.message == "A mobile number has 11 digits; this one has 12"


@pytest.mark.parametrize("number", ["12812345678", "10012345678", "23812345678"])
def test_a_number_not_starting_with_13_to_19_is_refused(number: str) -> None:
    with pytest.raises(InvalidPhone) as refused:
        normalize_phone(number)
    assert refused.value.message == (
        f"A mainland mobile number starts with 13 to 19; this one starts with {number[:2]}"
    )


@pytest.mark.parametrize("number", ["1381234567a", "138.1234.5678", "(+86)13812345678", ""])
def test_a_mobile_number_holds_only_digits_and_separators(number: str) -> None:
    with pytest.raises(InvalidPhone) as refused:
        normalize_phone(number)
    assert refused.value.message.startswith("A mobile number holds digits only")


def test_a_mobile_number_is_masked_to_its_first_three_and_last_four_digits() -> None:
    assert mask_phone("13812345678") == "138****5678"


def test_the_check_character_needs_seventeen_digits() -> None:
    with pytest.raises(InvalidNationalId) as refused:
        national_id_check_character("3701121990010112")
    assert refused.value.message == (
        "The check character is computed over 17 digits, got 16 characters"
    )


def test_a_mobile_number_must_be_text() -> None:
    with pytest.raises(InvalidPhone) as refused:
        normalize_phone(13812345678)
    assert refused.value.message == "A mobile number must be text"
