"""A grid from org with its team from personnel, in one query through the gateway."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from e2e_gateway import national_id

from gridkit.testing.federation import (
    compose_with_apollo,
    require_apollo,
)
from gridkit.testing.waiting import eventually


async def post(
    gateway: httpx.AsyncClient, query: str, variables: dict[str, Any], headers: dict[str, str]
) -> Any:
    """The gateway's whole answer to one POST of ``query``, which must be a 200."""
    response = await gateway.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def ask(
    gateway: httpx.AsyncClient, query: str, variables: dict[str, Any], **headers: str
) -> Any:
    """``data`` of an answer that must have no errors."""
    body = await post(gateway, query, variables, headers)
    assert "errors" not in body, body["errors"]
    return body["data"]


async def test_a_grid_with_its_staff_and_the_leaders_masked_phone(
    gateway: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    h = admin_headers
    division = "mutation($i: CreateDivisionInput!) { createDivision(input: $i) { id } }"
    district = await ask(
        gateway, division, {"i": {"name": "历城区", "level": "DISTRICT", "code": "370197"}}, **h
    )
    street = await ask(
        gateway,
        division,
        {
            "i": {
                "name": "街道",
                "level": "SUBDISTRICT",
                "parentId": district["createDivision"]["id"],
            }
        },
        **h,
    )
    community = await ask(
        gateway,
        division,
        {"i": {"name": "社区", "level": "COMMUNITY", "parentId": street["createDivision"]["id"]}},
        **h,
    )
    grid = await ask(
        gateway,
        "mutation($i: CreateGridInput!) { createGrid(input: $i) { id code } }",
        {
            "i": {
                "divisionId": community["createDivision"]["id"],
                "name": "第一网格",
                "kind": "RESIDENTIAL",
            }
        },
        **h,
    )
    grid_id = grid["createGrid"]["id"]
    leader_national_id = national_id(date(1978, 4, 2), 11)
    leader = await ask(
        gateway,
        "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }",
        {"i": {"name": "王网格长", "nationalId": leader_national_id, "phone": "13812345678"}},
        **h,
    )

    async def assigned() -> bool:
        # personnel learns of the new grid from org's event; until then the grid is unknown.
        body = await post(
            gateway,
            "mutation($p: ID!, $g: ID!) { assignToGrid(personId: $p, gridId: $g,"
            ' role: GRID_LEADER, startsOn: "2026-01-01") { id } }',
            {"p": leader["registerPerson"]["id"], "g": grid_id},
            h,
        )
        return "errors" not in body

    await eventually(assigned, within=20, what="personnel to hear of the grid and staff it")
    found = await ask(
        gateway,
        """query($code: String!) { gridByCode(code: $code) {
             name leader { name phone nationalId } staff { role person { name } } } }""",
        {"code": grid["createGrid"]["code"]},
        **h,
    )
    assert found["gridByCode"] == {
        "name": "第一网格",
        "leader": {
            "name": "王网格长",
            "phone": "138****5678",
            "nationalId": "3701**********" + national_id(date(1978, 4, 2), 11)[-4:],
        },
        "staff": [{"role": "GRID_LEADER", "person": {"name": "王网格长"}}],
    }


def test_org_and_personnel_compose_with_apollo(subgraph_sdls: dict[str, tuple[str, str]]) -> None:
    require_apollo(checking="Apollo composition")
    supergraph = compose_with_apollo(subgraph_sdls)
    assert '@join__type(graph: PERSONNEL, key: "id")' in supergraph
