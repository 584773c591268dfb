"""Periodic jobs that run in a service's workers, on one replica at a time.

Every replica runs the same workers; a job's worker first takes the job's
advisory lock (see :class:`~gridkit.messaging.leadership.Leadership`), so only
one replica runs it while the others stand by, and a standby takes over as
soon as the holder's connection dies.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from gridkit.messaging.leadership import DATABASE_UNAVAILABLE, Leadership, wait_for_any
from gridkit.web.runtime import Runtime, Worker

log = logging.getLogger(__name__)

JobBody = Callable[[Runtime], Awaitable[object]]
"""One run of a job: it opens its own transactions through ``runtime.sessions``."""


@dataclass(frozen=True)
class PeriodicJob:
    """Run ``body`` every ``every`` on the replica that holds the job's lock."""

    name: str
    every: timedelta
    body: JobBody

    def worker(self) -> Worker:
        """The background worker that runs this job."""
        job = self

        async def run(runtime: Runtime, stop: asyncio.Event) -> None:
            leadership = Leadership(
                runtime.settings.database_url, f"{runtime.settings.service_name}:job:{job.name}"
            )
            while not stop.is_set():
                if not await leadership.acquire(stop):
                    return
                try:
                    await job._lead(runtime, stop, leadership)
                finally:
                    await leadership.release()

        run.__qualname__ = f"job:{self.name}"
        return run

    async def _lead(self, runtime: Runtime, stop: asyncio.Event, leadership: Leadership) -> None:
        while not stop.is_set() and not leadership.lost.is_set():
            try:
                outcome = await self.body(runtime)
                log.debug("job %s ran: %s", self.name, outcome)
            except DATABASE_UNAVAILABLE as exc:
                log.warning("job %s could not reach the database: %s", self.name, exc)
            except Exception:
                # A failing run must not stop the next one; the traceback is for ops.
                log.exception("job %s failed; it runs again in %s", self.name, self.every)
            await wait_for_any(stop, leadership.lost, seconds=self.every.total_seconds())
            if not await leadership.check():
                return
