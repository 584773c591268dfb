"""Grids: drawing one, its kind, its counts and boundary, updates, retirement, re-coding."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import uuid4

import pytest

from org.domain import (
    UNCHANGED,
    DedicatedTo,
    Division,
    Grid,
    GridCodeTaken,
    GridCreated,
    GridDivisionNotCommunity,
    GridKind,
    GridRetired,
    GridRetiredError,
    GridStatus,
    GridUpdated,
    InvalidCount,
    InvalidGeoJSON,
    InvalidGridCode,
    InvalidGridKind,
    InvalidName,
    InvalidText,
)

MakeGrid = Callable[..., Grid]

SQUARE: dict[str, Any] = {
    "type": "Polygon",
    "coordinates": [
        [[117.08, 36.68], [117.1, 36.68], [117.1, 36.7], [117.08, 36.7], [117.08, 36.68]]
    ],
}


def test_a_grid_takes_its_community_next_free_code(community: Division) -> None:
    grid_id = uuid4()
    grid = Grid.create(
        id=grid_id,
        name=" 第三网格 ",
        kind=GridKind.RESIDENTIAL,
        division=community,
        taken_codes=["370112001001001", "370112001001002", "370112001002003"],
        households=412,
        residents=1130,
    )
    assert grid.code == "370112001001003"
    assert (grid.status, grid.version) == (GridStatus.ACTIVE, 1)
    [recorded] = grid.take_events()
    assert recorded.aggregate_type == "grid"
    assert recorded.event == GridCreated(
        grid_id=grid_id,
        code="370112001001003",
        name="第三网格",
        kind=GridKind.RESIDENTIAL,
        dedicated_to=None,
        division_id=community.id,
        households=412,
        residents=1130,
        status=GridStatus.ACTIVE,
        boundary=None,
    )


def test_a_grid_code_may_be_given_as_its_sequence(make_grid: MakeGrid) -> None:
    assert make_grid(code="017").code == "370112001001017"


def test_a_grid_code_may_be_given_in_full(make_grid: MakeGrid) -> None:
    assert make_grid(code="370112001001017").code == "370112001001017"


@pytest.mark.parametrize("code", ["370112001002017", "000", "17", "37011200100101"])
def test_a_grid_code_outside_its_community_or_malformed_is_refused(
    make_grid: MakeGrid, code: str
) -> None:
    with pytest.raises(InvalidGridCode):
        make_grid(code=code)


def test_a_grid_code_already_in_use_is_refused(make_grid: MakeGrid) -> None:
    with pytest.raises(GridCodeTaken) as refused:
        make_grid(code="001", taken_codes={"370112001001001"})
    assert refused.value.code == "GRID_CODE_TAKEN"


def test_a_grid_is_drawn_in_a_community_or_village_only(subdistrict: Division) -> None:
    with pytest.raises(GridDivisionNotCommunity) as refused:
        Grid.create(id=uuid4(), name="网格", kind=GridKind.RESIDENTIAL, division=subdistrict)
    assert refused.value.code == "GRID_DIVISION_NOT_COMMUNITY"
    assert refused.value.message == (
        "Grids are drawn in a community or village; 洪家楼街道 is a subdistrict (街道)"
    )


def test_a_grid_may_be_drawn_in_a_village(village: Division) -> None:
    grid = Grid.create(id=uuid4(), name="一组网格", kind=GridKind.RESIDENTIAL, division=village)
    assert grid.code == "370112100201001"


def test_dedicated_grid_must_say_what_it_is_dedicated_to(make_grid: MakeGrid) -> None:
    with pytest.raises(InvalidGridKind) as refused:
        make_grid(kind=GridKind.DEDICATED)
    assert refused.value.code == "INVALID_GRID_KIND"


def test_residential_grid_cannot_be_dedicated_to_anything(make_grid: MakeGrid) -> None:
    with pytest.raises(InvalidGridKind):
        make_grid(kind=GridKind.RESIDENTIAL, dedicated_to=DedicatedTo.ENTERPRISE)


@pytest.mark.parametrize("dedicated_to", list(DedicatedTo))
def test_a_dedicated_grid_may_serve_any_kind_of_unit(
    make_grid: MakeGrid, dedicated_to: DedicatedTo
) -> None:
    grid = make_grid(kind=GridKind.DEDICATED, dedicated_to=dedicated_to)
    assert grid.dedicated_to is dedicated_to


@pytest.mark.parametrize("field", ["households", "residents"])
@pytest.mark.parametrize("value", [-1, 1_000_001, True, 2.5, "10"])
def test_counts_must_be_whole_numbers_in_range(
    make_grid: MakeGrid, field: str, value: object
) -> None:
    with pytest.raises(InvalidCount) as refused:
        make_grid(**{field: value})
    assert refused.value.code == "INVALID_COUNT"


def test_counts_may_be_zero_or_a_million(make_grid: MakeGrid) -> None:
    grid = make_grid(households=0, residents=1_000_000)
    assert (grid.households, grid.residents) == (0, 1_000_000)


def test_a_grid_boundary_is_validated_and_kept(make_grid: MakeGrid) -> None:
    assert make_grid(boundary=SQUARE).boundary == SQUARE


def test_a_grid_with_a_broken_boundary_is_refused(make_grid: MakeGrid) -> None:
    with pytest.raises(InvalidGeoJSON):
        make_grid(boundary={"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]})


def test_update_records_only_the_fields_that_changed(residential_grid: Grid) -> None:
    changed = residential_grid.update(name="第一网格", households=330, residents=870)
    assert changed == ("households",)
    [recorded] = residential_grid.take_events()
    assert recorded.event == GridUpdated(
        grid_id=residential_grid.id,
        code="370112001001001",
        name="第一网格",
        kind=GridKind.RESIDENTIAL,
        dedicated_to=None,
        division_id=residential_grid.division_id,
        households=330,
        residents=870,
        status=GridStatus.ACTIVE,
        boundary=None,
        changed_fields=("households",),
    )


def test_a_no_op_update_records_nothing(residential_grid: Grid) -> None:
    version = residential_grid.version
    assert residential_grid.update(name=" 第一网格", households=320, boundary=UNCHANGED) == ()
    assert residential_grid.take_events() == []
    assert residential_grid.version == version


def test_a_residential_grid_becomes_dedicated_only_with_what_it_serves(
    residential_grid: Grid,
) -> None:
    with pytest.raises(InvalidGridKind):
        residential_grid.update(kind=GridKind.DEDICATED)
    changed = residential_grid.update(
        kind=GridKind.DEDICATED, dedicated_to=DedicatedTo.NEW_ORGANIZATION
    )
    assert changed == ("kind", "dedicated_to")
    assert residential_grid.dedicated_to is DedicatedTo.NEW_ORGANIZATION


def test_a_dedicated_grid_turned_residential_drops_what_it_served(dedicated_grid: Grid) -> None:
    assert dedicated_grid.update(kind=GridKind.RESIDENTIAL) == ("kind", "dedicated_to")
    assert dedicated_grid.dedicated_to is None


def test_a_grid_turned_residential_cannot_keep_an_explicit_dedication(
    dedicated_grid: Grid,
) -> None:
    with pytest.raises(InvalidGridKind):
        dedicated_grid.update(kind=GridKind.RESIDENTIAL, dedicated_to=DedicatedTo.ENTERPRISE)


def test_a_dedicated_grid_can_change_what_it_serves(dedicated_grid: Grid) -> None:
    assert dedicated_grid.update(dedicated_to=DedicatedTo.PUBLIC_UNIT) == ("dedicated_to",)


def test_a_boundary_can_be_set_and_removed(residential_grid: Grid) -> None:
    assert residential_grid.update(boundary=SQUARE) == ("boundary",)
    assert residential_grid.boundary == SQUARE
    assert residential_grid.update(boundary=None) == ("boundary",)
    assert residential_grid.boundary is None


def test_a_refused_update_changes_nothing(residential_grid: Grid) -> None:
    with pytest.raises(InvalidCount):
        residential_grid.update(name="改名网格", households=-5)
    assert residential_grid.name == "第一网格"
    assert residential_grid.take_events() == []


def test_an_update_to_an_empty_name_is_refused(residential_grid: Grid) -> None:
    with pytest.raises(InvalidName):
        residential_grid.update(name=" ")


def test_retiring_a_grid_records_why(residential_grid: Grid) -> None:
    event = residential_grid.retire(" 并入第二网格 ")
    assert residential_grid.status is GridStatus.RETIRED
    assert residential_grid.retired_reason == "并入第二网格"
    assert residential_grid.take_events()[0].event == event
    assert event == GridRetired(
        grid_id=residential_grid.id,
        code="370112001001001",
        name="第一网格",
        kind=GridKind.RESIDENTIAL,
        dedicated_to=None,
        division_id=residential_grid.division_id,
        households=320,
        residents=870,
        status=GridStatus.RETIRED,
        boundary=None,
        reason="并入第二网格",
    )


def test_retiring_needs_a_reason(residential_grid: Grid) -> None:
    with pytest.raises(InvalidText):
        residential_grid.retire("  ")
    assert residential_grid.status is GridStatus.ACTIVE


def test_retired_grid_cannot_be_updated(residential_grid: Grid) -> None:
    residential_grid.retire("并入第二网格")
    with pytest.raises(GridRetiredError) as refused:
        residential_grid.update(households=1)
    assert refused.value.code == "GRID_RETIRED"
    assert refused.value.message == ("Grid 370112001001001 is retired and can no longer be changed")


def test_retired_grid_cannot_be_retired_again(residential_grid: Grid) -> None:
    residential_grid.retire("并入第二网格")
    with pytest.raises(GridRetiredError):
        residential_grid.retire("again")


def test_recode_records_the_new_code(residential_grid: Grid) -> None:
    event = residential_grid.recode("370112002005001")
    assert residential_grid.code == "370112002005001"
    assert event is not None
    assert (event.code, event.changed_fields) == ("370112002005001", ("code",))


def test_a_retired_grid_still_follows_its_community_to_a_new_code(
    residential_grid: Grid,
) -> None:
    residential_grid.retire("并入第二网格")
    residential_grid.recode("370112002005001")
    assert residential_grid.code == "370112002005001"


def test_recode_to_the_same_code_records_nothing(residential_grid: Grid) -> None:
    assert residential_grid.recode("370112001001001") is None
    assert residential_grid.take_events() == []


def test_recode_refuses_a_malformed_code(residential_grid: Grid) -> None:
    with pytest.raises(InvalidGridCode):
        residential_grid.recode("370112002005")
