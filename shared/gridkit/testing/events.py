"""Read what a JetStream stream holds, the way a test wants to see it."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Callable
from uuid import UUID

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

from gridkit.contracts.base import IntegrationEvent
from gridkit.events import CloudEvent
from gridkit.settings import ServiceSettings


async def publish_as(
    js: JetStreamContext,
    settings: ServiceSettings,
    payload: IntegrationEvent,
    *,
    aggregate_id: UUID,
    version: int = 1,
    message_id: str | None = None,
) -> CloudEvent:
    """Publish ``payload`` as its producing service would (the service its type names).

    A consuming service's tests announce other services' aggregates this way; the same
    ``message_id`` twice is JetStream's duplicate, a new one with the same envelope is a
    redelivery the inbox must catch."""
    service = payload.event_type.partition(".")[0]
    envelope = CloudEvent.wrap(
        payload, source=f"/pioneer-grid/{service}", aggregate_id=aggregate_id, version=version
    )
    await js.publish(
        settings.subject_for(payload.event_type),
        envelope.to_json(),
        headers={"Nats-Msg-Id": message_id or envelope.id},
    )
    return envelope


async def stream_messages(
    js: JetStreamContext,
    stream: str,
    subject_filter: str | None = None,
    *,
    timeout: float = 10.0,  # noqa: ASYNC109 - a bound on reading, the name tests expect
) -> list[Msg]:
    """Every message of ``stream`` (matching ``subject_filter``, a wire subject), in order.

    Reads through a short-lived consumer of its own, so it changes nothing
    for the stream's other consumers.
    """
    async with _reader(js, stream, subject_filter) as (subscription, expected):
        messages: list[Msg] = []
        async with asyncio.timeout(timeout):
            while len(messages) < expected:
                try:
                    batch = await subscription.fetch(min(expected - len(messages), 256), timeout=1)
                except TimeoutError:  # nothing yet: nats-py's or the builtin one
                    continue
                for message in batch:
                    await message.ack()
                messages.extend(batch)
        return messages


async def stream_events(
    js: JetStreamContext, stream: str, subject_filter: str | None = None
) -> list[CloudEvent]:
    """Every event of ``stream`` (matching ``subject_filter``), parsed, in order."""
    return [
        CloudEvent.from_json(message.data)
        for message in await stream_messages(js, stream, subject_filter)
    ]


async def wait_for_event(
    js: JetStreamContext,
    subject: str,
    *,
    timeout: float = 10.0,  # noqa: ASYNC109 - a bound on waiting, the name tests expect
    where: Callable[[CloudEvent], bool] | None = None,
    stream: str | None = None,
) -> CloudEvent:
    """The first event on ``subject`` (a wire subject, wildcards allowed) that satisfies
    ``where``, from the start of the stream, waiting up to ``timeout`` seconds for it.

    Raises ``TimeoutError`` naming the subject when none comes.
    """
    stream = stream or await js.find_stream_name_by_subject(subject)
    try:
        async with asyncio.timeout(timeout), _reader(js, stream, subject) as (subscription, _):
            while True:
                try:
                    batch = await subscription.fetch(64, timeout=0.5)
                except TimeoutError:  # nothing yet: nats-py's or the builtin one
                    continue
                for message in batch:
                    await message.ack()
                    event = CloudEvent.from_json(message.data)
                    if where is None or where(event):
                        return event
    except TimeoutError:
        raise TimeoutError(f"no matching event on {subject} within {timeout}s") from None


@contextlib.asynccontextmanager
async def _reader(
    js: JetStreamContext, stream: str, subject_filter: str | None
) -> AsyncIterator[tuple[JetStreamContext.PullSubscription, int]]:
    name = f"gridkit-reader-{secrets.token_hex(6)}"
    config = ConsumerConfig(
        name=name,
        deliver_policy=DeliverPolicy.ALL,
        # Pull consumers on older servers must ack explicitly; we ack as we read.
        ack_policy=AckPolicy.EXPLICIT,
        ack_wait=60,
        filter_subject=subject_filter,
        inactive_threshold=60,
        mem_storage=True,
    )
    info = await js.add_consumer(stream, config=config)
    subscription = await js.pull_subscribe_bind(consumer=name, stream=stream)
    try:
        yield subscription, info.num_pending or 0
    finally:
        await subscription.unsubscribe()
        with contextlib.suppress(NotFoundError):
            await js.delete_consumer(stream, name)
