"""A NATS connection that a service can start without NATS.

nats-py gives up when the first connect fails; a service must still start
(writes go to the outbox) and connect once NATS appears. The link keeps
trying in the background and lets callers wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext

log = logging.getLogger("gridkit.nats")


class NatsLink:
    """One connection per process, established and re-established in the background."""

    def __init__(self, url: str, *, name: str, retry_seconds: float = 1.0) -> None:
        self.url = url
        self._name = name
        self._retry_seconds = retry_seconds
        self._client: Client | None = None
        self._ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin connecting; returns at once."""
        if self._task is None:
            self._task = asyncio.create_task(self._connect_until_done(), name="nats-connect")

    async def _connect_until_done(self) -> None:
        while True:
            try:
                self._client = await nats.connect(
                    self.url,
                    name=self._name,
                    connect_timeout=2,
                    allow_reconnect=True,
                    max_reconnect_attempts=-1,
                    reconnect_time_wait=self._retry_seconds,
                )
            except Exception as exc:  # any failure means "not yet": keep trying
                log.warning("NATS at %s not reachable yet: %s", self.url, exc)
                await asyncio.sleep(self._retry_seconds)
                continue
            self._ready.set()
            log.info("connected to NATS at %s", self.url)
            return

    @property
    def connected(self) -> bool:
        """True while the connection is up (not while it is reconnecting)."""
        return self._client is not None and self._client.is_connected

    async def client(self) -> Client:
        """The connection, once the first connect succeeded (bound it with asyncio.timeout)."""
        self.start()
        await self._ready.wait()
        assert self._client is not None
        return self._client

    async def jetstream(self) -> JetStreamContext:
        """A JetStream context on the connection."""
        return (await self.client()).jetstream()

    async def close(self) -> None:
        """Stop trying and drain the connection."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._client is not None and not self._client.is_closed:
            with contextlib.suppress(Exception):
                await self._client.drain()
