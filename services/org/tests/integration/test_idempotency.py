"""Creating mutations are idempotent: a retry with the same key answers with the first result.

The key is the input's ``clientMutationId`` or the ``Idempotency-Key`` header. It is
stored in the transaction of what it created, scoped to the caller, and refused when
reused for another request.
"""

from __future__ import annotations

import asyncio
from typing import Any

from org_testing import CREATE_GRID, GridMaker, row_counts
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.auth import issue_dev_token
from gridkit.testing.graphql import GraphQLClient
from org.config import OrgSettings
from org.repository.tables import (
    DivisionRow,
    GridRow,
    MicroPositionRow,
    PartyOrganizationRow,
    ProxyServiceItemRow,
    UnitRow,
)

Tree = dict[str, dict[str, Any]]

CREDIT_CODE = "91350100M000100Y43"


def new_grid(tree: Tree, key: str | None = None, **fields: Any) -> dict[str, Any]:
    """Variables of a createGrid in 七里河社区, with ``key`` as its clientMutationId."""
    grid = {"divisionId": tree["community"]["id"], "name": "第一网格", "kind": "RESIDENTIAL"}
    if key is not None:
        grid["clientMutationId"] = key
    return {"input": {**grid, **fields}}


async def count(engine: AsyncEngine, row_type: type[Any]) -> int:
    """Rows of one org table."""
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(row_type)) or 0)


async def test_a_retried_create_grid_creates_one_grid_and_answers_the_same_id(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    first = await admin.data(CREATE_GRID, new_grid(licheng, "grid-1"))
    after_first = await row_counts(org_db)
    retried = await admin.data(CREATE_GRID, new_grid(licheng, "grid-1"))
    assert retried == first
    assert await row_counts(org_db) == after_first  # no second grid, event or key
    assert after_first["grids"] == 1
    assert after_first["idempotency_keys"] == 1


async def test_the_idempotency_key_header_guards_a_create_too(
    org: GraphQLClient, org_settings: OrgSettings, licheng: Tree, org_db: AsyncEngine
) -> None:
    token = issue_dev_token(org_settings, subject="tester", roles=["ORG_ADMIN"], division="370112")
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "header-1"}
    body = {"query": CREATE_GRID, "variables": new_grid(licheng)}
    answers = [(await org.http.post("/graphql", json=body, headers=headers)).json() for _ in "ab"]
    assert "errors" not in answers[0], answers[0]
    assert answers[1] == answers[0]
    assert await count(org_db, GridRow) == 1


async def test_the_header_key_covers_one_creating_mutation_of_a_request(
    org: GraphQLClient, org_settings: OrgSettings, licheng: Tree, org_db: AsyncEngine
) -> None:
    token = issue_dev_token(org_settings, subject="tester", roles=["ORG_ADMIN"], division="370112")
    two_grids = """mutation($a: CreateGridInput!, $b: CreateGridInput!) {
      a: createGrid(input: $a) { id }
      b: createGrid(input: $b) { id } }"""
    variables = {
        "a": new_grid(licheng)["input"],
        "b": new_grid(licheng, name="第二网格")["input"],
    }
    response = await org.http.post(
        "/graphql",
        json={"query": two_grids, "variables": variables},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "one-header"},
    )
    body = response.json()
    assert [e["extensions"]["code"] for e in body["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
    assert [e["path"] for e in body["errors"]] == [["b"]]
    assert await count(org_db, GridRow) == 1  # the first took the key


async def test_a_key_reused_for_different_input_is_refused_and_writes_nothing(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    await admin.data(CREATE_GRID, new_grid(licheng, "grid-1"))
    before = await row_counts(org_db)
    error = await admin.error(CREATE_GRID, new_grid(licheng, "grid-1", name="第二网格"))
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert await row_counts(org_db) == before


async def test_a_key_reused_for_another_mutation_is_refused(
    admin: GraphQLClient, licheng: Tree
) -> None:
    await admin.data(CREATE_GRID, new_grid(licheng, "shared"))
    error = await admin.error(
        "mutation($input: CreateDivisionInput!) { createDivision(input: $input) { id } }",
        {
            "input": {
                "name": "新社区",
                "level": "COMMUNITY",
                "parentId": licheng["subdistrict"]["id"],
                "clientMutationId": "shared",
            }
        },
    )
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"


async def test_two_concurrent_creates_with_one_key_make_one_grid(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    answers = await asyncio.gather(
        *(admin.data(CREATE_GRID, new_grid(licheng, "at-once")) for _ in range(2))
    )
    assert answers[0] == answers[1]
    assert await count(org_db, GridRow) == 1


async def test_the_same_key_from_two_callers_creates_two_grids(
    org: GraphQLClient, admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    colleague = org.as_caller("ORG_ADMIN", division="370112", subject="colleague")
    mine = await admin.data(CREATE_GRID, new_grid(licheng, "grid-1"))
    theirs = await colleague.data(CREATE_GRID, new_grid(licheng, "grid-1"))
    assert mine["createGrid"]["id"] != theirs["createGrid"]["id"]
    assert await count(org_db, GridRow) == 2


async def test_a_retry_by_a_caller_now_outside_the_scope_is_forbidden(
    org: GraphQLClient, admin: GraphQLClient, licheng: Tree
) -> None:
    await admin.data(CREATE_GRID, new_grid(licheng, "grid-1"))
    moved_away = org.as_caller("ORG_ADMIN", division="370112002", subject="tester")
    error = await moved_away.error(CREATE_GRID, new_grid(licheng, "grid-1"))
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"] == ["createGrid"]


async def test_a_blank_or_overlong_key_is_refused(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await row_counts(org_db)
    for key in ("   ", "k" * 201):
        error = await admin.error(CREATE_GRID, new_grid(licheng, key))
        assert error["extensions"]["code"] == "INVALID_IDEMPOTENCY_KEY"
    assert await row_counts(org_db) == before


async def test_without_a_key_a_retry_creates_again(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    first = await admin.data(CREATE_GRID, new_grid(licheng))
    second = await admin.data(CREATE_GRID, new_grid(licheng))
    assert first["createGrid"]["code"] != second["createGrid"]["code"]
    assert await count(org_db, GridRow) == 2


async def answered_twice(
    client: GraphQLClient, field: str, selection: str, fields: dict[str, Any]
) -> None:
    """Send the creating mutation ``field`` twice with one key: both answers are the same."""
    input_type = f"{field[0].upper()}{field[1:]}Input"
    operation = f"mutation($input: {input_type}!) {{ {field}(input: $input) {{ {selection} }} }}"
    variables = {"input": {**fields, "clientMutationId": f"{field}-1"}}
    first = await client.data(operation, variables)
    assert await client.data(operation, variables) == first


async def test_a_retried_create_division_creates_one_division(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    before = await count(org_db, DivisionRow)
    await answered_twice(
        admin,
        "createDivision",
        "id code",
        {"name": "新社区", "level": "COMMUNITY", "parentId": licheng["subdistrict"]["id"]},
    )
    assert await count(org_db, DivisionRow) == before + 1


async def test_a_retried_create_party_organization_creates_one_organization(
    admin: GraphQLClient, make_grid: GridMaker, licheng: Tree, org_db: AsyncEngine
) -> None:
    grid = await make_grid()
    await answered_twice(
        admin,
        "createPartyOrganization",
        "id grid { id }",
        {
            "name": "第一网格党委",
            "kind": "COMMITTEE",
            "divisionId": licheng["community"]["id"],
            "gridId": grid["id"],
        },
    )
    assert await count(org_db, PartyOrganizationRow) == 1


async def test_a_retried_register_unit_registers_one_unit(
    admin: GraphQLClient, make_grid: GridMaker, org_db: AsyncEngine
) -> None:
    grid = await make_grid(name="软件园网格", kind="DEDICATED", dedicatedTo="ENTERPRISE")
    await answered_twice(
        admin,
        "registerUnit",
        "id creditCode",
        {
            "name": "某软件有限公司",
            "kind": "ENTERPRISE",
            "creditCode": CREDIT_CODE,
            "gridId": grid["id"],
        },
    )
    assert await count(org_db, UnitRow) == 1


async def test_a_retried_add_micro_position_opens_one_micro_position(
    admin: GraphQLClient, make_grid: GridMaker, org_db: AsyncEngine
) -> None:
    grid = await make_grid()
    await answered_twice(
        admin,
        "addMicroPosition",
        "id name",
        {"gridId": grid["id"], "name": "党群服务站", "address": "七里河路1号"},
    )
    assert await count(org_db, MicroPositionRow) == 1


async def test_a_retried_add_proxy_service_item_adds_one_item(
    admin: GraphQLClient, make_grid: GridMaker, org_db: AsyncEngine
) -> None:
    grid = await make_grid()
    await answered_twice(
        admin,
        "addProxyServiceItem",
        "id name",
        {
            "gridId": grid["id"],
            "name": "老年优待证办理",
            "responsibleDepartment": "街道便民服务中心",
            "timeLimitWorkingDays": 5,
        },
    )
    assert await count(org_db, ProxyServiceItemRow) == 1


async def test_a_retry_after_the_micro_position_was_removed_finds_it_gone(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    add = """mutation($input: AddMicroPositionInput!) {
      addMicroPosition(input: $input) { id name } }"""
    fields = {"gridId": grid["id"], "name": "党群服务站", "address": "七里河路1号"}
    variables = {"input": {**fields, "clientMutationId": "position-1"}}
    position = (await admin.data(add, variables))["addMicroPosition"]
    await admin.data(
        """mutation($g: ID!, $p: ID!) {
          removeMicroPosition(gridId: $g, microPositionId: $p) { id } }""",
        {"g": grid["id"], "p": position["id"]},
    )
    error = await admin.error(add, variables)
    assert error["extensions"]["code"] == "MICRO_POSITION_NOT_FOUND"
