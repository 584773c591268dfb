"""Organisation transfers (组织关系转接): a member stays with the sender until the receipt."""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from personnel_testing import outbox_subjects, register_person, row_counts
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient

SENDER = "5b0ab3d7-3d1d-4c8e-a1a5-9d1f0b9f2a11"
RECEIVER = "7c1bc4e8-4e2e-4d9f-b2b6-ae2f1cafb322"
KNOWN_PARTY_ORGANIZATIONS = (
    SENDER,
    RECEIVER,
)
"""Announced by org before each test: memberships and letters name them."""
pytestmark = pytest.mark.usefixtures("party_organizations")

OPEN = """mutation($p: ID!, $o: ID!, $s: MembershipStatus!) {
  openMembership(personId: $p, partyOrganizationId: $o, status: $s, since: "2015-07-01") {
    status
  }
}"""
LETTER = """id status issuedOn duesPaidUntil expiresOn receivedOn receivedBy
  person { name } fromOrganization { id } toOrganization { id }"""
ISSUE = f"""mutation($p: ID!, $to: ID!, $on: Date!, $dues: String!) {{
  issueTransfer(personId: $p, toOrganizationId: $to, issuedOn: $on, duesPaidUntil: $dues) {{
    {LETTER}
  }}
}}"""
RECEIVE = f"""mutation($id: ID!, $on: Date!) {{
  receiveTransfer(id: $id, receivedOn: $on) {{ {LETTER} }}
}}"""
EXPIRE = """mutation($asOf: Date!, $division: String) {
  expireTransfers(asOf: $asOf, divisionCode: $division) { id status person { name } }
}"""
ORGANIZATION_OF = """query($id: ID!) {
  person(id: $id) { membership { partyOrganization { id } } }
}"""


async def member(
    admin: GraphQLClient,
    name: str,
    *,
    sequence: int = 12,
    division_code: str = "370112001001",
    status: str = "FULL",
) -> str:
    person = await register_person(admin, name, sequence=sequence, division_code=division_code)
    await admin.data(OPEN, {"p": person, "o": SENDER, "s": status})
    return person


def issue(person: str, on: str, dues: str, to: str = RECEIVER) -> dict[str, Any]:
    return {"p": person, "to": to, "on": on, "dues": dues}


async def organization_of(client: GraphQLClient, person: str) -> str:
    data = await client.data(ORGANIZATION_OF, {"id": person})
    organization: str = data["person"]["membership"]["partyOrganization"]["id"]
    return organization


async def test_a_received_letter_moves_the_member_to_the_new_organisation(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    person = await member(admin, "王党员")
    issued = (await admin.data(ISSUE, issue(person, "2026-09-10", "2026-08")))["issueTransfer"]
    assert {k: v for k, v in issued.items() if k != "id"} == {
        "status": "PENDING",
        "issuedOn": "2026-09-10",
        "duesPaidUntil": "2026-08",
        "expiresOn": "2026-12-10",
        "receivedOn": None,
        "receivedBy": None,
        "person": {"name": "王党员"},
        "fromOrganization": {"id": SENDER},
        "toOrganization": {"id": RECEIVER},
    }
    assert await organization_of(admin, person) == SENDER

    received = await admin.data(RECEIVE, {"id": issued["id"], "on": "2026-10-08"})
    assert received["receiveTransfer"]["status"] == "RECEIVED"
    assert received["receiveTransfer"]["receivedOn"] == "2026-10-08"
    assert received["receiveTransfer"]["receivedBy"] == "区组织部 李干事"
    assert await organization_of(admin, person) == RECEIVER
    assert await outbox_subjects(personnel_db) == [
        "personnel.person.registered",
        "personnel.membership.changed",
        "personnel.transfer.issued",
        "personnel.membership.transferred",
        "personnel.transfer.received",
    ]

    # A received letter cannot be received again.
    again = await admin.error(RECEIVE, {"id": issued["id"], "on": "2026-10-09"})
    assert again["extensions"]["code"] == "TRANSFER_NOT_PENDING"


async def test_refused_letters_change_nothing(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    person = await member(admin, "王党员", sequence=1)
    applicant = await member(admin, "李申请", sequence=2, status="APPLICANT")
    outsider = await register_person(admin, "赵群众", sequence=3)
    before = await row_counts(personnel_db, "transfers", "memberships", "outbox")

    refusals = [
        (issue(person, "2026-09-10", "2026-07"), "TRANSFER_DUES_UNPAID"),
        (issue(person, "2026-09-10", "2026-8"), "INVALID_MONTH"),
        (issue(person, "2026-09-10", "2026-08", to=SENDER), "TRANSFER_SAME_ORGANIZATION"),
        (issue(applicant, "2026-09-10", "2026-08"), "TRANSFER_NOT_A_MEMBER"),
        (issue(outsider, "2026-09-10", "2026-08"), "MEMBERSHIP_NOT_FOUND"),
        (issue(RECEIVER, "2026-09-10", "2026-08"), "PERSON_NOT_FOUND"),
    ]
    for variables, code in refusals:
        error = await admin.error(ISSUE, variables)
        assert error["extensions"]["code"] == code, (variables, error)

    unpaid = await admin.error(ISSUE, issue(person, "2026-09-10", "2026-07"))
    assert unpaid["message"] == (
        "Party dues (党费) are paid up to 2026-07; a letter issued on 2026-09-10 needs them "
        "paid up to 2026-08 at least"
    )
    assert await row_counts(personnel_db, "transfers", "memberships", "outbox") == before


async def test_one_pending_letter_at_a_time_until_it_lapses(admin: GraphQLClient) -> None:
    person = await member(admin, "王党员")
    first = (await admin.data(ISSUE, issue(person, "2026-01-15", "2025-12")))["issueTransfer"]

    pending = await admin.error(ISSUE, issue(person, "2026-04-14", "2026-03"))
    assert pending["extensions"]["code"] == "TRANSFER_ALREADY_PENDING"
    assert pending["extensions"]["details"] == {"transfer_id": first["id"]}

    # On the day the first letter lapses, a new one may be issued; the first is expired with it.
    second = await admin.data(ISSUE, issue(person, "2026-04-15", "2026-03"))
    assert second["issueTransfer"]["status"] == "PENDING"
    letters = await admin.data(
        "query($p: ID!) { transfers(personId: $p) { nodes { id status issuedOn } } }",
        {"p": person},
    )
    assert letters["transfers"]["nodes"] == [
        {"id": first["id"], "status": "EXPIRED", "issuedOn": "2026-01-15"},
        {"id": second["issueTransfer"]["id"], "status": "PENDING", "issuedOn": "2026-04-15"},
    ]


async def test_two_letters_issued_at_once_make_one_pending_letter(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    person = await member(admin, "王党员")
    answers = await asyncio.gather(
        *(admin.execute(ISSUE, issue(person, "2026-09-10", "2026-08")) for _ in range(3))
    )
    codes = sorted(a["errors"][0]["extensions"]["code"] for a in answers if "errors" in a)
    assert codes == ["TRANSFER_ALREADY_PENDING"] * 2
    assert await row_counts(personnel_db, "transfers") == {"transfers": 1}


async def test_an_unreceived_letter_lapses_and_the_member_stays(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    person = await member(admin, "王党员")
    letter = (await admin.data(ISSUE, issue(person, "2026-01-15", "2025-12")))["issueTransfer"]
    assert letter["expiresOn"] == "2026-04-15"

    before = await row_counts(personnel_db, "outbox")
    late = await admin.error(RECEIVE, {"id": letter["id"], "on": "2026-04-15"})
    assert late["extensions"]["code"] == "TRANSFER_EXPIRED"
    assert await row_counts(personnel_db, "outbox") == before

    not_yet = await admin.data(EXPIRE, {"asOf": "2026-04-14"})
    assert not_yet["expireTransfers"] == []
    lapsed = await admin.data(EXPIRE, {"asOf": "2026-04-15"})
    assert lapsed["expireTransfers"] == [
        {"id": letter["id"], "status": "EXPIRED", "person": {"name": "王党员"}}
    ]
    assert (await admin.data(EXPIRE, {"asOf": "2026-04-16"}))["expireTransfers"] == []

    gone = await admin.error(RECEIVE, {"id": letter["id"], "on": "2026-03-01"})
    assert gone["extensions"]["code"] == "TRANSFER_NOT_PENDING"
    assert await organization_of(admin, person) == SENDER
    assert (await outbox_subjects(personnel_db))[-1] == "personnel.transfer.expired"

    tomorrow = (datetime.now(UTC).date() + timedelta(days=2)).isoformat()
    ahead = await admin.error(EXPIRE, {"asOf": tomorrow})
    assert ahead["extensions"]["code"] == "INVALID_DATE"


async def test_a_receipt_before_issue_is_refused(admin: GraphQLClient) -> None:
    person = await member(admin, "王党员")
    letter = (await admin.data(ISSUE, issue(person, "2026-09-10", "2026-08")))["issueTransfer"]
    early = await admin.error(RECEIVE, {"id": letter["id"], "on": "2026-09-09"})
    assert early["extensions"]["code"] == "INVALID_DATE"
    unknown = await admin.error(RECEIVE, {"id": SENDER, "on": "2026-09-11"})
    assert unknown["extensions"]["code"] == "TRANSFER_NOT_FOUND"


async def test_transfers_need_an_org_admin_within_scope(
    admin: GraphQLClient, personnel: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    here = await member(admin, "王党员", sequence=1, division_code="370112001001")
    there = await member(admin, "李党员", sequence=2, division_code="370112002001")
    elsewhere = personnel.as_caller("ORG_ADMIN", division="370112002", name="街道 张干事")

    assert (await personnel.error(ISSUE, issue(here, "2026-01-15", "2025-12")))["extensions"][
        "code"
    ] == "UNAUTHENTICATED"
    officer = personnel.as_caller("OFFICER", division="370112")
    assert (await officer.error(ISSUE, issue(here, "2026-01-15", "2025-12")))["extensions"][
        "code"
    ] == "FORBIDDEN"
    outside = await elsewhere.error(ISSUE, issue(here, "2026-01-15", "2025-12"))
    assert outside["extensions"]["code"] == "FORBIDDEN"
    assert await row_counts(personnel_db, "transfers") == {"transfers": 0}

    await admin.data(ISSUE, issue(here, "2026-01-15", "2025-12"))
    await admin.data(ISSUE, issue(there, "2026-01-15", "2025-12"))
    # Left without a division, expiry covers the caller's scope only.
    lapsed = await elsewhere.data(EXPIRE, {"asOf": "2026-05-01"})
    assert [letter["person"]["name"] for letter in lapsed["expireTransfers"]] == ["李党员"]
    refused = await elsewhere.error(EXPIRE, {"asOf": "2026-05-01", "division": "370112001"})
    assert refused["extensions"]["code"] == "FORBIDDEN"


async def test_letters_are_listed_page_by_page(admin: GraphQLClient) -> None:
    people = [await member(admin, f"党员{i}", sequence=i) for i in range(1, 4)]
    for day, person in zip(("2026-03-02", "2026-03-01", "2026-03-03"), people, strict=True):
        await admin.data(ISSUE, issue(person, day, "2026-02"))
    page = """query($to: ID!, $after: String) {
      transfers(toOrganizationId: $to, status: PENDING, first: 2, after: $after) {
        totalCount nodes { issuedOn person { name } }
        pageInfo { hasNextPage endCursor }
      }
    }"""
    first = (await admin.data(page, {"to": RECEIVER}))["transfers"]
    assert first["totalCount"] == 3
    assert [n["person"]["name"] for n in first["nodes"]] == ["党员2", "党员1"]
    assert first["pageInfo"]["hasNextPage"] is True
    cursor = first["pageInfo"]["endCursor"]
    rest = (await admin.data(page, {"to": RECEIVER, "after": cursor}))["transfers"]
    assert rest["nodes"] == [{"issuedOn": "2026-03-03", "person": {"name": "党员3"}}]
    assert rest["pageInfo"]["hasNextPage"] is False

    forged_cursor = base64.urlsafe_b64encode(b'["not a date", "x"]').decode()
    forged = await admin.error(page, {"to": RECEIVER, "after": forged_cursor})
    assert forged["extensions"]["code"] == "INVALID_CURSOR"
