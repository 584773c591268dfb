"""Other services' announcements, as the cases service hears them in its integration tests.

Org's grids and departments and personnel's grid assignments are published on their streams
as those services would, and each helper waits until cases' view holds them.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.contracts import org, personnel
from gridkit.settings import ServiceSettings
from gridkit.testing.events import publish_as
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
    payload = model(
        grid_id=grid_id,
        code=code,
        name=name,
        kind="RESIDENTIAL",
        division_id=uuid4(),
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
) -> UUID:
    """Announce an org department and wait until cases knows it; returns its id."""
    department_id = department_id or uuid4()
    payload = org.DepartmentCreated(
        department_id=department_id,
        name=name,
        kind=kind,
        parent_id=parent_id,
        division_id=uuid4(),
        division_code=division_code,
        categories=list(categories),
        status="ACTIVE",
    )
    await publish_as(js, settings, payload, aggregate_id=department_id)
    await _seen(engine, "department_views", department_id, 1)
    return department_id


async def known_full_time_worker(
    engine: AsyncEngine,
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    grid_id: UUID,
    person_id: UUID,
    starts_on: date = date(2026, 1, 1),
) -> UUID:
    """Announce a grid's full-time worker (专职网格员) and wait until cases knows it."""
    assignment_id = uuid4()
    payload = personnel.AssignmentStarted(
        assignment_id=assignment_id,
        person_id=person_id,
        grid_id=grid_id,
        role="FULL_TIME_WORKER",
        starts_on=starts_on,
    )
    await publish_as(js, settings, payload, aggregate_id=assignment_id)
    await _seen(engine, "grid_worker_views", assignment_id, 1)
    return assignment_id
