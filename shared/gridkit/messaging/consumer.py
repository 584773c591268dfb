"""Durable JetStream consumers that apply other services' events exactly once.

Each :class:`EventConsumer` is a durable pull consumer on the source service's
stream with explicit acks. A message is acked only after its transaction
committed (:func:`gridkit.messaging.inbox.apply_once`), so a crash anywhere
means a redelivery, which the inbox turns into a no-op. A failing handler is
retried with back-off; after ``max_deliver`` deliveries, or at once if the
message is not a readable event, it is written to ``dead_letters`` and
terminated, so it is never retried forever and never dropped unseen.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from types import TracebackType

import nats.errors
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gridkit.db import create_session_factory
from gridkit.messaging.inbox import (
    EventHandler,
    PoisonMessage,
    Received,
    Verdict,
    apply_once,
    describe_error,
    read_event,
    record_dead_letter,
)
from gridkit.messaging.leadership import wait_for_any
from gridkit.messaging.streams import provision_stream
from gridkit.settings import ServiceSettings

log = logging.getLogger(__name__)

DEFAULT_MAX_DELIVER = 10
DEFAULT_BACKOFF: tuple[float, ...] = (1, 2, 5, 10, 30, 60, 120, 300)
"""Seconds before the 2nd, 3rd ... delivery; JetStream wants fewer steps than deliveries."""

MAX_PAUSE_SECONDS = 30.0
"""Longest wait before binding again after NATS or the database went away."""


class DatabaseUnavailable(Exception):
    """The database cannot be reached; the event is retried once it is back."""


class OutOfOrder(Exception):
    """An event's predecessor on its aggregate was never applied."""


def consumer_config(
    name: str, filter_subject: str, *, max_deliver: int, backoff: Sequence[float]
) -> ConsumerConfig:
    """The durable consumer's configuration (``filter_subject`` as on the wire)."""
    if not backoff or any(step <= 0 for step in backoff):
        raise ValueError("backoff needs at least one positive delay")
    if len(backoff) >= max_deliver:
        raise ValueError("JetStream needs fewer backoff steps than max_deliver")
    return ConsumerConfig(
        name=name,
        durable_name=name,
        deliver_policy=DeliverPolicy.ALL,
        ack_policy=AckPolicy.EXPLICIT,
        # With a backoff list JetStream waits backoff[0] for the first ack; say so.
        ack_wait=float(backoff[0]),
        max_deliver=max_deliver,
        backoff=[float(step) for step in backoff],
        filter_subject=filter_subject,
    )


def retry_delay(backoff: Sequence[float], delivery: int) -> float:
    """Delay before the next delivery after delivery number ``delivery`` (1-based) failed."""
    return float(backoff[min(max(delivery, 1), len(backoff)) - 1])


def is_database_outage(exc: BaseException) -> bool:
    """Whether ``exc`` says the database is unreachable rather than the handler being wrong."""
    if isinstance(exc, OperationalError | InterfaceError | OSError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


class EventConsumer:
    """Applies the events of ``source_service`` matching ``filter_subject`` with ``handler``.

    ``name`` names both the durable consumer and the inbox owner, so it must
    be unique per consuming service and purpose (e.g. ``personnel-org-grids``).
    ``filter_subject`` is logical (``org.grid.>``); the events namespace is
    added for the wire. With ``strict_order`` (the default) an event whose
    aggregate has not reached the previous version yet waits for it; a
    consumer that filters out some of an aggregate's events must turn it off.

    Counters for metrics: :attr:`applied_total`, :attr:`duplicates_total`,
    :attr:`deferred_total` (out of order, retried later), :attr:`failures_total`
    (handler errors) and :attr:`dead_lettered_total`.
    """

    def __init__(
        self,
        sessions: AsyncEngine | async_sessionmaker[AsyncSession],
        js: JetStreamContext,
        settings: ServiceSettings,
        name: str,
        source_service: str,
        filter_subject: str,
        handler: EventHandler,
        *,
        max_deliver: int = DEFAULT_MAX_DELIVER,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        batch_size: int = 50,
        strict_order: bool = True,
        ensure_stream: bool = True,
    ) -> None:
        self.name = name
        self.source_service = source_service
        self.stream = settings.stream_name_for(source_service)
        self.max_deliver = max_deliver
        self.backoff = tuple(float(step) for step in backoff)
        self.config = consumer_config(
            name, settings.subject_for(filter_subject), max_deliver=max_deliver, backoff=backoff
        )
        self._sessions = (
            create_session_factory(sessions) if isinstance(sessions, AsyncEngine) else sessions
        )
        self._js = js
        self._settings = settings
        self._handler = handler
        self._batch_size = batch_size
        self._strict_order = strict_order
        self._ensure_stream = ensure_stream
        self._subscription: JetStreamContext.PullSubscription | None = None

        self.applied_total = 0
        self.duplicates_total = 0
        self.deferred_total = 0
        self.failures_total = 0
        self.dead_lettered_total = 0

    async def start(self) -> None:
        """Create or update the durable consumer and bind to it (done lazily otherwise)."""
        await self._bound()

    async def _bound(self) -> JetStreamContext.PullSubscription:
        if self._subscription is None:
            if self._ensure_stream:
                await provision_stream(self._js, self._settings, self.source_service, update=False)
            await self._js.add_consumer(self.stream, config=self.config)
            self._subscription = await self._js.pull_subscribe_bind(
                consumer=self.name, stream=self.stream
            )
        return self._subscription

    async def stop(self) -> None:
        """Unbind from the consumer (it stays on the server and keeps our position)."""
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            with contextlib.suppress(nats.errors.Error):
                await subscription.unsubscribe()

    async def process_available(self, idle_seconds: float = 1.0) -> int:
        """Handle messages until none arrives for ``idle_seconds``; returns how many.

        Redeliveries that are due come back within the same call if they are due
        before it goes quiet; tests call it again to see later ones.
        """
        return await self._process_until_idle(idle_seconds, stop=None)

    async def run(self, stop: asyncio.Event, *, fetch_timeout: float = 1.0) -> None:
        """Consume until ``stop`` is set, riding out NATS and database outages."""
        failures = 0
        try:
            while not stop.is_set():
                try:
                    await self._process_until_idle(fetch_timeout, stop=stop)
                    failures = 0
                    continue
                except DatabaseUnavailable as exc:
                    log.warning("consumer %s waits for its database: %s", self.name, exc)
                except Exception:
                    # NATS away, stream or consumer lost: bind afresh after a pause.
                    log.exception("consumer %s failed; binding again", self.name)
                    await self.stop()
                failures += 1
                pause = min(MAX_PAUSE_SECONDS, retry_delay(self.backoff, failures))
                await wait_for_any(stop, seconds=pause)
        finally:
            await self.stop()

    async def _process_until_idle(self, idle_seconds: float, *, stop: asyncio.Event | None) -> int:
        subscription = await self._bound()
        handled = 0
        while stop is None or not stop.is_set():
            try:
                messages = await subscription.fetch(self._batch_size, timeout=idle_seconds)
            except TimeoutError:  # nats-py raises its own subclass or the builtin one
                return handled
            async with _KeepAlive(messages, self._keepalive_interval()) as keepalive:
                for message in messages:
                    await self._handle(message)
                    keepalive.done(message)
                    handled += 1
        return handled

    def _keepalive_interval(self) -> float:
        return max(0.01, min(self.backoff) / 3)

    async def _handle(self, message: Msg) -> None:
        delivery = message.metadata.num_delivered
        subject = self._settings.logical_subject(message.subject)
        try:
            received = read_event(message.data)
        except PoisonMessage as exc:
            await self._dead_letter(message, None, exc, delivery)
            return
        try:
            verdict = await apply_once(
                self._sessions,
                self.name,
                received,
                self._handler,
                subject=subject,
                strict_order=self._strict_order,
            )
        except Exception as exc:
            outage = is_database_outage(exc)
            if not outage:
                self.failures_total += 1
            if delivery >= self.max_deliver:
                # JetStream will not deliver it again: keep it (or say loudly where it is).
                await self._dead_letter(message, received, exc, delivery)
            else:
                if not outage:
                    log.warning(
                        "consumer %s: handling %s (%s) failed on delivery %d of %d: %s",
                        self.name,
                        received.event_id,
                        subject,
                        delivery,
                        self.max_deliver,
                        exc,
                    )
                await self._retry_later(message, delivery)
            if outage:
                raise DatabaseUnavailable(str(exc)) from exc
            return
        if verdict is Verdict.OUT_OF_ORDER:
            await self._defer(message, received, delivery)
            return
        if verdict is Verdict.APPLIED:
            self.applied_total += 1
        else:
            self.duplicates_total += 1
        await message.ack()

    async def _defer(self, message: Msg, received: Received, delivery: int) -> None:
        self.deferred_total += 1
        if delivery < self.max_deliver:
            await self._retry_later(message, delivery)
            return
        # JetStream counts every delivery; the predecessor never came in time.
        await self._dead_letter(
            message,
            received,
            OutOfOrder(
                f"version {received.version} of {received.aggregate_type} "
                f"{received.aggregate_id} arrived, but its predecessor was never applied"
            ),
            delivery,
        )

    async def _retry_later(self, message: Msg, delivery: int) -> None:
        await message.nak(delay=retry_delay(self.backoff, delivery))

    async def _dead_letter(
        self, message: Msg, received: Received | None, exc: BaseException, delivery: int
    ) -> None:
        event_id = _message_id(message, received)
        subject = self._settings.logical_subject(message.subject)
        try:
            await record_dead_letter(
                self._sessions,
                consumer=self.name,
                event_id=event_id,
                subject=subject,
                raw=message.data,
                error=describe_error(exc),
                attempts=delivery,
            )
        except Exception as db_error:
            # Not kept in the table: say loudly where the event still is.
            metadata = message.metadata
            log.error(
                "consumer %s could not dead-letter event %s (stream %s, sequence %d): %s; "
                "error was: %s; message: %r",
                self.name,
                event_id,
                metadata.stream,
                metadata.sequence.stream,
                db_error,
                exc,
                message.data,
            )
            if delivery < self.max_deliver:
                await self._retry_later(message, delivery)
            return
        self.dead_lettered_total += 1
        log.error(
            "consumer %s dead-lettered event %s (%s) after %d deliveries: %s",
            self.name,
            event_id,
            subject,
            delivery,
            exc,
        )
        await message.term()


def _message_id(message: Msg, received: Received | None) -> str:
    if received is not None:
        return str(received.event_id)
    if message.headers and message.headers.get("Nats-Msg-Id"):
        return message.headers["Nats-Msg-Id"]
    metadata = message.metadata
    return f"{metadata.stream}:{metadata.sequence.stream}"


class _KeepAlive:
    """Tells JetStream that fetched messages are still being worked on.

    With a backoff list JetStream waits only ``backoff[0]`` for an ack, and the
    last messages of a batch wait for the ones before them; without this they
    would be redelivered meanwhile and use up their deliveries.
    """

    def __init__(self, messages: Sequence[Msg], interval: float) -> None:
        self._pending = list(messages)
        self._interval = interval
        self._task: asyncio.Task[None] | None = None

    def done(self, message: Msg) -> None:
        self._pending = [pending for pending in self._pending if pending is not message]

    async def __aenter__(self) -> _KeepAlive:
        self._task = asyncio.create_task(self._beat())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            for message in list(self._pending):
                with contextlib.suppress(nats.errors.Error):
                    await message.in_progress()
