"""A case that closes in the cases service adds its handler's cadre record (干部纪实), once."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from uuid import UUID, uuid4

from nats.js import JetStreamContext
from personnel_testing import register_person
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.contracts import cases as contracts
from gridkit.testing.events import publish_as
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from personnel.config import PersonnelSettings

RECORDS = """query($p: ID!) {
  cadreRecords(personId: $p) { nodes { on category content linkedCaseId recordedBy } }
}"""


def closed(case_id: UUID, handler: UUID | None, *, at: datetime) -> contracts.CaseClosed:
    """The event cases publishes when the satisfaction visit closes a case."""
    actor = (
        contracts.CaseActor(subject="u-1", name="李网格员", role="GRID_WORKER", person_id=handler)
        if handler
        else None
    )
    return contracts.CaseClosed(
        case_id=case_id,
        number="2026-000123",
        title="1号楼西侧电梯夜间噪音扰民",
        category_code="ELEVATOR",
        priority="NORMAL",
        status="CLOSED",
        level="SUBDISTRICT",
        grid_id=uuid4(),
        division_code="370112001001",
        satisfaction="SATISFIED",
        on_time=True,
        handler=actor,
        at=at,
        actor=contracts.CaseActor(subject="u-9", name="张回访员", role="COMMUNITY_OFFICER"),
    )


async def consumed(engine: AsyncEngine, event_id: str) -> bool:
    async with engine.connect() as connection:
        found = await connection.scalar(
            text("SELECT 1 FROM inbox WHERE event_id = :id"), {"id": UUID(event_id)}
        )
    return found is not None


async def test_a_closed_case_adds_one_record_to_its_handler_however_often_it_arrives(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    personnel_settings: PersonnelSettings,
    jetstream: JetStreamContext,
) -> None:
    handler = await register_person(admin, "李网格员")
    case_id = uuid4()
    # 17:30 UTC on 17 June is already 18 June in Beijing: the record takes the local date.
    event = closed(case_id, UUID(handler), at=datetime(2026, 6, 17, 17, 30, tzinfo=UTC))
    first = await publish_as(jetstream, personnel_settings, event, aggregate_id=case_id, version=9)
    # Redelivered with a new message id, then closed again after a reopening (a later version).
    await publish_as(
        jetstream,
        personnel_settings,
        event,
        aggregate_id=case_id,
        version=9,
        message_id=str(uuid4()),
    )
    again = await publish_as(jetstream, personnel_settings, event, aggregate_id=case_id, version=14)
    await eventually(lambda: consumed(personnel_db, again.id), within=15, what="the second closure")

    records = (await admin.data(RECORDS, {"p": handler}))["cadreRecords"]["nodes"]
    assert records == [
        {
            "on": "2026-06-18",
            "category": "CASE_HANDLING",
            "content": "办结诉求 2026-000123：1号楼西侧电梯夜间噪音扰民",
            "linkedCaseId": str(case_id),
            "recordedBy": "案件办理系统",
        }
    ]
    assert await consumed(personnel_db, first.id)


async def test_a_case_closed_by_someone_personnel_does_not_know_adds_nothing(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    personnel_settings: PersonnelSettings,
    jetstream: JetStreamContext,
) -> None:
    colleague = await register_person(admin, "王同事")
    stranger, anonymous = uuid4(), uuid4()
    at = datetime(2026, 6, 18, 9, 0, tzinfo=UTC)
    for case_id, handler in ((stranger, uuid4()), (anonymous, None)):
        sent = await publish_as(
            jetstream, personnel_settings, closed(case_id, handler, at=at), aggregate_id=case_id
        )
        await eventually(partial(consumed, personnel_db, sent.id), within=15, what="the event")

    async with personnel_db.connect() as connection:
        count = await connection.scalar(text("SELECT count(*) FROM cadre_records"))
        dead = await connection.scalar(text("SELECT count(*) FROM dead_letters"))
    assert (count, dead) == (0, 0)
    assert (await admin.data(RECORDS, {"p": colleague}))["cadreRecords"]["nodes"] == []
