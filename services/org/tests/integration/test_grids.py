"""Grids through the GraphQL API: codes, kinds, boundaries, lookups, pages."""

from __future__ import annotations

from typing import Any

from org_testing import CREATE_GRID, SQUARE, GridMaker, row_counts
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient

Tree = dict[str, dict[str, Any]]


async def test_grid_codes_are_the_community_code_plus_a_sequence(make_grid: GridMaker) -> None:
    first = await make_grid(name="第一网格", households=320, residents=910)
    second = await make_grid(name="第二网格")
    assert first["code"] == "370112001001001"
    assert second["code"] == "370112001001002"
    assert first["households"] == 320
    assert first["residents"] == 910
    assert first["status"] == "ACTIVE"
    assert first["division"]["code"] == "370112001001"


async def test_a_dedicated_grid_says_what_it_serves(make_grid: GridMaker) -> None:
    grid = await make_grid(name="齐鲁软件园专属网格", kind="DEDICATED", dedicatedTo="ENTERPRISE")
    assert grid["kind"] == "DEDICATED"
    assert grid["dedicatedTo"] == "ENTERPRISE"


async def test_a_dedicated_grid_without_its_purpose_is_refused(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE_GRID,
        {"input": {"divisionId": licheng["community"]["id"], "name": "专属", "kind": "DEDICATED"}},
    )
    assert error["extensions"]["code"] == "INVALID_GRID_KIND"
    assert await row_counts(org_db) == before


async def test_grids_are_drawn_only_in_communities_and_villages(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE_GRID,
        {"input": {"divisionId": licheng["subdistrict"]["id"], "name": "x", "kind": "RESIDENTIAL"}},
    )
    assert error["extensions"]["code"] == "GRID_DIVISION_NOT_COMMUNITY"
    assert await row_counts(org_db) == before


async def test_invalid_geojson_is_refused_and_nothing_is_written(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    open_ring = {"type": "Polygon", "coordinates": [[[117.0, 36.6], [117.1, 36.6], [117.1, 36.7]]]}
    for boundary in (open_ring, {"type": "Point", "coordinates": [117, 36]}, "not geojson"):
        error = await admin.error(
            CREATE_GRID,
            {
                "input": {
                    "divisionId": licheng["community"]["id"],
                    "name": "坏边界",
                    "kind": "RESIDENTIAL",
                    "boundary": boundary,
                }
            },
        )
        assert error["extensions"]["code"] == "INVALID_GEOJSON", error
    assert await row_counts(org_db) == before


async def test_grid_at_finds_the_grid_containing_a_point(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid(name="有边界的网格", boundary=SQUARE)
    assert grid["boundary"] == SQUARE
    inside = await admin.data("{ gridAt(longitude: 117.055, latitude: 36.685) { id name } }")
    outside = await admin.data("{ gridAt(longitude: 117.2, latitude: 36.685) { id } }")
    assert inside["gridAt"] == {"id": grid["id"], "name": "有边界的网格"}
    assert outside["gridAt"] is None


async def test_grid_at_refuses_impossible_coordinates(admin: GraphQLClient) -> None:
    error = await admin.error("{ gridAt(longitude: 200, latitude: 36.6) { id } }")
    assert error["extensions"]["code"] == "INVALID_COORDINATES"


async def test_updating_changes_only_the_given_fields(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid(name="第一网格", households=100, residents=300)
    data = await admin.data(
        """mutation($input: UpdateGridInput!) {
             updateGrid(input: $input) { name households residents } }""",
        {"input": {"gridId": grid["id"], "households": 120}},
    )
    assert data["updateGrid"] == {"name": "第一网格", "households": 120, "residents": 300}


async def test_null_for_a_required_field_in_an_update_is_refused(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    error = await admin.error(
        "mutation($input: UpdateGridInput!) { updateGrid(input: $input) { name } }",
        {"input": {"gridId": grid["id"], "name": None}},
    )
    assert error["extensions"]["code"] == "NULL_NOT_ALLOWED"


async def test_negative_households_are_refused(admin: GraphQLClient, make_grid: GridMaker) -> None:
    grid = await make_grid()
    error = await admin.error(
        "mutation($input: UpdateGridInput!) { updateGrid(input: $input) { name } }",
        {"input": {"gridId": grid["id"], "households": -1}},
    )
    assert error["extensions"]["code"] == "INVALID_COUNT"


async def test_a_retired_grid_keeps_its_record_but_takes_no_changes(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    retired = await admin.data(
        "mutation($id: ID!, $reason: String!) {"
        " retireGrid(id: $id, reason: $reason) { status retiredReason } }",
        {"id": grid["id"], "reason": "并入第二网格"},
    )
    assert retired["retireGrid"] == {"status": "RETIRED", "retiredReason": "并入第二网格"}
    error = await admin.error(
        "mutation($input: UpdateGridInput!) { updateGrid(input: $input) { name } }",
        {"input": {"gridId": grid["id"], "name": "新名字"}},
    )
    assert error["extensions"]["code"] == "GRID_RETIRED"


async def test_grids_page_forwards_and_backwards_with_cursors(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    for n in range(1, 6):
        await make_grid(name=f"网格{n}")
    query = """query($first: Int, $after: String, $last: Int, $before: String) {
      grids(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    page1 = (await admin.data(query, {"first": 2}))["grids"]
    assert [e["node"]["name"] for e in page1["edges"]] == ["网格1", "网格2"]
    assert page1["totalCount"] == 5
    assert page1["pageInfo"]["hasNextPage"] is True
    assert page1["pageInfo"]["hasPreviousPage"] is False
    page2 = (await admin.data(query, {"first": 2, "after": page1["pageInfo"]["endCursor"]}))[
        "grids"
    ]
    assert [e["node"]["name"] for e in page2["edges"]] == ["网格3", "网格4"]
    last = (await admin.data(query, {"last": 2, "before": page2["pageInfo"]["startCursor"]}))[
        "grids"
    ]
    assert [e["node"]["name"] for e in last["edges"]] == ["网格1", "网格2"]
    assert last["pageInfo"]["hasPreviousPage"] is False


async def test_grids_filter_by_kind_status_code_prefix_and_name(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker
) -> None:
    await make_grid(name="居民网格")
    await make_grid(name="园区网格", kind="DEDICATED", dedicatedTo="NEW_ORGANIZATION")
    await make_grid(name="村网格", divisionId=licheng["village"]["id"])
    query = """query($kind: GridKind, $prefix: String, $name: String, $within: ID) {
      grids(kind: $kind, codePrefix: $prefix, nameContains: $name, within: $within) {
        nodes { name } } }"""

    async def names(**variables: Any) -> list[str]:
        data = await admin.data(query, variables)
        return [n["name"] for n in data["grids"]["nodes"]]

    assert await names(kind="DEDICATED") == ["园区网格"]
    assert await names(prefix="370112001002") == ["村网格"]
    assert await names(name="园区") == ["园区网格"]
    assert await names(within=licheng["community"]["id"]) == ["居民网格", "园区网格"]
    assert await names(name="%") == []


async def test_a_page_size_over_the_limit_gets_a_coded_error(admin: GraphQLClient) -> None:
    error = await admin.error("{ grids(first: 1000) { totalCount } }")
    assert error["extensions"]["code"] == "INVALID_PAGE_SIZE"


async def test_a_forged_cursor_gets_a_coded_error(admin: GraphQLClient) -> None:
    error = await admin.error('{ grids(after: "!!") { totalCount } }')
    assert error["extensions"]["code"] == "INVALID_CURSOR"
