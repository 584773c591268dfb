"""A consumer applies each event once, in its aggregate's order, and dead-letters poison."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any
from uuid import UUID, uuid4

import orjson
import pytest
from nats.js import JetStreamContext
from sqlalchemy import Row, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gridkit.events import CloudEvent
from gridkit.messaging.consumer import EventConsumer
from gridkit.messaging.inbox import EventHandler
from gridkit.messaging.relay import OutboxRelay
from gridkit.messaging.tables import aggregate_positions, dead_letters, inbox, outbox
from gridkit.testing import eventually, running
from gridkit.uow import UnitOfWork

from .gridtest_service import (
    SERVICE,
    GridtestSettings,
    Widget,
    WidgetCreated,
    WidgetRenamed,
    applied,
    save_widget,
    translate,
    widgets,
)

pytestmark = pytest.mark.usefixtures("stream")

FAST_BACKOFF = (0.05, 0.1)


def unique_name() -> str:
    return f"test-{uuid4().hex[:10]}"


def recorder(consumer: str) -> EventHandler:
    """A handler that writes what it applied, in the runner's transaction."""

    async def apply(session: AsyncSession, event: CloudEvent) -> None:
        await session.execute(
            insert(applied).values(
                consumer=consumer,
                event_id=event.id,
                aggregate_id=event.subject,
                version=event.version,
                name=event.data.get("name"),
            )
        )

    return apply


def failing(message: str) -> EventHandler:
    async def apply(session: AsyncSession, event: CloudEvent) -> None:
        raise RuntimeError(message)

    return apply


def consumer_of(
    sessions: async_sessionmaker[AsyncSession],
    jetstream: JetStreamContext,
    settings: GridtestSettings,
    handler: EventHandler | None = None,
    **options: Any,
) -> EventConsumer:
    name = unique_name()
    return EventConsumer(
        sessions,
        jetstream,
        settings,
        name,
        SERVICE,
        "gridtest.widget.>",
        handler or recorder(name),
        **options,
    )


def renamed(widget_id: UUID, version: int | None, name: str) -> CloudEvent:
    event = CloudEvent.wrap(
        WidgetRenamed(widget_id=widget_id, name=name),
        source="/pioneer-grid/gridtest",
        aggregate_id=widget_id,
        version=version or 1,
    )
    return event if version is not None else event.model_copy(update={"sequence": None})


async def publish(
    jetstream: JetStreamContext,
    settings: GridtestSettings,
    event: CloudEvent,
    *,
    message_id: str | None = None,
) -> None:
    await jetstream.publish(
        settings.subject_for(event.type),
        event.to_json(),
        headers={"Nats-Msg-Id": message_id or event.id},
    )


async def publish_raw(
    jetstream: JetStreamContext, settings: GridtestSettings, data: bytes, message_id: str
) -> None:
    await jetstream.publish(
        settings.subject_for("gridtest.widget.renamed"), data, headers={"Nats-Msg-Id": message_id}
    )


async def applied_rows(engine: AsyncEngine, consumer: EventConsumer) -> Sequence[Row[Any]]:
    async with engine.connect() as conn:
        result = await conn.execute(
            select(applied).where(applied.c.consumer == consumer.name).order_by(applied.c.seq)
        )
        return result.all()


async def process_until(consumer: EventConsumer, done: Any, *, within: float = 15.0) -> None:
    """Let the consumer work until ``done()`` holds (bounded)."""

    async def worked() -> bool:
        await consumer.process_available(0.2)
        return bool(await done() if asyncio.iscoroutinefunction(done) else done())

    await eventually(worked, within=within)


async def test_a_running_consumer_applies_what_the_relay_publishes_in_order(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
    nats_server_url: str,
) -> None:
    widget = Widget.create("pump")
    widget.rename("pump 2")
    await save_widget(sessions, widget)
    consumer = consumer_of(sessions, jetstream, settings)
    relay = OutboxRelay(engine, nats_server_url, settings)

    async def applied_twice() -> bool:
        return len(await applied_rows(engine, consumer)) == 2

    async with running(relay, consumer):
        await eventually(applied_twice)
        widget.rename("pump 3")
        await save_widget(sessions, widget)
        await eventually(lambda: consumer.applied_total == 3)

    rows = await applied_rows(engine, consumer)
    assert [(row.version, row.name) for row in rows] == [(1, "pump"), (2, "pump 2"), (3, "pump 3")]
    async with engine.connect() as conn:
        assert await conn.scalar(select(aggregate_positions.c.version)) == 3


async def test_a_consumer_that_sees_the_same_event_twice_applies_it_once(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    event = renamed(uuid4(), 1, "first")
    await publish(jetstream, settings, event)
    # The same event once more, under another message id, so JetStream keeps both.
    await publish(jetstream, settings, event, message_id=f"{event.id}-again")
    consumer = consumer_of(sessions, jetstream, settings)

    await process_until(consumer, lambda: consumer.applied_total + consumer.duplicates_total == 2)

    assert consumer.applied_total == 1
    assert consumer.duplicates_total == 1
    assert [row.event_id for row in await applied_rows(engine, consumer)] == [event.id]
    async with engine.connect() as conn:
        assert await conn.scalar(select(inbox.c.event_id)) == UUID(event.id)


async def test_an_event_older_than_what_was_applied_is_a_duplicate(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    widget_id = uuid4()
    for version in (1, 2):
        await publish(jetstream, settings, renamed(widget_id, version, f"v{version}"))
    # A stale copy of version 1 with a fresh id (e.g. replayed by hand).
    await publish(jetstream, settings, renamed(widget_id, 1, "stale"))
    consumer = consumer_of(sessions, jetstream, settings)

    await process_until(consumer, lambda: consumer.applied_total + consumer.duplicates_total == 3)

    assert [row.name for row in await applied_rows(engine, consumer)] == ["v1", "v2"]
    assert consumer.duplicates_total == 1


async def test_an_out_of_order_event_waits_until_its_predecessor_is_applied(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    widget_id = uuid4()
    consumer = consumer_of(sessions, jetstream, settings, backoff=(0.2, 0.5, 1.0))
    await publish(jetstream, settings, renamed(widget_id, 2, "second"))

    await consumer.process_available(0.1)
    assert consumer.deferred_total >= 1
    assert consumer.failures_total == 0
    assert await applied_rows(engine, consumer) == []

    await publish(jetstream, settings, renamed(widget_id, 1, "first"))
    await process_until(consumer, lambda: consumer.applied_total == 2)

    rows = await applied_rows(engine, consumer)
    assert [(row.version, row.name) for row in rows] == [(1, "first"), (2, "second")]
    assert consumer.dead_lettered_total == 0


async def test_events_without_a_sequence_are_applied_as_they_come_without_a_position(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    widget_id = uuid4()
    for name in ("a", "b"):
        await publish(jetstream, settings, renamed(widget_id, None, name))
    consumer = consumer_of(sessions, jetstream, settings)

    await process_until(consumer, lambda: consumer.applied_total == 2)

    rows = await applied_rows(engine, consumer)
    assert [(row.version, row.name) for row in rows] == [(None, "a"), (None, "b")]
    async with engine.connect() as conn:
        assert (await conn.execute(select(aggregate_positions))).all() == []


async def test_a_handler_that_always_fails_lands_the_event_in_dead_letters_after_max_deliveries(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    event = renamed(uuid4(), 1, "doomed")
    await publish(jetstream, settings, event)
    consumer = consumer_of(
        sessions, jetstream, settings, failing("boom"), max_deliver=3, backoff=FAST_BACKOFF
    )

    await process_until(consumer, lambda: consumer.dead_lettered_total == 1)

    assert consumer.failures_total == 3
    async with engine.connect() as conn:
        [letter] = (await conn.execute(select(dead_letters))).all()
        assert (await conn.execute(select(inbox))).all() == []
    assert letter.consumer == consumer.name
    assert letter.event_id == event.id
    assert letter.subject == "gridtest.widget.renamed"
    assert letter.attempts == 3
    assert "RuntimeError: boom" in letter.error
    assert letter.envelope == orjson.loads(event.to_json())
    assert orjson.loads(letter.raw) == letter.envelope
    # Terminated: JetStream does not deliver it again.
    assert await consumer.process_available(0.3) == 0


async def test_an_unparseable_message_is_dead_lettered_at_once_and_the_next_one_applied(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    await publish_raw(jetstream, settings, b"{not json", "garbage-1")
    await publish_raw(jetstream, settings, b'{"id": "x", "source": "/elsewhere"}', "garbage-2")
    good = renamed(uuid4(), 1, "good")
    await publish(jetstream, settings, good)
    consumer = consumer_of(sessions, jetstream, settings)

    await process_until(consumer, lambda: consumer.applied_total == 1)

    assert consumer.dead_lettered_total == 2
    assert consumer.failures_total == 0
    async with engine.connect() as conn:
        letters = (await conn.execute(select(dead_letters).order_by(dead_letters.c.id))).all()
    assert [(row.event_id, row.attempts, row.envelope) for row in letters] == [
        ("garbage-1", 1, None),
        ("garbage-2", 1, {"id": "x", "source": "/elsewhere"}),
    ]
    assert letters[0].raw == "{not json"
    assert "PoisonMessage" in letters[0].error
    assert [row.event_id for row in await applied_rows(engine, consumer)] == [good.id]


async def test_a_slow_handler_does_not_make_jetstream_hand_its_batch_to_another_replica(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    name = unique_name()
    record = recorder(name)

    async def slow(session: AsyncSession, event: CloudEvent) -> None:
        await asyncio.sleep(0.5)  # twice JetStream's first ack wait below
        await record(session, event)

    def replica() -> EventConsumer:
        return EventConsumer(
            sessions,
            jetstream,
            settings,
            name,
            SERVICE,
            "gridtest.widget.>",
            slow,
            backoff=(0.25, 1.0),
        )

    widget_id = uuid4()
    for version in (1, 2, 3):
        await publish(jetstream, settings, renamed(widget_id, version, f"v{version}"))
    busy, idle = replica(), replica()
    await idle.start()
    working = asyncio.create_task(busy.process_available(0.5))
    await eventually(lambda: busy.applied_total == 1)
    # The other replica asks for work while the first batch is still in hand.
    assert await idle.process_available(1.0) == 0
    await working

    assert busy.applied_total == 3
    info = await jetstream.consumer_info(busy.stream, name)
    assert info.num_redelivered == 0


async def test_created_events_carry_the_contract_payload_to_the_handler(
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    widget_id = uuid4()
    seen: list[WidgetCreated] = []

    async def keep(session: AsyncSession, event: CloudEvent) -> None:
        seen.append(event.payload(WidgetCreated))

    created = CloudEvent.wrap(
        WidgetCreated(widget_id=widget_id, name="gear"),
        source="/pioneer-grid/gridtest",
        aggregate_id=widget_id,
        version=1,
    )
    await publish(jetstream, settings, created)
    consumer = consumer_of(sessions, jetstream, settings, keep)

    await process_until(consumer, lambda: consumer.applied_total == 1)

    assert seen == [WidgetCreated(widget_id=widget_id, name="gear")]


def _widget_from(event: CloudEvent) -> Widget:
    """A new widget named after the renamed one: what a consumer builds from an event."""
    return Widget.create(f"copy of {event.data['name']}")


async def _outbox_of(engine: AsyncEngine, subject: str) -> list[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(select(outbox.c.subject).where(outbox.c.subject == subject))
        return [row.subject for row in rows]


async def test_a_handlers_unit_of_work_joins_the_consumers_transaction(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    async def create_copy(session: AsyncSession, event: CloudEvent) -> None:
        async with UnitOfWork(session, service=SERVICE, translate=translate) as uow:
            widget = _widget_from(event)
            await uow.session.execute(
                insert(widgets).values(id=widget.id, name=widget.name, version=widget.version)
            )
            uow.track(widget)
            await uow.commit()

    event = renamed(uuid4(), 1, "sprocket")
    await publish(jetstream, settings, event)
    await publish(jetstream, settings, event, message_id=str(uuid4()))  # the same event again
    consumer = consumer_of(sessions, jetstream, settings, create_copy)

    await process_until(consumer, lambda: consumer.applied_total + consumer.duplicates_total == 2)

    async with engine.connect() as conn:
        names = (await conn.scalars(select(widgets.c.name))).all()
    assert names == ["copy of sprocket"]
    assert await _outbox_of(engine, "gridtest.widget.created") == ["gridtest.widget.created"]


async def test_a_joined_unit_of_work_that_fails_leaves_nothing_behind(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
) -> None:
    async def create_then_fail(session: AsyncSession, event: CloudEvent) -> None:
        async with UnitOfWork(session, service=SERVICE, translate=translate) as uow:
            widget = _widget_from(event)
            await uow.session.execute(
                insert(widgets).values(id=widget.id, name=widget.name, version=widget.version)
            )
            uow.track(widget)
            await uow.commit()
        raise RuntimeError("the handler fails after its unit of work wrote")

    await publish(jetstream, settings, renamed(uuid4(), 1, "cog"))
    consumer = consumer_of(
        sessions, jetstream, settings, create_then_fail, max_deliver=3, backoff=FAST_BACKOFF
    )

    await process_until(consumer, lambda: consumer.dead_lettered_total == 1)

    async with engine.connect() as conn:
        assert (await conn.scalars(select(widgets.c.name))).all() == []
    assert await _outbox_of(engine, "gridtest.widget.created") == []
