"""Units in dedicated grids (专属网格) and their unified social credit codes."""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

import pytest

from org.domain import (
    DedicatedTo,
    Grid,
    GridKind,
    InvalidCreditCode,
    InvalidName,
    Unit,
    UnitKind,
    UnitRegistered,
    UnitRequiresDedicatedGrid,
    UnitUpdated,
)

CODE = "91350100M000100Y43"


def _register(grid: Grid, credit_code: str = CODE) -> Unit:
    return Unit.register(
        id=uuid4(),
        name="齐鲁软件科技有限公司",
        kind=UnitKind.ENTERPRISE,
        credit_code=credit_code,
        grid=grid,
    )


def test_a_unit_is_registered_in_a_dedicated_grid(dedicated_grid: Grid) -> None:
    unit_id = uuid4()
    unit = Unit.register(
        id=unit_id,
        name=" 齐鲁软件科技有限公司 ",
        kind=UnitKind.ENTERPRISE,
        credit_code=" 91350100m000100y43",
        grid=dedicated_grid,
    )
    [recorded] = unit.take_events()
    assert recorded.aggregate_type == "unit"
    assert recorded.event == UnitRegistered(
        unit_id=unit_id,
        name="齐鲁软件科技有限公司",
        kind=UnitKind.ENTERPRISE,
        credit_code="91350100M000100Y43",
        grid_id=dedicated_grid.id,
    )


def test_a_unit_cannot_sit_in_a_residential_grid(residential_grid: Grid) -> None:
    with pytest.raises(UnitRequiresDedicatedGrid) as refused:
        _register(residential_grid)
    assert refused.value.code == "UNIT_REQUIRES_DEDICATED_GRID"
    assert refused.value.message == (
        "Grid 370112001001001 is a residential grid; "
        "units are registered in dedicated grids (专属网格)"
    )


def test_a_unit_cannot_sit_in_a_retired_dedicated_grid(dedicated_grid: Grid) -> None:
    dedicated_grid.retire("园区搬迁")
    with pytest.raises(UnitRequiresDedicatedGrid):
        _register(dedicated_grid)


def test_a_unit_with_an_invalid_credit_code_is_refused(dedicated_grid: Grid) -> None:
    with pytest.raises(InvalidCreditCode):
        _register(dedicated_grid, "91350100M000100Y44")


def test_a_unit_needs_a_name(dedicated_grid: Grid) -> None:
    with pytest.raises(InvalidName):
        Unit.register(
            id=uuid4(), name=" ", kind=UnitKind.ENTERPRISE, credit_code=CODE, grid=dedicated_grid
        )


def test_update_records_only_changed_fields(
    dedicated_grid: Grid, make_grid: Callable[..., Grid]
) -> None:
    other = make_grid(kind=GridKind.DEDICATED, dedicated_to=DedicatedTo.NEW_ORGANIZATION)
    unit = _register(dedicated_grid)
    unit.take_events()
    changed = unit.update(
        kind=UnitKind.NEW_ECONOMIC_ORGANIZATION, credit_code="91350100m000100y43", grid=other
    )
    assert changed == ("kind", "grid_id")
    [recorded] = unit.take_events()
    assert recorded.event == UnitUpdated(
        unit_id=unit.id,
        name="齐鲁软件科技有限公司",
        kind=UnitKind.NEW_ECONOMIC_ORGANIZATION,
        credit_code=CODE,
        grid_id=other.id,
        changed_fields=("kind", "grid_id"),
    )


def test_a_no_op_unit_update_records_nothing(dedicated_grid: Grid) -> None:
    unit = _register(dedicated_grid)
    unit.take_events()
    assert unit.update(name="齐鲁软件科技有限公司", grid=dedicated_grid) == ()
    assert unit.take_events() == []


def test_a_unit_cannot_move_to_a_residential_grid(
    dedicated_grid: Grid, residential_grid: Grid
) -> None:
    unit = _register(dedicated_grid)
    with pytest.raises(UnitRequiresDedicatedGrid):
        unit.update(name="新名称", grid=residential_grid)
    assert (unit.name, unit.grid_id) == ("齐鲁软件科技有限公司", dedicated_grid.id)


def test_a_unit_update_with_a_bad_credit_code_is_refused(dedicated_grid: Grid) -> None:
    unit = _register(dedicated_grid)
    with pytest.raises(InvalidCreditCode):
        unit.update(credit_code="91350100M000100I43")
