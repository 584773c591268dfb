"""Run background workers (outbox relays, event consumers) for the span of a test."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Coroutine
from typing import Any, Protocol


class Worker(Protocol):
    """Anything that works until its stop event is set, like the relay and the consumer."""

    def run(self, stop: asyncio.Event) -> Coroutine[Any, Any, None]: ...


@contextlib.asynccontextmanager
async def running(*workers: Worker, stop_within: float = 15.0) -> AsyncIterator[asyncio.Event]:
    """Run ``workers`` in the background; stop them when the block ends.

    Yields the shared stop event. A worker that does not stop within
    ``stop_within`` seconds fails the test instead of hanging it; one that
    crashed re-raises its error here.
    """
    stop = asyncio.Event()
    tasks = [asyncio.create_task(worker.run(stop)) for worker in workers]
    try:
        yield stop
    finally:
        stop.set()
        async with asyncio.timeout(stop_within):
            await asyncio.gather(*tasks)
