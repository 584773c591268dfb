"""Volunteering figures: hours ranked per volunteer, per team, grid and community, and each
grid's active volunteers, over a period and within the caller's scope."""

from __future__ import annotations

from datetime import date

from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import COMMUNITY, known_grid, known_person, officer, resident, served

from gridkit.testing.graphql import GraphQLClient
from volunteers.config import VolunteersSettings

FIGURES = """query($community: String) { volunteerFigures(from: "2026-06-01", to: "2026-06-30",
  communityCode: $community) {
  total { hours records volunteers }
  ranking { name hours records }
  grids { key name hours volunteers }
  communities { key hours volunteers } } }"""


async def test_june_figures_rank_volunteers_and_count_each_grids_active_volunteers(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    first = await known_grid(volunteers_db, jetstream, volunteers_settings, name="第一网格")
    organiser = await known_person(volunteers_db, jetstream, volunteers_settings, name="李组织")
    busy = await known_person(volunteers_db, jetstream, volunteers_settings, name="王芳")
    light = await known_person(volunteers_db, jetstream, volunteers_settings, name="张伟")
    numbers = {}
    for person in (busy, light):
        registered = await resident(volunteers, person).data(
            "mutation { registerVolunteer { number } }"
        )
        numbers[person] = registered["registerVolunteer"]["number"]
    await served(volunteers_db, organiser, busy, first, day=date(2026, 6, 3), hours=3)
    await served(volunteers_db, organiser, busy, first, day=date(2026, 6, 20), hours=2.5)
    await served(volunteers_db, organiser, light, first, day=date(2026, 6, 21), hours=1)
    await served(volunteers_db, organiser, light, first, day=date(2026, 7, 1), hours=8)  # July

    figures = (await officer(volunteers, organiser).data(FIGURES))["volunteerFigures"]

    assert figures["total"] == {"hours": "6.5", "records": 3, "volunteers": 2}
    assert figures["ranking"] == [
        {"name": numbers[busy], "hours": "5.5", "records": 2},
        {"name": numbers[light], "hours": "1.0", "records": 1},
    ]
    assert figures["grids"] == [
        {"key": str(first), "name": "第一网格", "hours": "6.5", "volunteers": 2}
    ]
    assert figures["communities"] == [{"key": COMMUNITY, "hours": "6.5", "volunteers": 2}]


async def test_figures_are_for_staff_within_their_scope(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    person = await known_person(volunteers_db, jetstream, volunteers_settings, name="赵六")

    as_resident = await resident(volunteers, person).error(FIGURES)
    elsewhere = await officer(volunteers, person).error(FIGURES, {"community": "370112002001"})

    assert as_resident["extensions"]["code"] == "FORBIDDEN"
    assert elsewhere["extensions"]["code"] == "FORBIDDEN"
