"""What the personnel integration tests share: valid ID numbers, operations, grid events."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.contracts import org as org_contracts
from gridkit.events import CloudEvent
from gridkit.settings import ServiceSettings
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from personnel.domain.national_id import national_id_check_character

REGISTER = """mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { id name gender birthDate nationalId phone divisionCode }
}"""


def national_id(
    born: date, *, male: bool = True, region: str = "370112", sequence: int = 12
) -> str:
    """A valid resident ID number for a birth date and gender."""
    digit = sequence * 2 + (1 if male else 0)
    body = f"{region}{born:%Y%m%d}{digit:03d}"
    return body + national_id_check_character(body)


async def announce_grid(
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    code: str = "370112001001001",
    status: str = "ACTIVE",
    grid_id: UUID | None = None,
    version: int = 1,
) -> UUID:
    """Publish an org grid event as the org service would, and return the grid id."""
    grid_id = grid_id or uuid4()
    model = org_contracts.GridCreated if version == 1 else org_contracts.GridRetired
    payload = model(
        grid_id=grid_id,
        code=code,
        name=f"网格{code[-3:]}",
        kind="RESIDENTIAL",
        division_id=uuid4(),
        households=10,
        residents=30,
        status=status,
    )
    envelope = CloudEvent.wrap(
        payload, source="/pioneer-grid/org", aggregate_id=grid_id, version=version
    )
    await js.publish(
        settings.subject_for(payload.event_type),
        envelope.to_json(),
        headers={"Nats-Msg-Id": envelope.id},
    )
    return grid_id


def person_input(**fields: Any) -> dict[str, Any]:
    """Input of registerPerson with sensible defaults."""
    fields.setdefault("name", "张三")
    fields.setdefault("nationalId", national_id(date(1985, 6, 15)))
    fields.setdefault("divisionCode", "370112001001")
    return {"input": fields}


async def register_person(
    client: GraphQLClient,
    name: str,
    *,
    born: date = date(1985, 6, 15),
    sequence: int = 12,
    division_code: str = "370112001001",
) -> str:
    """Register a person through GraphQL and return their id."""
    data = await client.data(
        REGISTER,
        person_input(
            name=name,
            nationalId=national_id(born, sequence=sequence),
            divisionCode=division_code,
        ),
    )
    person_id: str = data["registerPerson"]["id"]
    return person_id


async def row_counts(engine: AsyncEngine, *tables: str) -> dict[str, int]:
    """How many rows each table holds, to show a refused write changed nothing."""
    async with engine.connect() as connection:
        return {
            table: int(await connection.scalar(text(f"SELECT count(*) FROM {table}")) or 0)
            for table in tables
        }


async def outbox_subjects(engine: AsyncEngine) -> list[str]:
    """Subjects of the events written to the outbox, in order."""
    async with engine.connect() as connection:
        rows = await connection.scalars(text("SELECT subject FROM outbox ORDER BY position"))
        return list(rows)


async def announce_party_organization(
    js: JetStreamContext,
    settings: ServiceSettings,
    *,
    organization_id: UUID | None = None,
    name: str = "第一网格党支部",
    grid_id: UUID | None = None,
) -> UUID:
    """Publish an org party organisation event as the org service would; returns its id."""
    organization_id = organization_id or uuid4()
    payload = org_contracts.PartyOrganizationCreated(
        party_organization_id=organization_id,
        name=name,
        kind="BRANCH",
        division_id=uuid4(),
        grid_id=grid_id,
    )
    envelope = CloudEvent.wrap(
        payload, source="/pioneer-grid/org", aggregate_id=organization_id, version=1
    )
    await js.publish(
        settings.subject_for(payload.event_type),
        envelope.to_json(),
        headers={"Nats-Msg-Id": envelope.id},
    )
    return organization_id


async def known_party_organization(
    engine: AsyncEngine, js: JetStreamContext, settings: ServiceSettings, **fields: Any
) -> UUID:
    """Announce a party organisation and wait until personnel's view holds it."""
    organization_id = await announce_party_organization(js, settings, **fields)

    async def seen() -> bool:
        async with engine.connect() as connection:
            found = await connection.scalar(
                text("SELECT 1 FROM party_organization_views WHERE id = :id"),
                {"id": organization_id},
            )
        return found is not None

    await eventually(seen, within=15, what="the party organisation view")
    return organization_id


async def known_grid(
    engine: AsyncEngine, js: JetStreamContext, settings: ServiceSettings, **fields: Any
) -> UUID:
    """Announce a grid (see :func:`announce_grid`) and wait until personnel's view shows it."""
    grid_id = await announce_grid(js, settings, **fields)

    async def seen() -> bool:
        async with engine.connect() as connection:
            found = await connection.scalar(
                text("SELECT status FROM grid_views WHERE id = :id"), {"id": grid_id}
            )
        return bool(found == fields.get("status", "ACTIVE"))

    await eventually(seen, within=15, what="the grid view")
    return grid_id
