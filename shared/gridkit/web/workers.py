"""Background work every service runs beside its API: the outbox relay and consumers."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from nats.aio.client import Client as NATS

from gridkit.messaging.consumer import EventConsumer
from gridkit.messaging.inbox import EventHandler
from gridkit.messaging.leadership import wait_for_any
from gridkit.messaging.relay import OutboxRelay
from gridkit.web.metrics import WORKERS
from gridkit.web.runtime import Runtime, Worker


async def run_relay(runtime: Runtime, stop: asyncio.Event) -> None:
    """Publish this service's outbox for as long as the app runs (one active per service)."""

    async def shared_connection() -> NATS:
        return await runtime.nats.client()

    relay = OutboxRelay(runtime.engine, shared_connection, runtime.settings)
    WORKERS.track_relay(runtime.settings.service_name, relay)
    await relay.run(stop)


@dataclass(frozen=True)
class Subscription:
    """Events a service consumes: ``filter_subject`` of ``source_service``, by ``handler``.

    ``name`` is unique per consuming service and purpose (``personnel-org-grids``);
    it names the durable consumer and the inbox rows. ``strict_order=False`` for a
    filter that skips some events of an aggregate (see :class:`EventConsumer`).
    """

    name: str
    source_service: str
    filter_subject: str
    handler: EventHandler
    strict_order: bool = True


def consumers_for(subscriptions: Sequence[Subscription]) -> list[Worker]:
    """One background worker per subscription."""
    return [_consumer_worker(subscription) for subscription in subscriptions]


def _consumer_worker(subscription: Subscription) -> Worker:
    async def consume(runtime: Runtime, stop: asyncio.Event) -> None:
        # The app starts without NATS; the consumer begins once it is there.
        while not runtime.nats.connected:
            if stop.is_set():
                return
            await wait_for_any(stop, seconds=0.5)
        consumer = EventConsumer(
            runtime.sessions,
            await runtime.nats.jetstream(),
            runtime.settings,
            subscription.name,
            subscription.source_service,
            subscription.filter_subject,
            subscription.handler,
            strict_order=subscription.strict_order,
        )
        WORKERS.track_consumer(runtime.settings.service_name, consumer)
        await consumer.run(stop)

    consume.__qualname__ = f"consumer:{subscription.name}"
    return consume
