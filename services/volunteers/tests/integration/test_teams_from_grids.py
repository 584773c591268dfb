"""Every grid gets its volunteer team from org's events: once, however often they arrive."""

from __future__ import annotations

from uuid import uuid4

from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import count, grid_event, known_grid, known_person, resident

from gridkit.testing.events import publish_as, wait_for_event
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from volunteers.config import VolunteersSettings

TEAM_OF_GRID = """query($id: ID!) { _entities(representations: [{__typename: "Grid", id: $id}]) {
  ... on Grid { volunteerTeam { name kind approvalRequired memberCount grid { id } } } } }"""


async def test_a_new_grid_gets_its_team_once_even_when_its_event_arrives_twice(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid_id = uuid4()
    created = grid_event(grid_id, name="香溢紫郡第一网格")
    envelope = await publish_as(jetstream, volunteers_settings, created, aggregate_id=grid_id)
    # The same envelope again under a new message id: a redelivery the inbox must catch.
    await publish_as(
        jetstream, volunteers_settings, created, aggregate_id=grid_id, message_id=str(uuid4())
    )
    # And the grid's creation announced a second time as a new event: the index holds.
    await publish_as(jetstream, volunteers_settings, created, aggregate_id=grid_id, version=1)

    async def applied_all() -> bool:
        inbox = "SELECT count(*) FROM inbox WHERE event_id = :e"
        return await count(volunteers_db, inbox, e=envelope.id) == 1

    await eventually(applied_all, within=15, what="the grid event in the inbox")
    await known_grid(volunteers_db, jetstream, volunteers_settings, grid_id=grid_id)

    teams = "SELECT count(*) FROM teams WHERE grid_id = :g AND kind = 'GRID'"
    assert await count(volunteers_db, teams, g=grid_id) == 1
    person = await known_person(volunteers_db, jetstream, volunteers_settings, name="王芳")
    data = await resident(volunteers, person).data(TEAM_OF_GRID, {"id": str(grid_id)})
    assert data["_entities"] == [
        {
            "volunteerTeam": {
                "name": "香溢紫郡第一网格志愿服务队",
                "kind": "GRID",
                "approvalRequired": False,
                "memberCount": 0,
                "grid": {"id": str(grid_id)},
            }
        }
    ]
    published = await wait_for_event(
        jetstream,
        volunteers_settings.subject_for("volunteers.team.created"),
        where=lambda event: event.data.get("grid_id") == str(grid_id),
    )
    assert published.data["kind"] == "GRID"
    assert published.data["status"] == "ACTIVE"


async def test_a_renamed_grid_renames_its_team(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid_id = await known_grid(volunteers_db, jetstream, volunteers_settings, name="第二网格")

    renamed = grid_event(grid_id, name="花园第二网格", created=False)
    await publish_as(jetstream, volunteers_settings, renamed, aggregate_id=grid_id, version=2)

    async def renamed_team() -> bool:
        named = "SELECT count(*) FROM teams WHERE grid_id = :g AND name = '花园第二网格志愿服务队'"
        return await count(volunteers_db, named, g=grid_id) == 1

    await eventually(renamed_team, within=15, what="the team renamed")
    assert (
        await count(volunteers_db, "SELECT count(*) FROM teams WHERE grid_id = :g", g=grid_id) == 1
    )


async def test_a_grid_first_heard_of_by_an_update_gets_its_team_too(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    # A grid org made before volunteers started reading: its first event here is an update.
    grid_id = uuid4()
    update = grid_event(grid_id, name="老城网格", created=False)
    await publish_as(jetstream, volunteers_settings, update, aggregate_id=grid_id, version=1)

    await known_grid(volunteers_db, jetstream, volunteers_settings, grid_id=grid_id)

    named = "SELECT count(*) FROM teams WHERE grid_id = :g AND name = '老城网格志愿服务队'"
    assert await count(volunteers_db, named, g=grid_id) == 1
