"""Frontends query the org service through the gateway, as they will in production."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from unittest.mock import ANY

import httpx

# The ten items of the standards checklist (党建引领网格化建设基本标准), none met by a new grid.
CHECKLIST = [
    "PARTY_ORGANIZATION",
    "PARTY_BUILDING_INSTRUCTOR",
    "VOLUNTEER_TEAM",
    "RESOURCE_DATABASE",
    "MICRO_POSITION",
    "DELIBERATION_PLATFORM",
    "PROXY_SERVICE_LIST",
    "SMART_PARTY_CHANNEL",
    "OPERATING_RULES",
    "FUNDING_PLAN",
]


async def ask(
    gateway: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    headers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The gateway's whole answer to one POST, its query plan included (``X-Query-Plan``)."""
    response = await gateway.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"x-query-plan": "1", **(headers or {})},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_writes_and_reads_go_through_the_gateway(
    gateway: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    created = await ask(
        gateway,
        'mutation { createDivision(input: {name: "历城区", level: DISTRICT, code: "370199"}) '
        "{ id code } }",
        headers=admin_headers,
    )
    assert "errors" not in created, created
    assert created["data"] == {"createDivision": {"id": ANY, "code": "370199"}}
    district = created["data"]["createDivision"]
    subdistrict = await ask(
        gateway,
        'mutation($p: ID!) { createDivision(input: {name: "洪家楼街道", level: SUBDISTRICT, '
        "parentId: $p}) { id code } }",
        {"p": district["id"]},
        headers=admin_headers,
    )
    assert "errors" not in subdistrict, subdistrict
    assert subdistrict["data"] == {"createDivision": {"id": ANY, "code": "370199001"}}
    community = await ask(
        gateway,
        'mutation($p: ID!) { createDivision(input: {name: "七里河社区", level: COMMUNITY, '
        "parentId: $p}) { id } }",
        {"p": subdistrict["data"]["createDivision"]["id"]},
        headers=admin_headers,
    )
    assert "errors" not in community, community
    assert community["data"] == {"createDivision": {"id": ANY}}
    grid = await ask(
        gateway,
        'mutation($d: ID!) { createGrid(input: {divisionId: $d, name: "第一网格", '
        "kind: RESIDENTIAL}) { id code } }",
        {"d": community["data"]["createDivision"]["id"]},
        headers=admin_headers,
    )
    assert "errors" not in grid, grid
    assert grid["data"] == {"createGrid": {"id": ANY, "code": "370199001001001"}}

    found = await ask(
        gateway,
        """query($code: String!) {
          g: gridByCode(code: $code) {
            name
            division { name parent { name } }
            compliant
            standards { item status }
          }
        }""",
        {"code": "370199001001001"},
    )
    assert "errors" not in found, found
    assert found["data"] == {
        "g": {
            "name": "第一网格",
            "division": {"name": "七里河社区", "parent": {"name": "洪家楼街道"}},
            "compliant": False,
            "standards": [{"item": item, "status": "NOT_MET"} for item in CHECKLIST],
        }
    }
    assert found["extensions"]["subgraphRequests"] == 1


async def test_the_org_error_codes_reach_the_client(gateway: httpx.AsyncClient) -> None:
    body = await ask(gateway, '{ division(id: "not-an-id") { name } }')
    assert body["data"] == {"division": None}
    assert len(body["errors"]) == 1, body["errors"]
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ID"
    assert body["errors"][0]["extensions"]["serviceName"] == "org"
    assert body["errors"][0]["path"] == ["division"]


async def test_writes_without_a_token_are_refused_through_the_gateway(
    gateway: httpx.AsyncClient,
) -> None:
    body = await ask(
        gateway,
        'mutation { createDivision(input: {name: "x", level: DISTRICT, code: "370198"}) { id } }',
    )
    assert body["data"] is None
    assert len(body["errors"]) == 1, body["errors"]
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
