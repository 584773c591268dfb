"""Bringing a database up to the plan: :func:`seed` and the summary of what it wrote."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import create_async_engine

from gridkit.db import create_session_factory
from org.seed.known import load_known
from org.seed.planner import plan_seed
from org.seed.seeder import Seeder

DEFAULT_CONCURRENCY = 8


@dataclass(frozen=True)
class SeedSummary:
    """What a run created and what it found already there, per kind of thing."""

    created: dict[str, int]
    existing: dict[str, int]
    seconds: float

    @property
    def total_created(self) -> int:
        """Everything the run wrote."""
        return sum(self.created.values())


async def seed(
    database_url: str,
    *,
    scale: float = 1.0,
    concurrency: int = DEFAULT_CONCURRENCY,
    say: Callable[[str], None] = print,
) -> SeedSummary:
    """Bring the database up to :func:`plan_seed` at ``scale``; returns what was written."""
    started = time.perf_counter()
    plan = plan_seed(scale)
    say(f"seeding {plan.describe()}")
    engine = create_async_engine(
        database_url,
        pool_size=concurrency,
        # Tens of thousands of small commits would otherwise each wait for the disk. A crash
        # can lose only the last moments of work, and running the seed again restores them.
        connect_args={"server_settings": {"synchronous_commit": "off"}},
    )
    try:
        sessions = create_session_factory(engine)
        async with sessions() as session:
            known = await load_known(session, plan.district.code)
        seeder = Seeder(sessions, known, concurrency=concurrency, say=say)
        await seeder.apply(plan)
    finally:
        await engine.dispose()
    summary = SeedSummary(
        created={kind: seeder.created[kind] for kind in plan.counts()},
        existing={kind: seeder.existing[kind] for kind in plan.counts()},
        seconds=time.perf_counter() - started,
    )
    say(_summary_table(summary))
    return summary


def _summary_table(summary: SeedSummary) -> str:
    """Written and already there, per kind of thing, then the total and the time taken."""
    lines = [f"{'':<28} {'written':>8} {'already there':>14}"]
    lines += [
        f"{kind:<28} {summary.created[kind]:>8} {summary.existing[kind]:>14}"
        for kind in summary.created
    ]
    lines.append(f"{summary.total_created} writes in {summary.seconds:.1f} s")
    return "\n".join(lines)
