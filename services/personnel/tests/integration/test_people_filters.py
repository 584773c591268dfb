"""Listing people by grid, role, membership status and name, as a grid office searches them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nats.js import JetStreamContext
from personnel_testing import known_grid, known_party_organization, register_person
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.clock import local_today
from gridkit.testing.graphql import GraphQLClient
from personnel.config import PersonnelSettings

PEOPLE = """query($grid: ID, $role: GridRole, $status: MembershipStatus, $prefix: String) {
  people(gridId: $grid, role: $role, membershipStatus: $status, namePrefix: $prefix) {
    totalCount nodes { name }
  }
}"""
ASSIGN = """mutation($p: ID!, $g: ID!, $role: GridRole!, $on: Date!) {
  assignToGrid(personId: $p, gridId: $g, role: $role, startsOn: $on) { id }
}"""
END = (
    """mutation($id: ID!, $on: Date!) { endAssignment(id: $id, on: $on, reason: "调整") { id } }"""
)
OPEN = """mutation($p: ID!, $o: ID!, $s: MembershipStatus!) {
  openMembership(personId: $p, partyOrganizationId: $o, status: $s, since: "2020-07-01") { status }
}"""


async def names(client: GraphQLClient, **filters: object) -> list[str]:
    answer = await client.data(PEOPLE, filters)
    return [node["name"] for node in answer["people"]["nodes"]]


@pytest.fixture
async def grids(
    personnel_db: AsyncEngine, jetstream: JetStreamContext, personnel_settings: PersonnelSettings
) -> tuple[str, str]:
    east = await known_grid(personnel_db, jetstream, personnel_settings, code="370112001001041")
    west = await known_grid(personnel_db, jetstream, personnel_settings, code="370112001001042")
    return str(east), str(west)


async def test_people_are_found_by_grid_role_status_and_name_prefix(
    admin: GraphQLClient,
    grids: tuple[str, str],
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    personnel_settings: PersonnelSettings,
) -> None:
    east, west = grids
    organization = await known_party_organization(personnel_db, jetstream, personnel_settings)
    zhang = await register_person(admin, "张东", sequence=71)
    zhao = await register_person(admin, "赵东", sequence=72)
    zhou = await register_person(admin, "张西", sequence=73)
    await register_person(admin, "李闲", sequence=74)
    for person, status in ((zhang, "FULL"), (zhao, "APPLICANT"), (zhou, "FULL")):
        await admin.data(OPEN, {"p": person, "o": str(organization), "s": status})
    on = "2026-01-01"
    await admin.data(ASSIGN, {"p": zhang, "g": east, "role": "GRID_LEADER", "on": on})
    await admin.data(ASSIGN, {"p": zhao, "g": east, "role": "GRID_WORKER", "on": on})
    await admin.data(ASSIGN, {"p": zhou, "g": west, "role": "GRID_WORKER", "on": on})

    assert await names(admin, grid=east) == ["张东", "赵东"]
    assert await names(admin, role="GRID_WORKER") == ["张西", "赵东"]
    assert await names(admin, grid=east, role="GRID_WORKER") == ["赵东"]
    assert await names(admin, status="FULL") == ["张东", "张西"]
    assert await names(admin, prefix="张") == ["张东", "张西"]
    assert await names(admin, prefix="张", status="FULL", grid=west) == ["张西"]
    assert await names(admin, prefix="王") == []


async def test_grid_and_role_filters_count_only_who_serves_today(
    admin: GraphQLClient, grids: tuple[str, str]
) -> None:
    east, _ = grids
    today = local_today()
    starts_later = await register_person(admin, "钱将来", sequence=75)
    ended = await register_person(admin, "孙已离", sequence=76)
    ends_later = await register_person(admin, "周将离", sequence=77)
    await admin.data(
        ASSIGN,
        {
            "p": starts_later,
            "g": east,
            "role": "GRID_WORKER",
            "on": (today + timedelta(days=10)).isoformat(),
        },
    )
    for person, end in ((ended, today), (ends_later, today + timedelta(days=30))):
        started = await admin.data(
            ASSIGN, {"p": person, "g": east, "role": "GRID_WORKER", "on": "2025-01-01"}
        )
        await admin.data(END, {"id": started["assignToGrid"]["id"], "on": end.isoformat()})

    assert await names(admin, grid=east) == ["周将离"]
    assert await names(admin, grid=east, role="GRID_WORKER") == ["周将离"]
