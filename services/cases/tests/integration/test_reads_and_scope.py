"""Who reads which case: by scope, by department, as its reporter; through the root fields and
through the entities the gateway looks up (``Grid``, ``Person``, ``Department``, ``Case``).

To a caller outside what they may read, a case does not exist: ``case`` answers null and the
lists leave it out. An anonymous reporter's phone is read masked, and no event carries it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    NEIGHBOUR,
    fresh_client,
    known_department,
    known_full_time_worker,
    known_grid,
    report_input,
    running_service,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.config import CasesSettings
from gridkit.testing.events import stream_events
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually

REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) {
  id number anonymousReporter { name phone } } }"""
ACCEPT = "mutation($id: ID!) { acceptCase(caseId: $id) { id } }"
DISPATCH = """mutation($id: ID!, $assignees: [AssigneeInput!]) {
  dispatchCase(caseId: $id, assignees: $assignees) { id } }"""
CASE = "query($id: ID!) { case(id: $id) { number } }"
BY_NUMBER = "query($number: String!) { caseByNumber(number: $number) { number } }"
CASES = "{ cases { totalCount nodes { number } } }"
ENTITIES = """query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Grid { cases { totalCount nodes { number } } }
  ... on Person {
    reportedCases { totalCount nodes { number } }
    assignedCases { totalCount nodes { number } } }
  ... on Department { cases { totalCount nodes { number } } }
  ... on Case { number } } }"""
ANONYMOUS = """query($id: ID!) { case(id: $id) {
  reporter { id } anonymousReporter { name phone } } }"""

WORKER = UUID("00000000-0000-4000-8000-000000000011")
RESIDENT = UUID("00000000-0000-4000-8000-000000000099")
MAINTAINER = UUID("00000000-0000-4000-8000-0000000000d2")
BUREAU = UUID("00000000-0000-4000-8000-0000000000d1")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def service(
    cases_settings: CasesSettings, jetstream: JetStreamContext
) -> AsyncIterator[AsyncClient]:
    """The service, running for the whole module."""
    async with running_service(cases_settings, jetstream) as http:
        yield http


@pytest.fixture
async def cases(
    service: AsyncClient, cases_db: AsyncEngine, cases_settings: CasesSettings
) -> GraphQLClient:
    """An anonymous client of the running service; each test starts on empty tables."""
    return await fresh_client(service, cases_db, cases_settings)


@pytest.fixture
def worker(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller(
        "GRID_WORKER", division=COMMUNITY, name="张伟", subject="zhang", person=str(WORKER)
    )


@pytest.fixture
def officer(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller("OFFICER", division=COMMUNITY, name="王主任", subject="wang")


@pytest.fixture
async def grid(
    cases: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> UUID:
    grid_id = await known_grid(cases_db, jetstream, cases_settings)
    await known_full_time_worker(
        cases_db, jetstream, cases_settings, grid_id=grid_id, person_id=WORKER
    )
    return grid_id


def numbers(connection: dict[str, Any]) -> list[str]:
    """The numbers of a connection's nodes, checked against its total."""
    found = [node["number"] for node in connection["nodes"]]
    assert connection["totalCount"] == len(found)
    return found


async def reported(client: GraphQLClient, **fields: object) -> dict[str, Any]:
    """A case reported by ``client``, with ``fields`` changed in the input."""
    case: dict[str, Any] = (await client.data(REPORT, report_input(**fields)))["reportCase"]
    return case


async def entities(client: GraphQLClient, *reps: dict[str, str]) -> list[Any]:
    """The gateway's lookup of ``reps``, as ``client`` asks it."""
    found: list[Any] = (await client.data(ENTITIES, {"reps": list(reps)}))["_entities"]
    return found


async def test_a_grid_worker_of_another_community_finds_no_trace_of_the_case(
    grid: UUID, cases: GraphQLClient, worker: GraphQLClient, officer: GraphQLClient
) -> None:
    case = await reported(worker)
    stranger = cases.as_caller(
        "GRID_WORKER", division=NEIGHBOUR, subject="next-door", person=str(UUID(int=7))
    )
    subdistrict = cases.as_caller("OFFICER", division=COMMUNITY[:9], subject="zhao")

    assert (await stranger.data(CASE, {"id": case["id"]}))["case"] is None
    assert (await stranger.data(BY_NUMBER, {"number": case["number"]}))["caseByNumber"] is None
    assert numbers((await stranger.data(CASES))["cases"]) == []
    reps = ({"__typename": "Case", "id": case["id"]}, {"__typename": "Grid", "id": str(grid)})
    assert await entities(stranger, *reps) == [None, {"cases": {"totalCount": 0, "nodes": []}}]

    for reader in (worker, officer, subdistrict):
        assert (await reader.data(CASE, {"id": case["id"]}))["case"] == {"number": case["number"]}
        assert numbers((await reader.data(CASES))["cases"]) == [case["number"]]


async def test_a_department_handler_reads_the_cases_dispatched_to_the_department(
    grid: UUID,
    cases: GraphQLClient,
    worker: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    for department_id, name in ((MAINTAINER, "济南快速电梯维保有限公司"), (BUREAU, "区市场监管局")):
        await known_department(
            cases_db, jetstream, cases_settings, name=name, department_id=department_id
        )
    theirs, not_theirs = await reported(worker), await reported(worker, title="2号楼电梯异响")
    for case, assignees in (
        (theirs, [{"kind": "DEPARTMENT", "ref": str(MAINTAINER)}]),
        (not_theirs, None),
    ):
        await officer.data(ACCEPT, {"id": case["id"]})
        await officer.data(DISPATCH, {"id": case["id"], "assignees": assignees})
    # The maintainer's technician works far from the community: only his department admits him.
    technician = cases.as_caller(
        "CASE_HANDLER", division="370113", subject="liu", department=str(MAINTAINER)
    )

    assert (await technician.data(CASE, {"id": theirs["id"]}))["case"] == {
        "number": theirs["number"]
    }
    assert (await technician.data(CASE, {"id": not_theirs["id"]}))["case"] is None
    assert numbers((await technician.data(CASES))["cases"]) == [theirs["number"]]

    departments = [{"__typename": "Department", "id": str(d)} for d in (MAINTAINER, BUREAU)]
    assert [numbers(d["cases"]) for d in await entities(officer, *departments)] == [
        [theirs["number"]],
        [],
    ]
    assert [numbers(d["cases"]) for d in await entities(technician, *departments)] == [
        [theirs["number"]],
        [],
    ]
    [on_grid] = await entities(technician, {"__typename": "Grid", "id": str(grid)})
    assert numbers(on_grid["cases"]) == [theirs["number"]]


async def test_a_reporter_reads_the_cases_they_reported_and_no_others(
    grid: UUID, cases: GraphQLClient, worker: GraphQLClient, officer: GraphQLClient
) -> None:
    resident = cases.as_caller("RESIDENT", name="王女士", subject="wang-ns", person=str(RESIDENT))
    other_resident = cases.as_caller("RESIDENT", subject="li-xs", person=str(UUID(int=98)))
    own = await reported(resident, source="RESIDENT")
    patrol = await reported(worker)
    await officer.data(ACCEPT, {"id": patrol["id"]})
    await officer.data(DISPATCH, {"id": patrol["id"]})

    assert (await resident.data(CASE, {"id": own["id"]}))["case"] == {"number": own["number"]}
    assert (await resident.data(CASE, {"id": patrol["id"]}))["case"] is None
    assert numbers((await resident.data(CASES))["cases"]) == [own["number"]]
    assert (await other_resident.data(CASE, {"id": own["id"]}))["case"] is None
    assert numbers((await other_resident.data(CASES))["cases"]) == []

    people = [{"__typename": "Person", "id": str(p)} for p in (RESIDENT, WORKER)]
    as_officer = await entities(officer, *people)
    assert [(numbers(p["reportedCases"]), numbers(p["assignedCases"])) for p in as_officer] == [
        ([own["number"]], []),
        ([patrol["number"]], [patrol["number"]]),
    ]
    as_other = await entities(other_resident, *people)
    assert [(numbers(p["reportedCases"]), numbers(p["assignedCases"])) for p in as_other] == [
        ([], []),
        ([], []),
    ]
    [on_grid] = await entities(officer, {"__typename": "Grid", "id": str(grid)})
    assert numbers(on_grid["cases"]) == [own["number"], patrol["number"]]


async def test_an_anonymous_reporters_phone_is_read_masked_and_never_published(
    grid: UUID,
    worker: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    phone = "13812345678"
    case = await reported(
        worker,
        source="HOTLINE_12345",
        anonymousReporter={"phone": phone, "name": "王女士"},
        clientMutationId="hotline-1",
    )
    masked = {"name": "王女士", "phone": "138****5678"}
    assert case["anonymousReporter"] == masked
    await officer.data(ACCEPT, {"id": case["id"]})
    read = (await officer.data(ANONYMOUS, {"id": case["id"]}))["case"]
    assert read == {"reporter": None, "anonymousReporter": masked}

    stream = cases_settings.stream_name_for("cases")

    async def published() -> list[str]:
        events = await stream_events(jetstream, stream, None)
        return [e.to_json().decode() for e in events if e.subject == case["id"]]

    async def both_published() -> bool:
        return len(await published()) == 2

    await eventually(both_published, within=15, what="the case's events on the stream")
    assert all(phone not in event for event in await published())
    async with cases_db.connect() as connection:
        stored = await connection.execute(
            text(
                "SELECT envelope::text FROM outbox UNION ALL SELECT row_to_json(c)::text "
                "FROM cases c UNION ALL SELECT row_to_json(t)::text FROM case_timeline t "
                "UNION ALL SELECT row_to_json(k)::text FROM idempotency_keys k"
            )
        )
        rows = [row for (row,) in stored]
    assert rows
    assert [row for row in rows if phone in row] == []
    assert any("138****5678" in row for row in rows)
