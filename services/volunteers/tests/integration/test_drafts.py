"""A draft is changed freely by its organiser until it is published, and not after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import count, grid_event, known_grid, known_person, officer

from gridkit.contracts import org
from gridkit.testing.events import publish_as
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from volunteers.config import VolunteersSettings

DRAFT = """mutation($input: DraftActivityInput!) { draftActivity(input: $input) {
  id shifts { id } } }"""
REVISE = """mutation($a: ID!, $i: ReviseActivityInput!) { reviseActivity(activityId: $a, input: $i)
  { title description status } }"""
REMOVE = """mutation($a: ID!, $s: ID!) { removeActivityShift(activityId: $a, shiftId: $s)
  { shifts { id } } }"""
PUBLISH = "mutation($a: ID!) { publishActivity(activityId: $a) { status } }"


async def test_an_organiser_revises_a_draft_until_it_is_published(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    organiser_id = await known_person(volunteers_db, jetstream, volunteers_settings, name="李")
    other = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="钱")
    )
    organiser = officer(volunteers, organiser_id)
    starts = datetime.now(UTC) + timedelta(days=2)
    shift = {
        "startsAt": starts.isoformat(),
        "endsAt": (starts + timedelta(hours=2)).isoformat(),
        "needed": 2,
    }
    drafted = (
        await organiser.data(
            DRAFT,
            {
                "input": {
                    "title": "楼道清理",
                    "description": "清理1号楼楼道杂物",
                    "category": "ENVIRONMENT",
                    "gridId": str(grid),
                    "address": "1号楼",
                    "startsAt": starts.isoformat(),
                    "endsAt": (starts + timedelta(hours=4)).isoformat(),
                    "shifts": [shift, {**shift, "label": "第二组"}],
                }
            },
        )
    )["draftActivity"]
    activity, shifts = drafted["id"], [s["id"] for s in drafted["shifts"]]

    revised = await organiser.data(REVISE, {"a": activity, "i": {"title": "楼道杂物清理"}})
    by_other = await other.error(REVISE, {"a": activity, "i": {"title": "别人的活动"}})
    removed = await organiser.data(REMOVE, {"a": activity, "s": shifts[1]})
    await organiser.data(PUBLISH, {"a": activity})
    too_late = await organiser.error(REVISE, {"a": activity, "i": {"title": "改名"}})

    assert revised["reviseActivity"] == {
        "title": "楼道杂物清理",
        "description": "清理1号楼楼道杂物",
        "status": "DRAFT",
    }
    assert by_other["extensions"]["code"] == "ACTIVITY_NOT_ORGANISER"
    assert removed["removeActivityShift"]["shifts"] == [{"id": shifts[0]}]
    assert too_late["extensions"]["code"] == "ACTIVITY_NOT_DRAFT"


async def test_a_retired_grid_takes_no_new_activity(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    state = grid_event(grid).model_dump()
    retired = org.GridRetired(**{**state, "status": "RETIRED"})
    await publish_as(jetstream, volunteers_settings, retired, aggregate_id=grid, version=2)

    async def is_retired() -> bool:
        sql = "SELECT count(*) FROM grid_views WHERE id = :g AND status = 'RETIRED'"
        return await count(volunteers_db, sql, g=grid) == 1

    await eventually(is_retired, within=15, what="the grid retired")
    organiser = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="李")
    )
    starts = datetime.now(UTC) + timedelta(days=2)

    refused = await organiser.error(
        DRAFT,
        {
            "input": {
                "title": "楼道清理",
                "description": "清理楼道杂物",
                "category": "ENVIRONMENT",
                "gridId": str(grid),
                "address": "1号楼",
                "startsAt": starts.isoformat(),
                "endsAt": (starts + timedelta(hours=2)).isoformat(),
            }
        },
    )

    assert refused["extensions"]["code"] == "GRID_RETIRED"
    assert await count(volunteers_db, "SELECT count(*) FROM activities") == 0


async def test_a_key_reused_for_another_draft_is_refused(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    organiser = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="李")
    )
    starts = datetime.now(UTC) + timedelta(days=2)
    draft = {
        "title": "楼道清理",
        "description": "清理楼道杂物",
        "category": "ENVIRONMENT",
        "gridId": str(grid),
        "address": "1号楼",
        "startsAt": starts.isoformat(),
        "endsAt": (starts + timedelta(hours=4)).isoformat(),
        "clientMutationId": "draft-1",
        "shifts": [
            {
                "startsAt": starts.isoformat(),
                "endsAt": (starts + timedelta(hours=2)).isoformat(),
                "needed": 2,
            }
        ],
    }
    await organiser.data(DRAFT, {"input": draft})
    bigger = {**draft, "shifts": [{**draft["shifts"][0], "needed": 9}]}

    reused = await organiser.error(DRAFT, {"input": bigger})

    assert reused["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert await count(volunteers_db, "SELECT count(*) FROM activities") == 1
