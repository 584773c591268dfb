"""Changes to people, the members of a party organisation, and what leaves the service."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from nats.js import JetStreamContext
from personnel_testing import REGISTER, national_id, person_input
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.messaging.tables import outbox
from gridkit.testing.events import stream_events
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from personnel.config import PersonnelSettings

UPDATE = """mutation($input: UpdatePersonInput!) {
  updatePerson(input: $input) { name phone address divisionCode }
}"""
ORGANIZATION = "0d6f1b8e-6a51-4c53-9d3f-5b7f0e1c2a44"
KNOWN_PARTY_ORGANIZATIONS = (ORGANIZATION,)
"""Announced by org before each test: memberships and letters name them."""
pytestmark = pytest.mark.usefixtures("party_organizations")


async def test_an_update_changes_only_what_was_given(admin: GraphQLClient) -> None:
    created = await admin.data(REGISTER, person_input(phone="13800000000", address="一号楼"))
    person = created["registerPerson"]["id"]
    data = await admin.data(UPDATE, {"input": {"personId": person, "phone": "13911112222"}})
    assert data["updatePerson"] == {
        "name": "张三",
        "phone": "139****2222",
        "address": "一号楼",
        "divisionCode": "370112001001",
    }
    cleared = await admin.data(UPDATE, {"input": {"personId": person, "address": None}})
    assert cleared["updatePerson"]["address"] is None
    error = await admin.error(UPDATE, {"input": {"personId": person, "phone": "12345"}})
    assert error["extensions"]["code"] == "INVALID_PHONE"


async def test_a_party_organisation_lists_its_members(
    admin: GraphQLClient, personnel: GraphQLClient
) -> None:
    names = []
    for sequence, (name, status) in enumerate(
        [("甲党员", "FULL"), ("乙预备", "PROBATIONARY"), ("丙积极", "ACTIVIST")], start=20
    ):
        created = await admin.data(
            REGISTER,
            person_input(name=name, nationalId=national_id(date(1980, 1, 1), sequence=sequence)),
        )
        await admin.data(
            """mutation($p: ID!, $o: ID!, $s: MembershipStatus!) {
                 openMembership(personId: $p, partyOrganizationId: $o, status: $s,
                                since: "2020-01-01") { status } }""",
            {"p": created["registerPerson"]["id"], "o": ORGANIZATION, "s": status},
        )
        names.append(name)
    query = """query($reps: [_Any!]!, $all: Boolean!) { _entities(representations: $reps) {
      ... on PartyOrganization {
        members(includeCandidates: $all) { totalCount nodes { name } }
      } } }"""
    reps = [{"__typename": "PartyOrganization", "id": ORGANIZATION}]
    members = await admin.data(query, {"reps": reps, "all": False})
    assert members["_entities"][0]["members"] == {
        "totalCount": 2,
        "nodes": [{"name": "乙预备"}, {"name": "甲党员"}],
    }
    everyone = await admin.data(query, {"reps": reps, "all": True})
    assert everyone["_entities"][0]["members"]["totalCount"] == 3


async def test_registering_publishes_one_event_without_the_plain_numbers(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    personnel_settings: PersonnelSettings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    number = national_id(date(1979, 9, 9), sequence=33)
    created = await admin.data(REGISTER, person_input(nationalId=number, phone="13712345678"))
    person = created["registerPerson"]["id"]

    async def published() -> bool:
        async with personnel_db.connect() as connection:
            pending = await connection.scalar(
                select(outbox.c.position).where(outbox.c.published_at.is_(None)).limit(1)
            )
        return pending is None

    await eventually(published, within=15, what="the outbox to drain")
    events = [
        e
        for e in await stream_events(
            jetstream,
            personnel_settings.stream_name,
            personnel_settings.subject_for("personnel.person.>"),
        )
        if e.subject == person
    ]
    assert [e.type for e in events] == ["personnel.person.registered"]
    payload = events[0].to_json().decode()
    assert events[0].data["national_id_masked"] == number[:4] + "*" * 10 + number[-4:]
    for secret in (number, "13712345678", number[6:14]):
        assert secret not in payload
        assert secret not in caplog.text
