"""Frontends query the org service through the gateway, as they will in production."""

from __future__ import annotations

from typing import Any

from gateway.service import Gateway


async def ask(
    gateway: Gateway, query: str, variables: dict[str, Any] | None = None, **headers: str
) -> dict[str, Any]:
    status, body = await gateway.handle(
        {"query": query, "variables": variables or {}}, headers, want_plan=True
    )
    assert status == 200, body
    return body


async def test_writes_and_reads_go_through_the_gateway(
    gateway: Gateway, admin_headers: dict[str, str]
) -> None:
    created = await ask(
        gateway,
        'mutation { createDivision(input: {name: "历城区", level: DISTRICT, code: "370199"}) '
        "{ id code } }",
        **admin_headers,
    )
    assert "errors" not in created, created
    district = created["data"]["createDivision"]
    subdistrict = await ask(
        gateway,
        'mutation($p: ID!) { createDivision(input: {name: "洪家楼街道", level: SUBDISTRICT, '
        "parentId: $p}) { id code } }",
        {"p": district["id"]},
        **admin_headers,
    )
    community = await ask(
        gateway,
        'mutation($p: ID!) { createDivision(input: {name: "七里河社区", level: COMMUNITY, '
        "parentId: $p}) { id } }",
        {"p": subdistrict["data"]["createDivision"]["id"]},
        **admin_headers,
    )
    grid = await ask(
        gateway,
        'mutation($d: ID!) { createGrid(input: {divisionId: $d, name: "第一网格", '
        "kind: RESIDENTIAL}) { id code } }",
        {"d": community["data"]["createDivision"]["id"]},
        **admin_headers,
    )
    assert grid["data"]["createGrid"]["code"] == "370199001001001"

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
    assert "errors" not in found
    assert found["data"]["g"]["name"] == "第一网格"
    assert found["data"]["g"]["division"] == {
        "name": "七里河社区",
        "parent": {"name": "洪家楼街道"},
    }
    assert found["data"]["g"]["compliant"] is False
    assert len(found["data"]["g"]["standards"]) == 10
    assert found["extensions"]["subgraphRequests"] == 1


async def test_the_org_error_codes_reach_the_client(gateway: Gateway) -> None:
    body = await ask(gateway, '{ division(id: "not-an-id") { name } }')
    assert body["data"] == {"division": None}
    assert body["errors"][0]["extensions"]["code"] == "INVALID_ID"
    assert body["errors"][0]["extensions"]["serviceName"] == "org"
    assert body["errors"][0]["path"] == ["division"]


async def test_writes_without_a_token_are_refused_through_the_gateway(gateway: Gateway) -> None:
    body = await ask(
        gateway,
        'mutation { createDivision(input: {name: "x", level: DISTRICT, code: "370198"}) { id } }',
    )
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
