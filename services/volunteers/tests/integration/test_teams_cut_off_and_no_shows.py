"""Joining teams, the cancellation cut-off, no-shows once a shift is over, refusals that
change nothing, and service hours counted over a period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import (
    beijing,
    caller,
    count,
    known_grid,
    known_person,
    officer,
    resident,
)

from gridkit.db import create_session_factory
from gridkit.testing.events import stream_events, wait_for_event
from gridkit.testing.graphql import GraphQLClient
from volunteers.config import VolunteersSettings
from volunteers.domain.kinds import ActivityCategory
from volunteers.domain.place import Place
from volunteers.handlers import activities, records
from volunteers.handlers.activities import ActivityPlan, ShiftPlan
from volunteers.unit_of_work import VolunteersUnitOfWork

REGISTER = "mutation($skills: [String!]) { registerVolunteer(skills: $skills) { id } }"
TEAM_OF_GRID = """query($id: ID!) { _entities(representations: [{__typename: "Grid", id: $id}]) {
  ... on Grid { volunteerTeam { id } } } }"""
TEAM = """query($id: ID!) { volunteerTeam(id: $id) { memberCount
  pending: members(status: PENDING) { volunteer { id } } } }"""
FORM_SKILL_TEAM = """mutation($leader: ID!) { formVolunteerTeam(name: "香溢紫郡急救志愿服务队",
  kind: SKILL, skill: "FIRST_AID", leaderIds: [$leader], approvalRequired: true) {
  id kind approvalRequired memberCount } }"""
JOIN = "mutation($t: ID!) { joinVolunteerTeam(teamId: $t) { status volunteer { id } } }"
DECIDE = """mutation($t: ID!, $v: ID!) { decideJoinRequest(teamId: $t, volunteerId: $v,
  approve: true) { status volunteer { id } } }"""
LEAVE = "mutation($t: ID!) { leaveVolunteerTeam(teamId: $t) { status volunteer { id } } }"

DRAFT = """mutation($input: DraftActivityInput!) { draftActivity(input: $input) {
  id status shifts { id } } }"""
PUBLISH = "mutation($id: ID!) { publishActivity(activityId: $id) { status } }"
START = "mutation($id: ID!) { startActivity(activityId: $id) { status } }"
SIGN_UP = """mutation($a: ID!, $s: ID!) { signUp(activityId: $a, shiftId: $s) {
  signup { id status } } }"""
CANCEL_SIGNUP = """mutation($a: ID!, $s: ID!) { cancelSignup(activityId: $a, signupId: $s) {
  signup { status } } }"""
CHECK_OUT = """mutation($a: ID!, $s: ID!) { checkOut(activityId: $a, signupId: $s) {
  signup { status } } }"""
ACTIVITY = """query($id: ID!) { activity(id: $id) { status
  shifts { signups { status checkedInAt checkedOutAt } } } }"""
HOURS = """query($id: ID!, $from: Date, $to: Date) {
  _entities(representations: [{__typename: "Person", id: $id}]) {
  ... on Person { serviceHours(from: $from, to: $to) } } }"""


def _uow(engine: AsyncEngine) -> VolunteersUnitOfWork:
    return VolunteersUnitOfWork(create_session_factory(engine))


async def _registered(
    volunteers: GraphQLClient,
    db: AsyncEngine,
    js: JetStreamContext,
    settings: VolunteersSettings,
    name: str,
    skills: list[str] | None = None,
) -> tuple[GraphQLClient, UUID, str]:
    """A person of personnel registered as a volunteer: their client, person and volunteer id."""
    person = await known_person(db, js, settings, name=name)
    client = resident(volunteers, person)
    registered = await client.data(REGISTER, {"skills": skills or []})
    return client, person, registered["registerVolunteer"]["id"]


async def _team(client: GraphQLClient, team_id: str) -> dict[str, Any]:
    team: dict[str, Any] = (await client.data(TEAM, {"id": team_id}))["volunteerTeam"]
    return team


async def _signups(client: GraphQLClient, activity_id: str) -> list[dict[str, Any]]:
    """The activity's sign-ups as they are stored now, in sign-up order."""
    activity = (await client.data(ACTIVITY, {"id": activity_id}))["activity"]
    return [signup for shift in activity["shifts"] for signup in shift["signups"]]


def _draft_input(grid_id: UUID, *, starts_in: timedelta, needed: int = 2) -> dict[str, Any]:
    """An activity whose only shift starts ``starts_in`` from now and lasts two hours."""
    starts = datetime.now(UTC) + starts_in
    ends = starts + timedelta(hours=2)
    return {
        "title": "楼道杂物清理",
        "description": "清理1号楼楼道杂物，宣传消防通道畅通",
        "category": "ENVIRONMENT",
        "gridId": str(grid_id),
        "address": "香溢紫郡1号楼",
        "startsAt": starts.isoformat(),
        "endsAt": ends.isoformat(),
        "shifts": [{"startsAt": starts.isoformat(), "endsAt": ends.isoformat(), "needed": needed}],
    }


async def _published(
    volunteers: GraphQLClient,
    db: AsyncEngine,
    js: JetStreamContext,
    settings: VolunteersSettings,
    *,
    starts_in: timedelta = timedelta(hours=24),
    needed: int = 2,
) -> tuple[GraphQLClient, str, str]:
    """An activity an officer drafted and published: the officer, the activity and its shift."""
    grid_id = await known_grid(db, js, settings)
    organiser = officer(volunteers, await known_person(db, js, settings, name="李组织"))
    drafted = await organiser.data(
        DRAFT, {"input": _draft_input(grid_id, starts_in=starts_in, needed=needed)}
    )
    activity = drafted["draftActivity"]
    await organiser.data(PUBLISH, {"id": activity["id"]})
    return organiser, activity["id"], activity["shifts"][0]["id"]


# Joining a team


async def test_a_grid_team_takes_a_registered_volunteer_at_once(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    neighbour, _, volunteer_id = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "王芳"
    )
    team_id = (await neighbour.data(TEAM_OF_GRID, {"id": str(grid)}))["_entities"][0][
        "volunteerTeam"
    ]["id"]

    joined = await neighbour.data(JOIN, {"t": team_id})

    assert joined["joinVolunteerTeam"] == {"status": "ACTIVE", "volunteer": {"id": volunteer_id}}
    assert await _team(neighbour, team_id) == {"memberCount": 1, "pending": []}


async def test_a_skill_team_keeps_a_request_pending_until_one_of_its_leaders_approves(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    leader = await known_person(volunteers_db, jetstream, volunteers_settings, name="张队长")
    staff = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="李干部")
    )
    formed = (await staff.data(FORM_SKILL_TEAM, {"leader": str(leader)}))["formVolunteerTeam"]
    team_id = formed["id"]
    medic, _, medic_id = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "赵医生", ["FIRST_AID"]
    )

    asked = await medic.data(JOIN, {"t": team_id})
    # The officer formed the team but does not lead it: the decision is not theirs.
    by_staff = await staff.error(DECIDE, {"t": team_id, "v": medic_id})
    still_pending = await _team(staff, team_id)
    approved = await resident(volunteers, leader).data(DECIDE, {"t": team_id, "v": medic_id})
    as_member = await _team(staff, team_id)
    left = await medic.data(LEAVE, {"t": team_id})

    assert formed == {"id": team_id, "kind": "SKILL", "approvalRequired": True, "memberCount": 0}
    assert asked["joinVolunteerTeam"] == {"status": "PENDING", "volunteer": {"id": medic_id}}
    assert by_staff["extensions"]["code"] == "TEAM_NOT_LEADER"
    assert still_pending == {"memberCount": 0, "pending": [{"volunteer": {"id": medic_id}}]}
    assert approved["decideJoinRequest"] == {"status": "ACTIVE", "volunteer": {"id": medic_id}}
    assert as_member == {"memberCount": 1, "pending": []}
    assert left["leaveVolunteerTeam"] == {"status": "LEFT", "volunteer": {"id": medic_id}}
    assert await _team(staff, team_id) == {"memberCount": 0, "pending": []}


async def test_a_caller_whose_token_names_no_person_cannot_register_and_nothing_is_written(
    volunteers: GraphQLClient, volunteers_db: AsyncEngine
) -> None:
    nobody = volunteers.as_caller("RESIDENT", subject="resident-without-person")

    refused = await nobody.error(REGISTER)

    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert "claim 'person'" in refused["message"]
    assert await count(volunteers_db, "SELECT count(*) FROM volunteers") == 0


# The cancellation cut-off (two hours in these tests)


async def test_a_confirmed_place_cannot_be_cancelled_an_hour_before_its_shift(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, activity, shift = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, starts_in=timedelta(hours=1)
    )
    helper, _, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "吴帮"
    )
    signup = (await helper.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]["signup"]

    refused = await helper.error(CANCEL_SIGNUP, {"a": activity, "s": signup["id"]})

    assert signup["status"] == "CONFIRMED"
    assert refused["extensions"]["code"] == "SIGNUP_CANCEL_TOO_LATE"
    assert "2 h before" in refused["message"]
    assert [s["status"] for s in await _signups(helper, activity)] == ["CONFIRMED"]


async def test_a_confirmed_place_is_cancelled_while_its_shift_is_five_hours_away(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, activity, shift = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, starts_in=timedelta(hours=5)
    )
    helper, _, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "郑早"
    )
    signup = (await helper.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]["signup"]

    cancelled = await helper.data(CANCEL_SIGNUP, {"a": activity, "s": signup["id"]})

    assert cancelled["cancelSignup"]["signup"] == {"status": "CANCELLED"}
    assert [s["status"] for s in await _signups(helper, activity)] == ["CANCELLED"]


# No-shows


async def test_a_confirmed_volunteer_who_never_checked_in_is_a_no_show_once_the_shift_is_over(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    organiser = await known_person(volunteers_db, jetstream, volunteers_settings, name="李组织")
    _, absent, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "钱缺"
    )
    _, present, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "孙到"
    )
    # Days ahead of the wall clock, so the service's own no-show job never reaches it first.
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    end = start + timedelta(hours=3)
    activity, (absent_signup, present_signup) = await _ongoing(
        volunteers_db, organiser, grid, [absent, present], start=start, end=end
    )
    staff = caller(organiser, "OFFICER")
    await activities.check(
        _uow(volunteers_db),
        staff,
        activity_id=activity,
        signup_id=present_signup,
        out=False,
        at=start + timedelta(minutes=10),
    )

    before_the_end = await activities.record_no_shows(
        _uow(volunteers_db), now=end - timedelta(minutes=1)
    )
    after_the_end = await activities.record_no_shows(
        _uow(volunteers_db), now=end + timedelta(minutes=1)
    )
    again = await activities.record_no_shows(_uow(volunteers_db), now=end + timedelta(hours=1))

    assert (before_the_end, after_the_end, again) == (0, 1, 0)
    statuses = [s["status"] for s in await _signups(resident(volunteers, absent), str(activity))]
    assert statuses == ["NO_SHOW", "CHECKED_IN"]
    no_shows = volunteers_settings.subject_for("volunteers.signup.no_show")
    published = await wait_for_event(
        jetstream, no_shows, where=lambda event: event.data["signup_id"] == str(absent_signup)
    )
    assert published.data["signup_status"] == "NO_SHOW"
    assert published.data["person_id"] == str(absent)
    # A later event of the activity is out, so any no-show of the checked-in one would be too.
    await activities.check(
        _uow(volunteers_db),
        staff,
        activity_id=activity,
        signup_id=present_signup,
        out=True,
        at=end + timedelta(hours=2),
    )
    await wait_for_event(
        jetstream,
        volunteers_settings.subject_for("volunteers.signup.checked_out"),
        where=lambda event: event.data["signup_id"] == str(present_signup),
    )
    stream = await jetstream.find_stream_name_by_subject(no_shows)
    marked = [
        event.data["signup_id"]
        for event in await stream_events(jetstream, stream, no_shows)
        if event.data["activity_id"] == str(activity)
    ]
    assert marked == [str(absent_signup)]


async def _ongoing(
    engine: AsyncEngine,
    organiser: UUID,
    grid: UUID,
    people: list[UUID],
    *,
    start: datetime,
    end: datetime,
) -> tuple[UUID, list[UUID]]:
    """An activity with one shift from ``start`` to ``end``, drafted, published and signed up
    for by ``people`` the day before, and started at ``start``; its id and the sign-ups'."""
    staff = caller(organiser, "OFFICER")
    plan = ActivityPlan(
        title="楼道杂物清理",
        description="清理1号楼楼道杂物",
        category=ActivityCategory.ENVIRONMENT,
        grid_id=grid,
        place=Place(address="香溢紫郡1号楼"),
        starts_at=start,
        ends_at=end,
        shifts=(ShiftPlan(starts_at=start, ends_at=end, needed=len(people)),),
    )
    day_before = start - timedelta(days=1)
    drafted = await activities.draft_activity(_uow(engine), staff, plan, at=day_before)
    await activities.publish_activity(_uow(engine), staff, activity_id=drafted.id, at=day_before)
    signups = []
    for n, person in enumerate(people):
        _, signup = await activities.sign_up(
            _uow(engine),
            caller(person),
            activity_id=drafted.id,
            shift_id=drafted.shifts[0].id,
            at=day_before + timedelta(minutes=n),
        )
        signups.append(signup.id)
    await activities.start_activity(_uow(engine), staff, activity_id=drafted.id, at=start)
    return drafted.id, signups


# Refusals change nothing


async def test_checking_out_before_checking_in_leaves_the_sign_up_as_it_was(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    organiser, activity, shift = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings
    )
    helper, _, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "冯急"
    )
    signup = (await helper.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]["signup"]["id"]
    await organiser.data(START, {"id": activity})

    refused = await organiser.error(CHECK_OUT, {"a": activity, "s": signup})

    assert refused["extensions"]["code"] == "CHECK_OUT_BEFORE_CHECK_IN"
    assert await _signups(organiser, activity) == [
        {"status": "CONFIRMED", "checkedInAt": None, "checkedOutAt": None}
    ]


async def test_signing_up_for_a_full_shift_without_a_waitlist_adds_no_sign_up(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, activity, shift = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=1
    )
    first, _, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "周先"
    )
    late, _, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "陈迟"
    )
    await first.data(SIGN_UP, {"a": activity, "s": shift})

    refused = await late.error(SIGN_UP, {"a": activity, "s": shift})

    assert refused["extensions"]["code"] == "SHIFT_FULL"
    stored = "SELECT count(*) FROM signups WHERE shift_id = :s"
    assert await count(volunteers_db, stored, s=UUID(shift)) == 1
    assert [s["status"] for s in await _signups(late, activity)] == ["CONFIRMED"]


async def test_an_officer_cannot_publish_an_activity_someone_else_organises(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    organiser = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="李组织")
    )
    colleague = officer(
        volunteers, await known_person(volunteers_db, jetstream, volunteers_settings, name="王同事")
    )
    drafted = await organiser.data(
        DRAFT, {"input": _draft_input(grid, starts_in=timedelta(hours=24))}
    )
    activity = drafted["draftActivity"]["id"]

    refused = await colleague.error(PUBLISH, {"id": activity})

    assert refused["extensions"]["code"] == "ACTIVITY_NOT_ORGANISER"
    assert (await organiser.data(ACTIVITY, {"id": activity}))["activity"]["status"] == "DRAFT"


# Service hours over a period


async def test_service_hours_count_the_records_of_the_period_both_first_and_last_day_included(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    organiser = await known_person(volunteers_db, jetstream, volunteers_settings, name="李组织")
    helper, person, _ = await _registered(
        volunteers, volunteers_db, jetstream, volunteers_settings, "王小芳"
    )
    for day, hours in (
        (date(2026, 5, 31), 1),  # the day before the period
        (date(2026, 6, 1), 2),  # its first day
        (date(2026, 6, 30), 4),  # its last day
        (date(2026, 7, 1), 8),  # the day after
    ):
        await _served(
            volunteers_db, volunteers_settings, organiser, person, grid, day=day, hours=hours
        )

    june = await helper.data(HOURS, {"id": str(person), "from": "2026-06-01", "to": "2026-06-30"})
    ever = await helper.data(HOURS, {"id": str(person)})

    assert june["_entities"] == [{"serviceHours": "6.0"}]
    assert ever["_entities"] == [{"serviceHours": "15.0"}]


async def _served(
    engine: AsyncEngine,
    settings: VolunteersSettings,
    organiser: UUID,
    person: UUID,
    grid: UUID,
    *,
    day: date,
    hours: int,
) -> None:
    """The volunteer served ``hours`` from 07:00 on ``day`` in Beijing, recorded.

    07:00 in Beijing is still the evening before in UTC: the day counted is Beijing's."""
    staff = caller(organiser, "OFFICER")
    start, end = beijing(day, 6), beijing(day, 18)
    plan = ActivityPlan(
        title="电梯维修期间帮扶老人上下楼",
        description="帮助1号楼老人上下楼",
        category=ActivityCategory.ELDERLY_AND_DISABLED,
        grid_id=grid,
        place=Place(address="香溢紫郡1号楼"),
        starts_at=start,
        ends_at=end,
        shifts=(ShiftPlan(starts_at=start, ends_at=end, needed=1),),
    )
    day_before = start - timedelta(days=1)
    activity = await activities.draft_activity(_uow(engine), staff, plan, at=day_before)
    await activities.publish_activity(_uow(engine), staff, activity_id=activity.id, at=day_before)
    _, signup = await activities.sign_up(
        _uow(engine),
        caller(person),
        activity_id=activity.id,
        shift_id=activity.shifts[0].id,
        at=day_before,
    )
    await activities.start_activity(_uow(engine), staff, activity_id=activity.id, at=start)
    checked_in = beijing(day, 7)
    for out, at in ((False, checked_in), (True, checked_in + timedelta(hours=hours))):
        await activities.check(
            _uow(engine), staff, activity_id=activity.id, signup_id=signup.id, out=out, at=at
        )
    await records.record_service(
        _uow(engine),
        staff,
        activity_id=activity.id,
        signup_id=signup.id,
        content="帮扶老人上下楼",
        timezone=settings.timezone,
        at=end,
    )
