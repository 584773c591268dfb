"""A small slice of Licheng District to build tests on (no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import uuid4

import pytest

from org.domain import DedicatedTo, Division, DivisionLevel, Grid, GridKind


@pytest.fixture
def district() -> Division:
    division = Division.create(
        id=uuid4(), name="历城区", level=DivisionLevel.DISTRICT, code="370112"
    )
    division.take_events()
    return division


@pytest.fixture
def subdistrict(district: Division) -> Division:
    division = Division.create(
        id=uuid4(), name="洪家楼街道", level=DivisionLevel.SUBDISTRICT, parent=district, code="001"
    )
    division.take_events()
    return division


@pytest.fixture
def town(district: Division) -> Division:
    division = Division.create(
        id=uuid4(), name="柳埠镇", level=DivisionLevel.TOWN, parent=district, code="100"
    )
    division.take_events()
    return division


@pytest.fixture
def community(subdistrict: Division) -> Division:
    division = Division.create(
        id=uuid4(), name="洪家楼社区", level=DivisionLevel.COMMUNITY, parent=subdistrict, code="001"
    )
    division.take_events()
    return division


@pytest.fixture
def village(town: Division) -> Division:
    division = Division.create(
        id=uuid4(), name="柳埠村", level=DivisionLevel.VILLAGE, parent=town, code="201"
    )
    division.take_events()
    return division


MakeGrid = Callable[..., Grid]


@pytest.fixture
def make_grid(community: Division) -> MakeGrid:
    """Build a grid in the community (events already taken); keyword arguments override."""

    def make(**overrides: Any) -> Grid:
        arguments: dict[str, Any] = {
            "id": uuid4(),
            "name": "第一网格",
            "kind": GridKind.RESIDENTIAL,
            "division": community,
        }
        arguments.update(overrides)
        grid = Grid.create(**arguments)
        grid.take_events()
        return grid

    return make


@pytest.fixture
def residential_grid(make_grid: MakeGrid) -> Grid:
    return make_grid(households=320, residents=870)


@pytest.fixture
def dedicated_grid(make_grid: MakeGrid) -> Grid:
    return make_grid(
        name="齐鲁软件园专属网格",
        kind=GridKind.DEDICATED,
        dedicated_to=DedicatedTo.ENTERPRISE,
        code="002",
    )
