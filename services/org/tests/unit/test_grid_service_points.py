"""Micro-positions (党群活动微阵地) and proxy-service items (代办服务事项) owned by a grid."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from org.domain import (
    UNCHANGED,
    Change,
    DuplicateName,
    Grid,
    GridRetiredError,
    InvalidCount,
    InvalidName,
    InvalidText,
    MicroPosition,
    MicroPositionChanged,
    MicroPositionNotFound,
    ProxyServiceItem,
    ProxyServiceItemChanged,
    ProxyServiceItemNotFound,
)


def _open_station(grid: Grid, name: str = "红色驿站") -> MicroPosition:
    return grid.add_micro_position(
        id=uuid4(), name=name, address="洪家楼南路5号", opening_hours="周一至周五 9:00-17:00"
    )


def _add_item(grid: Grid, name: str = "老年人优待证办理", days: int = 5) -> ProxyServiceItem:
    return grid.add_proxy_service_item(
        id=uuid4(),
        name=name,
        responsible_department="街道便民服务中心",
        time_limit_working_days=days,
    )


def _changes(grid: Grid) -> list[tuple[Change, str]]:
    changes = []
    for recorded in grid.take_events():
        event = recorded.event
        assert isinstance(event, MicroPositionChanged | ProxyServiceItemChanged)
        changes.append((event.change, event.name))
    return changes


def test_a_micro_position_is_added_with_trimmed_fields(residential_grid: Grid) -> None:
    position_id = uuid4()
    position = residential_grid.add_micro_position(
        id=position_id, name=" 红色驿站 ", address=" 洪家楼南路5号 "
    )
    assert position == MicroPosition(
        id=position_id, name="红色驿站", address="洪家楼南路5号", opening_hours=""
    )
    assert residential_grid.micro_positions == [position]
    [recorded] = residential_grid.take_events()
    assert recorded.event == MicroPositionChanged(
        grid_id=residential_grid.id,
        micro_position_id=position_id,
        change=Change.ADDED,
        name="红色驿站",
    )


def test_a_micro_position_needs_an_address(residential_grid: Grid) -> None:
    with pytest.raises(InvalidText):
        residential_grid.add_micro_position(id=uuid4(), name="红色驿站", address=" ")


def test_micro_position_names_are_unique_within_the_grid(residential_grid: Grid) -> None:
    _open_station(residential_grid, "Party Home")
    with pytest.raises(DuplicateName) as refused:
        _open_station(residential_grid, " party home ")
    assert refused.value.code == "DUPLICATE_NAME"
    assert len(residential_grid.micro_positions) == 1


def test_the_same_micro_position_name_may_be_used_in_another_grid(
    residential_grid: Grid, dedicated_grid: Grid
) -> None:
    _open_station(residential_grid)
    assert _open_station(dedicated_grid).name == "红色驿站"


def test_updating_a_micro_position_records_the_change(residential_grid: Grid) -> None:
    position = _open_station(residential_grid)
    updated = residential_grid.update_micro_position(position.id, opening_hours="每天 8:00-20:00")
    assert updated == MicroPosition(
        id=position.id, name="红色驿站", address="洪家楼南路5号", opening_hours="每天 8:00-20:00"
    )
    assert residential_grid.micro_positions == [updated]
    assert _changes(residential_grid) == [(Change.ADDED, "红色驿站"), (Change.UPDATED, "红色驿站")]


def test_a_micro_position_update_that_changes_nothing_records_nothing(
    residential_grid: Grid,
) -> None:
    position = _open_station(residential_grid)
    residential_grid.take_events()
    same = residential_grid.update_micro_position(position.id, name="红色驿站 ", address=UNCHANGED)
    assert same is position
    assert residential_grid.take_events() == []


def test_a_micro_position_cannot_take_a_sibling_name(residential_grid: Grid) -> None:
    _open_station(residential_grid, "红色驿站")
    second = _open_station(residential_grid, "邻里中心")
    with pytest.raises(DuplicateName):
        residential_grid.update_micro_position(second.id, name="红色驿站")
    assert residential_grid.micro_positions[1].name == "邻里中心"


def test_removing_a_micro_position_records_it(residential_grid: Grid) -> None:
    position = _open_station(residential_grid)
    assert residential_grid.remove_micro_position(position.id) == position
    assert residential_grid.micro_positions == []
    assert _changes(residential_grid)[-1] == (Change.REMOVED, "红色驿站")


def test_an_unknown_micro_position_is_not_found(residential_grid: Grid) -> None:
    missing = UUID(int=7)
    with pytest.raises(MicroPositionNotFound) as refused:
        residential_grid.remove_micro_position(missing)
    assert refused.value.code == "MICRO_POSITION_NOT_FOUND"
    assert refused.value.message == f"Grid 370112001001001 has no micro-position {missing}"
    with pytest.raises(MicroPositionNotFound):
        residential_grid.update_micro_position(missing, name="x")


def test_a_proxy_service_item_is_added(residential_grid: Grid) -> None:
    item = residential_grid.add_proxy_service_item(
        id=uuid4(),
        name=" 居住证代办 ",
        description=" 材料齐全后代为提交 ",
        responsible_department=" 公安分局户政科 ",
        time_limit_working_days=10,
    )
    assert (item.name, item.description, item.responsible_department) == (
        "居住证代办",
        "材料齐全后代为提交",
        "公安分局户政科",
    )
    assert residential_grid.proxy_service_items == [item]
    [recorded] = residential_grid.take_events()
    assert recorded.event == ProxyServiceItemChanged(
        grid_id=residential_grid.id, item_id=item.id, change=Change.ADDED, name="居住证代办"
    )


@pytest.mark.parametrize("days", [0, 366, -3, True])
def test_a_proxy_service_time_limit_is_1_to_365_working_days(
    residential_grid: Grid, days: int
) -> None:
    with pytest.raises(InvalidCount):
        _add_item(residential_grid, days=days)


@pytest.mark.parametrize("days", [1, 365])
def test_the_time_limit_bounds_are_allowed(residential_grid: Grid, days: int) -> None:
    assert _add_item(residential_grid, days=days).time_limit_working_days == days


def test_a_proxy_service_item_needs_a_responsible_department(residential_grid: Grid) -> None:
    with pytest.raises(InvalidName):
        residential_grid.add_proxy_service_item(
            id=uuid4(), name="居住证代办", responsible_department="", time_limit_working_days=5
        )


def test_proxy_service_item_names_are_unique_within_the_grid(residential_grid: Grid) -> None:
    _add_item(residential_grid, "居住证代办")
    with pytest.raises(DuplicateName):
        _add_item(residential_grid, "居住证代办")


def test_updating_and_removing_a_proxy_service_item(residential_grid: Grid) -> None:
    item = _add_item(residential_grid)
    updated = residential_grid.update_proxy_service_item(item.id, time_limit_working_days=3)
    assert updated.time_limit_working_days == 3
    assert residential_grid.update_proxy_service_item(item.id, time_limit_working_days=3) is updated
    residential_grid.remove_proxy_service_item(item.id)
    assert residential_grid.proxy_service_items == []
    assert _changes(residential_grid) == [
        (Change.ADDED, "老年人优待证办理"),
        (Change.UPDATED, "老年人优待证办理"),
        (Change.REMOVED, "老年人优待证办理"),
    ]


def test_a_refused_proxy_service_update_changes_nothing(residential_grid: Grid) -> None:
    item = _add_item(residential_grid)
    with pytest.raises(InvalidCount):
        residential_grid.update_proxy_service_item(
            item.id, name="新名称", time_limit_working_days=0
        )
    assert residential_grid.proxy_service_items == [item]


def test_an_unknown_proxy_service_item_is_not_found(residential_grid: Grid) -> None:
    with pytest.raises(ProxyServiceItemNotFound) as refused:
        residential_grid.update_proxy_service_item(uuid4(), name="x")
    assert refused.value.code == "PROXY_SERVICE_ITEM_NOT_FOUND"


def test_each_change_bumps_the_grid_version(residential_grid: Grid) -> None:
    version = residential_grid.version
    position = _open_station(residential_grid)
    residential_grid.remove_micro_position(position.id)
    assert residential_grid.version == version + 2


def test_a_retired_grid_opens_no_service_points(residential_grid: Grid) -> None:
    position = _open_station(residential_grid)
    residential_grid.retire("撤并")
    with pytest.raises(GridRetiredError):
        _open_station(residential_grid, "邻里中心")
    with pytest.raises(GridRetiredError):
        _add_item(residential_grid)
    with pytest.raises(GridRetiredError):
        residential_grid.remove_micro_position(position.id)


def test_a_grid_finds_its_service_points_by_id_even_once_retired(residential_grid: Grid) -> None:
    position = _open_station(residential_grid)
    item = _add_item(residential_grid)
    residential_grid.retire("撤并")
    assert residential_grid.micro_position(position.id) == position
    assert residential_grid.proxy_service_item(item.id) == item
    with pytest.raises(MicroPositionNotFound):
        residential_grid.micro_position(item.id)
    with pytest.raises(ProxyServiceItemNotFound):
        residential_grid.proxy_service_item(position.id)
