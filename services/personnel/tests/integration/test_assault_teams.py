"""Party-building assault teams (党建突击队): formed, put to work, changed and stood down."""

from __future__ import annotations

from typing import Any

from personnel_testing import outbox_subjects, register_person, row_counts
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient

TEAM = """id name mission keyTask startsOn endsOn status divisionCode disbandedOn disbandReason
  leader { name } members { name } memberCount"""
FORM = f"""mutation($input: FormAssaultTeamInput!) {{
  formAssaultTeam(input: $input) {{ {TEAM} }}
}}"""
UPDATE = f"""mutation($input: UpdateAssaultTeamInput!) {{
  updateAssaultTeam(input: $input) {{ {TEAM} }}
}}"""
ACTIVATE = """mutation($id: ID!) { activateAssaultTeam(id: $id) { status } }"""
ADD = """mutation($id: ID!, $p: ID!) {
  addAssaultTeamMember(id: $id, personId: $p) { members { name } }
}"""
REMOVE = """mutation($id: ID!, $p: ID!) {
  removeAssaultTeamMember(id: $id, personId: $p) { members { name } }
}"""
DISBAND = """mutation($id: ID!, $on: Date!, $reason: String!) {
  disbandAssaultTeam(id: $id, on: $on, reason: $reason) {
    status disbandedOn disbandReason
  }
}"""
NOBODY = "3f2a1c9e-8b7d-4e6f-a5b4-c3d2e1f0a9b8"
TABLES = ("assault_teams", "assault_team_members", "outbox")


def team_input(leader: str, members: list[str] | None = None, **fields: Any) -> dict[str, Any]:
    values = {
        "name": "老旧小区改造突击队",
        "mission": "攻坚老旧小区加装电梯",
        "keyTask": "加装电梯",
        "startsOn": "2026-03-01",
        "leaderId": leader,
        "memberIds": members or [],
        "divisionCode": "370112001001",
    }
    return {"input": {**values, **fields}}


async def crew(admin: GraphQLClient, *names: str) -> list[str]:
    return [await register_person(admin, name, sequence=i) for i, name in enumerate(names, 1)]


async def team_version(engine: AsyncEngine, team_id: str) -> int:
    async with engine.connect() as connection:
        version = await connection.scalar(
            text("SELECT version FROM assault_teams WHERE id = :id"), {"id": team_id}
        )
    return int(version)


async def test_a_team_is_formed_put_to_work_and_stood_down(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    wang, li, zhao, qian = await crew(admin, "王队长", "李队员", "赵队员", "钱队员")
    formed = (await admin.data(FORM, team_input(wang, [li, wang, zhao])))["formAssaultTeam"]
    team = formed.pop("id")
    assert formed == {
        "name": "老旧小区改造突击队",
        "mission": "攻坚老旧小区加装电梯",
        "keyTask": "加装电梯",
        "startsOn": "2026-03-01",
        "endsOn": None,
        "status": "FORMING",
        "divisionCode": "370112001001",
        "disbandedOn": None,
        "disbandReason": None,
        "leader": {"name": "王队长"},
        "members": [{"name": "王队长"}, {"name": "李队员"}, {"name": "赵队员"}],
        "memberCount": 3,
    }

    assert (await admin.data(ACTIVATE, {"id": team}))["activateAssaultTeam"] == {"status": "ACTIVE"}
    added = await admin.data(ADD, {"id": team, "p": qian})
    assert [m["name"] for m in added["addAssaultTeamMember"]["members"]] == [
        "王队长",
        "李队员",
        "赵队员",
        "钱队员",
    ]
    removed = await admin.data(REMOVE, {"id": team, "p": li})
    assert [m["name"] for m in removed["removeAssaultTeamMember"]["members"]] == [
        "王队长",
        "赵队员",
        "钱队员",
    ]

    updated = await admin.data(
        UPDATE, {"input": {"id": team, "leaderId": li, "endsOn": "2026-12-31"}}
    )
    changed = updated["updateAssaultTeam"]
    assert changed["leader"] == {"name": "李队员"}
    assert changed["endsOn"] == "2026-12-31"
    assert changed["name"] == "老旧小区改造突击队"  # omitted fields stay
    assert [m["name"] for m in changed["members"]][-1] == "李队员"  # a new leader joins

    disbanded = await admin.data(DISBAND, {"id": team, "on": "2026-11-01", "reason": "任务完成"})
    assert disbanded["disbandAssaultTeam"] == {
        "status": "DISBANDED",
        "disbandedOn": "2026-11-01",
        "disbandReason": "任务完成",
    }
    closed = await admin.error(ADD, {"id": team, "p": li})
    assert closed["extensions"]["code"] == "ASSAULT_TEAM_DISBANDED"

    subjects = [s for s in await outbox_subjects(personnel_db) if "assault_team" in s]
    assert subjects == [
        "personnel.assault_team.formed",
        *["personnel.assault_team.updated"] * 4,
        "personnel.assault_team.disbanded",
    ]
    found = await admin.data(
        "query($id: ID!) { assaultTeam(id: $id) { status members { name } } }", {"id": team}
    )
    assert found["assaultTeam"] == {
        "status": "DISBANDED",
        "members": [{"name": "王队长"}, {"name": "赵队员"}, {"name": "钱队员"}, {"name": "李队员"}],
    }


async def test_refused_changes_leave_the_team_as_it_was(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    wang, li, zhao = await crew(admin, "王队长", "李队员", "赵群众")
    team = (await admin.data(FORM, team_input(wang, [li])))["formAssaultTeam"]["id"]
    await admin.data(ACTIVATE, {"id": team})
    before = await row_counts(personnel_db, *TABLES)
    version = await team_version(personnel_db, team)

    refusals: list[tuple[str, dict[str, Any], str]] = [
        (REMOVE, {"id": team, "p": wang}, "ASSAULT_TEAM_LEADER_REQUIRED"),
        (REMOVE, {"id": team, "p": zhao}, "ASSAULT_TEAM_MEMBER_NOT_FOUND"),
        (ADD, {"id": team, "p": li}, "ASSAULT_TEAM_DUPLICATE_MEMBER"),
        (ADD, {"id": team, "p": NOBODY}, "PERSON_NOT_FOUND"),
        (ACTIVATE, {"id": team}, "ASSAULT_TEAM_INVALID_TRANSITION"),
        (UPDATE, {"input": {"id": team, "endsOn": "2026-02-28"}}, "INVALID_DATE"),
        (UPDATE, {"input": {"id": team, "name": None}}, "NULL_NOT_ALLOWED"),
        (UPDATE, {"input": {"id": team, "leaderId": NOBODY}}, "PERSON_NOT_FOUND"),
        (UPDATE, {"input": {"id": team, "divisionCode": "37011"}}, "INVALID_DIVISION_CODE"),
        (ACTIVATE, {"id": NOBODY}, "ASSAULT_TEAM_NOT_FOUND"),
        (FORM, team_input(wang, [zhao, NOBODY]), "PERSON_NOT_FOUND"),
        (FORM, team_input(wang, [li, li]), "ASSAULT_TEAM_DUPLICATE_MEMBER"),
        (FORM, team_input(wang, mission=" "), "INVALID_TEXT"),
    ]
    for operation, variables, code in refusals:
        error = await admin.error(operation, variables)
        assert error["extensions"]["code"] == code, (variables, error)

    assert await row_counts(personnel_db, *TABLES) == before
    assert await team_version(personnel_db, team) == version


async def test_team_changes_need_an_org_admin_within_scope(
    admin: GraphQLClient, personnel: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    [wang] = await crew(admin, "王队长")
    team = (await admin.data(FORM, team_input(wang)))["formAssaultTeam"]["id"]
    elsewhere = personnel.as_caller("ORG_ADMIN", division="370112002", name="街道 张干事")
    before = await row_counts(personnel_db, *TABLES)

    assert (await personnel.error(ACTIVATE, {"id": team}))["extensions"]["code"] == (
        "UNAUTHENTICATED"
    )
    assert (await elsewhere.error(ACTIVATE, {"id": team}))["extensions"]["code"] == "FORBIDDEN"
    outside = await elsewhere.error(FORM, team_input(wang))
    assert outside["extensions"]["code"] == "FORBIDDEN"
    unplaced = await elsewhere.error(FORM, team_input(wang, divisionCode=None))
    assert unplaced["extensions"]["code"] == "FORBIDDEN"
    # Moving a team needs scope over where it goes as well as where it is.
    away = await admin.error(UPDATE, {"input": {"id": team, "divisionCode": "370113001001"}})
    assert away["extensions"]["code"] == "FORBIDDEN"
    assert await row_counts(personnel_db, *TABLES) == before


async def test_teams_are_listed_by_name_page_by_page(admin: GraphQLClient) -> None:
    wang, li = await crew(admin, "王队长", "李队员")
    ids = {}
    for name, division, members in [
        ("丙队", "370112001001", [li]),
        ("甲队", "370112002001", []),
        ("乙队", "370112001002", [li]),
    ]:
        formed = await admin.data(FORM, team_input(wang, members, name=name, divisionCode=division))
        ids[name] = formed["formAssaultTeam"]["id"]
    await admin.data(ACTIVATE, {"id": ids["乙队"]})

    page = """query($after: String, $division: String, $status: AssaultTeamStatus,
                    $member: ID) {
      assaultTeams(first: 2, after: $after, divisionCode: $division, status: $status,
                   memberId: $member) {
        totalCount nodes { name } pageInfo { hasNextPage endCursor }
      }
    }"""
    first = (await admin.data(page))["assaultTeams"]
    assert first["totalCount"] == 3
    assert [n["name"] for n in first["nodes"]] == ["丙队", "乙队"]
    rest = (await admin.data(page, {"after": first["pageInfo"]["endCursor"]}))["assaultTeams"]
    assert [n["name"] for n in rest["nodes"]] == ["甲队"]
    assert rest["pageInfo"]["hasNextPage"] is False

    async def names(**where: Any) -> list[str]:
        found = (await admin.data(page, where))["assaultTeams"]["nodes"]
        return [n["name"] for n in found]

    assert await names(division="370112001") == ["丙队", "乙队"]
    assert await names(status="FORMING") == ["丙队", "甲队"]
    assert await names(member=li) == ["丙队", "乙队"]
