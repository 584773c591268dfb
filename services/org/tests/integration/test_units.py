"""Units in dedicated grids, identified by their unified social credit code."""

from __future__ import annotations

from org_testing import GridMaker, row_counts
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient

REGISTER = """mutation($input: RegisterUnitInput!) {
  registerUnit(input: $input) { id name kind creditCode grid { name } } }"""

VALID_CODE = "91350100M000100Y43"


async def test_a_unit_registers_in_a_dedicated_grid(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid(name="软件园网格", kind="DEDICATED", dedicatedTo="ENTERPRISE")
    data = await admin.data(
        REGISTER,
        {
            "input": {
                "name": "某软件有限公司",
                "kind": "ENTERPRISE",
                "creditCode": VALID_CODE.lower(),
                "gridId": grid["id"],
            }
        },
    )
    assert data["registerUnit"]["creditCode"] == VALID_CODE
    assert data["registerUnit"]["grid"] == {"name": "软件园网格"}
    listed = await admin.data(
        "query($id: ID!) { grid(id: $id) { units { totalCount nodes { name } } } }",
        {"id": grid["id"]},
    )
    assert listed["grid"]["units"] == {"totalCount": 1, "nodes": [{"name": "某软件有限公司"}]}


async def test_a_malformed_credit_code_is_refused(
    admin: GraphQLClient, make_grid: GridMaker, org_db: AsyncEngine
) -> None:
    grid = await make_grid(kind="DEDICATED", dedicatedTo="ENTERPRISE")
    before = await row_counts(org_db)
    wrong_check = VALID_CODE[:-1] + "4"
    for code in (wrong_check, "123", "91350100M000100YI3"):
        error = await admin.error(
            REGISTER,
            {
                "input": {
                    "name": "坏代码公司",
                    "kind": "ENTERPRISE",
                    "creditCode": code,
                    "gridId": grid["id"],
                }
            },
        )
        assert error["extensions"]["code"] == "INVALID_CREDIT_CODE", error
    assert await row_counts(org_db) == before


async def test_a_credit_code_registers_one_unit_only(
    admin: GraphQLClient, make_grid: GridMaker, org_db: AsyncEngine
) -> None:
    grid = await make_grid(kind="DEDICATED", dedicatedTo="ENTERPRISE")
    unit = {"name": "甲公司", "kind": "ENTERPRISE", "creditCode": VALID_CODE, "gridId": grid["id"]}
    await admin.data(REGISTER, {"input": unit})
    before = await row_counts(org_db)
    error = await admin.error(REGISTER, {"input": {**unit, "name": "乙公司"}})
    assert error["extensions"]["code"] == "UNIT_CREDIT_CODE_TAKEN"
    assert await row_counts(org_db) == before


async def test_a_residential_grid_takes_no_units(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid(kind="RESIDENTIAL")
    error = await admin.error(
        REGISTER,
        {
            "input": {
                "name": "甲公司",
                "kind": "ENTERPRISE",
                "creditCode": VALID_CODE,
                "gridId": grid["id"],
            }
        },
    )
    assert error["extensions"]["code"] == "UNIT_REQUIRES_DEDICATED_GRID"
