"""A periodic job runs on one replica at a time, and another takes over when it stops."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gridkit.jobs import PeriodicJob
from gridkit.messaging.link import NatsLink
from gridkit.testing.waiting import eventually
from gridkit.web.runtime import Runtime

from .gridtest_service import GridtestSettings


async def test_only_the_replica_holding_the_lock_runs_the_job_and_a_standby_takes_over(
    settings: GridtestSettings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    runs: list[str] = []
    running: set[str] = set()
    overlaps: list[set[str]] = []

    def replica(name: str) -> tuple[Runtime, PeriodicJob]:
        async def body(runtime: Runtime) -> None:
            running.add(name)
            if len(running) > 1:
                overlaps.append(set(running))
            runs.append(name)
            await asyncio.sleep(0.02)
            running.discard(name)

        runtime = Runtime(
            settings=settings.model_copy(update={"database_url": url}),
            engine=engine,
            sessions=sessions,
            nats=NatsLink(settings.nats_url, name=f"job-test-{name}"),
        )
        return runtime, PeriodicJob("count", timedelta(milliseconds=50), body)

    stops = {name: asyncio.Event() for name in ("a", "b")}
    workers: dict[str, asyncio.Future[None]] = {}
    for name in ("a", "b"):
        runtime, job = replica(name)
        workers[name] = asyncio.ensure_future(job.worker()(runtime, stops[name]))

    await eventually(lambda: _ran(runs, 10), within=10, what="ten runs")
    leader = runs[0]
    assert set(runs) == {leader}

    stops[leader].set()
    await workers[leader]
    standby = "b" if leader == "a" else "a"
    await eventually(lambda: _ran([r for r in runs if r == standby], 3), within=15, what="takeover")

    stops[standby].set()
    await workers[standby]
    assert overlaps == []


async def _ran(runs: list[str], times: int) -> bool:
    return len(runs) >= times
