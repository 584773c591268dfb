"""Divisions: how the tree nests, how children are coded, renames and moves."""

from __future__ import annotations

from collections.abc import Collection
from uuid import uuid4

import pytest

from org.domain import (
    Division,
    DivisionCodeTaken,
    DivisionCreated,
    DivisionLevel,
    DivisionMoved,
    DivisionRenamed,
    InvalidDivisionCode,
    InvalidDivisionParent,
    InvalidName,
)

L = DivisionLevel


def _child(
    parent: Division,
    level: DivisionLevel,
    name: str = "新区划",
    *,
    code: str | None = None,
    taken_codes: Collection[str] = (),
) -> Division:
    return Division.create(
        id=uuid4(), name=name, level=level, parent=parent, code=code, taken_codes=taken_codes
    )


def test_a_district_is_the_root_with_its_own_six_digit_code() -> None:
    district_id = uuid4()
    district = Division.create(id=district_id, name="历城区", level=L.DISTRICT, code="370112")
    assert (district.code, district.parent_id, district.version) == ("370112", None, 1)
    [recorded] = district.take_events()
    assert recorded.aggregate_type == "division"
    assert recorded.event == DivisionCreated(
        division_id=district_id, code="370112", name="历城区", level=L.DISTRICT, parent_id=None
    )


def test_a_district_cannot_have_a_parent(district: Division) -> None:
    with pytest.raises(InvalidDivisionParent) as refused:
        Division.create(id=uuid4(), name="章丘区", level=L.DISTRICT, parent=district, code="370114")
    assert refused.value.code == "DIVISION_INVALID_PARENT"


def test_a_district_needs_its_code() -> None:
    with pytest.raises(InvalidDivisionCode):
        Division.create(id=uuid4(), name="历城区", level=L.DISTRICT)


def test_a_district_code_already_in_use_is_refused() -> None:
    with pytest.raises(DivisionCodeTaken) as refused:
        Division.create(
            id=uuid4(), name="历城区", level=L.DISTRICT, code="370112", taken_codes={"370112"}
        )
    assert refused.value.code == "DIVISION_CODE_TAKEN"


def test_a_child_without_a_code_takes_the_next_free_one(district: Division) -> None:
    child = _child(district, L.SUBDISTRICT, taken_codes=["370112001", "370112002", "370112004"])
    assert child.code == "370112003"
    assert child.parent_id == district.id


def test_a_child_code_may_be_given_as_the_local_part(subdistrict: Division) -> None:
    assert _child(subdistrict, L.COMMUNITY, code="015").code == "370112001015"


def test_a_child_code_may_be_given_in_full(subdistrict: Division) -> None:
    assert _child(subdistrict, L.VILLAGE, code="370112001201").code == "370112001201"


def test_a_full_child_code_must_start_with_the_parent_code(subdistrict: Division) -> None:
    with pytest.raises(InvalidDivisionCode) as refused:
        _child(subdistrict, L.COMMUNITY, code="370112002001")
    assert "370112001" in refused.value.message


def test_a_child_code_already_in_use_is_refused(subdistrict: Division) -> None:
    with pytest.raises(DivisionCodeTaken):
        _child(subdistrict, L.COMMUNITY, code="001", taken_codes={"370112001001"})


def test_a_village_cannot_sit_directly_under_a_district(district: Division) -> None:
    with pytest.raises(InvalidDivisionParent) as refused:
        _child(district, L.VILLAGE)
    assert refused.value.message == (
        "A village (村) cannot sit directly under a district (区); "
        "it belongs under a subdistrict (街道) or town (镇)"
    )


def test_a_community_needs_a_parent() -> None:
    with pytest.raises(InvalidDivisionParent) as refused:
        Division.create(id=uuid4(), name="洪家楼社区", level=L.COMMUNITY, code="370112001001")
    assert refused.value.message == (
        "A community (社区) must sit under a subdistrict (街道) or town (镇)"
    )


@pytest.mark.parametrize("level", [L.SUBDISTRICT, L.TOWN])
def test_a_township_cannot_sit_under_another_township(
    subdistrict: Division, level: DivisionLevel
) -> None:
    with pytest.raises(InvalidDivisionParent):
        _child(subdistrict, level)


@pytest.mark.parametrize("level", [L.SUBDISTRICT, L.TOWN])
def test_subdistricts_and_towns_sit_under_the_district(
    district: Division, level: DivisionLevel
) -> None:
    assert _child(district, level).level is level


@pytest.mark.parametrize("parent_name", ["subdistrict", "town"])
@pytest.mark.parametrize("level", [L.COMMUNITY, L.VILLAGE])
def test_communities_and_villages_sit_under_a_subdistrict_or_town(
    parent_name: str, level: DivisionLevel, request: pytest.FixtureRequest
) -> None:
    parent: Division = request.getfixturevalue(parent_name)
    child = _child(parent, level)
    assert child.code == parent.code + "001"


def test_nothing_sits_under_a_community(community: Division) -> None:
    with pytest.raises(InvalidDivisionParent):
        _child(community, L.VILLAGE)


def test_the_name_is_trimmed(district: Division) -> None:
    assert _child(district, L.SUBDISTRICT, name="  王舍人街道 ").name == "王舍人街道"


@pytest.mark.parametrize("name", ["", "   ", "街" * 101])
def test_an_empty_or_overlong_name_is_refused(district: Division, name: str) -> None:
    with pytest.raises(InvalidName) as refused:
        _child(district, L.SUBDISTRICT, name=name)
    assert refused.value.code == "INVALID_NAME"


def test_a_name_of_100_characters_is_accepted(district: Division) -> None:
    assert len(_child(district, L.SUBDISTRICT, name="街" * 100).name) == 100


def test_rename_records_the_previous_name(subdistrict: Division) -> None:
    event = subdistrict.rename(" 洪家楼新街道 ")
    assert subdistrict.name == "洪家楼新街道"
    assert (
        subdistrict.take_events()[0].event
        == event
        == DivisionRenamed(
            division_id=subdistrict.id,
            code="370112001",
            name="洪家楼新街道",
            level=L.SUBDISTRICT,
            parent_id=subdistrict.parent_id,
            previous_name="洪家楼街道",
        )
    )


def test_renaming_to_the_same_name_records_nothing(subdistrict: Division) -> None:
    version = subdistrict.version
    assert subdistrict.rename("洪家楼街道 ") is None
    assert subdistrict.take_events() == []
    assert subdistrict.version == version


def test_a_community_moves_to_another_subdistrict_with_a_new_code(
    district: Division, community: Division
) -> None:
    old_parent = community.parent_id
    other = _child(district, L.SUBDISTRICT, name="王舍人街道", code="002")
    version = community.version
    event = community.move_to(other, taken_codes=["370112002001"])
    assert (community.code, community.parent_id) == ("370112002002", other.id)
    assert community.version == version + 1
    assert event == DivisionMoved(
        division_id=community.id,
        code="370112002002",
        name="洪家楼社区",
        level=L.COMMUNITY,
        parent_id=other.id,
        previous_parent_id=old_parent,
        previous_code="370112001001",
    )
    assert community.take_events()[-1].event == event


def test_a_move_may_name_the_new_local_code(town: Division, community: Division) -> None:
    community.move_to(town, code="030")
    assert community.code == "370112100030"


def test_a_move_to_a_taken_code_is_refused_and_changes_nothing(
    town: Division, community: Division
) -> None:
    with pytest.raises(DivisionCodeTaken):
        community.move_to(town, code="030", taken_codes={"370112100030"})
    assert community.code == "370112001001"
    assert community.take_events() == []


def test_a_division_cannot_move_under_its_own_subtree(
    subdistrict: Division, community: Division
) -> None:
    with pytest.raises(InvalidDivisionParent) as refused:
        subdistrict.move_to(community)
    assert "its own subtree" in refused.value.message


def test_a_division_cannot_move_under_itself(subdistrict: Division) -> None:
    with pytest.raises(InvalidDivisionParent):
        subdistrict.move_to(subdistrict)


def test_a_move_to_a_parent_of_the_wrong_level_is_refused(
    district: Division, community: Division
) -> None:
    with pytest.raises(InvalidDivisionParent):
        community.move_to(district)


def test_a_move_to_the_current_parent_is_refused(
    subdistrict: Division, community: Division
) -> None:
    with pytest.raises(InvalidDivisionParent) as refused:
        community.move_to(subdistrict)
    assert refused.value.message == "洪家楼社区 is already under 洪家楼街道"


def test_a_district_cannot_move(district: Division) -> None:
    other = Division.create(id=uuid4(), name="章丘区", level=L.DISTRICT, code="370114")
    with pytest.raises(InvalidDivisionParent):
        district.move_to(other)


def test_recode_after_an_ancestor_moved_keeps_the_parent(community: Division) -> None:
    event = community.recode("370112002001")
    assert event is not None
    assert (event.previous_code, event.code) == ("370112001001", "370112002001")
    assert event.previous_parent_id == event.parent_id == community.parent_id


def test_recode_to_the_same_code_records_nothing(community: Division) -> None:
    assert community.recode("370112001001") is None
    assert community.take_events() == []


def test_recode_refuses_a_code_of_another_level(community: Division) -> None:
    with pytest.raises(InvalidDivisionCode):
        community.recode("370112002")
