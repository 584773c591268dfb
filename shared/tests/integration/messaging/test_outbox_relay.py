"""The outbox relay publishes every committed event once, in order, whatever fails."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from uuid import uuid4

import nats
import pytest
from nats.js import JetStreamContext
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from gridkit.messaging.relay import OutboxRelay
from gridkit.messaging.tables import outbox
from gridkit.testing import (
    NatsServerProcess,
    eventually,
    running,
    stream_events,
    stream_messages,
    wait_for_event,
)

from .gridtest_service import GridtestSettings, Widget, save_widget, widgets

pytestmark = pytest.mark.usefixtures("stream")


async def unpublished(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
        )
    return int(count or 0)


async def all_published(engine: AsyncEngine) -> bool:
    return await unpublished(engine) == 0


async def test_each_committed_event_lands_once_on_the_stream_with_its_id_as_message_id(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
    nats_server_url: str,
    stream: str,
) -> None:
    widget = Widget.create("pump")
    widget.rename("water pump")
    widget.rename("water pump 2")
    envelopes = await save_widget(sessions, widget)
    relay = OutboxRelay(engine, nats_server_url, settings)
    try:
        assert await relay.publish_pending() == 3
        assert await relay.publish_pending() == 0
    finally:
        await relay.close()

    messages = await stream_messages(jetstream, stream)
    assert [m.headers and m.headers["Nats-Msg-Id"] for m in messages] == [e.id for e in envelopes]
    assert [m.subject for m in messages] == [settings.subject_for(e.type) for e in envelopes]
    assert await stream_events(jetstream, stream) == envelopes
    assert await unpublished(engine) == 0
    assert relay.published_total == 3
    assert relay.duplicates_total == 0


async def test_a_running_relay_is_woken_by_the_commit_without_waiting_for_its_poll(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    events_namespace: str,
    jetstream: JetStreamContext,
    nats_server_url: str,
) -> None:
    settings = GridtestSettings(events_namespace=events_namespace, relay_poll_seconds=60)
    relay = OutboxRelay(engine, nats_server_url, settings)
    async with running(relay):
        await eventually(lambda: relay.is_active)
        await asyncio.sleep(0.2)  # past its first pass: only a notification can wake it now
        [envelope] = await save_widget(sessions, Widget.create("bell"))
        event = await wait_for_event(
            jetstream,
            settings.subject_for("gridtest.widget.created"),
            timeout=5,
            where=lambda e: e.id == envelope.id,
        )
    assert event == envelope


async def test_a_failed_publish_stops_the_batch_so_later_events_never_overtake_it(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
    nats_server_url: str,
    stream: str,
) -> None:
    [first] = await save_widget(sessions, Widget.create("first"))
    async with engine.begin() as conn:
        # A subject outside the stream: JetStream has no one to store it.
        await conn.execute(
            insert(outbox).values(
                event_id=uuid4(),
                subject="nowhere.widget.lost",
                aggregate_type="widget",
                aggregate_id=uuid4(),
                aggregate_version=1,
                envelope={"id": "x"},
            )
        )
    [third] = await save_widget(sessions, Widget.create("third"))
    relay = OutboxRelay(engine, nats_server_url, settings)
    try:
        assert await relay.publish_pending() == 1
        assert await relay.publish_pending() == 0
    finally:
        await relay.close()

    assert [e.id for e in await stream_events(jetstream, stream)] == [first.id]
    async with engine.connect() as conn:
        rows = (await conn.execute(select(outbox).order_by(outbox.c.position))).all()
    assert [(row.published_at is not None, row.attempts) for row in rows] == [
        (True, 0),
        (False, 2),
        (False, 0),
    ]
    assert "NoStreamResponseError" in (rows[1].last_error or "")
    assert str(rows[2].event_id) == third.id
    assert relay.failures_total == 2


class SimulatedCrash(BaseException):
    """The process dies between the publish acknowledgements and the mark."""


class RelayThatCrashesBeforeMarking(OutboxRelay):
    async def _mark_published(self, conn: AsyncConnection, positions: Sequence[int]) -> None:
        raise SimulatedCrash


async def test_a_relay_killed_after_publishing_loses_nothing_and_publishes_nothing_twice(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
    nats_server_url: str,
    stream: str,
) -> None:
    widget = Widget.create("valve")
    widget.rename("valve 2")
    widget.rename("valve 3")
    envelopes = await save_widget(sessions, widget)

    crashing = RelayThatCrashesBeforeMarking(engine, nats_server_url, settings)
    with pytest.raises(SimulatedCrash):
        await crashing.publish_pending()
    await crashing.close()
    assert await unpublished(engine) == 3  # the marks died with the transaction
    assert len(await stream_messages(jetstream, stream)) == 2  # the first batch went out

    relay = OutboxRelay(engine, nats_server_url, settings)
    try:
        assert await relay.publish_pending() == 3
    finally:
        await relay.close()
    assert relay.duplicates_total == 2  # JetStream recognised the republished ids
    assert [e.id for e in await stream_events(jetstream, stream)] == [e.id for e in envelopes]
    assert await unpublished(engine) == 0


async def test_a_write_succeeds_while_nats_is_down_and_its_event_goes_out_when_nats_is_back(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    tmp_path: Path,
) -> None:
    broker = NatsServerProcess(tmp_path / "nats")  # not started: NATS is down
    relay = OutboxRelay(engine, broker.url, settings, max_retry_seconds=0.5)
    try:
        async with running(relay):
            widget = Widget.create("lamp")
            [created] = await save_widget(sessions, widget)
            async with engine.connect() as conn:
                assert await conn.scalar(select(widgets.c.name)) == "lamp"
            await eventually(lambda: relay.failures_total > 0)
            assert await unpublished(engine) == 1

            await asyncio.to_thread(broker.start)
            await eventually(lambda: all_published(engine), within=30)

            # Down again while the relay is connected, then back.
            await asyncio.to_thread(broker.stop)
            widget.rename("lamp 2")
            [renamed] = await save_widget(sessions, widget)
            await asyncio.sleep(0.5)
            assert await unpublished(engine) == 1
            await asyncio.to_thread(broker.start)
            await eventually(lambda: all_published(engine), within=30)

        connection = await nats.connect(broker.url)
        try:
            events = await stream_events(connection.jetstream(), settings.stream_name)
        finally:
            await connection.close()
        assert [e.id for e in events] == [created.id, renamed.id]
    finally:
        await asyncio.to_thread(broker.stop)


async def test_a_standby_relay_takes_over_when_the_active_ones_lock_connection_dies(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    settings: GridtestSettings,
    jetstream: JetStreamContext,
    nats_server_url: str,
) -> None:
    # The first relay waits longer before trying again, so the standby wins the race.
    first = OutboxRelay(engine, nats_server_url, settings, standby_retry_seconds=3)
    standby = OutboxRelay(engine, nats_server_url, settings, standby_retry_seconds=0.05)
    async with running(first):
        await eventually(lambda: first.is_active)
        async with running(standby):
            await asyncio.sleep(0.3)
            assert not standby.is_active

            async with engine.connect() as conn:
                await conn.execute(
                    text("SELECT pg_terminate_backend(:pid)"),
                    {"pid": first.leadership.backend_pid},
                )
            await eventually(lambda: standby.is_active)
            assert not first.is_active

            [envelope] = await save_widget(sessions, Widget.create("gear"))
            await wait_for_event(
                jetstream,
                settings.subject_for("gridtest.widget.created"),
                timeout=5,
                where=lambda e: e.id == envelope.id,
            )
            await eventually(lambda: standby.published_total == 1)
            assert first.published_total == 0
