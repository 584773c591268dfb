"""An activity from draft to service records: sign-ups, the waitlist, races for the last
places, check-in and check-out, and the refusals that change nothing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import (
    attended,
    count,
    known_grid,
    known_person,
    officer,
    resident,
)

from gridkit.testing.graphql import GraphQLClient
from volunteers.config import VolunteersSettings

DRAFT = """mutation($input: DraftActivityInput!) { draftActivity(input: $input) {
  id status shifts { id needed waitlistLimit placesLeft } } }"""
PUBLISH = "mutation($id: ID!) { publishActivity(activityId: $id) { status } }"
START = "mutation($id: ID!) { startActivity(activityId: $id) { status } }"
CANCEL = (
    "mutation($id: ID!, $why: String!) { cancelActivity(activityId: $id, reason: $why) { status } }"
)
REGISTER = "mutation($skills: [String!]) { registerVolunteer(skills: $skills) { id number } }"
SIGN_UP = """mutation($a: ID!, $s: ID!) { signUp(activityId: $a, shiftId: $s) {
  signup { id status waitlistPosition } activity { shifts { placesLeft } } } }"""
CANCEL_SIGNUP = """mutation($a: ID!, $s: ID!) { cancelSignup(activityId: $a, signupId: $s) {
  signup { status } activity { shifts { signups { status waitlistPosition } } } } }"""
CHECK_IN = """mutation($a: ID!, $s: ID!, $code: String) { checkIn(activityId: $a, signupId: $s,
  code: $code) { signup { status checkInMethod } } }"""
CHECK_OUT = """mutation($a: ID!, $s: ID!) { checkOut(activityId: $a, signupId: $s) {
  signup { status } } }"""
CHECK_OUT_WITH_CODE = """mutation($a: ID!, $s: ID!, $c: String) { checkOut(activityId: $a,
  signupId: $s, code: $c) { signup { status } } }"""
CODE = "mutation($a: ID!, $s: ID!) { issueCheckInCode(activityId: $a, signupId: $s) { code } }"
RECORD = """mutation($a: ID!, $s: ID!, $c: String!) { recordService(activityId: $a,
  signupId: $s, content: $c) { id hours content servedOn } }"""


def _later(hours: float) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


def _draft_input(
    grid_id: UUID, *, needed: int, waitlist: int = 0, skills: list[str] | None = None
) -> dict[str, Any]:
    return {
        "title": "电梯维修期间帮扶老人上下楼",
        "description": "维修期间每天两班，帮助1号楼老人上下楼、代买生活用品",
        "category": "ELDERLY_AND_DISABLED",
        "gridId": str(grid_id),
        "address": "香溢紫郡1号楼",
        "startsAt": _later(24),
        "endsAt": _later(30),
        "shifts": [
            {
                "startsAt": _later(24),
                "endsAt": _later(27),
                "needed": needed,
                "waitlistLimit": waitlist,
                "requiredSkills": skills or [],
                "label": "上午班",
            }
        ],
    }


async def _published(
    volunteers: GraphQLClient,
    db: AsyncEngine,
    js: JetStreamContext,
    settings: VolunteersSettings,
    *,
    needed: int,
    waitlist: int = 0,
    skills: list[str] | None = None,
) -> tuple[GraphQLClient, str, str, UUID]:
    grid_id = await known_grid(db, js, settings)
    organiser_id = await known_person(db, js, settings, name="李组织")
    organiser = officer(volunteers, organiser_id)
    drafted = await organiser.data(
        DRAFT, {"input": _draft_input(grid_id, needed=needed, waitlist=waitlist, skills=skills)}
    )
    activity = drafted["draftActivity"]
    assert activity["status"] == "DRAFT"
    await organiser.data(PUBLISH, {"id": activity["id"]})
    return organiser, activity["id"], activity["shifts"][0]["id"], organiser_id


async def _volunteer(
    volunteers: GraphQLClient,
    db: AsyncEngine,
    js: JetStreamContext,
    settings: VolunteersSettings,
    name: str,
    skills: list[str] | None = None,
) -> tuple[GraphQLClient, UUID]:
    person = await known_person(db, js, settings, name=name)
    client = resident(volunteers, person)
    await client.data(REGISTER, {"skills": skills or []})
    return client, person


async def test_a_full_shift_waitlists_and_a_cancellation_promotes_the_first_waiting(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, activity, shift, _ = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=1, waitlist=2
    )
    first, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "王芳")
    second, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "张伟")
    third, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "刘洋")

    confirmed = (await first.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]
    waiting = (await second.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]
    behind = (await third.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]

    assert confirmed["signup"]["status"] == "CONFIRMED"
    assert confirmed["activity"]["shifts"] == [{"placesLeft": 0}]
    assert (waiting["signup"]["status"], waiting["signup"]["waitlistPosition"]) == ("WAITLISTED", 1)
    assert (behind["signup"]["status"], behind["signup"]["waitlistPosition"]) == ("WAITLISTED", 2)

    cancelled = await first.data(CANCEL_SIGNUP, {"a": activity, "s": confirmed["signup"]["id"]})

    signups = cancelled["cancelSignup"]["activity"]["shifts"][0]["signups"]
    assert [s["status"] for s in signups] == ["CANCELLED", "CONFIRMED", "WAITLISTED"]
    assert signups[2]["waitlistPosition"] == 1


async def test_many_signing_up_at_once_never_confirm_more_than_the_places(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, activity, shift, _ = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=3
    )
    clients = [
        (await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, f"志愿者{i}"))[
            0
        ]
        for i in range(10)
    ]

    answers = await asyncio.gather(
        *(client.execute(SIGN_UP, {"a": activity, "s": shift}) for client in clients)
    )

    confirmed = [a for a in answers if not a.get("errors")]
    refused = [a["errors"][0]["extensions"]["code"] for a in answers if a.get("errors")]
    assert len(confirmed) == 3
    assert set(refused) <= {"SHIFT_FULL", "CONCURRENT_UPDATE"}
    assert refused.count("SHIFT_FULL") >= 1
    stored = "SELECT count(*) FROM signups WHERE shift_id = :s AND status = 'CONFIRMED'"
    assert await count(volunteers_db, stored, s=UUID(shift)) == 3


async def test_a_sign_up_without_a_required_skill_or_over_a_full_shift_changes_nothing(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, activity, shift, _ = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=1, skills=["FIRST_AID"]
    )
    medic, _ = await _volunteer(
        volunteers, volunteers_db, jetstream, volunteers_settings, "赵医生", ["FIRST_AID"]
    )
    layman, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "钱某")
    other_medic, _ = await _volunteer(
        volunteers, volunteers_db, jetstream, volunteers_settings, "孙护士", ["FIRST_AID"]
    )

    lacking = await layman.error(SIGN_UP, {"a": activity, "s": shift})
    await medic.data(SIGN_UP, {"a": activity, "s": shift})
    full = await other_medic.error(SIGN_UP, {"a": activity, "s": shift})

    assert lacking["extensions"]["code"] == "SKILL_MISSING"
    assert full["extensions"]["code"] == "SHIFT_FULL"
    assert "no waitlist" in full["message"]
    assert (
        await count(
            volunteers_db, "SELECT count(*) FROM signups WHERE shift_id = :s", s=UUID(shift)
        )
        == 1
    )


async def test_two_shifts_at_the_same_time_collide_for_one_volunteer(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, one, one_shift, _ = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=5
    )
    _, other, other_shift, _ = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=5
    )
    busy, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "周忙")

    await busy.data(SIGN_UP, {"a": one, "s": one_shift})
    collision = await busy.error(SIGN_UP, {"a": other, "s": other_shift})

    assert collision["extensions"]["code"] == "SIGNUP_COLLISION"


async def test_hours_run_from_check_in_to_check_out_and_only_the_organiser_records_them(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    organiser, activity, shift, organiser_id = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=2
    )
    helper, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "吴帮")
    signup = (await helper.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]["signup"]["id"]
    await organiser.data(START, {"id": activity})

    early = await organiser.error(CHECK_OUT, {"a": activity, "s": signup})
    assert early["extensions"]["code"] == "CHECK_OUT_BEFORE_CHECK_IN"

    # Checked in at 09:00 and out at 12:30 (moments only the handlers reach): 3.5 hours.
    nine = datetime.now(UTC) + timedelta(hours=24)
    await attended(
        volunteers_db,
        organiser_id,
        UUID(activity),
        UUID(signup),
        at=nine,
        hours=timedelta(hours=3, minutes=30),
    )

    not_theirs = await helper.error(RECORD, {"a": activity, "s": signup, "c": "帮扶老人"})
    assert not_theirs["extensions"]["code"] == "RECORD_NOT_ORGANISER"
    assert await count(volunteers_db, "SELECT count(*) FROM service_records") == 0

    record = await organiser.data(RECORD, {"a": activity, "s": signup, "c": "帮扶老人上下楼"})
    assert record["recordService"]["hours"] == "3.5"
    again = await organiser.error(RECORD, {"a": activity, "s": signup, "c": "帮扶老人上下楼"})
    assert again["extensions"]["code"] == "RECORD_ALREADY_EXISTS"


async def test_a_volunteer_checks_in_with_a_one_time_code_that_serves_once(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    organiser, activity, shift, _ = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=2
    )
    helper, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "郑码")
    signup = (await helper.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]["signup"]["id"]
    await organiser.data(START, {"id": activity})

    code = (await helper.data(CODE, {"a": activity, "s": signup}))["issueCheckInCode"]["code"]
    from_afar = await helper.error(CHECK_IN, {"a": activity, "s": signup, "code": code})
    wrong = await organiser.error(CHECK_IN, {"a": activity, "s": signup, "code": "WRONG234"})
    checked = await organiser.data(CHECK_IN, {"a": activity, "s": signup, "code": code})
    reused = await organiser.error(CHECK_OUT_WITH_CODE, {"a": activity, "s": signup, "c": code})

    assert from_afar["extensions"]["code"] == "ACTIVITY_NOT_ORGANISER"  # never self-checked
    assert wrong["extensions"]["code"] == "SIGNUP_CODE_INVALID"
    assert checked["checkIn"]["signup"] == {"status": "CHECKED_IN", "checkInMethod": "CODE"}
    assert reused["extensions"]["code"] in {"SIGNUP_CODE_USED", "SIGNUP_CODE_INVALID"}
    stored = "SELECT state::text FROM activities WHERE id = :a"
    async with volunteers_db.connect() as connection:
        document = await connection.scalar(text(stored), {"a": UUID(activity)})
    assert code not in document  # only the code's hash is kept


async def test_no_hours_come_from_a_cancelled_activity(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    organiser, activity, shift, organiser_id = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=2
    )
    helper, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "冯取")
    signup = (await helper.data(SIGN_UP, {"a": activity, "s": shift}))["signUp"]["signup"]["id"]
    await organiser.data(START, {"id": activity})
    nine = datetime.now(UTC) + timedelta(hours=24)
    await attended(
        volunteers_db, organiser_id, UUID(activity), UUID(signup), at=nine, hours=timedelta(hours=2)
    )
    await organiser.data(CANCEL, {"id": activity, "why": "暴雨预警"})

    refused = await organiser.error(RECORD, {"a": activity, "s": signup, "c": "帮扶老人"})

    assert refused["extensions"]["code"] == "ACTIVITY_CANCELLED"
    assert await count(volunteers_db, "SELECT count(*) FROM service_records") == 0


@pytest.mark.parametrize("retries", [2])
async def test_a_retried_sign_up_with_the_same_key_is_applied_once(
    retries: int,
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    _, activity, shift, _ = await _published(
        volunteers, volunteers_db, jetstream, volunteers_settings, needed=3
    )
    helper, _ = await _volunteer(volunteers, volunteers_db, jetstream, volunteers_settings, "陈重")
    keyed = SIGN_UP.replace("shiftId: $s)", 'shiftId: $s, clientMutationId: "k-1")')

    answers = [await helper.data(keyed, {"a": activity, "s": shift}) for _ in range(retries)]

    assert answers[0] == answers[1]
    assert (
        await count(
            volunteers_db, "SELECT count(*) FROM signups WHERE shift_id = :s", s=UUID(shift)
        )
        == 1
    )
