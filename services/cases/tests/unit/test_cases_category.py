"""The catalogue: well-formed categories, and report attributes checked against them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from cases_testing import BEIJING, ELEVATOR

from cases.domain import (
    AttributeDefinition,
    AttributeInvalid,
    AttributeRequired,
    AttributeType,
    AttributeUnknown,
    Category,
    Choice,
    InvalidAttributeDefinition,
    InvalidCategory,
    InvalidTimeLimits,
    Priority,
)

LIMITS = {Priority.URGENT: 1, Priority.HIGH: 3, Priority.NORMAL: 5}


def _category(**fields: Any) -> Category:
    arguments: dict[str, Any] = {"code": "NOISE", "name": "噪声扰民", "time_limits": LIMITS}
    arguments.update(fields)
    return Category(**arguments)


def _one(definition: AttributeDefinition) -> Category:
    return _category(attributes=(definition,))


# Categories


def test_a_category_is_trimmed_and_keeps_its_limits_in_priority_order() -> None:
    category = _category(
        name=" 噪声扰民 ",
        description="  ",
        time_limits={"NORMAL": 10, "HIGH": 5, "URGENT": 2},
        closing_conditions=" 噪声复测达标 ",
    )
    assert (category.name, category.description, category.closing_conditions) == (
        "噪声扰民",
        None,
        "噪声复测达标",
    )
    assert list(category.time_limits.items()) == [
        (Priority.URGENT, 2),
        (Priority.HIGH, 5),
        (Priority.NORMAL, 10),
    ]
    assert (category.time_limit(Priority.HIGH), category.active) == (5, True)


@pytest.mark.parametrize("code", ["E", "elevator", "1ELEVATOR", "ELEVATOR-NOISE", "A" * 41])
def test_a_category_code_is_capitals_digits_and_underscores(code: str) -> None:
    with pytest.raises(InvalidCategory) as refused:
        _category(code=code)
    assert refused.value.code == "CATEGORY_INVALID"


@pytest.mark.parametrize("code", ["EL", "FIRE_LANE_BLOCKED", "A" * 40, "ROAD2"])
def test_well_formed_category_codes(code: str) -> None:
    assert _category(code=code).code == code


def test_a_category_has_a_name() -> None:
    with pytest.raises(InvalidCategory):
        _category(name=" ")


@pytest.mark.parametrize(
    ("limits", "detail"),
    [
        ({Priority.URGENT: 1, Priority.HIGH: 3}, {"missing": "NORMAL"}),
        ({Priority.URGENT: 0, Priority.HIGH: 3, Priority.NORMAL: 5}, {"priority": "URGENT"}),
        ({Priority.URGENT: 1, Priority.HIGH: 3, Priority.NORMAL: 366}, {"priority": "NORMAL"}),
        ({Priority.URGENT: 1, Priority.HIGH: 2.5, Priority.NORMAL: 5}, {"priority": "HIGH"}),
        ({Priority.URGENT: 5, Priority.HIGH: 3, Priority.NORMAL: 5}, {}),
        ({Priority.URGENT: 1, Priority.HIGH: 6, Priority.NORMAL: 5}, {}),
        ({"SOON": 1, Priority.HIGH: 3, Priority.NORMAL: 5}, {}),
    ],
    ids=[
        "missing",
        "zero",
        "too-long",
        "fraction",
        "urgent-above-high",
        "high-above-normal",
        "key",
    ],
)
def test_time_limits_cover_every_priority_from_one_to_365_days_in_order(
    limits: dict[Any, Any], detail: dict[str, str]
) -> None:
    with pytest.raises(InvalidTimeLimits) as refused:
        _category(time_limits=limits)
    assert refused.value.code == "CATEGORY_TIME_LIMITS_INVALID"
    assert refused.value.details.items() >= {"category_code": "NOISE", **detail}.items()


def test_equal_time_limits_are_fine() -> None:
    limits = {Priority.URGENT: 3, Priority.HIGH: 3, Priority.NORMAL: 3}
    assert _category(time_limits=limits).time_limit(Priority.URGENT) == 3


def test_an_attribute_code_appears_once() -> None:
    floor = AttributeDefinition(code="floor", name="楼层", type=AttributeType.NUMBER)
    with pytest.raises(InvalidAttributeDefinition) as refused:
        _category(attributes=(floor, floor))
    assert refused.value.details == {"attribute": "floor"}


# Attribute definitions


@pytest.mark.parametrize("code", ["Floor", "1floor", "floor-no", "", "f" * 41])
def test_an_attribute_code_is_lower_case(code: str) -> None:
    with pytest.raises(InvalidAttributeDefinition):
        AttributeDefinition(code=code, name="楼层", type=AttributeType.NUMBER)


@pytest.mark.parametrize("kind", [AttributeType.SINGLE_CHOICE, AttributeType.MULTIPLE_CHOICE])
def test_a_choice_attribute_has_choices(kind: AttributeType) -> None:
    with pytest.raises(InvalidAttributeDefinition, match="needs choices"):
        AttributeDefinition(code="side", name="位置", type=kind)


@pytest.mark.parametrize(
    "kind", [AttributeType.STRING, AttributeType.NUMBER, AttributeType.DATETIME]
)
def test_only_choice_attributes_have_choices(kind: AttributeType) -> None:
    with pytest.raises(InvalidAttributeDefinition, match="only choice attributes"):
        AttributeDefinition(
            code="side", name="位置", type=kind, choices=(Choice(key="A", name="甲"),)
        )


def test_a_choice_key_appears_once_and_is_well_formed() -> None:
    with pytest.raises(InvalidAttributeDefinition, match="more than once"):
        AttributeDefinition(
            code="side",
            name="位置",
            type=AttributeType.SINGLE_CHOICE,
            choices=(Choice(key="EAST", name="东"), Choice(key="EAST", name="东侧")),
        )
    for key in ("", "east side", "_EAST"):
        with pytest.raises(InvalidAttributeDefinition):
            Choice(key=key, name="东")
    with pytest.raises(InvalidAttributeDefinition):
        Choice(key="EAST", name=" ")


# Attribute values


def test_valid_values_come_back_normalised_in_form_order() -> None:
    values = ELEVATOR.validate_attributes(
        {
            "symptoms": ["SHAKING", "NOISE"],
            "noticed_at": "2026-09-29T21:30:00+08:00",
            "building": " 1号楼 ",
            "noise_db": "68",
            "position": " WEST ",
        }
    )
    assert values == {
        "building": "1号楼",
        "noise_db": 68,
        "position": "WEST",
        "symptoms": ["NOISE", "SHAKING"],
        "noticed_at": "2026-09-29T21:30:00+08:00",
    }
    assert list(values) == ["noticed_at", "building", "noise_db", "position", "symptoms"]


def test_optional_attributes_without_a_value_are_left_out() -> None:
    values = ELEVATOR.validate_attributes(
        {"building": "1号楼", "noise_db": None, "position": "", "symptoms": []}
    )
    assert values == {"building": "1号楼"}


def test_an_unknown_attribute_is_named() -> None:
    with pytest.raises(AttributeUnknown) as refused:
        ELEVATOR.validate_attributes({"building": "1号楼", "colour": "红"})
    assert refused.value.code == "CASE_ATTRIBUTE_UNKNOWN"
    assert refused.value.details == {"attribute": "colour", "category_code": "ELEVATOR"}
    assert "building, noise_db, position, symptoms, noticed_at" in refused.value.message


@pytest.mark.parametrize("missing", [None, "  ", ""])
def test_a_required_attribute_must_have_a_value(missing: object) -> None:
    with pytest.raises(AttributeRequired) as refused:
        ELEVATOR.validate_attributes({"building": missing})
    assert refused.value.code == "CASE_ATTRIBUTE_REQUIRED"
    assert refused.value.message == "楼栋 (building) is required for a case of 电梯故障与噪音"


def test_a_required_multiple_choice_needs_at_least_one_key() -> None:
    category = _one(
        AttributeDefinition(
            code="symptoms",
            name="现象",
            type=AttributeType.MULTIPLE_CHOICE,
            required=True,
            choices=(Choice(key="NOISE", name="异响"),),
        )
    )
    with pytest.raises(AttributeRequired):
        category.validate_attributes({"symptoms": []})


def _invalid(attribute: str, value: object) -> AttributeInvalid:
    with pytest.raises(AttributeInvalid) as refused:
        ELEVATOR.validate_attributes({"building": "1号楼", attribute: value})
    assert refused.value.code == "CASE_ATTRIBUTE_INVALID"
    assert refused.value.details["attribute"] == attribute
    return refused.value


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (55, 55),
        (55.5, 55.5),
        ("55.5", 55.5),
        (" -3 ", -3),
        ("1e2", 100.0),
        (Decimal("60.0"), 60),
        (Decimal("60.25"), 60.25),
    ],
)
def test_a_number_may_come_as_a_number_or_as_text(given: object, stored: object) -> None:
    values = ELEVATOR.validate_attributes({"building": "1号楼", "noise_db": given})
    assert values["noise_db"] == stored
    assert type(values["noise_db"]) is type(stored)


@pytest.mark.parametrize("given", ["很吵", "55dB", True, float("nan"), float("inf"), "1_000", [55]])
def test_anything_else_is_not_a_number(given: object) -> None:
    refused = _invalid("noise_db", given)
    assert refused.details["type"] == "NUMBER"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2026-09-29T21:30:00+08:00", "2026-09-29T21:30:00+08:00"),
        ("2026-09-29T13:30:00Z", "2026-09-29T13:30:00+00:00"),
        (datetime(2026, 9, 29, 21, 30, tzinfo=BEIJING), "2026-09-29T21:30:00+08:00"),
        (datetime(2026, 9, 29, 13, 30, tzinfo=UTC), "2026-09-29T13:30:00+00:00"),
    ],
)
def test_a_moment_carries_its_offset(given: object, stored: str) -> None:
    values = ELEVATOR.validate_attributes({"building": "1号楼", "noticed_at": given})
    assert values["noticed_at"] == stored


@pytest.mark.parametrize(
    "given",
    ["2026-09-29T21:30:00", "昨晚", datetime(2026, 9, 29, 21, 30), date(2026, 9, 29), 1727616600],
)
def test_a_moment_without_an_offset_is_refused(given: object) -> None:
    refused = _invalid("noticed_at", given)
    assert "UTC offset" in refused.message


@pytest.mark.parametrize("given", ["NORTH", "west", ["WEST"], 1])
def test_a_single_choice_is_one_known_key(given: object) -> None:
    refused = _invalid("position", given)
    assert "is one of EAST, WEST" in refused.message


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("NOISE", "is a list of keys"),
        (["NOISE", 3], "is a list of keys"),
        (["NOISE", "SMOKE"], "not SMOKE"),
        (["NOISE", "NOISE"], "at most once"),
    ],
)
def test_a_multiple_choice_is_a_list_of_known_keys_each_once(given: object, expected: str) -> None:
    refused = _invalid("symptoms", given)
    assert expected in refused.message


def test_text_is_text_and_not_too_long() -> None:
    for given in (12, ["1号楼"]):
        with pytest.raises(AttributeInvalid):
            ELEVATOR.validate_attributes({"building": given})
    with pytest.raises(AttributeInvalid, match="at most 1000 characters"):
        ELEVATOR.validate_attributes({"building": "楼" * 1001})
    assert ELEVATOR.validate_attributes({"building": "楼" * 1000})["building"] == "楼" * 1000


def test_a_refusal_names_the_attribute_in_words() -> None:
    refused = _invalid("position", "NORTH")
    assert refused.message == "电梯位置 (position) is one of EAST, WEST; got 'NORTH'"
