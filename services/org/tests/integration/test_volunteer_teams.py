"""A grid's volunteer team (志愿服务队) is judged from the volunteers service's team events.

The volunteers service forms one ``GRID`` team per grid and announces ``volunteers.team.created``,
``updated`` and ``dissolved``; the running org service consumes them, and a grid meets the
checklist's VOLUNTEER_TEAM item while its grid team is active, whatever was confirmed by hand.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest
from nats.js import JetStreamContext
from org_testing import GridMaker, TeamAnnouncer, team_event, team_view_version
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.contracts import volunteers
from gridkit.events import CloudEvent
from gridkit.messaging.tables import aggregate_positions, dead_letters, inbox
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from org.config import OrgSettings
from org.consumer import VOLUNTEER_TEAMS

Tree = dict[str, dict[str, Any]]

CHECKLIST = """query($id: ID!) {
  grid(id: $id) { compliant standards { item status derived confirmedStatus } } }"""

PAGE = "{ grids(first: 100) { nodes { code standards { item status } } } }"

REPORT = """query($division: ID) { complianceReport(divisionId: $division) {
  items { item met rate } shortfalls { code missing } } }"""

CONFIRM = """mutation($input: ConfirmStandardInput!) {
  confirmStandard(input: $input) { item derived confirmedStatus evidence } }"""

NOT_MET = {"item": "VOLUNTEER_TEAM", "status": "NOT_MET", "derived": True, "confirmedStatus": None}
MET = {**NOT_MET, "status": "MET"}


async def volunteer_team_check(admin: GraphQLClient, grid: dict[str, Any]) -> dict[str, Any]:
    """The VOLUNTEER_TEAM line of the grid's checklist."""
    data = await admin.data(CHECKLIST, {"id": grid["id"]})
    standards = data["grid"]["standards"]
    check: dict[str, Any] = next(s for s in standards if s["item"] == "VOLUNTEER_TEAM")
    return check


async def page_statuses(admin: GraphQLClient) -> dict[str, str]:
    """Each grid's VOLUNTEER_TEAM status on the first page of grids, by code."""
    data = await admin.data(PAGE)
    return {
        node["code"]: next(s["status"] for s in node["standards"] if s["item"] == "VOLUNTEER_TEAM")
        for node in data["grids"]["nodes"]
    }


async def report(admin: GraphQLClient, licheng: Tree) -> tuple[int, dict[str, list[str]]]:
    """How many grids of 七里河社区 meet VOLUNTEER_TEAM, and what each grid that falls short
    misses."""
    data = await admin.data(REPORT, {"division": licheng["community"]["id"]})
    found = data["complianceReport"]
    met = next(i["met"] for i in found["items"] if i["item"] == "VOLUNTEER_TEAM")
    return met, {s["code"]: s["missing"] for s in found["shortfalls"]}


async def redeliver(js: JetStreamContext, settings: OrgSettings, event: CloudEvent) -> None:
    """Publish ``event`` again as it was, under a new message id: JetStream keeps it, as it
    would after a producer's retry outside the duplicate window."""
    await js.publish(
        settings.subject_for(event.type),
        event.to_json(),
        headers={"Nats-Msg-Id": f"{event.id}-again"},
    )


async def all_acked(js: JetStreamContext, settings: OrgSettings) -> bool:
    """Whether org's consumer has acknowledged every team event: none waits for a retry."""
    info = await js.consumer_info(settings.stream_name_for("volunteers"), VOLUNTEER_TEAMS.name)
    return info.num_pending == 0 and info.num_ack_pending == 0


async def rows(engine: AsyncEngine, statement: Any) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(statement) or 0)


async def test_a_grid_meets_the_item_once_the_volunteers_service_creates_its_grid_team(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker, grid_team: TeamAnnouncer
) -> None:
    grid = await make_grid()
    assert await volunteer_team_check(admin, grid) == NOT_MET
    assert await page_statuses(admin) == {grid["code"]: "NOT_MET"}
    met, shortfalls = await report(admin, licheng)
    assert (met, "VOLUNTEER_TEAM" in shortfalls[grid["code"]]) == (0, True)

    await grid_team(team_event(volunteers.TeamCreated, grid_id=grid["id"]))

    assert await volunteer_team_check(admin, grid) == MET
    assert await page_statuses(admin) == {grid["code"]: "MET"}
    met, shortfalls = await report(admin, licheng)
    assert (met, "VOLUNTEER_TEAM" in shortfalls[grid["code"]]) == (1, False)


async def test_a_dissolved_grid_team_leaves_its_grid_short_again(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker, grid_team: TeamAnnouncer
) -> None:
    grid = await make_grid()
    created = team_event(volunteers.TeamCreated, grid_id=grid["id"])
    await grid_team(created)
    renamed = team_event(
        volunteers.TeamUpdated, grid_id=grid["id"], team_id=created.team_id, name="红马甲服务队"
    )
    await grid_team(renamed, version=2)
    assert await volunteer_team_check(admin, grid) == MET

    dissolved = team_event(volunteers.TeamDissolved, grid_id=grid["id"], team_id=created.team_id)
    await grid_team(dissolved, version=3)

    assert await volunteer_team_check(admin, grid) == NOT_MET
    assert await page_statuses(admin) == {grid["code"]: "NOT_MET"}
    met, shortfalls = await report(admin, licheng)
    assert (met, "VOLUNTEER_TEAM" in shortfalls[grid["code"]]) == (0, True)


async def test_a_grid_teams_leader_and_member_events_keep_it_in_step(
    admin: GraphQLClient, make_grid: GridMaker, grid_team: TeamAnnouncer, org_db: AsyncEngine
) -> None:
    grid = await make_grid()
    created = team_event(volunteers.TeamCreated, grid_id=grid["id"])
    await grid_team(created)
    team = created.model_dump(include={"team_id", "team_name", "kind", "status", "grid_id", "at"})
    leader, volunteer = uuid4(), uuid4()
    await grid_team(volunteers.TeamLeaderAppointed(**team, person_id=leader), version=2)
    joined = volunteers.MemberJoined(
        **team, volunteer_id=volunteer, person_id=uuid4(), membership_status="ACTIVE"
    )
    await grid_team(joined, version=3)
    assert await volunteer_team_check(admin, grid) == MET

    dissolved = team_event(volunteers.TeamDissolved, grid_id=grid["id"], team_id=created.team_id)
    await grid_team(dissolved, version=4)
    assert await volunteer_team_check(admin, grid) == NOT_MET
    assert await team_view_version(org_db, created.team_id) == 4


async def test_a_team_event_delivered_twice_is_applied_once(
    admin: GraphQLClient,
    make_grid: GridMaker,
    grid_team: TeamAnnouncer,
    jetstream: JetStreamContext,
    org_settings: OrgSettings,
    org_db: AsyncEngine,
) -> None:
    grid = await make_grid()
    created = team_event(volunteers.TeamCreated, grid_id=grid["id"])
    creation = await grid_team(created)
    await grid_team(
        team_event(volunteers.TeamDissolved, grid_id=grid["id"], team_id=created.team_id),
        version=2,
    )

    # The creation comes again after the dissolution; applied again, it would revive the team.
    await redeliver(jetstream, org_settings, creation)
    # Events are handled in stream order: once a later one is in and all are acknowledged,
    # the repeat was handled (not left for a retry).
    await grid_team(team_event(volunteers.TeamCreated, grid_id=None, kind="SKILL"))
    await eventually(lambda: all_acked(jetstream, org_settings), what="every team event acked")

    assert await volunteer_team_check(admin, grid) == NOT_MET
    assert await team_view_version(org_db, created.team_id) == 2
    consumer = inbox.c.consumer == VOLUNTEER_TEAMS.name
    seen = select(func.count()).where(consumer, inbox.c.event_id == UUID(creation.id))
    assert await rows(org_db, seen) == 1
    assert await rows(org_db, select(func.count()).select_from(dead_letters)) == 0


async def test_an_older_version_of_a_team_arriving_late_changes_nothing(
    admin: GraphQLClient,
    make_grid: GridMaker,
    grid_team: TeamAnnouncer,
    jetstream: JetStreamContext,
    org_settings: OrgSettings,
    org_db: AsyncEngine,
) -> None:
    grid = await make_grid()
    created = team_event(volunteers.TeamCreated, grid_id=grid["id"])
    await grid_team(created)
    await grid_team(
        team_event(volunteers.TeamDissolved, grid_id=grid["id"], team_id=created.team_id),
        version=2,
    )

    # A new event (its own id) that claims the team's first version, published late.
    await grid_team(team_event(volunteers.TeamUpdated, grid_id=grid["id"], team_id=created.team_id))
    await grid_team(team_event(volunteers.TeamCreated, grid_id=None, kind="UNIT"))
    await eventually(lambda: all_acked(jetstream, org_settings), what="every team event acked")

    assert await volunteer_team_check(admin, grid) == NOT_MET
    assert await team_view_version(org_db, created.team_id) == 2
    position = select(aggregate_positions.c.version).where(
        aggregate_positions.c.consumer == VOLUNTEER_TEAMS.name,
        aggregate_positions.c.aggregate_id == created.team_id,
    )
    assert await rows(org_db, position) == 2


@pytest.mark.parametrize("kind", ["SKILL", "UNIT"])
async def test_a_skill_or_unit_team_in_the_grid_does_not_count(
    admin: GraphQLClient, make_grid: GridMaker, grid_team: TeamAnnouncer, kind: str
) -> None:
    grid = await make_grid()
    await grid_team(team_event(volunteers.TeamCreated, grid_id=grid["id"], kind=kind))
    assert await volunteer_team_check(admin, grid) == NOT_MET


async def test_a_grid_team_counts_for_its_own_grid_only(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker, grid_team: TeamAnnouncer
) -> None:
    first = await make_grid(name="第一网格")
    second = await make_grid(name="第二网格")
    await grid_team(team_event(volunteers.TeamCreated, grid_id=second["id"]))
    assert await page_statuses(admin) == {first["code"]: "NOT_MET", second["code"]: "MET"}
    met, shortfalls = await report(admin, licheng)
    assert met == 1
    assert "VOLUNTEER_TEAM" in shortfalls[first["code"]]
    assert "VOLUNTEER_TEAM" not in shortfalls[second["code"]]


@pytest.mark.parametrize("item", ["PARTY_ORGANIZATION", "VOLUNTEER_TEAM"])
async def test_a_derived_item_confirmed_by_hand_is_kept_on_record_but_not_counted(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker, item: str
) -> None:
    grid = await make_grid()
    confirmed = await admin.data(
        CONFIRM,
        {"input": {"gridId": grid["id"], "item": item, "status": "MET", "evidence": "花名册"}},
    )
    assert confirmed == {
        "confirmStandard": {
            "item": item,
            "derived": True,
            "confirmedStatus": "MET",
            "evidence": "花名册",
        }
    }
    data = await admin.data(CHECKLIST, {"id": grid["id"]})
    line = next(s for s in data["grid"]["standards"] if s["item"] == item)
    assert line == {"item": item, "status": "NOT_MET", "derived": True, "confirmedStatus": "MET"}
    found = (await admin.data(REPORT, {"division": licheng["community"]["id"]}))["complianceReport"]
    assert next(i["met"] for i in found["items"] if i["item"] == item) == 0
    assert item in found["shortfalls"][0]["missing"]


async def test_a_grid_team_is_met_even_when_confirmed_not_met_by_hand(
    admin: GraphQLClient, make_grid: GridMaker, grid_team: TeamAnnouncer
) -> None:
    grid = await make_grid()
    await admin.data(
        CONFIRM, {"input": {"gridId": grid["id"], "item": "VOLUNTEER_TEAM", "status": "NOT_MET"}}
    )
    await grid_team(team_event(volunteers.TeamCreated, grid_id=grid["id"]))
    assert await volunteer_team_check(admin, grid) == {**MET, "confirmedStatus": "NOT_MET"}
