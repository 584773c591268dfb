"""The outbox relay: committed outbox rows go to JetStream, in order, at least once.

Exactly one relay per service is active (see :mod:`gridkit.messaging.leadership`);
the others wait as standbys. The active one claims batches of unpublished
rows in position order, publishes each envelope with ``Nats-Msg-Id`` = event
id, and marks a row published only after JetStream acknowledged it. A crash
between the acknowledgement and the mark makes it publish the row again,
which the stream's duplicate window absorbs: consumers see it once.

A failed publish stops the batch there, so a later event of an aggregate never
overtakes an earlier one; the relay backs off and retries. It wakes on the
unit of work's NOTIFY and polls as well, so a lost notification only delays.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import nats
import nats.errors
import orjson
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.errors import NoStreamResponseError
from sqlalchemy import Row, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from gridkit.messaging.leadership import DATABASE_UNAVAILABLE, Leadership, wait_for_any
from gridkit.messaging.streams import provision_stream
from gridkit.messaging.tables import outbox
from gridkit.settings import ServiceSettings
from gridkit.uow import outbox_channel

log = logging.getLogger(__name__)

NatsConnector = Callable[[], Awaitable[NATS]]
"""Gives the relay a NATS connection (e.g. a process-wide one); the caller closes it."""

DATABASE_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, *DATABASE_UNAVAILABLE)

# What a publish can fail with when NATS or the stream is not there.
PUBLISH_ERRORS: tuple[type[BaseException], ...] = (
    nats.errors.Error,
    asyncio.TimeoutError,
    OSError,
)


CONNECT_TIMEOUT_SECONDS = 10.0


class NatsUnavailable(nats.errors.Error):
    """No usable NATS connection right now."""


def retry_delay(failures: int, *, base: float, ceiling: float) -> float:
    """Exponential back-off after ``failures`` consecutive failures, capped at ``ceiling``."""
    if failures <= 0:
        return base
    return float(min(ceiling, base * 2 ** min(failures, 30)))


def url_connector(url: str, *, name: str) -> NatsConnector:
    """Connect to ``url``, giving up quickly: the relay's own loop retries with back-off."""

    async def on_error(exc: Exception) -> None:
        log.warning("NATS connection %s: %s", name, exc or type(exc).__name__)

    async def connect() -> NATS:
        return await nats.connect(
            url,
            name=name,
            connect_timeout=2,
            reconnect_time_wait=1,
            # A few quick reconnects ride out a restart; after that the client
            # closes and the relay makes a fresh connection on its next pass.
            max_reconnect_attempts=2,
            error_cb=on_error,
        )

    return connect


class OutboxRelay:
    """Publishes ``service``'s outbox to its JetStream stream.

    ``nats`` is a URL or a :data:`NatsConnector`. Counters for metrics:
    :attr:`published_total`, :attr:`duplicates_total` (publishes JetStream had
    already seen), :attr:`failures_total` (failed publishes and connection
    attempts); :attr:`last_error` and :attr:`is_active` tell the rest.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        nats: str | NatsConnector,
        settings: ServiceSettings,
        service: str | None = None,
        *,
        publish_timeout: float = 5.0,
        max_retry_seconds: float = 30.0,
        standby_retry_seconds: float = 2.0,
        ensure_stream: bool = True,
    ) -> None:
        self.service = service or settings.service_name
        self._engine = engine
        self._settings = settings
        # A connection the relay made from a URL is its own to close; a given one is not.
        self._owns_connection = isinstance(nats, str)
        self._connect = (
            url_connector(nats, name=f"{self.service}-outbox-relay")
            if isinstance(nats, str)
            else nats
        )
        self._publish_timeout = publish_timeout
        self._max_retry_seconds = max_retry_seconds
        self._ensure_stream = ensure_stream
        self._stream = settings.stream_name_for(self.service)
        self._nc: NATS | None = None
        self._stream_ready = False
        self._wake = asyncio.Event()
        self.leadership = Leadership(
            engine.url, f"outbox-relay:{self.service}", retry_seconds=standby_retry_seconds
        )

        self.published_total = 0
        self.duplicates_total = 0
        self.failures_total = 0
        self.last_error: str | None = None

    @property
    def is_active(self) -> bool:
        """Whether this relay holds the service's lock and publishes."""
        return self.leadership.held

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until ``stop`` is set: wait as a standby, then publish while holding the lock."""
        try:
            while not stop.is_set():
                if not await self.leadership.acquire(stop):
                    break
                try:
                    await self._lead(stop)
                except Exception:
                    # Never let one bad pass end the relay: log it and compete again.
                    log.exception("outbox relay of %s stopped leading", self.service)
                finally:
                    await self.leadership.release()
                # Having just lost the lock, give the standbys the first chance at it.
                await wait_for_any(stop, seconds=self.leadership.retry_seconds)
        finally:
            await self._close_nats()

    async def publish_pending(self) -> int:
        """Publish every pending row once, in order; returns how many were published.

        Stops at the first failure (recorded on the row and in :attr:`last_error`).
        It does not take the lock: it is for tests and tools, ``run`` is for services.
        """
        published, _ = await self._drain()
        return published

    async def close(self) -> None:
        """Close the NATS connection the relay made itself (``run`` does it on exit)."""
        await self._close_nats()

    async def _lead(self, stop: asyncio.Event) -> None:
        leadership = self.leadership
        channel = outbox_channel(self.service)
        try:
            await leadership.connection.add_listener(channel, self._on_notify)
        except DATABASE_UNAVAILABLE as exc:
            log.warning("outbox relay of %s lost its lock connection: %s", self.service, exc)
            return
        poll = self._settings.relay_poll_seconds
        failures = 0
        while not stop.is_set() and await leadership.check():
            self._wake.clear()
            try:
                _, failed = await self._drain()
            except DATABASE_ERRORS as exc:
                log.warning("outbox relay of %s cannot reach its database: %s", self.service, exc)
                self._record_failure(exc)
                failed = True
            except Exception as exc:
                # Whatever went wrong, the rows are still there: keep relaying.
                log.exception("outbox relay pass of %s failed", self.service)
                self._record_failure(exc)
                failed = True
            failures = failures + 1 if failed else 0
            if failed:
                # No early wake-up while backing off: a busy service would defeat it.
                delay = retry_delay(failures, base=poll, ceiling=self._max_retry_seconds)
                await wait_for_any(stop, leadership.lost, seconds=delay)
            else:
                await wait_for_any(stop, leadership.lost, self._wake, seconds=poll)

    def _on_notify(self, *_: Any) -> None:
        self._wake.set()

    async def _drain(self) -> tuple[int, bool]:
        """Publish batches until none is left; returns (published, stopped on a failure)."""
        try:
            js = await self._jetstream()
        except PUBLISH_ERRORS as exc:
            self._record_failure(exc)
            return 0, True
        total = 0
        while True:
            claimed, published, failed = await self._publish_batch(js)
            total += published
            done = claimed < self._settings.relay_batch_size
            if failed or done or self.leadership.lost.is_set():
                return total, failed

    async def _publish_batch(self, js: JetStreamContext) -> tuple[int, int, bool]:
        async with self._engine.connect() as conn, conn.begin():
            rows = (await conn.execute(self._claim())).all()
            published: list[int] = []
            failure: tuple[Row[Any], BaseException] | None = None
            for row in rows:
                try:
                    await self._publish(js, row)
                except PUBLISH_ERRORS as exc:
                    failure = (row, exc)
                    break
                published.append(row.position)
            if published:
                await self._mark_published(conn, published)
            if failure is not None:
                await self._record_attempt(conn, *failure)
        self.published_total += len(published)
        return len(rows), len(published), failure is not None

    def _claim(self) -> Any:
        return (
            select(outbox.c.position, outbox.c.event_id, outbox.c.subject, outbox.c.envelope)
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.position)
            .limit(self._settings.relay_batch_size)
            .with_for_update(skip_locked=True)
        )

    async def _publish(self, js: JetStreamContext, row: Row[Any]) -> None:
        ack = await js.publish(
            self._settings.subject_for(row.subject),
            orjson.dumps(row.envelope),
            timeout=self._publish_timeout,
            stream=self._stream,
            headers={"Nats-Msg-Id": str(row.event_id)},
        )
        if ack.duplicate:
            self.duplicates_total += 1

    async def _mark_published(self, conn: AsyncConnection, positions: Sequence[int]) -> None:
        """Record the acknowledged publishes (a hook tests use to simulate a crash)."""
        await conn.execute(
            update(outbox).where(outbox.c.position.in_(positions)).values(published_at=func.now())
        )

    async def _record_attempt(
        self, conn: AsyncConnection, row: Row[Any], exc: BaseException
    ) -> None:
        error = _describe(exc)
        log.warning("publishing event %s (%s) failed: %s", row.event_id, row.subject, error)
        if isinstance(exc, NoStreamResponseError):
            self._stream_ready = False  # the stream may have been lost with a wiped store
        self._record_failure(exc)
        await conn.execute(
            update(outbox)
            .where(outbox.c.position == row.position)
            .values(attempts=outbox.c.attempts + 1, last_error=error)
        )

    def _record_failure(self, exc: BaseException) -> None:
        self.failures_total += 1
        self.last_error = _describe(exc)

    async def _jetstream(self) -> JetStreamContext:
        nc = self._nc
        if nc is None or nc.is_closed:
            self._nc = None
            # Bounded, so a connector that waits for NATS cannot stall the relay's loop.
            nc = self._nc = await asyncio.wait_for(self._connect(), CONNECT_TIMEOUT_SECONDS)
            self._stream_ready = False
        if not nc.is_connected:
            raise NatsUnavailable("NATS is reconnecting")
        js = nc.jetstream(timeout=self._publish_timeout)
        if self._ensure_stream and not self._stream_ready:
            await provision_stream(js, self._settings, self.service)
            self._stream_ready = True
        return js

    async def _close_nats(self) -> None:
        nc, self._nc = self._nc, None
        if self._owns_connection and nc is not None and not nc.is_closed:
            try:
                await nc.close()
            except PUBLISH_ERRORS as exc:
                log.debug("closing the relay's NATS connection: %s", exc)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
