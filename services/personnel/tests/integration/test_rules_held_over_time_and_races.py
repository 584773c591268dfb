"""Personnel's rules hold when requests race and when time passes, not only when checked once."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from uuid import UUID

import pytest
from nats.js import JetStreamContext
from personnel_testing import (
    known_grid,
    known_party_organization,
    outbox_subjects,
    register_person,
    row_counts,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.clock import local_today
from gridkit.messaging.streams import provision_stream
from gridkit.testing.graphql import GraphQLClient, serve
from gridkit.testing.waiting import eventually
from personnel.app import build_app
from personnel.config import PersonnelSettings

ASSIGN = """mutation($p: ID!, $g: ID!, $role: GridRole!, $on: Date!) {
  assignToGrid(personId: $p, gridId: $g, role: $role, startsOn: $on) { id role person { name } }
}"""
OPEN = """mutation($p: ID!, $o: ID!, $s: MembershipStatus!, $since: Date!) {
  openMembership(personId: $p, partyOrganizationId: $o, status: $s, since: $since) { status }
}"""
CHANGE = """mutation($p: ID!, $s: MembershipStatus!, $on: Date!) {
  changeMembershipStatus(personId: $p, status: $s, on: $on, note: "支部大会决定") { status }
}"""
ISSUE = """mutation($p: ID!, $to: ID!, $on: Date!, $dues: String!) {
  issueTransfer(personId: $p, toOrganizationId: $to, issuedOn: $on, duesPaidUntil: $dues) {
    id status
  }
}"""
RECEIVE = """mutation($id: ID!, $on: Date!) {
  receiveTransfer(id: $id, receivedOn: $on, receivedBy: "组织办") { status }
}"""
STAFFING = """query($code: String) {
  staffingReport(divisionCode: $code) { on complete incompleteGridCodes
    grids { code missing } }
}"""
TRANSFER = """query($id: ID!) { transfer(id: $id) { status } }"""


async def member(
    admin: GraphQLClient, organization: UUID, name: str, sequence: int, status: str = "FULL"
) -> str:
    person = await register_person(admin, name, born=date(1980, 1, 1), sequence=sequence)
    await admin.data(
        OPEN, {"p": person, "o": str(organization), "s": status, "since": "2015-07-01"}
    )
    return person


@pytest.fixture
def settings(personnel_settings: PersonnelSettings) -> PersonnelSettings:
    return personnel_settings


async def test_two_concurrent_leaders_for_one_grid_leave_exactly_one(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    grid = str(await known_grid(personnel_db, jetstream, settings, code="370112001001031"))
    first = await register_person(admin, "王一", sequence=31)
    second = await register_person(admin, "王二", sequence=32)

    answers = await asyncio.gather(
        *(
            admin.execute(
                ASSIGN, {"p": person, "g": grid, "role": "GRID_LEADER", "on": "2026-03-01"}
            )
            for person in (first, second)
        )
    )

    won = [a for a in answers if not a.get("errors")]
    lost = [a for a in answers if a.get("errors")]
    assert len(won) == 1, answers
    assert len(lost) == 1, answers
    assert lost[0]["errors"][0]["extensions"]["code"] == "ASSIGNMENT_ROLE_TAKEN"
    assert (await row_counts(personnel_db, "assignments"))["assignments"] == 1
    assert (await outbox_subjects(personnel_db)).count("personnel.assignment.started") == 1


async def test_many_concurrent_full_time_workers_for_one_grid_leave_exactly_one(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    organization = await known_party_organization(personnel_db, jetstream, settings)
    grid = str(await known_grid(personnel_db, jetstream, settings, code="370112001001032"))
    people = [await member(admin, organization, f"专职{n}", 40 + n) for n in range(6)]

    answers = await asyncio.gather(
        *(
            admin.execute(
                ASSIGN, {"p": person, "g": grid, "role": "FULL_TIME_WORKER", "on": "2026-03-01"}
            )
            for person in people
        )
    )

    codes = sorted(a["errors"][0]["extensions"]["code"] for a in answers if a.get("errors"))
    assert codes == ["ASSIGNMENT_ROLE_TAKEN"] * 5
    assert (await row_counts(personnel_db, "assignments"))["assignments"] == 1


async def test_a_successor_may_start_the_day_the_predecessor_stops(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    grid = str(await known_grid(personnel_db, jetstream, settings, code="370112001001033"))
    first = await register_person(admin, "李一", sequence=51)
    second = await register_person(admin, "李二", sequence=52)
    started = await admin.data(
        ASSIGN, {"p": first, "g": grid, "role": "GRID_INSTRUCTOR", "on": "2026-01-01"}
    )
    await admin.data(
        'mutation($id: ID!) { endAssignment(id: $id, on: "2026-05-01", reason: "调任") { id } }',
        {"id": started["assignToGrid"]["id"]},
    )

    successor = await admin.data(
        ASSIGN, {"p": second, "g": grid, "role": "GRID_INSTRUCTOR", "on": "2026-05-01"}
    )

    assert successor["assignToGrid"]["person"] == {"name": "李二"}


@pytest.mark.parametrize("lapse", ["LEFT", "EXPELLED"])
async def test_a_full_time_worker_who_is_no_longer_a_member_loses_the_role(
    lapse: str,
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    organization = await known_party_organization(personnel_db, jetstream, settings)
    code = "370112001001034"
    grid = str(await known_grid(personnel_db, jetstream, settings, code=code))
    worker = await member(admin, organization, "赵专职", 61)
    await admin.data(
        ASSIGN, {"p": worker, "g": grid, "role": "FULL_TIME_WORKER", "on": "2026-01-01"}
    )
    yesterday = (local_today(settings.timezone) - timedelta(days=1)).isoformat()

    await admin.data(CHANGE, {"p": worker, "s": lapse, "on": yesterday})

    async with personnel_db.connect() as connection:
        ended = (
            await connection.execute(
                text("SELECT ends_on, end_reason FROM assignments WHERE person_id = :p"),
                {"p": worker},
            )
        ).one()
    assert ended.ends_on.isoformat() == yesterday
    assert "party member" in ended.end_reason
    assert (await outbox_subjects(personnel_db))[-2:] == [
        "personnel.membership.changed",
        "personnel.assignment.ended",
    ]
    report = (await admin.data(STAFFING, {"code": code[:12]}))["staffingReport"]
    assert report["incompleteGridCodes"] == [code]
    assert "FULL_TIME_WORKER" in report["grids"][0]["missing"]


async def test_probation_cancelled_ends_a_probationary_full_time_worker(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    organization = await known_party_organization(personnel_db, jetstream, settings)
    grid = str(await known_grid(personnel_db, jetstream, settings, code="370112001001035"))
    worker = await register_person(admin, "孙预备", born=date(1995, 1, 1), sequence=62)
    await admin.data(
        OPEN, {"p": worker, "o": str(organization), "s": "PROBATIONARY", "since": "2025-09-01"}
    )
    await admin.data(
        ASSIGN, {"p": worker, "g": grid, "role": "FULL_TIME_WORKER", "on": "2026-01-01"}
    )

    await admin.data(CHANGE, {"p": worker, "s": "PROBATION_CANCELLED", "on": "2026-03-01"})

    async with personnel_db.connect() as connection:
        ends_on = await connection.scalar(
            text("SELECT ends_on FROM assignments WHERE person_id = :p"), {"p": worker}
        )
    assert ends_on == date(2026, 3, 1)


async def test_a_membership_needs_a_party_organisation_org_announced(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    person = await register_person(admin, "周申请", sequence=63)
    unknown = "7d3c7e2a-1b7a-4f6e-9a41-3f0c1d2e5b66"
    before = await row_counts(personnel_db, "memberships", "outbox")

    refused = await admin.execute(
        OPEN, {"p": person, "o": unknown, "s": "APPLICANT", "since": "2026-01-01"}
    )

    assert refused["errors"][0]["extensions"]["code"] == "PARTY_ORGANIZATION_NOT_FOUND"
    assert await row_counts(personnel_db, "memberships", "outbox") == before
    organization = await known_party_organization(
        personnel_db, jetstream, settings, organization_id=UUID(unknown)
    )
    opened = await admin.data(
        OPEN, {"p": person, "o": str(organization), "s": "APPLICANT", "since": "2026-01-01"}
    )
    assert opened == {"openMembership": {"status": "APPLICANT"}}


async def test_a_transfer_goes_to_a_party_organisation_org_announced(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    sender = await known_party_organization(personnel_db, jetstream, settings)
    person = await member(admin, sender, "吴党员", 64)
    before = await row_counts(personnel_db, "transfers", "outbox")

    refused = await admin.execute(
        ISSUE,
        {
            "p": person,
            "to": "9e8d7c6b-5a49-4838-a7b6-c5d4e3f2a1b0",
            "on": "2026-03-02",
            "dues": "2026-02",
        },
    )

    assert refused["errors"][0]["extensions"]["code"] == "PARTY_ORGANIZATION_NOT_FOUND"
    assert await row_counts(personnel_db, "transfers", "outbox") == before


async def test_a_receipt_cannot_be_dated_in_the_future(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    sender = await known_party_organization(personnel_db, jetstream, settings)
    receiver = await known_party_organization(personnel_db, jetstream, settings, name="第二支部")
    person = await member(admin, sender, "郑党员", 65)
    today = local_today(settings.timezone)
    issued = await admin.data(
        ISSUE,
        {
            "p": person,
            "to": str(receiver),
            "on": today.isoformat(),
            "dues": f"{today.year:04d}-{today.month:02d}",
        },
    )
    letter = issued["issueTransfer"]["id"]

    refused = await admin.execute(
        RECEIVE, {"id": letter, "on": (today + timedelta(days=1)).isoformat()}
    )

    assert refused["errors"][0]["extensions"]["code"] == "INVALID_DATE"
    assert await admin.data(TRANSFER, {"id": letter}) == {"transfer": {"status": "PENDING"}}
    received = await admin.data(RECEIVE, {"id": letter, "on": today.isoformat()})
    assert received == {"receiveTransfer": {"status": "RECEIVED"}}


async def test_a_letter_past_its_expiry_lapses_by_itself(
    personnel_settings: PersonnelSettings,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
) -> None:
    # Two replicas with a quick timer: the job runs on whichever holds its lock.
    quick = personnel_settings.model_copy(update={"transfer_expiry_seconds": 0.2})
    await provision_stream(jetstream, quick, "org")
    async with serve(build_app(quick)) as first, serve(build_app(quick)) as second:
        admin = GraphQLClient(first, quick).as_caller("ORG_ADMIN", division="370112")
        sender = await known_party_organization(personnel_db, jetstream, quick)
        receiver = await known_party_organization(personnel_db, jetstream, quick, name="第三支部")
        person = await member(admin, sender, "冯党员", 66)
        issued_on = local_today(quick.timezone) - timedelta(days=120)
        dues = f"{issued_on.year:04d}-{issued_on.month:02d}"
        issued = await admin.data(
            ISSUE, {"p": person, "to": str(receiver), "on": issued_on.isoformat(), "dues": dues}
        )
        letter = issued["issueTransfer"]["id"]
        other = GraphQLClient(second, quick).as_caller("ORG_ADMIN", division="370112")

        async def lapsed() -> bool:
            answer = await other.data(TRANSFER, {"id": letter})
            return bool(answer["transfer"]["status"] == "EXPIRED")

        await eventually(lapsed, within=15, what="the letter to lapse")

    assert (await outbox_subjects(personnel_db)).count("personnel.transfer.expired") == 1


async def test_today_is_the_date_in_the_configured_time_zone(
    personnel_settings: PersonnelSettings, personnel_db: AsyncEngine
) -> None:
    # Kiribati is 14 hours ahead of UTC: its date differs from UTC's for most of the day.
    zone = "Pacific/Kiritimati"
    ahead = personnel_settings.model_copy(update={"timezone": zone})
    async with serve(build_app(ahead)) as http:
        client = GraphQLClient(http, ahead).as_caller("ORG_ADMIN", division="370112")
        before = local_today(zone)
        answer = await client.data(STAFFING, {"code": "370112999"})
        after = local_today(zone)

    assert answer["staffingReport"]["on"] in {before.isoformat(), after.isoformat()}
