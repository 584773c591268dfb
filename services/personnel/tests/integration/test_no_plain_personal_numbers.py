"""No full ID or mobile number is stored, logged or published, whatever the records go through."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from nats.js import JetStreamContext
from personnel_testing import (
    REGISTER,
    known_party_organization,
    national_id,
    person_input,
)
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.messaging.tables import outbox
from gridkit.testing.events import stream_messages
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.plaintext import plain_numbers_in, plain_numbers_in_database, table_contents
from gridkit.testing.waiting import eventually
from personnel.config import PersonnelSettings

NUMBER = national_id(date(1979, 9, 9), sequence=33)
PHONE = "13712345678"
REVEAL = """query($id: ID!) { person(id: $id) { nationalId phone } }"""


async def test_every_table_every_event_and_the_log_hold_masked_numbers_only(
    admin: GraphQLClient,
    personnel: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    personnel_settings: PersonnelSettings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    organization = await known_party_organization(personnel_db, jetstream, personnel_settings)
    created = await admin.data(REGISTER, person_input(nationalId=NUMBER, phone=PHONE))
    person = created["registerPerson"]["id"]
    await admin.data(
        """mutation($p: ID!, $o: ID!) { openMembership(personId: $p, partyOrganizationId: $o,
             status: FULL, since: "2010-07-01") { status } }""",
        {"p": person, "o": str(organization)},
    )
    await admin.data(
        """mutation($p: ID!) { updatePerson(input: {personId: $p, phone: "13800001111"}) {
             id } }""",
        {"p": person},
    )
    officer = personnel.as_caller("ORG_ADMIN", division="370112", pii=True, subject="officer-9")
    revealed = await officer.data(REVEAL, {"id": person})
    assert revealed == {"person": {"nationalId": NUMBER, "phone": "13800001111"}}

    async def published() -> bool:
        async with personnel_db.connect() as connection:
            pending = await connection.scalar(
                select(outbox.c.position).where(outbox.c.published_at.is_(None)).limit(1)
            )
        return pending is None

    await eventually(published, within=15, what="the outbox to drain")

    tables = await table_contents(personnel_db)
    assert {"persons", "memberships", "pii_reads", "outbox"} <= tables.keys()
    assert NUMBER[-4:] in tables["persons"]  # the scan reads real rows (the masked copy)
    assert await plain_numbers_in_database(personnel_db) == {}
    messages = await stream_messages(jetstream, personnel_settings.stream_name)
    assert len(messages) >= 3
    assert plain_numbers_in(m.data.decode() for m in messages) == []
    assert plain_numbers_in([caplog.text]) == []
