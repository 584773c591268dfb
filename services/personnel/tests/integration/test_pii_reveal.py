"""Personal numbers in full only for the PII scope, and one audit row per value revealed."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from nats.js import JetStreamContext
from personnel_testing import REGISTER, known_grid, national_id, person_input
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from gridkit.audit import pii_reads
from gridkit.auth import Caller
from gridkit.errors import Forbidden
from gridkit.pii import PiiProtector
from gridkit.testing.graphql import GraphQLClient
from personnel.config import PersonnelSettings
from personnel.domain.personal_number import PersonalNumber
from personnel.handlers.people import reveal_personal_number
from personnel.unit_of_work import PersonnelUnitOfWork

FIRST = national_id(date(1985, 6, 15), sequence=12)
SECOND = national_id(date(1990, 2, 2), male=False, sequence=40)
PEOPLE = "{ people { nodes { name nationalId phone } } }"
ASSIGN = """mutation($p: ID!, $g: ID!, $role: GridRole!) {
  assignToGrid(personId: $p, gridId: $g, role: $role, startsOn: "2026-01-01") { id }
}"""


async def audit_rows(engine: AsyncEngine) -> list[tuple[str, str, str, str]]:
    """(subject, purpose, entity id, operation) of every audited read, sorted."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(
                pii_reads.c.subject,
                pii_reads.c.purpose,
                pii_reads.c.entity_id,
                pii_reads.c.operation,
            )
        )
        return sorted(tuple(row) for row in rows)


async def two_people(admin: GraphQLClient) -> tuple[str, str]:
    first = await admin.data(
        REGISTER, person_input(name="张三", nationalId=FIRST, phone="13812345678")
    )
    second = await admin.data(REGISTER, person_input(name="李四", nationalId=SECOND))
    return first["registerPerson"]["id"], second["registerPerson"]["id"]


async def test_a_caller_without_the_pii_scope_gets_masked_numbers_and_no_audit_row(
    admin: GraphQLClient, personnel: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    await two_people(admin)
    officer = personnel.as_caller("OFFICER", subject="officer-1")

    data = await officer.data(PEOPLE)

    assert data["people"]["nodes"] == [
        {"name": "张三", "nationalId": FIRST[:4] + "*" * 10 + FIRST[-4:], "phone": "138****5678"},
        {"name": "李四", "nationalId": SECOND[:4] + "*" * 10 + SECOND[-4:], "phone": None},
    ]
    assert await audit_rows(personnel_db) == []


async def test_each_number_revealed_is_one_audit_row_and_a_missing_phone_none(
    admin: GraphQLClient, personnel: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    zhang, li = await two_people(admin)
    officer = personnel.as_caller("OFFICER", subject="officer-2", pii=True)

    data = await officer.data(PEOPLE)

    assert data["people"]["nodes"] == [
        {"name": "张三", "nationalId": FIRST, "phone": "13812345678"},
        {"name": "李四", "nationalId": SECOND, "phone": None},
    ]
    assert await audit_rows(personnel_db) == sorted(
        [
            ("officer-2", "national_id", zhang, "Person.nationalId"),
            ("officer-2", "phone", zhang, "Person.phone"),
            ("officer-2", "national_id", li, "Person.nationalId"),
        ]
    )


async def test_the_reveal_handler_refuses_a_caller_without_the_pii_scope(
    admin: GraphQLClient, personnel_db: AsyncEngine, personnel_settings: PersonnelSettings
) -> None:
    zhang, _ = await two_people(admin)
    uow = PersonnelUnitOfWork(
        async_sessionmaker(personnel_db, expire_on_commit=False),
        PiiProtector.from_settings(personnel_settings),
    )
    caller = Caller(subject="clerk-1", roles=frozenset({"ORG_ADMIN"}), pii=False)

    with pytest.raises(Forbidden):
        await reveal_personal_number(
            UUID(zhang), PersonalNumber.NATIONAL_ID, caller, uow, operation="test"
        )

    assert await audit_rows(personnel_db) == []


TEAM = """query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Grid { leader { name phone } staff { role person { name phone } } } } }"""


async def test_a_grid_teams_numbers_through_the_gateways_lookup_follow_the_same_rules(
    admin: GraphQLClient,
    personnel: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    personnel_settings: PersonnelSettings,
) -> None:
    grid = str(
        await known_grid(personnel_db, jetstream, personnel_settings, code="370112001001010")
    )
    zhang, _ = await two_people(admin)
    await admin.data(ASSIGN, {"p": zhang, "g": grid, "role": "GRID_LEADER"})
    reps = {"reps": [{"__typename": "Grid", "id": grid}, {"__typename": "Grid", "id": "nope"}]}

    masked = await personnel.as_caller("OFFICER", subject="officer-3").execute(TEAM, reps)
    shown = await personnel.as_caller("OFFICER", subject="officer-4", pii=True).execute(TEAM, reps)

    leader = {"name": "张三", "phone": "138****5678"}
    assert masked["data"]["_entities"] == [
        {"leader": leader, "staff": [{"role": "GRID_LEADER", "person": leader}]},
        None,
    ]
    leader = {"name": "张三", "phone": "13812345678"}
    assert shown["data"]["_entities"] == [
        {"leader": leader, "staff": [{"role": "GRID_LEADER", "person": leader}]},
        None,
    ]
    # the id that is no id is refused at its own place, with its code
    assert [(e["path"], e["extensions"]["code"]) for e in shown["errors"]] == [
        (["_entities", 1], "INVALID_ID")
    ]
    # each value shown in full is one audited read; the masked answer wrote none
    assert await audit_rows(personnel_db) == [
        ("officer-4", "phone", zhang, "Person.phone"),
        ("officer-4", "phone", zhang, "Person.phone"),
    ]
