"""A million Licheng-like cases in a database of the bench's own, loaded once.

The database ``bench_cases`` lives on the stack's PostgreSQL server beside the services' own
and is built by the cases service's migrations, so it has exactly the service's tables and
indexes. The cases are generated in PostgreSQL by ``INSERT ... SELECT`` over
``generate_series``: every column is a function of the case's number (hashes of it, never
``random()``), so every load gives the same rows. The table's comment records the generator and
the count; a rerun that finds them skips the load.

The district (370112) has 20 subdistricts of 10 communities of 5 grids each, 1,000 grids that
report evenly over two years (2025 and 2026, Beijing time). Of the cases 2% are rejected, 2%
merged and 85% closed, 90% of those on time; 6% were reworked (each rework after a
dissatisfied return visit), 8% of the dispatched ones extended.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.migrations import upgrade
from infra.dev.components import ROOT

DATABASE = "bench_cases"
CASES = 1_000_000
GENERATOR = "licheng-1"
"""Change it whenever the generated rows change, so that older loads are replaced."""
CHUNK = 100_000
"""Cases per ``INSERT`` statement: a short transaction each, and progress to show."""
ALEMBIC_INI = ROOT / "services" / "cases" / "alembic.ini"

DISTRICT = "370112"
SUBDISTRICTS = 20
COMMUNITIES_PER_SUBDISTRICT = 10
GRIDS_PER_COMMUNITY = 5
GRIDS = SUBDISTRICTS * COMMUNITIES_PER_SUBDISTRICT * GRIDS_PER_COMMUNITY

Say = Callable[[str], None]

# Per case ``i``: its grid ``g`` (7919 is prime to 1000, so consecutive cases spread over all
# grids), two 32-bit hashes ``a`` and ``b`` whose digits decide its outcome, and its report
# time, one every 63.072 s from 2025-01-01 00:00 Beijing time, two years for a million.
_LOAD = f"""
INSERT INTO cases (
    id, version, number, title, description, category_code, attributes, priority, source,
    status, level, address, grid_id, division_code, reported_at, dispatched_at, dispatched_on,
    time_limit_days, due_on, closed_at, closed_on, rework_count, reopen_count, extension_count,
    visit_count, satisfied_visit_count, satisfaction, state
)
SELECT
    md5('bench-case-' || i)::uuid, 1, 'BENCH-' || lpad(i::text, 7, '0'),
    '楼道灯不亮', '三单元楼道灯坏了一周', 'PUBLIC_LIGHTING', '{{}}', 'NORMAL', 'GRID_PATROL',
    status, 'GRID', '历城区', md5('bench-grid-' || g)::uuid,
    '{DISTRICT}' || lpad((g / 50 + 1)::text, 3, '0') || lpad((g / 5 % 10 + 1)::text, 3, '0'),
    reported_at,
    CASE WHEN dispatched THEN reported_at + interval '2 hours' END,
    CASE WHEN dispatched THEN reported_on END,
    CASE WHEN dispatched THEN time_limit END,
    CASE WHEN dispatched THEN due_on END,
    CASE WHEN closed THEN (closed_on + time '09:00') AT TIME ZONE 'Asia/Shanghai'
        + (b / 1000000 % 9) * interval '1 hour' END,
    CASE WHEN closed THEN closed_on END,
    rework, 0, extensions,
    CASE WHEN closed THEN 1 ELSE 0 END + rework,
    CASE WHEN closed THEN 1 ELSE 0 END,
    CASE WHEN closed THEN 'SATISFIED' END,
    '{{}}'
FROM (
    SELECT
        *,
        status = 'CLOSED' AS closed,
        status NOT IN ('REPORTED', 'ACCEPTED', 'REJECTED', 'MERGED') AS dispatched,
        reported_on + time_limit + 5 * extensions
            + CASE WHEN on_time THEN -(b / 10000 % 4)::int ELSE 1 + (b / 10000 % 5)::int END
            AS closed_on,
        reported_on + time_limit + 5 * extensions AS due_on
    FROM (
        SELECT
            *,
            CASE
                WHEN a % 1000 < 20 THEN 'REJECTED'
                WHEN a % 1000 < 40 THEN 'MERGED'
                WHEN a % 1000 < 890 THEN 'CLOSED'
                ELSE (ARRAY['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED',
                            'VERIFIED', 'SUSPENDED'])[1 + (a % 7)::int]
            END AS status,
            (reported_at AT TIME ZONE 'Asia/Shanghai')::date AS reported_on,
            5 + (b % 10)::int AS time_limit,
            a / 1000 % 100 < 90 AS on_time,
            CASE WHEN a / 100000 % 100 < 5 THEN 1 WHEN a / 100000 % 100 < 6 THEN 2 ELSE 0 END
                AS rework,
            CASE WHEN b / 100 % 100 < 8 THEN 1 ELSE 0 END AS extensions
        FROM (
            SELECT
                i,
                (i::bigint * 7919) % {GRIDS} AS g,
                ('x' || substr(hash, 1, 8))::bit(32)::bigint AS a,
                ('x' || substr(hash, 9, 8))::bit(32)::bigint AS b,
                timestamptz '2025-01-01 00:00+08' + (i - 1) * interval '63.072 seconds'
                    AS reported_at
            FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS i,
                md5(i::text) AS hash
        ) AS numbered
    ) AS decided
) AS dated
"""
# A case of a status that was never dispatched has no due date; one that was has at least
# five days, so even an early closing falls after its report.

_MARK = f"{GENERATOR}: {CASES} cases"


@dataclass(frozen=True)
class Loaded:
    """What the bench found or did to have its cases."""

    cases: int
    loaded_now: bool
    seconds: float
    """How long loading (and vacuuming) took; 0 when an earlier run's cases were kept."""


def database_url(server_url: str) -> str:
    """The SQLAlchemy (asyncpg) URL of the bench's cases database on ``server_url``'s server."""
    url = make_url(server_url).set(drivername="postgresql+asyncpg", database=DATABASE)
    return url.render_as_string(hide_password=False)


async def prepare(server_url: str, *, say: Say) -> str:
    """The bench database, created when missing and migrated to the cases service's head."""
    admin = make_url(server_url).set(drivername="postgresql", database="postgres")
    connection = await asyncpg.connect(admin.render_as_string(hide_password=False))
    try:
        if not await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DATABASE):
            with_name = f'CREATE DATABASE "{DATABASE}"'  # a constant: names cannot be bound
            try:
                await connection.execute(with_name)
                say(f"created database {DATABASE}")
            except asyncpg.DuplicateDatabaseError:
                pass  # created meanwhile by another run
    finally:
        await connection.close()
    url = database_url(server_url)
    await asyncio.to_thread(upgrade, ALEMBIC_INI, url)
    return url


async def ensure_cases(engine: AsyncEngine, *, say: Say) -> Loaded:
    """The million cases in place and vacuumed: loaded unless this generator's are there."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with engine.connect() as connection:
        mark = await connection.scalar(
            text("SELECT obj_description('cases'::regclass, 'pg_class')")
        )
        count = await connection.scalar(text("SELECT count(*) FROM cases"))
    loaded_now = mark != _MARK or count != CASES
    if loaded_now:
        await _load(engine, say=say)
    if loaded_now or not await _all_visible(engine):
        # The visibility map is what lets an index-only scan skip the table; ANALYZE gives the
        # planner the new rows' statistics.
        say("VACUUM ANALYZE cases ...")
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        async with autocommit.connect() as connection:
            await connection.execute(text("VACUUM (ANALYZE) cases"))
    seconds = loop.time() - started if loaded_now else 0.0
    return Loaded(cases=CASES, loaded_now=loaded_now, seconds=seconds)


async def _load(engine: AsyncEngine, *, say: Say) -> None:
    say(f"loading {CASES:,} cases into {DATABASE} (once; reruns keep them) ...")
    async with engine.begin() as connection:
        await connection.execute(text("COMMENT ON TABLE cases IS NULL"))
        await connection.execute(text("TRUNCATE cases CASCADE"))
    for first in range(1, CASES + 1, CHUNK):
        last = min(first + CHUNK - 1, CASES)
        async with engine.begin() as connection:
            await connection.execute(text(_LOAD), {"first": first, "last": last})
        say(f"  {last:,} of {CASES:,}")
    async with engine.begin() as connection:
        # Written last: an interrupted load leaves no mark, and the next run starts over.
        await connection.execute(text(f"COMMENT ON TABLE cases IS '{_MARK}'"))


async def _all_visible(engine: AsyncEngine) -> bool:
    """Whether every page of ``cases`` is marked all-visible (nothing to vacuum)."""
    async with engine.connect() as connection:
        row = (
            await connection.execute(
                text("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'cases'")
            )
        ).one()
    pages, visible = row
    return bool(pages) and visible >= pages


def grid_id(community: str, number: int) -> UUID:
    """The id the generator gives grid ``number`` (1 to 5) of the community ``community``."""
    subdistrict, within = int(community[6:9]), int(community[9:12])
    g = (
        ((subdistrict - 1) * COMMUNITIES_PER_SUBDISTRICT + within - 1) * GRIDS_PER_COMMUNITY
        + number
        - 1
    )
    return UUID(hashlib.md5(f"bench-grid-{g}".encode(), usedforsecurity=False).hexdigest())
