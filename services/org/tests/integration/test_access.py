"""Who may change the structure: a token, the ORG_ADMIN role, and the data scope."""

from __future__ import annotations

from typing import Any

from org_testing import CREATE_GRID

from gridkit.testing.graphql import GraphQLClient

Tree = dict[str, dict[str, Any]]


def grid_input(tree: Tree) -> dict[str, Any]:
    return {"input": {"divisionId": tree["community"]["id"], "name": "网格", "kind": "RESIDENTIAL"}}


async def test_anyone_may_read_the_structure(org: GraphQLClient, licheng: Tree) -> None:
    data = await org.data("{ divisions { totalCount } }")
    assert data["divisions"]["totalCount"] == 4


async def test_writing_needs_a_token(org: GraphQLClient, licheng: Tree) -> None:
    error = await org.error(CREATE_GRID, grid_input(licheng))
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_writing_needs_the_org_admin_role(org: GraphQLClient, licheng: Tree) -> None:
    officer = org.as_caller("OFFICER", division="370112")
    error = await officer.error(CREATE_GRID, grid_input(licheng))
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_an_admin_of_another_subdistrict_may_not_write_here(
    org: GraphQLClient, licheng: Tree
) -> None:
    elsewhere = org.as_caller("ORG_ADMIN", division="370112002")
    error = await elsewhere.error(CREATE_GRID, grid_input(licheng))
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert "outside your scope" in error["message"]


async def test_an_admin_of_this_subdistrict_may_write_here(
    org: GraphQLClient, licheng: Tree
) -> None:
    local = org.as_caller("ORG_ADMIN", division="370112001")
    data = await local.data(CREATE_GRID, grid_input(licheng))
    assert data["createGrid"]["code"] == "370112001001001"


async def test_a_forged_token_is_rejected_with_401(org: GraphQLClient) -> None:
    response = await org.http.post(
        "/graphql",
        json={"query": "{ divisions { totalCount } }"},
        headers={"Authorization": "Bearer not.a.token"},
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
