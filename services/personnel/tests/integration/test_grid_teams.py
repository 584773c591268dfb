"""Grid teams ("1+1+1+N") on the grids org announces, and party membership."""

from __future__ import annotations

from datetime import date

import pytest
from nats.js import JetStreamContext
from personnel_testing import REGISTER, known_grid, national_id, person_input
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient
from personnel.config import PersonnelSettings

ASSIGN = """mutation($p: ID!, $g: ID!, $role: GridRole!) {
  assignToGrid(personId: $p, gridId: $g, role: $role, startsOn: "2026-01-01") { id role }
}"""
OPEN = """mutation($p: ID!, $o: ID!, $s: MembershipStatus!, $since: Date!) {
  openMembership(personId: $p, partyOrganizationId: $o, status: $s, since: $since) {
    status isMember
  }
}"""
ORGANIZATION = "5b0ab3d7-3d1d-4c8e-a1a5-9d1f0b9f2a11"
KNOWN_PARTY_ORGANIZATIONS = (ORGANIZATION,)
"""Announced by org before each test: memberships and letters name them."""
pytestmark = pytest.mark.usefixtures("party_organizations")


async def register(admin: GraphQLClient, name: str, born: date, sequence: int) -> str:
    data = await admin.data(
        REGISTER,
        person_input(
            name=name, nationalId=national_id(born, sequence=sequence), phone="13900001111"
        ),
    )
    person_id: str = data["registerPerson"]["id"]
    return person_id


async def written(personnel_db: AsyncEngine) -> tuple[int, int]:
    """Assignments and outbox rows: equal before and after a refused change."""
    async with personnel_db.connect() as connection:
        assignments = await connection.scalar(text("SELECT count(*) FROM assignments"))
        events = await connection.scalar(text("SELECT count(*) FROM outbox"))
    return int(assignments or 0), int(events or 0)


@pytest.fixture
def settings(personnel_settings: PersonnelSettings) -> PersonnelSettings:
    return personnel_settings


async def test_a_grid_team_is_staffed_by_the_rules(
    admin: GraphQLClient,
    personnel: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    grid = str(await known_grid(personnel_db, jetstream, settings, code="370112001001009"))
    leader = await register(admin, "王网格长", date(1975, 3, 1), 1)
    worker = await register(admin, "赵专职", date(1990, 3, 1), 2)
    outsider = await register(admin, "钱群众", date(1992, 3, 1), 3)
    await admin.data(ASSIGN, {"p": leader, "g": grid, "role": "GRID_LEADER"})

    before = await written(personnel_db)
    taken = await admin.error(ASSIGN, {"p": outsider, "g": grid, "role": "GRID_LEADER"})
    assert taken["extensions"]["code"] == "ASSIGNMENT_ROLE_TAKEN"
    assert "王网格长" in taken["message"]

    not_member = await admin.error(ASSIGN, {"p": worker, "g": grid, "role": "FULL_TIME_WORKER"})
    assert not_member["extensions"]["code"] == "FULL_TIME_WORKER_NOT_A_MEMBER"
    assert await written(personnel_db) == before  # refused: no row, no event

    opened = await admin.data(
        OPEN, {"p": worker, "o": ORGANIZATION, "s": "FULL", "since": "2015-07-01"}
    )
    assert opened["openMembership"] == {"status": "FULL", "isMember": True}
    await admin.data(ASSIGN, {"p": worker, "g": grid, "role": "FULL_TIME_WORKER"})

    second = await register(admin, "孙专职", date(1991, 3, 1), 4)
    await admin.data(OPEN, {"p": second, "o": ORGANIZATION, "s": "FULL", "since": "2016-07-01"})
    again = await admin.error(ASSIGN, {"p": second, "g": grid, "role": "FULL_TIME_WORKER"})
    assert again["extensions"]["code"] == "ASSIGNMENT_ROLE_TAKEN"

    team = await admin.data(
        """query($reps: [_Any!]!) { _entities(representations: $reps) {
             ... on Grid { leader { name phone } fullTimeWorker { name } staff { role } } } }""",
        {"reps": [{"__typename": "Grid", "id": grid}]},
    )
    assert team["_entities"] == [
        {
            "leader": {"name": "王网格长", "phone": "139****1111"},
            "fullTimeWorker": {"name": "赵专职"},
            "staff": [{"role": "FULL_TIME_WORKER"}, {"role": "GRID_LEADER"}],
        }
    ]
    report = await admin.data(
        '{ staffingReport(divisionCode: "370112001001009") {'
        " totalGrids complete incompleteGridCodes grids { code complete missing gridWorkers }"
        " divisions { grids complete rate } } }"
    )
    assert report["staffingReport"] == {
        "totalGrids": 1,
        "complete": 0,
        "incompleteGridCodes": ["370112001001009"],
        "grids": [
            {
                "code": "370112001001009",
                "complete": False,
                "missing": ["GRID_INSTRUCTOR"],
                "gridWorkers": 0,
            }
        ],
        "divisions": [{"grids": 1, "complete": 0, "rate": 0.0}],
    }


async def test_unknown_and_retired_grids_take_no_one(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    person = await register(admin, "周某", date(1980, 1, 1), 5)
    unknown = await admin.error(
        ASSIGN, {"p": person, "g": "00000000-0000-0000-0000-000000000000", "role": "GRID_WORKER"}
    )
    assert unknown["extensions"]["code"] == "GRID_NOT_FOUND"
    grid = await known_grid(personnel_db, jetstream, settings, code="370112001001010")
    await known_grid(
        personnel_db,
        jetstream,
        settings,
        code="370112001001010",
        grid_id=grid,
        status="RETIRED",
        version=2,
    )
    retired = await admin.error(ASSIGN, {"p": person, "g": str(grid), "role": "GRID_WORKER"})
    assert retired["extensions"]["code"] == "GRID_RETIRED"


async def test_membership_steps_follow_the_lifecycle(admin: GraphQLClient) -> None:
    person = await register(admin, "吴积极", date(1995, 5, 5), 6)
    await admin.data(
        OPEN, {"p": person, "o": ORGANIZATION, "s": "APPLICANT", "since": "2024-03-01"}
    )
    skipped = await admin.error(
        """mutation($p: ID!) { changeMembershipStatus(personId: $p, status: PROBATIONARY,
             on: "2024-06-01") { status } }""",
        {"p": person},
    )
    assert skipped["extensions"]["code"] == "MEMBERSHIP_INVALID_TRANSITION"
    step = await admin.data(
        """mutation($p: ID!) { changeMembershipStatus(personId: $p, status: ACTIVIST,
             on: "2024-06-01") { status steps { status on } } }""",
        {"p": person},
    )
    assert step["changeMembershipStatus"] == {
        "status": "ACTIVIST",
        "steps": [
            {"status": "APPLICANT", "on": "2024-03-01"},
            {"status": "ACTIVIST", "on": "2024-06-01"},
        ],
    }


async def test_applicants_must_be_eighteen(admin: GraphQLClient) -> None:
    person = await register(admin, "郑少年", date(2010, 1, 1), 7)
    error = await admin.error(
        OPEN, {"p": person, "o": ORGANIZATION, "s": "APPLICANT", "since": "2026-01-01"}
    )
    assert error["extensions"]["code"] == "MEMBERSHIP_TOO_YOUNG"


async def test_a_person_lists_their_roles_latest_first(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    settings: PersonnelSettings,
) -> None:
    first = str(await known_grid(personnel_db, jetstream, settings, code="370112001001011"))
    second = str(await known_grid(personnel_db, jetstream, settings, code="370112001001012"))
    person = await register(admin, "冯网格员", date(1988, 8, 8), 8)
    for grid, starts_on in ((first, "2025-01-01"), (second, "2026-02-01")):
        await admin.data(
            """mutation($p: ID!, $g: ID!, $on: Date!) {
                 assignToGrid(personId: $p, gridId: $g, role: GRID_WORKER, startsOn: $on) {
                   id } }""",
            {"p": person, "g": grid, "on": starts_on},
        )

    data = await admin.data(
        """query($id: ID!) { person(id: $id) {
             assignments { role startsOn grid { id } person { name } } } }""",
        {"id": person},
    )

    assert data["person"]["assignments"] == [
        {
            "role": "GRID_WORKER",
            "startsOn": "2026-02-01",
            "grid": {"id": second},
            "person": {"name": "冯网格员"},
        },
        {
            "role": "GRID_WORKER",
            "startsOn": "2025-01-01",
            "grid": {"id": first},
            "person": {"name": "冯网格员"},
        },
    ]
    # asked for more than its key, the grid answers its team today (both grids: 冯网格员 alone)
    teams = await admin.data(
        """query($id: ID!) { person(id: $id) {
             assignments { grid { id staff { role person { name } } } } } }""",
        {"id": person},
    )
    assert [a["grid"] for a in teams["person"]["assignments"]] == [
        {"id": grid, "staff": [{"role": "GRID_WORKER", "person": {"name": "冯网格员"}}]}
        for grid in (second, first)
    ]
