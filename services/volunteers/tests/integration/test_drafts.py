"""A draft is changed freely by its organiser until it is published, and not after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import known_grid, known_person, officer

from gridkit.testing.graphql import GraphQLClient
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
