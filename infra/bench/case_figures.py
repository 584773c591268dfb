"""``make bench``'s case-figures section: the cases service's performance figures over a million
cases, in PostgreSQL.

    make bench ARGS="--only case-figures"     # this section alone (no servers are started)
    make bench ARGS="--no-case-figures"       # every other measurement, without it

On the bench's own database of a million cases (:mod:`infra.bench.case_data`), each shape of
query a report asks for runs through the service's own ``FigureReads``, warm: three runs fill
the caches, then twenty are timed, from the call to the figures in hand. For one more run
PostgreSQL shows its plan (``EXPLAIN ANALYZE``): the rows its scans read, the pages they
touched and how often an index-only scan still went to the table. Nothing holds answers: every
run is a statement over the rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.domain.periods import DivisionPlace, GridPlace, Period
from cases.domain.stats import CaseFigures
from cases.repository.figures import FigureReads
from gridkit.db import create_engine, create_session_factory
from infra.bench import case_data
from infra.bench.case_data import Loaded

WARMUPS = 3
RUNS = 20
BUDGET_MS = 1000.0
"""A report's figures are wanted within a second."""
ROLLUP_MS = 300.0
"""Slower than this, warm, a shape would rather read a rollup table than the covering index."""

YEAR = Period.year(2026)
QUARTER = Period.quarter(2026, 2)
MONTH = Period.month(2026, 6)
SUBDISTRICT = "370112007"
COMMUNITY = "370112007003"

Say = Callable[[str], None]
Answer = CaseFigures | list[tuple[Any, CaseFigures]]


@dataclass(frozen=True)
class Shape:
    """One query shape: its row name and the read it times."""

    name: str
    read: Callable[[FigureReads], Awaitable[Answer]]


SHAPES = (
    Shape("district, year", lambda r: r.figures(DivisionPlace(case_data.DISTRICT), YEAR)),
    Shape("subdistrict, quarter", lambda r: r.figures(DivisionPlace(SUBDISTRICT), QUARTER)),
    Shape("community, month", lambda r: r.figures(DivisionPlace(COMMUNITY), MONTH)),
    Shape(
        "grid, month",
        lambda r: r.figures(GridPlace(case_data.grid_id(COMMUNITY, 1)), MONTH),
    ),
    Shape("district by subdistrict, year", lambda r: r.breakdown(case_data.DISTRICT, YEAR)),
    Shape("subdistrict by community, quarter", lambda r: r.breakdown(SUBDISTRICT, QUARTER)),
    Shape("community by grid, year", lambda r: r.per_grid(COMMUNITY, YEAR)),
)
"""In the table's order."""


@dataclass(frozen=True)
class Scan:
    """What the scans of one run read, by its ``EXPLAIN (ANALYZE, BUFFERS)``."""

    rows: int
    """Rows the scan nodes produced or removed by a filter, over every worker."""
    pages: int
    """Shared buffers the statement touched (hit or read)."""
    heap_fetches: int | None
    """Times an index-only scan had to visit the table for a row's visibility; ``None`` when
    the plan has no index-only scan."""
    plan: str
    """The scan nodes, e.g. ``Index Only Scan using ix_cases_division_reported``."""


@dataclass(frozen=True)
class Timing:
    """One shape's warm runs."""

    name: str
    p50_ms: float
    p95_ms: float
    received: int
    """Cases received in the answer (summed over its rows for a breakdown)."""
    groups: int | None
    """Rows of a breakdown; ``None`` for a single place."""
    scan: Scan | None

    @property
    def within_budget(self) -> bool:
        """Whether the median run took less than a second."""
        return self.p50_ms < BUDGET_MS


@dataclass
class FiguresOutcome:
    """Everything the section measured and noticed."""

    loaded: Loaded | None = None
    timings: list[Timing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """What makes the figures meaningless: the bench exits non-zero."""

    @property
    def status(self) -> int:
        """The exit status: 0 unless something failed."""
        return 1 if self.failures else 0


def run(server_url: str, *, say: Say) -> FiguresOutcome:
    """Prepare the database on ``server_url``'s server, then time every shape."""
    outcome = FiguresOutcome()
    outcome.notes.append(
        f"1-minute load average before the runs: {os.getloadavg()[0]:.2f} on {os.cpu_count()} "
        "cores (PostgreSQL's parallel workers share them with whatever else runs)"
    )
    try:
        asyncio.run(_run(server_url, outcome, say=say))
    except OSError as error:  # the server does not answer
        outcome.failures.append(f"the case-figures database is out of reach: {error}")
    return outcome


async def _run(server_url: str, outcome: FiguresOutcome, *, say: Say) -> None:
    url = await case_data.prepare(server_url, say=say)
    engine = create_engine(url, pool_size=2)
    try:
        outcome.loaded = await case_data.ensure_cases(engine, say=say)
        reads = FigureReads(create_session_factory(engine))
        for shape in SHAPES:
            say(f"case figures: {shape.name} ...")
            outcome.timings.append(await _time(engine, reads, shape))
    finally:
        await engine.dispose()
    _check(outcome)


async def _time(engine: AsyncEngine, reads: FigureReads, shape: Shape) -> Timing:
    for _ in range(WARMUPS):
        await shape.read(reads)
    elapsed = []
    for _ in range(RUNS):
        started = time.perf_counter()
        answer = await shape.read(reads)
        elapsed.append((time.perf_counter() - started) * 1000)
    with _captured(engine) as statements:
        await shape.read(reads)
    scan = await _explain(engine, *statements[-1]) if statements else None
    rows = [answer] if isinstance(answer, CaseFigures) else [figures for _, figures in answer]
    return Timing(
        name=shape.name,
        p50_ms=statistics.median(elapsed),
        p95_ms=sorted(elapsed)[math.ceil(0.95 * len(elapsed)) - 1],  # nearest rank
        received=sum(figures.received for figures in rows),
        groups=None if isinstance(answer, CaseFigures) else len(answer),
        scan=scan,
    )


@contextlib.contextmanager
def _captured(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    """The statements ``engine`` sends inside the block, as the driver gets them."""
    statements: list[tuple[str, Any]] = []

    def capture(_connection: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)


async def _explain(engine: AsyncEngine, statement: str, parameters: Any) -> Scan:
    """Run ``statement`` once more under ``EXPLAIN (ANALYZE, BUFFERS)``; what its scans read."""
    async with engine.connect() as connection:
        result = await connection.exec_driver_sql(
            f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {statement}", parameters
        )
        document = result.scalar_one()
    if isinstance(document, str | bytes):
        document = orjson.loads(document)
    top = document[0]["Plan"]
    scans = [node for node in _nodes(top) if "Scan" in node["Node Type"]]
    index_only = [node for node in scans if "Heap Fetches" in node]
    return Scan(
        rows=sum(_rows_read(node) for node in scans),
        pages=top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0),
        heap_fetches=(sum(node["Heap Fetches"] for node in index_only) if index_only else None),
        plan="; ".join(_described(node) for node in scans),
    )


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", ()):
        yield from _nodes(child)


def _rows_read(node: dict[str, Any]) -> int:
    # Per-loop averages: a parallel scan runs one loop in each worker and in the leader.
    per_loop: float = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
    loops: int = node["Actual Loops"]
    return round(per_loop * loops)


def _described(node: dict[str, Any]) -> str:
    text: str = node["Node Type"]
    if node.get("Index Name"):
        text += f" using {node['Index Name']}"
    if node.get("Parallel Aware"):
        text = f"Parallel {text} ({node['Actual Loops']} processes)"
    return text


def _check(outcome: FiguresOutcome) -> None:
    """The answers must add up, or the timings measured the wrong thing."""
    by_name = {timing.name: timing for timing in outcome.timings}
    district, by_subdistrict = by_name["district, year"], by_name["district by subdistrict, year"]
    if district.received != by_subdistrict.received:
        outcome.failures.append(
            f"the district's year ({district.received} received) differs from the sum of its "
            f"subdistricts ({by_subdistrict.received})"
        )
    if by_subdistrict.groups != case_data.SUBDISTRICTS:
        outcome.failures.append(
            f"the district breaks down into {by_subdistrict.groups} subdistricts, "
            f"not {case_data.SUBDISTRICTS}"
        )
    for timing in outcome.timings:
        if timing.received == 0:
            outcome.failures.append(f"{timing.name}: no cases in the answer")
    slow = [timing.name for timing in outcome.timings if timing.p50_ms > ROLLUP_MS]
    if slow:
        outcome.notes.append(
            f"over {ROLLUP_MS:.0f} ms warm with the covering index: {', '.join(slow)} "
            "(a rollup table would serve these; the tables are left as they are)"
        )


def _shown(count: int | None) -> str:
    return "-" if count is None else str(count)


def print_case_figures(outcome: FiguresOutcome) -> None:
    """Print the section's table, its notes and, last, any failure."""
    loaded = outcome.loaded
    how = ""
    if loaded is not None:
        how = (
            f"loaded now in {loaded.seconds:.0f} s"
            if loaded.loaded_now
            else "loaded by an earlier run"
        )
    print(
        f"\ncase figures over {case_data.CASES:,} cases in {case_data.DATABASE} "
        f"(generator {case_data.GENERATOR}, {how}); warm: p50 and p95 of {RUNS} runs after "
        f"{WARMUPS}\n"
    )
    header = (
        f"{'run':<34} {'p50 ms':>8} {'p95 ms':>8} {'received':>9} {'groups':>6} "
        f"{'scan rows':>10} {'pages':>7} {'heap':>6}  {'< 1 s':<5}"
    )
    print(header)
    print("-" * len(header))
    for timing in outcome.timings:
        scan = timing.scan
        groups = "" if timing.groups is None else str(timing.groups)
        print(
            f"{timing.name:<34} {timing.p50_ms:>8.1f} {timing.p95_ms:>8.1f} "
            f"{timing.received:>9} {groups:>6} "
            f"{scan.rows if scan else '':>10} {scan.pages if scan else '':>7} "
            f"{_shown(scan.heap_fetches if scan else None):>6}  "
            f"{'yes' if timing.within_budget else 'NO'}"
        )
    print()
    for timing in outcome.timings:
        if timing.scan is not None:
            print(f"- {timing.name}: {timing.scan.plan}")
    print(
        "- scan rows: rows the scans returned or filtered out (an index condition on the report "
        "time skips rows inside the index unseen); pages: 8 KiB buffers touched; heap: heap "
        "fetches of the index-only scans (- without one)"
    )
    print(
        "- every run is one SQL statement through cases' FigureReads over the stored rows; "
        "no answer is cached"
    )
    for note in outcome.notes:
        print(f"- {note}")
    for failure in outcome.failures:
        print(f"\nFAILED: {failure}")
