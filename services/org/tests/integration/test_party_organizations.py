"""Party organisations: hierarchy, one per grid."""

from __future__ import annotations

from typing import Any

from org_testing import GridMaker, row_counts
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient

Tree = dict[str, dict[str, Any]]

CREATE = """mutation($input: CreatePartyOrganizationInput!) {
  createPartyOrganization(input: $input) { id name kind parent { name } grid { code } } }"""


async def test_a_branch_serves_a_grid_under_its_committee(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    committee = await admin.data(
        CREATE,
        {
            "input": {
                "name": "七里河社区党委",
                "kind": "COMMITTEE",
                "divisionId": licheng["community"]["id"],
            }
        },
    )
    branch = await admin.data(
        CREATE,
        {
            "input": {
                "name": "第一网格党支部",
                "kind": "BRANCH",
                "divisionId": licheng["community"]["id"],
                "parentId": committee["createPartyOrganization"]["id"],
                "gridId": grid["id"],
            }
        },
    )
    assert branch["createPartyOrganization"]["parent"] == {"name": "七里河社区党委"}
    assert branch["createPartyOrganization"]["grid"] == {"code": grid["code"]}
    seen = await admin.data(
        "query($id: ID!) { grid(id: $id) { partyOrganization { name kind } } }", {"id": grid["id"]}
    )
    assert seen["grid"]["partyOrganization"] == {"name": "第一网格党支部", "kind": "BRANCH"}
    children = await admin.data(
        "query($id: ID!) { partyOrganization(id: $id) { children { nodes { name } } } }",
        {"id": committee["createPartyOrganization"]["id"]},
    )
    assert children["partyOrganization"]["children"]["nodes"] == [{"name": "第一网格党支部"}]


async def test_a_second_party_organisation_for_a_grid_is_refused(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker, org_db: AsyncEngine
) -> None:
    grid = await make_grid()
    first = {
        "name": "第一网格党委",
        "kind": "COMMITTEE",
        "divisionId": licheng["community"]["id"],
        "gridId": grid["id"],
    }
    await admin.data(CREATE, {"input": first})
    before = await row_counts(org_db)
    error = await admin.error(CREATE, {"input": {**first, "name": "第二网格党委"}})
    assert error["extensions"]["code"] == "GRID_PARTY_ORGANIZATION_EXISTS"
    assert "already served by 第一网格党委" in error["message"]
    assert await row_counts(org_db) == before


async def test_a_group_must_sit_under_a_branch(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    committee = await admin.data(
        CREATE,
        {"input": {"name": "党委", "kind": "COMMITTEE", "divisionId": licheng["community"]["id"]}},
    )
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE,
        {
            "input": {
                "name": "党小组",
                "kind": "GROUP",
                "divisionId": licheng["community"]["id"],
                "parentId": committee["createPartyOrganization"]["id"],
            }
        },
    )
    assert error["extensions"]["code"] == "PARTY_ORGANIZATION_INVALID_PARENT"
    assert await row_counts(org_db) == before


async def test_reassigning_to_a_grid_that_is_served_already_is_refused(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker
) -> None:
    grid_a, grid_b = await make_grid(name="A"), await make_grid(name="B")
    base = {"kind": "COMMITTEE", "divisionId": licheng["community"]["id"]}
    await admin.data(CREATE, {"input": {**base, "name": "A支部", "gridId": grid_a["id"]}})
    b = await admin.data(CREATE, {"input": {**base, "name": "B支部", "gridId": grid_b["id"]}})
    error = await admin.error(
        """mutation($input: UpdatePartyOrganizationInput!) {
             updatePartyOrganization(input: $input) { name } }""",
        {
            "input": {
                "partyOrganizationId": b["createPartyOrganization"]["id"],
                "gridId": grid_a["id"],
            }
        },
    )
    assert error["extensions"]["code"] == "GRID_PARTY_ORGANIZATION_EXISTS"
