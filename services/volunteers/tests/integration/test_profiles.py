"""A volunteer's own profile, the trainings and awards staff enter, and suspension."""

from __future__ import annotations

from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import count, known_person, officer, resident

from gridkit.testing.graphql import GraphQLClient
from volunteers.config import VolunteersSettings

REGISTER = 'mutation { registerVolunteer(skills: ["FIRST_AID"]) { id } }'
UPDATE = """mutation { updateMyVolunteerProfile(availability: "周末全天") {
  skills availability } }"""
ENTRY = """mutation($v: ID!) { addVolunteerProfileEntry(volunteerId: $v, kind: AWARD,
  on: "2026-06-30", title: "优秀志愿者", givenBy: "历城区委宣传部") {
  entries { kind on title givenBy } } }"""
STANDING = """mutation($v: ID!, $s: Boolean!) { setVolunteerStanding(volunteerId: $v, suspend: $s,
  reason: "多次无故缺席") { status } }"""


async def test_a_volunteer_changes_their_availability_and_keeps_their_skills(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    person = await known_person(volunteers_db, jetstream, volunteers_settings, name="王芳")
    await resident(volunteers, person).data(REGISTER)

    updated = await resident(volunteers, person).data(UPDATE)

    assert updated["updateMyVolunteerProfile"] == {
        "skills": ["FIRST_AID"],
        "availability": "周末全天",
    }


async def test_staff_enter_an_award_and_suspend_and_reinstate_a_volunteer(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    person = await known_person(volunteers_db, jetstream, volunteers_settings, name="张伟")
    staff = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="李")
    )
    volunteer = (await resident(volunteers, person).data(REGISTER))["registerVolunteer"]["id"]

    by_themselves = await resident(volunteers, person).error(STANDING, {"v": volunteer, "s": True})
    awarded = await staff.data(ENTRY, {"v": volunteer})
    suspended = await staff.data(STANDING, {"v": volunteer, "s": True})
    twice = await staff.error(STANDING, {"v": volunteer, "s": True})
    reinstated = await staff.data(STANDING, {"v": volunteer, "s": False})

    assert by_themselves["extensions"]["code"] == "FORBIDDEN"
    assert awarded["addVolunteerProfileEntry"]["entries"] == [
        {"kind": "AWARD", "on": "2026-06-30", "title": "优秀志愿者", "givenBy": "历城区委宣传部"}
    ]
    assert suspended["setVolunteerStanding"]["status"] == "SUSPENDED"
    assert twice["extensions"]["code"] == "VOLUNTEER_ILLEGAL_TRANSITION"
    assert reinstated["setVolunteerStanding"]["status"] == "ACTIVE"
    assert await count(volunteers_db, "SELECT count(*) FROM volunteers") == 1  # staff need none


PROFILE = """query($id: ID!) { _entities(representations: [{__typename: "Person", id: $id}]) {
  ... on Person { volunteerProfile { number } } } }"""
HOURS = """query($id: ID!) { _entities(representations: [{__typename: "Person", id: $id}]) {
  ... on Person { serviceHours } } }"""


async def test_a_volunteers_record_is_theirs_and_staffs_to_read_not_their_neighbours(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    person = await known_person(volunteers_db, jetstream, volunteers_settings, name="孙芳")
    neighbour = await known_person(volunteers_db, jetstream, volunteers_settings, name="周邻")
    staff = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="吴")
    )
    await resident(volunteers, person).data(REGISTER)
    who = {"id": str(person)}

    own = await resident(volunteers, person).data(PROFILE, who)
    by_staff = await staff.data(PROFILE, who)
    by_neighbour = await resident(volunteers, neighbour).data(PROFILE, who)
    hours_by_neighbour = await resident(volunteers, neighbour).error(HOURS, who)

    assert own["_entities"][0]["volunteerProfile"]["number"].startswith("V370112")
    assert by_staff == own
    assert by_neighbour["_entities"] == [{"volunteerProfile": None}]
    assert hours_by_neighbour["extensions"]["code"] == "FORBIDDEN"
