"""Administrative and grid codes: shape, composition, sequences, moves."""

from __future__ import annotations

import pytest

from org.domain import (
    DivisionLevel,
    DivisionSequenceExhausted,
    GridSequenceExhausted,
    InvalidDivisionCode,
    InvalidGridCode,
    compose_code,
    is_within,
    next_division_code,
    next_free_sequence,
    next_grid_code,
    reprefix,
    validate_division_code,
    validate_grid_code,
    validate_local_code,
)


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("370112", DivisionLevel.DISTRICT),
        ("370112001", DivisionLevel.SUBDISTRICT),
        ("370112100", DivisionLevel.TOWN),
        ("370112001001", DivisionLevel.COMMUNITY),
        ("370112100201", DivisionLevel.VILLAGE),
    ],
)
def test_a_code_of_the_right_length_is_accepted_for_its_level(
    code: str, level: DivisionLevel
) -> None:
    assert validate_division_code(code, level) == code


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("37011", DivisionLevel.DISTRICT),
        ("3701120", DivisionLevel.DISTRICT),
        ("37011a", DivisionLevel.DISTRICT),
        ("３７０１１２", DivisionLevel.DISTRICT),  # full-width digits
        ("370112", DivisionLevel.SUBDISTRICT),
        ("370112001", DivisionLevel.COMMUNITY),
        ("370112001000", DivisionLevel.COMMUNITY),
        ("370112000", DivisionLevel.TOWN),
    ],
)
def test_a_malformed_division_code_is_refused(code: str, level: DivisionLevel) -> None:
    with pytest.raises(InvalidDivisionCode) as refused:
        validate_division_code(code, level)
    assert refused.value.code == "INVALID_DIVISION_CODE"


def test_a_non_string_code_is_refused() -> None:
    with pytest.raises(InvalidDivisionCode):
        validate_division_code(370112, DivisionLevel.DISTRICT)


def test_the_error_says_how_long_a_code_of_the_level_is() -> None:
    with pytest.raises(InvalidDivisionCode) as refused:
        validate_division_code("3701120011", DivisionLevel.COMMUNITY)
    assert refused.value.message == "A 社区 (community) code is 12 digits, got '3701120011'"


def test_a_child_code_is_the_parent_code_and_three_digits() -> None:
    assert compose_code("370112", 7) == "370112007"
    assert compose_code("370112", "012") == "370112012"
    assert compose_code("370112001", 999) == "370112001999"


@pytest.mark.parametrize("local", [0, 1000, -1, "12", "0012", "000", "01a"])
def test_a_local_code_outside_001_to_999_is_refused(local: int | str) -> None:
    with pytest.raises(InvalidDivisionCode):
        compose_code("370112", local)


def test_local_code_validation_returns_the_code() -> None:
    assert validate_local_code("001") == "001"


def test_next_free_sequence_fills_the_lowest_gap() -> None:
    assert next_free_sequence([]) == 1
    assert next_free_sequence([1, 2, 4]) == 3
    assert next_free_sequence([999]) == 1
    assert next_free_sequence(range(1, 999)) == 999


def test_next_free_sequence_is_none_when_all_999_are_used() -> None:
    assert next_free_sequence(range(1, 1000)) is None


def test_next_grid_code_only_counts_grids_of_the_same_community() -> None:
    taken = [
        "370112001001001",
        "370112001001003",
        "370112001002002",  # another community
        "370112001001",  # the community itself
    ]
    assert next_grid_code("370112001001", taken) == "370112001001002"


def test_a_community_with_999_grid_codes_has_no_free_sequence() -> None:
    taken = [compose_code("370112001001", n) for n in range(1, 1000)]
    with pytest.raises(GridSequenceExhausted) as refused:
        next_grid_code("370112001001", taken)
    assert refused.value.code == "GRID_SEQUENCE_EXHAUSTED"
    assert "370112001001" in refused.value.message


def test_next_division_code_skips_taken_children() -> None:
    assert next_division_code("370112", ["370112001", "370112002", "370112001001"]) == "370112003"


def test_a_parent_with_999_children_has_no_free_code() -> None:
    taken = [compose_code("370112", n) for n in range(1, 1000)]
    with pytest.raises(DivisionSequenceExhausted) as refused:
        next_division_code("370112", taken)
    assert refused.value.code == "DIVISION_SEQUENCE_EXHAUSTED"


@pytest.mark.parametrize(
    "code", ["37011200100100", "3701120010010011", "370112001001000", "37011200100100x", None]
)
def test_a_malformed_grid_code_is_refused(code: object) -> None:
    with pytest.raises(InvalidGridCode) as refused:
        validate_grid_code(code)
    assert refused.value.code == "INVALID_GRID_CODE"


def test_a_well_formed_grid_code_is_accepted() -> None:
    assert validate_grid_code("370112001001002") == "370112001001002"


def test_reprefix_moves_a_code_with_its_subtree() -> None:
    moved = reprefix("370112001001002", old_prefix="370112001001", new_prefix="370112002005")
    assert moved == "370112002005002"


def test_reprefix_refuses_a_code_outside_the_moved_subtree() -> None:
    with pytest.raises(InvalidDivisionCode):
        reprefix("370112002001002", old_prefix="370112001001", new_prefix="370112002005")


def test_reprefix_refuses_prefixes_of_different_levels() -> None:
    with pytest.raises(InvalidDivisionCode):
        reprefix("370112001001002", old_prefix="370112001001", new_prefix="370112002")


def test_a_code_is_within_itself_and_its_ancestors_only() -> None:
    assert is_within("370112001001002", "370112001")
    assert is_within("370112001", "370112001")
    assert not is_within("370112002001002", "370112001")
