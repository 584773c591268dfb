"""Volunteers through the gateway: a new grid gets its team (and org's checklist says so), a
resident volunteers, and an activity answering a case reads back from the case and the grid.

While the west lift of building 1 is under repair, the community organises volunteers to help
the elderly residents up and down the stairs; the activity names the case it answers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from e2e_gateway import Gateway, national_id

from gridkit.auth import issue_dev_token
from gridkit.testing.waiting import eventually

COMMUNITY_CODE = "370182001001"
BORN = date(1992, 5, 1)
"""The birth date in the ID numbers of the story's people."""
LIFT = {"longitude": 118.101, "latitude": 37.101}
BOUNDARY = {
    "type": "Polygon",
    "coordinates": [
        [
            [118.095, 37.095],
            [118.105, 37.095],
            [118.105, 37.105],
            [118.095, 37.105],
            [118.095, 37.095],
        ]
    ],
}


async def test_a_grid_team_a_volunteer_and_an_activity_answering_a_case(
    gateway: httpx.AsyncClient, gateway_settings: Any
) -> None:
    def caller(*roles: str, name: str, division: str = "", **claims: str) -> Gateway:
        token = issue_dev_token(
            gateway_settings,
            subject=name,
            name=name,
            roles=list(roles),
            division=division,
            **claims,
        )
        return Gateway(gateway, token)

    admin = caller("ADMIN", name="区管理员")

    async def division(name: str, level: str, parent: str | None = None, code: str = "") -> str:
        given: dict[str, Any] = {"name": name, "level": level}
        if parent:
            given["parentId"] = parent
        if code:
            given["code"] = code
        created = await admin.data(
            "mutation($i: CreateDivisionInput!) { createDivision(input: $i) { id } }", {"i": given}
        )
        return str(created["createDivision"]["id"])

    district = await division("章丘区", "DISTRICT", code="370182")
    community = await division(
        "明水社区", "COMMUNITY", await division("明水街道", "SUBDISTRICT", district)
    )
    grid = (
        await admin.data(
            "mutation($i: CreateGridInput!) { createGrid(input: $i) { id code } }",
            {
                "i": {
                    "divisionId": community,
                    "name": "明水第一网格",
                    "kind": "RESIDENTIAL",
                    "boundary": BOUNDARY,
                }
            },
        )
    )["createGrid"]
    grid_id = grid["id"]

    # Volunteers makes the grid's team from org's event; org then judges the checklist item
    # from volunteers' event: two services, two streams, one query.
    team_query = """query($code: String!) { gridByCode(code: $code) {
        volunteerTeam { id name kind }
        standards { item status } } }"""

    async def team_made_and_judged() -> bool:
        found = (await admin.data(team_query, {"code": grid["code"]}))["gridByCode"]
        met = {s["item"]: s["status"] for s in found["standards"]}
        return found["volunteerTeam"] is not None and met["VOLUNTEER_TEAM"] == "MET"

    await eventually(team_made_and_judged, within=30, what="the grid's team, judged by org")
    found = (await admin.data(team_query, {"code": grid["code"]}))["gridByCode"]
    assert found["volunteerTeam"]["name"] == "明水第一网格志愿服务队"
    assert found["volunteerTeam"]["kind"] == "GRID"

    # A resident registers as a volunteer once personnel has told volunteers who they are.
    person = (
        await admin.data(
            "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }",
            {"i": {"name": "王小芳", "nationalId": national_id(BORN, 31), "phone": "13900001111"}},
        )
    )["registerPerson"]["id"]
    organiser_id = (
        await admin.data(
            "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }",
            {"i": {"name": "李主任", "nationalId": national_id(BORN, 32), "phone": "13900002222"}},
        )
    )["registerPerson"]["id"]
    resident = caller("RESIDENT", name="王小芳", person=person)
    organiser = caller("OFFICER", name="李主任", division=COMMUNITY_CODE, person=organiser_id)
    registered = await resident.data(
        'mutation { registerVolunteer(skills: ["ELDER_CARE"]) { number } }'
    )
    assert registered["registerVolunteer"]["number"].startswith("V370112")

    # The lift's case, reported from the grid once cases knows the grid.
    report = {
        "i": {
            "title": "1号楼电梯维修停运",
            "description": "1号楼电梯维修停运一周，老人上下楼困难",
            "category": "ELEVATOR",
            "source": "GRID_PATROL",
            "address": "明水1号楼",
            **LIFT,
            "attributes": {"building": "1号楼", "position": "WEST", "symptoms": ["NOISE"]},
        }
    }
    case: dict[str, Any] = {}

    async def reported() -> bool:
        body = await organiser.body(
            "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", report
        )
        if "errors" in body:
            assert body["errors"][0]["extensions"]["code"] == "GRID_NOT_FOUND", body
            return False
        case.update(body["data"]["reportCase"])
        return True

    await eventually(reported, within=30, what="cases to hear of the grid")

    starts = datetime.now(UTC) + timedelta(days=1)
    drafted = await organiser.data(
        """mutation($i: DraftActivityInput!) { draftActivity(input: $i) { id
             shifts { id } } }""",
        {
            "i": {
                "title": "电梯维修期间帮扶老人上下楼",
                "description": "维修期间每天上午帮助1号楼老人上下楼、代买生活用品",
                "category": "ELDERLY_AND_DISABLED",
                "gridId": grid_id,
                "address": "明水1号楼",
                "startsAt": starts.isoformat(),
                "endsAt": (starts + timedelta(hours=4)).isoformat(),
                "caseId": case["id"],
                "shifts": [
                    {
                        "startsAt": starts.isoformat(),
                        "endsAt": (starts + timedelta(hours=4)).isoformat(),
                        "needed": 2,
                    }
                ],
            }
        },
    )
    activity = drafted["draftActivity"]
    await organiser.data(
        "mutation($a: ID!) { publishActivity(activityId: $a) { status } }", {"a": activity["id"]}
    )
    signed = await resident.data(
        "mutation($a: ID!, $s: ID!) { signUp(activityId: $a, shiftId: $s) { signup { status } } }",
        {"a": activity["id"], "s": activity["shifts"][0]["id"]},
    )
    assert signed["signUp"]["signup"]["status"] == "CONFIRMED"

    # From the case (cases) to its activities (volunteers) to their organiser (personnel).
    from_case = await organiser.data(
        """query($id: ID!) { case(id: $id) { title activities { nodes {
             title status organiser { name }
             shifts { placesLeft
                      signups { status volunteer { number person { name } } } } } } } }""",
        {"id": case["id"]},
    )
    assert from_case["case"]["title"] == "1号楼电梯维修停运"
    assert from_case["case"]["activities"]["nodes"] == [
        {
            "title": "电梯维修期间帮扶老人上下楼",
            "status": "PUBLISHED",
            "organiser": {"name": "李主任"},
            "shifts": [
                {
                    "placesLeft": 1,
                    "signups": [
                        {
                            "status": "CONFIRMED",
                            "volunteer": {
                                "number": registered["registerVolunteer"]["number"],
                                "person": {"name": "王小芳"},
                            },
                        }
                    ],
                }
            ],
        }
    ]
    profile = await admin.data(
        """query($id: ID!) { person(id: $id) { name volunteerProfile { number skills }
             serviceHours } }""",
        {"id": person},
    )
    assert profile["person"]["volunteerProfile"] == {
        "number": registered["registerVolunteer"]["number"],
        "skills": ["ELDER_CARE"],
    }
    assert profile["person"]["serviceHours"] == "0.0"
