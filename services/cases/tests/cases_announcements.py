"""Other services' announcements, as the cases service hears them in its integration tests,
and what those tests share besides.

Org's grids and departments and personnel's grid assignments are published on their streams
as those services would, and each helper waits until cases' view holds them. The rest is
common ground: the service running for a whole test module, a report's input, callers and
moments for the steps only the handlers reach (a date other than today), the row counts that
show a refusal changed nothing, the events a change wrote, and real evidence files (a PNG, a
JPEG, a PDF) built byte by byte.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import struct
import zlib
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID, uuid4

from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.app import build_app
from cases.config import CasesSettings
from cases.handlers.cases import Moment
from cases.handlers.catalogue import load_standard_catalogue
from cases.jobs import jobs
from cases.unit_of_work import CasesUnitOfWork
from gridkit.auth import Caller
from gridkit.contracts import org, personnel
from gridkit.db import create_session_factory
from gridkit.messaging.leadership import Leadership
from gridkit.messaging.streams import provision_stream
from gridkit.pii import PiiProtector
from gridkit.settings import ServiceSettings
from gridkit.testing.events import publish_as
from gridkit.testing.graphql import GraphQLClient, serve
from gridkit.testing.waiting import eventually

COMMUNITY = "370112001001"
"""香溢紫郡社区 (王舍人街道): where the stories take place."""

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[117.10, 36.68], [117.12, 36.68], [117.12, 36.70], [117.10, 36.70], [117.10, 36.68]]
    ],
}
"""The grid's boundary; (117.11, 36.69) lies inside it."""

SUBDISTRICT = COMMUNITY[:9]
"""王舍人街道."""
DISTRICT = COMMUNITY[:6]
"""历城区."""
NEIGHBOUR = "370112001002"
"""Another community of the same subdistrict."""


async def _seen(engine: AsyncEngine, table: str, row_id: UUID, version: int) -> None:
    async def there() -> bool:
        async with engine.connect() as connection:
            found = await connection.scalar(
                text(f"SELECT version FROM {table} WHERE id = :id"), {"id": row_id}
            )
        return found is not None and found >= version

    await eventually(there, within=15, what=f"{table} {row_id}")


async def known_grid(
    engine: AsyncEngine,
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    grid_id: UUID | None = None,
    code: str = f"{COMMUNITY}001",
    name: str = "第一网格",
    boundary: dict[str, Any] | None = SQUARE,
    status: str = "ACTIVE",
    version: int = 1,
) -> UUID:
    """Announce an org grid and wait until cases knows it; returns its id."""
    grid_id = grid_id or uuid4()
    model = org.GridCreated if version == 1 else org.GridRetired
    # Each grid of a test gets a division of its own, the same on every version.
    division_id = UUID(int=grid_id.int ^ 1)
    payload = model(
        grid_id=grid_id,
        code=code,
        name=name,
        kind="RESIDENTIAL",
        division_id=division_id,
        households=300,
        residents=900,
        status=status,
        boundary=boundary,
    )
    await publish_as(js, settings, payload, aggregate_id=grid_id, version=version)
    await _seen(engine, "grid_views", grid_id, version)
    return grid_id


async def known_department(
    engine: AsyncEngine,
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    name: str,
    kind: str = "DISTRICT_BUREAU",
    division_code: str = "370112",
    categories: tuple[str, ...] = ("ELEVATOR",),
    department_id: UUID | None = None,
    parent_id: UUID | None = None,
    dissolved: bool = False,
) -> UUID:
    """Announce an org department and wait until cases knows it; returns its id.

    ``dissolved`` announces its dissolution next, as org does when a department is wound up.
    """
    department_id = department_id or uuid4()
    fields: dict[str, Any] = {
        "department_id": department_id,
        "name": name,
        "kind": kind,
        "parent_id": parent_id,
        "division_id": UUID(int=department_id.int ^ 1),
        "division_code": division_code,
        "categories": list(categories),
    }
    payload = org.DepartmentCreated(**fields, status="ACTIVE")
    await publish_as(js, settings, payload, aggregate_id=department_id)
    await _seen(engine, "department_views", department_id, 1)
    if dissolved:
        ended = org.DepartmentDissolved(**fields, status="DISSOLVED")
        await publish_as(js, settings, ended, aggregate_id=department_id, version=2)
        await _seen(engine, "department_views", department_id, 2)
    return department_id


async def known_full_time_worker(
    engine: AsyncEngine,
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    grid_id: UUID,
    person_id: UUID,
    starts_on: date = date(2026, 1, 1),
    ends_on: date | None = None,
) -> UUID:
    """Announce a grid's full-time worker (专职网格员) and wait until cases knows it.

    ``ends_on`` announces next that the assignment ended that day (a transfer, 调离).
    """
    assignment_id = uuid4()
    fields: dict[str, Any] = {
        "assignment_id": assignment_id,
        "person_id": person_id,
        "grid_id": grid_id,
        "role": "FULL_TIME_WORKER",
        "starts_on": starts_on,
    }
    payload = personnel.AssignmentStarted(**fields)
    await publish_as(js, settings, payload, aggregate_id=assignment_id)
    await _seen(engine, "grid_worker_views", assignment_id, 1)
    if ends_on is not None:
        ended = personnel.AssignmentEnded(**fields, ends_on=ends_on, end_reason="调离")
        await publish_as(js, settings, ended, aggregate_id=assignment_id, version=2)
        await _seen(engine, "grid_worker_views", assignment_id, 2)
    return assignment_id


# What the stories share

BEIJING = timezone(timedelta(hours=8))
"""Asia/Shanghai's offset (no summer time)."""

COUNTED_TABLES = ("cases", "case_timeline", "outbox", "attachments")
"""The tables a refused request must leave as they were."""


def report_input(**fields: object) -> dict[str, object]:
    """The variables of ``reportCase``: the west lift of building 1 in the grid's square."""
    return {
        "input": {
            "title": "1号楼西侧电梯夜间异响",
            "description": "居民反映电梯夜间噪音大，影响休息",
            "category": "ELEVATOR",
            "source": "GRID_PATROL",
            "address": "香溢紫郡1号楼",
            "longitude": 117.11,
            "latitude": 36.69,
            "attributes": {"building": "1号楼", "position": "WEST", "symptoms": ["NOISE"]},
            **fields,
        }
    }


async def row_counts(engine: AsyncEngine) -> dict[str, int]:
    """How many rows each of :data:`COUNTED_TABLES` holds."""
    async with engine.connect() as connection:
        return {
            table: int(await connection.scalar(text(f"SELECT count(*) FROM {table}")) or 0)
            for table in COUNTED_TABLES
        }


def caller(
    *roles: str,
    scope: str = COMMUNITY,
    subject: str,
    name: str,
    person: UUID | None = None,
    department: UUID | None = None,
) -> Caller:
    """A signed-in caller, as a verified token would name them, for the handlers."""
    return Caller(
        subject=subject,
        name=name,
        roles=frozenset(roles),
        scope=scope,
        person=None if person is None else str(person),
        department=None if department is None else str(department),
    )


def moment(day: date, hour: int = 9) -> Moment:
    """``hour`` o'clock in Beijing on ``day``: a command served then."""
    return Moment(at=datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING), today=day)


def unit_of_work(engine: AsyncEngine, settings: ServiceSettings) -> CasesUnitOfWork:
    """A unit of work on the service's database, as a command's handler gets one."""
    return CasesUnitOfWork(create_session_factory(engine), PiiProtector.from_settings(settings))


async def outbox_events(engine: AsyncEngine, case_id: str | UUID) -> list[dict[str, Any]]:
    """The CloudEvents written for one aggregate (a case, a watch), in the order written."""
    async with engine.connect() as connection:
        rows = await connection.scalars(
            text("SELECT envelope FROM outbox WHERE aggregate_id = :id ORDER BY position"),
            {"id": UUID(str(case_id))},
        )
        return list(rows)


@contextlib.asynccontextmanager
async def timers_held(settings: CasesSettings) -> AsyncIterator[None]:
    """Hold the locks of the service's periodic jobs, as another replica would.

    The service's own deadline timer then waits as a standby instead of running on today's
    date, so the cases a test dates in 2026 move only when the test calls the handler.
    """
    held = [
        Leadership(settings.database_url, f"{settings.service_name}:job:{job.name}")
        for job in jobs(settings)
    ]
    for leadership in held:
        await leadership.acquire(asyncio.Event())
    try:
        yield
    finally:
        for leadership in held:
            await leadership.release()


@contextlib.asynccontextmanager
async def running_service(
    settings: CasesSettings, jetstream: JetStreamContext
) -> AsyncIterator[AsyncClient]:
    """The cases service running (relay and consumers included), its timer held off.

    Started once for a test module instead of once per test: starting and stopping the
    workers costs more than most tests. Each test still begins on empty tables
    (:func:`fresh_client`).
    """
    for source in ("org", "personnel"):
        await provision_stream(jetstream, settings, source)
    async with timers_held(settings), serve(build_app(settings)) as http:
        yield http


async def fresh_client(
    http: AsyncClient, engine: AsyncEngine, settings: CasesSettings
) -> GraphQLClient:
    """An anonymous client of the running service, on tables just emptied by ``cases_db``
    (``engine``), with the standard catalogue loaded again."""
    await load_standard_catalogue(unit_of_work(engine, settings))
    return GraphQLClient(http, settings)


# Evidence files, real ones: each opens in an image viewer or a PDF reader.


def png_image(side: int = 2, *, seed: int = 0) -> bytes:
    """A ``side`` × ``side`` PNG of random colours (``seed`` picks them), stored uncompressed.

    Uncompressed random pixels keep the file about ``3 × side²`` bytes: 150 is over 64 KiB.
    """
    pixels = random.Random(seed)
    rows = b"".join(b"\x00" + pixels.randbytes(3 * side) for _ in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 0))
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


def jpeg_image(comment: str = "") -> bytes:
    """An 8 × 8 mid-grey baseline JPEG (JFIF), with ``comment`` in a COM segment.

    Mid-grey makes every coefficient zero, so one-code Huffman tables encode the block in two
    bits: DC difference 0, then end of block.
    """

    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data

    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    quantisation = b"\x00" + bytes([1] * 64)
    frame = struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00"
    one_code = bytes([1] + [0] * 15) + b"\x00"  # one code of length 1, for symbol 0
    huffman = b"\x00" + one_code + b"\x10" + one_code  # DC table 0, AC table 0
    scan = b"\x01\x01\x00\x00\x3f\x00"
    return (
        b"\xff\xd8"
        + segment(0xE0, jfif)
        + (segment(0xFE, comment.encode()) if comment else b"")
        + segment(0xDB, quantisation)
        + segment(0xC0, frame)
        + segment(0xC4, huffman)
        + segment(0xDA, scan)
        + b"\x3f"  # the bits 0 (DC) and 0 (EOB), padded with ones
        + b"\xff\xd9"
    )


def pdf_document(line: str) -> bytes:
    """A one-page PDF 1.4 saying ``line`` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return (
        body
        + b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        + table
        + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, len(body))
    )
