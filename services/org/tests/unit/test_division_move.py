"""Moving a division re-codes everything below it."""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

import pytest

from org.domain import (
    Division,
    DivisionLevel,
    DivisionMoved,
    Grid,
    GridKind,
    GridUpdated,
    InvalidDivisionParent,
    move_division,
)


@pytest.fixture
def other_subdistrict(district: Division) -> Division:
    return Division.create(
        id=uuid4(), name="王舍人街道", level=DivisionLevel.SUBDISTRICT, parent=district, code="002"
    )


def test_moving_a_community_recodes_its_grids(
    community: Division, other_subdistrict: Division, make_grid: Callable[..., Grid]
) -> None:
    first, second = make_grid(code="001"), make_grid(code="002")
    second.retire("撤并")
    second.take_events()
    moved = move_division(
        community, other_subdistrict, descendants=[], grids=[first, second], code="007"
    )
    assert (moved.previous_code, moved.code) == ("370112001001", "370112002007")
    assert (first.code, second.code) == ("370112002007001", "370112002007002")
    [recorded] = first.take_events()
    assert isinstance(recorded.event, GridUpdated)
    assert recorded.event.changed_fields == ("code",)


def test_moving_a_township_recodes_villages_and_grids_below_it(
    town: Division, village: Division, make_grid: Callable[..., Grid]
) -> None:
    other_district = Division.create(
        id=uuid4(), name="章丘区", level=DivisionLevel.DISTRICT, code="370114"
    )
    village_grid = Grid.create(
        id=uuid4(), name="一组", kind=GridKind.RESIDENTIAL, division=village, code="003"
    )
    unrelated = make_grid(code="004")  # in a community of another township
    move_division(
        town,
        other_district,
        descendants=[town, village],
        grids=[village_grid, unrelated],
        code="100",
    )
    assert (town.code, village.code, village_grid.code) == (
        "370114100",
        "370114100201",
        "370114100201003",
    )
    assert unrelated.code == "370112001001004"
    village_moves = [r.event for r in village.take_events() if isinstance(r.event, DivisionMoved)]
    assert [(e.previous_code, e.code, e.previous_parent_id) for e in village_moves] == [
        ("370112100201", "370114100201", town.id)
    ]
    assert village.parent_id == town.id


def test_a_refused_move_recodes_nothing(
    subdistrict: Division, community: Division, make_grid: Callable[..., Grid]
) -> None:
    grid = make_grid()
    with pytest.raises(InvalidDivisionParent):
        move_division(community, subdistrict, descendants=[], grids=[grid])
    assert (community.code, grid.code) == ("370112001001", "370112001001001")
