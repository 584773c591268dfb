"""Other services' announcements, as the volunteers service hears them in its integration
tests, and the moments, callers and row counts those tests share.

Org's grids and personnel's people are published on their streams as those services would,
and each helper waits until volunteers' view holds them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import UUID, uuid4

from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.auth import Caller
from gridkit.contracts import org, personnel
from gridkit.db import create_session_factory
from gridkit.events import CloudEvent
from gridkit.settings import ServiceSettings
from gridkit.testing.events import publish_as
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from volunteers.domain.kinds import ActivityCategory
from volunteers.domain.place import Place
from volunteers.handlers import activities, records
from volunteers.handlers.activities import ActivityPlan, ShiftPlan
from volunteers.unit_of_work import VolunteersUnitOfWork

COMMUNITY = "370112001001"
"""香溢紫郡社区 (王舍人街道)."""
BEIJING = timezone(timedelta(hours=8))


def beijing(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in Beijing time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


async def count(engine: AsyncEngine, sql: str, **parameters: object) -> int:
    """One number from the volunteers database."""
    async with engine.connect() as connection:
        return int(await connection.scalar(text(sql), parameters) or 0)


def grid_event(
    grid_id: UUID, *, name: str = "第一网格", code: str = f"{COMMUNITY}001", created: bool = True
) -> org.GridState:
    """Org's event of a grid: created, or updated with a new name."""
    fields = {
        "grid_id": grid_id,
        "code": code,
        "name": name,
        "kind": "RESIDENTIAL",
        "division_id": UUID(int=grid_id.int ^ 1),
        "households": 300,
        "residents": 900,
        "status": "ACTIVE",
    }
    if created:
        return org.GridCreated(**fields)
    return org.GridUpdated(**fields, changed_fields=["name"])


async def known_grid(
    engine: AsyncEngine,
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    grid_id: UUID | None = None,
    name: str = "第一网格",
) -> UUID:
    """Announce an org grid and wait until volunteers made its team; returns the grid's id."""
    grid_id = grid_id or uuid4()
    await publish_as(js, settings, grid_event(grid_id, name=name), aggregate_id=grid_id)
    await eventually(
        lambda: _has_team(engine, grid_id), within=15, what=f"the team of grid {grid_id}"
    )
    return grid_id


async def _has_team(engine: AsyncEngine, grid_id: UUID) -> bool:
    return await count(engine, "SELECT count(*) FROM teams WHERE grid_id = :g", g=grid_id) > 0


async def known_person(
    engine: AsyncEngine,
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    name: str,
    national_id_masked: str = "3701**********1234",
    person_id: UUID | None = None,
) -> UUID:
    """Announce a personnel person and wait until volunteers knows them; returns their id."""
    person_id = person_id or uuid4()
    payload = personnel.PersonRegistered(
        person_id=person_id,
        name=name,
        gender="FEMALE",
        birth_date=date(1990, 1, 1),
        division_code=COMMUNITY,
        national_id_masked=national_id_masked,
        phone_masked="138****5678",
    )
    await publish_as(js, settings, payload, aggregate_id=person_id)

    async def there() -> bool:
        found = "SELECT count(*) FROM person_views WHERE id = :p"
        return await count(engine, found, p=person_id) > 0

    await eventually(there, within=15, what=f"person {person_id}")
    return person_id


def resident(client: GraphQLClient, person_id: UUID) -> GraphQLClient:
    """A signed-in resident acting as themselves."""
    return client.as_caller(
        "RESIDENT", subject=f"person-{person_id}", name="Resident", person=str(person_id)
    )


def officer(client: GraphQLClient, person_id: UUID) -> GraphQLClient:
    """A community officer of 香溢紫郡社区 who is also a person of personnel."""
    return client.as_caller(
        "OFFICER", division=COMMUNITY, subject=f"officer-{person_id}", person=str(person_id)
    )


def caller(person_id: UUID, *roles: str) -> Caller:
    """The caller a handler is called with directly (for moments other than now)."""
    return Caller(
        subject=f"person-{person_id}",
        name="Tester",
        roles=frozenset(roles),
        scope=COMMUNITY if roles else "",
        person=str(person_id),
    )


def payload_of(event: CloudEvent) -> dict[str, object]:
    """An event's data."""
    return dict(event.data)


def _uow(engine: AsyncEngine) -> VolunteersUnitOfWork:
    return VolunteersUnitOfWork(create_session_factory(engine))


async def served(
    engine: AsyncEngine,
    organiser: UUID,
    volunteer_person: UUID,
    grid: UUID,
    *,
    day: date,
    hours: float,
) -> UUID:
    """A June activity the volunteer served ``hours`` in, recorded; returns the record's id."""
    staff = caller(organiser, "OFFICER")
    start = beijing(day, 8)
    plan = ActivityPlan(
        title="电梯维修期间帮扶老人上下楼",
        description="帮助1号楼老人上下楼",
        category=ActivityCategory.ELDERLY_AND_DISABLED,
        grid_id=grid,
        place=Place(address="香溢紫郡1号楼"),
        starts_at=start,
        ends_at=start + timedelta(hours=10),
        shifts=(ShiftPlan(starts_at=start, ends_at=start + timedelta(hours=10), needed=3),),
    )
    drafted_at = start - timedelta(days=3)
    activity = await activities.draft_activity(_uow(engine), staff, plan, at=drafted_at)
    await activities.publish_activity(_uow(engine), staff, activity_id=activity.id, at=drafted_at)
    _, signup = await activities.sign_up(
        _uow(engine),
        caller(volunteer_person),
        activity_id=activity.id,
        shift_id=activity.shifts[0].id,
        at=drafted_at,
    )
    await activities.start_activity(_uow(engine), staff, activity_id=activity.id, at=start)
    checked_in = start + timedelta(hours=1)
    await attended(
        engine, organiser, activity.id, signup.id, at=checked_in, hours=timedelta(hours=hours)
    )
    record = await records.record_service(
        _uow(engine),
        staff,
        activity_id=activity.id,
        signup_id=signup.id,
        content="帮扶老人上下楼",
        timezone="Asia/Shanghai",
        at=start + timedelta(hours=11),
    )
    return record.id


async def attended(
    engine: AsyncEngine,
    organiser: UUID,
    activity_id: UUID,
    signup_id: UUID,
    *,
    at: datetime,
    hours: timedelta,
) -> None:
    """The organiser checks the volunteer in at ``at`` and out ``hours`` later (moments other
    than now, which only the handlers reach)."""
    staff = caller(organiser, "OFFICER")
    for out, moment in ((False, at), (True, at + hours)):
        await activities.check(
            _uow(engine), staff, activity_id=activity_id, signup_id=signup_id, out=out, at=moment
        )
