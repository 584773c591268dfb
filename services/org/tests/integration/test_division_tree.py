"""The division tree through the GraphQL API, on the real database."""

from __future__ import annotations

from typing import Any

from org_testing import CREATE_DIVISION, GridMaker, row_counts
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient

Tree = dict[str, dict[str, Any]]


async def test_child_codes_extend_the_parent_code(licheng: Tree) -> None:
    assert licheng["district"]["code"] == "370112"
    assert licheng["subdistrict"]["code"] == "370112001"
    assert licheng["community"]["code"] == "370112001001"
    assert licheng["village"]["code"] == "370112001002"
    assert licheng["village"]["parent"] == {"id": licheng["subdistrict"]["id"]}


async def test_a_community_without_a_local_code_takes_the_next_free_one(
    admin: GraphQLClient, licheng: Tree
) -> None:
    data = await admin.data(
        CREATE_DIVISION,
        {
            "input": {
                "name": "山大路社区",
                "level": "COMMUNITY",
                "parentId": licheng["subdistrict"]["id"],
            }
        },
    )
    assert data["createDivision"]["code"] == "370112001003"


async def test_subtree_lists_every_division_below_in_code_order(
    admin: GraphQLClient, licheng: Tree
) -> None:
    data = await admin.data(
        """query($within: ID!) { divisions(within: $within) {
             totalCount nodes { code name level } } }""",
        {"within": licheng["subdistrict"]["id"]},
    )
    assert data["divisions"] == {
        "totalCount": 3,
        "nodes": [
            {"code": "370112001", "name": "洪家楼街道", "level": "SUBDISTRICT"},
            {"code": "370112001001", "name": "七里河社区", "level": "COMMUNITY"},
            {"code": "370112001002", "name": "港沟村", "level": "VILLAGE"},
        ],
    }


async def test_children_and_ancestors_walk_the_tree(admin: GraphQLClient, licheng: Tree) -> None:
    data = await admin.data(
        """query($id: ID!) { division(id: $id) {
             children { nodes { name } } ancestors { name } parent { name } } }""",
        {"id": licheng["subdistrict"]["id"]},
    )
    assert data["division"] == {
        "children": {"nodes": [{"name": "七里河社区"}, {"name": "港沟村"}]},
        "ancestors": [{"name": "历城区"}],
        "parent": {"name": "历城区"},
    }


async def test_renaming_keeps_the_code(admin: GraphQLClient, licheng: Tree) -> None:
    data = await admin.data(
        'mutation($id: ID!) { renameDivision(id: $id, name: "七里河社区居委会") { code name } }',
        {"id": licheng["community"]["id"]},
    )
    assert data["renameDivision"] == {"code": "370112001001", "name": "七里河社区居委会"}


async def test_moving_a_community_recodes_it_and_its_grids(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker
) -> None:
    grid = await make_grid(name="第一网格")
    other = await admin.data(
        CREATE_DIVISION,
        {
            "input": {
                "name": "王舍人街道",
                "level": "SUBDISTRICT",
                "parentId": licheng["district"]["id"],
                "code": "002",
            }
        },
    )
    data = await admin.data(
        """mutation($id: ID!, $to: ID!) { moveDivision(id: $id, newParentId: $to) {
             code parent { name } } }""",
        {"id": licheng["community"]["id"], "to": other["createDivision"]["id"]},
    )
    assert data["moveDivision"] == {"code": "370112002001", "parent": {"name": "王舍人街道"}}
    moved = await admin.data("query($id: ID!) { grid(id: $id) { code } }", {"id": grid["id"]})
    assert moved["grid"] == {"code": "370112002001001"}


async def test_unknown_parent_is_refused_and_nothing_is_written(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE_DIVISION,
        {
            "input": {
                "name": "不存在",
                "level": "COMMUNITY",
                "parentId": "00000000-0000-0000-0000-000000000000",
            }
        },
    )
    assert error["extensions"]["code"] == "DIVISION_NOT_FOUND"
    assert "does not exist" in error["message"]
    assert await row_counts(org_db) == before


async def test_duplicate_district_code_is_refused(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE_DIVISION, {"input": {"name": "另一个区", "level": "DISTRICT", "code": "370112"}}
    )
    assert error["extensions"]["code"] == "DIVISION_CODE_TAKEN"
    assert await row_counts(org_db) == before


async def test_duplicate_local_code_under_the_same_parent_is_refused(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE_DIVISION,
        {
            "input": {
                "name": "重复社区",
                "level": "COMMUNITY",
                "parentId": licheng["subdistrict"]["id"],
                "code": "001",
            }
        },
    )
    assert error["extensions"]["code"] == "DIVISION_CODE_TAKEN"
    assert await row_counts(org_db) == before


async def test_a_village_cannot_sit_directly_under_a_district(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE_DIVISION,
        {"input": {"name": "某村", "level": "VILLAGE", "parentId": licheng["district"]["id"]}},
    )
    assert error["extensions"]["code"] == "DIVISION_INVALID_PARENT"
    assert await row_counts(org_db) == before


async def test_a_malformed_id_gets_a_coded_error(admin: GraphQLClient) -> None:
    error = await admin.error('{ division(id: "not-an-id") { name } }')
    assert error["extensions"]["code"] == "INVALID_ID"
    assert error["path"] == ["division"]
