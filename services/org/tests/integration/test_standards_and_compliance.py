"""The grid standards checklist and the compliance report per division."""

from __future__ import annotations

from typing import Any

from org_testing import GridMaker, TeamAnnouncer, team_event

from gridkit.contracts import volunteers
from gridkit.testing.graphql import GraphQLClient

Tree = dict[str, dict[str, Any]]

CONFIRM = """mutation($input: ConfirmStandardInput!) {
  confirmStandard(input: $input) { item status evidence confirmedBy } }"""

MANUAL_ITEMS = [
    "PARTY_BUILDING_INSTRUCTOR",
    "RESOURCE_DATABASE",
    "DELIBERATION_PLATFORM",
    "SMART_PARTY_CHANNEL",
    "OPERATING_RULES",
    "FUNDING_PLAN",
]


async def make_fully_compliant(
    admin: GraphQLClient, grid_team: TeamAnnouncer, grid: dict[str, Any], division_id: str
) -> None:
    """Give the grid a party organisation, a volunteer grid team (announced by the volunteers
    service), a micro-position, a proxy item and every confirmation made by hand."""
    await grid_team(team_event(volunteers.TeamCreated, grid_id=grid["id"]))
    await admin.data(
        """mutation($input: CreatePartyOrganizationInput!) {
             createPartyOrganization(input: $input) { id } }""",
        {
            "input": {
                "name": f"{grid['name']}党委",
                "kind": "COMMITTEE",
                "divisionId": division_id,
                "gridId": grid["id"],
            }
        },
    )
    await admin.data(
        "mutation($input: AddMicroPositionInput!) { addMicroPosition(input: $input) { id } }",
        {
            "input": {
                "gridId": grid["id"],
                "name": "党群服务站",
                "address": "七里河路1号",
                "openingHours": "9:00-17:00",
            }
        },
    )
    await admin.data(
        "mutation($input: AddProxyServiceItemInput!) { addProxyServiceItem(input: $input) { id } }",
        {
            "input": {
                "gridId": grid["id"],
                "name": "老年优待证办理",
                "responsibleDepartment": "区民政局",
                "timeLimitWorkingDays": 5,
            }
        },
    )
    for item in MANUAL_ITEMS:
        await admin.data(
            CONFIRM,
            {
                "input": {
                    "gridId": grid["id"],
                    "item": item,
                    "status": "MET",
                    "evidence": "台账第3页",
                }
            },
        )


async def test_a_met_item_needs_evidence(admin: GraphQLClient, make_grid: GridMaker) -> None:
    grid = await make_grid()
    error = await admin.error(
        CONFIRM, {"input": {"gridId": grid["id"], "item": "FUNDING_PLAN", "status": "MET"}}
    )
    assert error["extensions"]["code"] == "STANDARD_EVIDENCE_REQUIRED"


async def test_a_confirmation_records_who_confirmed_it(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    data = await admin.data(
        CONFIRM,
        {
            "input": {
                "gridId": grid["id"],
                "item": "FUNDING_PLAN",
                "status": "MET",
                "evidence": "2026年经费预算表",
            }
        },
    )
    assert data["confirmStandard"] == {
        "item": "FUNDING_PLAN",
        "status": "MET",
        "evidence": "2026年经费预算表",
        "confirmedBy": "区组织部 王主任",
    }


async def test_a_grid_without_a_party_organisation_is_not_compliant(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    data = await admin.data(
        "query($id: ID!) { grid(id: $id) { compliant standards { item status derived } } }",
        {"id": grid["id"]},
    )
    assert data["grid"]["compliant"] is False
    party = next(s for s in data["grid"]["standards"] if s["item"] == "PARTY_ORGANIZATION")
    assert party == {"item": "PARTY_ORGANIZATION", "status": "NOT_MET", "derived": True}
    assert len(data["grid"]["standards"]) == 10


async def test_the_compliance_report_counts_grids_items_and_shortfalls(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker, grid_team: TeamAnnouncer
) -> None:
    good = await make_grid(name="达标网格")
    await make_fully_compliant(admin, grid_team, good, licheng["community"]["id"])
    await make_grid(name="未达标网格", kind="DEDICATED", dedicatedTo="PUBLIC_UNIT")
    village_grid = await make_grid(name="村网格", divisionId=licheng["village"]["id"])
    retired = await make_grid(name="已撤销网格")
    await admin.data(
        'mutation($id: ID!) { retireGrid(id: $id, reason: "合并") { id } }', {"id": retired["id"]}
    )
    query = """query($division: ID) { complianceReport(divisionId: $division) {
      divisionCode totalGrids gridsWithPartyOrganization partyOrganizationRate
      fullyCompliant fullyCompliantRate
      gridsByKind { kind count }
      items { item met rate }
      shortfalls { name code missing } } }"""
    community = (await admin.data(query, {"division": licheng["community"]["id"]}))[
        "complianceReport"
    ]
    assert community["divisionCode"] == "370112001001"
    assert community["totalGrids"] == 2
    assert community["gridsWithPartyOrganization"] == 1
    assert community["partyOrganizationRate"] == 0.5
    assert community["fullyCompliant"] == 1
    assert community["fullyCompliantRate"] == 0.5
    assert community["gridsByKind"] == [
        {"kind": "RESIDENTIAL", "count": 1},
        {"kind": "DEDICATED", "count": 1},
    ]
    assert {i["item"]: (i["met"], i["rate"]) for i in community["items"]}["FUNDING_PLAN"] == (
        1,
        0.5,
    )
    assert [s["name"] for s in community["shortfalls"]] == ["未达标网格"]
    assert len(community["shortfalls"][0]["missing"]) == 10

    subdistrict = (await admin.data(query, {"division": licheng["subdistrict"]["id"]}))[
        "complianceReport"
    ]
    assert subdistrict["totalGrids"] == 3
    assert [s["code"] for s in subdistrict["shortfalls"]] == [
        "370112001001002",
        village_grid["code"],
    ]


async def test_micro_positions_and_proxy_items_have_unique_names_per_grid(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    add = "mutation($input: AddMicroPositionInput!) { addMicroPosition(input: $input) { id name } }"
    position = await admin.data(
        add, {"input": {"gridId": grid["id"], "name": "党群服务站", "address": "七里河路1号"}}
    )
    error = await admin.error(
        add, {"input": {"gridId": grid["id"], "name": "党群服务站", "address": "别处"}}
    )
    assert error["extensions"]["code"] == "DUPLICATE_NAME"
    renamed = await admin.data(
        """mutation($input: UpdateMicroPositionInput!) {
             updateMicroPosition(input: $input) { name address } }""",
        {
            "input": {
                "gridId": grid["id"],
                "microPositionId": position["addMicroPosition"]["id"],
                "name": "红色驿站",
            }
        },
    )
    assert renamed["updateMicroPosition"] == {"name": "红色驿站", "address": "七里河路1号"}
    await admin.data(
        "mutation($g: ID!, $p: ID!) {"
        " removeMicroPosition(gridId: $g, microPositionId: $p) { id } }",
        {"g": grid["id"], "p": position["addMicroPosition"]["id"]},
    )
    listed = await admin.data(
        "query($id: ID!) { grid(id: $id) { microPositions { name } } }", {"id": grid["id"]}
    )
    assert listed["grid"]["microPositions"] == []


async def test_a_proxy_item_promises_between_one_and_365_working_days(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    grid = await make_grid()
    add = """mutation($input: AddProxyServiceItemInput!) {
      addProxyServiceItem(input: $input) { name timeLimitWorkingDays responsibleDepartment } }"""
    item = {"gridId": grid["id"], "name": "低保申请", "responsibleDepartment": "区民政局"}
    error = await admin.error(add, {"input": {**item, "timeLimitWorkingDays": 0}})
    assert error["extensions"]["code"] == "INVALID_COUNT"
    data = await admin.data(add, {"input": {**item, "timeLimitWorkingDays": 20}})
    assert data["addProxyServiceItem"] == {
        "name": "低保申请",
        "timeLimitWorkingDays": 20,
        "responsibleDepartment": "区民政局",
    }
