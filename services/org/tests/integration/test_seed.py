"""The demo data set: planned at Licheng scale, seeded small, and seeded twice."""

from __future__ import annotations

from collections import Counter

import pytest_asyncio
from org_testing import row_counts
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import InstrumentedAttribute

from gridkit.testing.graphql import GraphQLClient
from org.config import OrgSettings
from org.domain import (
    DERIVED_ITEMS,
    DedicatedTo,
    DepartmentKind,
    DivisionLevel,
    GridKind,
    StandardItem,
    StandardStatus,
    bounding_box,
    normalize_credit_code,
    validate_boundary,
)
from org.repository.tables import DivisionRow, GridRow
from org.seed import GridPlan, SeedSummary, plan_seed, seed

SCALE = 0.02
"""Small enough for a test: 2 communities, 5 villages and 54 grids in 7 subdistricts."""


def quiet(line: str) -> None:
    """Swallows the seed's progress lines."""


@pytest_asyncio.fixture(loop_scope="session")
async def seeded(org_settings: OrgSettings, clean_org_database: None) -> SeedSummary:
    """An empty org database seeded once at :data:`SCALE`."""
    return await seed(org_settings.database_url, scale=SCALE, say=quiet)


async def counts_by(engine: AsyncEngine, column: InstrumentedAttribute[str]) -> dict[str, int]:
    """Rows per value of ``column``."""
    async with engine.connect() as connection:
        result = await connection.execute(select(column, func.count()).group_by(column))
        return dict(result.all())


def complete_but_for_the_volunteer_team(grid: GridPlan) -> bool:
    """Whether the planned grid will meet every checklist item but the volunteer team (志愿服务队),
    which only the volunteers service's events give a grid."""
    met = [s for s in grid.standards if s.status is StandardStatus.MET]
    return (
        grid.party_branch is not None
        and len(met) == len(StandardItem) - len(DERIVED_ITEMS)
        and bool(grid.micro_positions)
        and bool(grid.proxy_service_items)
    )


# The plan (no I/O)


def test_the_full_plan_has_the_licheng_reference_counts() -> None:
    plan = plan_seed(1.0)
    assert plan.district.code == "370112"
    assert len(plan.townships) == 21
    assert Counter(c.division.level for c in plan.communities) == {
        DivisionLevel.COMMUNITY: 81,
        DivisionLevel.VILLAGE: 266,
    }
    assert len(plan.grids) == 2_719
    assert Counter(g.kind for g in plan.grids) == {
        GridKind.RESIDENTIAL: 1_221,
        GridKind.DEDICATED: 1_498,
    }


def test_the_plan_confirms_no_derived_item_by_hand() -> None:
    confirmed = {s.item for g in plan_seed(1.0).grids for s in g.standards}
    assert confirmed == set(StandardItem) - DERIVED_ITEMS
    assert StandardItem.VOLUNTEER_TEAM not in confirmed


def test_the_plan_is_the_same_every_time() -> None:
    assert plan_seed(0.1) == plan_seed(0.1)


def test_dedicated_grids_serve_each_kind_of_unit_in_turn() -> None:
    served = [g.dedicated_to for g in plan_seed(1.0).grids if g.kind is GridKind.DEDICATED]
    assert Counter(served) == {
        DedicatedTo.ENTERPRISE: 375,
        DedicatedTo.PUBLIC_UNIT: 375,
        DedicatedTo.NEW_ORGANIZATION: 374,
        DedicatedTo.OTHER: 374,
    }


def test_every_ninth_grid_is_left_without_a_party_branch() -> None:
    grids = plan_seed(1.0).grids
    without = [n for n, g in enumerate(grids) if g.party_branch is None]
    assert without == list(range(8, 2_719, 9))


def test_planned_units_have_valid_distinct_credit_codes_in_dedicated_grids() -> None:
    grids = plan_seed(1.0).grids
    units = [g.unit for g in grids if g.unit is not None]
    codes = [u.credit_code for u in units]
    assert len(units) == 999
    assert all(normalize_credit_code(code) == code for code in codes)
    assert all(code[2:8] == "370112" for code in codes)
    assert len(set(codes)) == len(codes)
    assert all(g.kind is GridKind.DEDICATED for g in grids if g.unit is not None)


def test_planned_boundaries_are_valid_inside_the_district_and_apart() -> None:
    boxes = sorted(bounding_box(validate_boundary(g.boundary)) for g in plan_seed(1.0).grids)
    assert all(117.0 <= b.min_lon < b.max_lon <= 117.4 for b in boxes)
    assert all(36.5 <= b.min_lat < b.max_lat <= 36.8 for b in boxes)
    for index, box in enumerate(boxes):
        # Sorted by west edge: only the boxes starting before this one ends can overlap it.
        for other in boxes[index + 1 :]:
            if other.min_lon > box.max_lon:
                break
            assert other.min_lat > box.max_lat or other.max_lat < box.min_lat, (box, other)


def test_the_full_plan_holds_the_departments_of_the_story() -> None:
    departments = {d.name: d for d in plan_seed(1.0).departments}
    assert {name: (d.kind, d.division_code, d.parent) for name, d in departments.items()} == {
        "历城区市场监督管理局": (DepartmentKind.DISTRICT_BUREAU, "370112", None),
        "质量发展科": (DepartmentKind.SECTION, "370112", "历城区市场监督管理局"),
        "特种设备安全监察科": (DepartmentKind.SECTION, "370112", "历城区市场监督管理局"),
        "王舍人街道城市管理办公室": (DepartmentKind.SUBDISTRICT_OFFICE, "370112007", None),
        "香溢紫郡物业": (DepartmentKind.PROPERTY_COMPANY, "370112007", None),
        "济南快速电梯维保有限公司": (DepartmentKind.MAINTENANCE_COMPANY, "370112", None),
    }
    assert departments["香溢紫郡物业"].categories == ("ELEVATOR", "PROPERTY")


def test_a_small_plan_leaves_out_the_departments_of_subdistricts_it_leaves_out() -> None:
    plan = plan_seed(SCALE)
    assert "370112007" not in {t.code for t in plan.townships}
    assert [d.name for d in plan.departments] == [
        "历城区市场监督管理局",
        "质量发展科",
        "特种设备安全监察科",
        "济南快速电梯维保有限公司",
    ]


def test_grid_names_are_unique_within_their_community() -> None:
    grids = plan_seed(1.0).grids
    assert len({(g.community_code, g.name) for g in grids}) == len(grids)


# Seeding a database


async def test_seeding_creates_the_planned_divisions_and_grids(
    seeded: SeedSummary, org_db: AsyncEngine
) -> None:
    levels = await counts_by(org_db, DivisionRow.level)
    kinds = await counts_by(org_db, GridRow.kind)
    assert levels == {"DISTRICT": 1, "SUBDISTRICT": 7, "COMMUNITY": 2, "VILLAGE": 5}
    assert kinds == {"RESIDENTIAL": 24, "DEDICATED": 30}
    assert seeded.created == plan_seed(SCALE).counts()
    assert sum(seeded.existing.values()) == 0


async def test_seeded_grid_codes_are_fifteen_digits_numbered_in_their_community(
    seeded: SeedSummary, org_db: AsyncEngine
) -> None:
    async with org_db.connect() as connection:
        rows = (
            await connection.execute(
                select(DivisionRow.code, GridRow.code, GridRow.name)
                .join(DivisionRow, GridRow.division_id == DivisionRow.id)
                .order_by(GridRow.code)
            )
        ).all()
    stored: dict[str, list[tuple[str, str]]] = {}
    for community_code, grid_code, name in rows:
        stored.setdefault(community_code, []).append((grid_code, name))
    expected = {
        community.division.code: [
            (f"{community.division.code}{sequence:03d}", grid.name)
            for sequence, grid in enumerate(community.grids, start=1)
        ]
        for community in plan_seed(SCALE).communities
    }
    assert all(len(code) == 15 and code.isdigit() for _, code, _ in rows)
    assert stored == expected


async def test_seeding_again_writes_nothing(
    seeded: SeedSummary, org_settings: OrgSettings, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    again = await seed(org_settings.database_url, scale=SCALE, say=quiet)
    assert again.total_created == 0
    assert again.existing == plan_seed(SCALE).counts()
    assert await row_counts(org_db) == before


async def test_a_seeded_grid_is_found_at_the_centre_of_its_boundary(
    seeded: SeedSummary, admin: GraphQLClient
) -> None:
    grid = plan_seed(SCALE).grids[-1]
    box = bounding_box(grid.boundary)
    data = await admin.data(
        "query($lon: Float!, $lat: Float!) { gridAt(longitude: $lon, latitude: $lat) { name } }",
        {"lon": (box.min_lon + box.max_lon) / 2, "lat": (box.min_lat + box.max_lat) / 2},
    )
    assert data == {"gridAt": {"name": grid.name}}


async def test_the_seeded_district_falls_short_where_the_plan_says(
    seeded: SeedSummary, admin: GraphQLClient
) -> None:
    grids = plan_seed(SCALE).grids
    data = await admin.data(
        """{ complianceReport { totalGrids gridsWithPartyOrganization fullyCompliant
             shortfalls { name missing } } }"""
    )
    report = data["complianceReport"]
    assert report["totalGrids"] == len(grids)
    assert report["gridsWithPartyOrganization"] == sum(g.party_branch is not None for g in grids)
    # The seed gives no grid a volunteer team: that comes from the volunteers service.
    assert report["fullyCompliant"] == 0
    assert {s["name"] for s in report["shortfalls"]} == {g.name for g in grids}
    short_of_a_team = {g.name for g in grids if complete_but_for_the_volunteer_team(g)}
    assert short_of_a_team
    assert {
        s["name"] for s in report["shortfalls"] if s["missing"] == ["VOLUNTEER_TEAM"]
    } == short_of_a_team


async def test_the_seeded_bureau_takes_elevator_cases_with_its_section(
    seeded: SeedSummary, admin: GraphQLClient
) -> None:
    data = await admin.data(
        """{ departments(filter: {category: "ELEVATOR", divisionCode: "370112"}) {
             nodes { name kind division { code } parent { name } } } }"""
    )
    assert data["departments"]["nodes"] == [
        {
            "name": "历城区市场监督管理局",
            "kind": "DISTRICT_BUREAU",
            "division": {"code": "370112"},
            "parent": None,
        },
        {
            "name": "济南快速电梯维保有限公司",
            "kind": "MAINTENANCE_COMPANY",
            "division": {"code": "370112"},
            "parent": None,
        },
        {
            "name": "特种设备安全监察科",
            "kind": "SECTION",
            "division": {"code": "370112"},
            "parent": {"name": "历城区市场监督管理局"},
        },
    ]
