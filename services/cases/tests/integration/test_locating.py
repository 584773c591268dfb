"""Where a case goes: the grid found from a report's coordinates, and the people and
departments a dispatch names, all from what org and personnel announced."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    NEIGHBOUR,
    SUBDISTRICT,
    caller,
    fresh_client,
    known_department,
    known_full_time_worker,
    known_grid,
    moment,
    report_input,
    row_counts,
    running_service,
    unit_of_work,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.commands.cases import CaseStep, DispatchCase, ReportCase
from cases.config import CasesSettings
from cases.domain.errors import NoGridWorker
from cases.domain.kinds import CaseSource
from cases.handlers import cases as handlers
from gridkit.testing.graphql import GraphQLClient

REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) {
  id divisionCode grid { id } location { address longitude latitude } } }"""
ACCEPT = "mutation($id: ID!) { acceptCase(caseId: $id) { id } }"
DISPATCH = """mutation($id: ID!, $assignees: [AssigneeInput!]) {
  dispatchCase(caseId: $id, assignees: $assignees) { status assignments { kind ref } } }"""
ESCALATE = 'mutation($id: ID!) { escalateCase(caseId: $id, reason: "需联合处置") { level } }'
MEETING = "mutation($input: JointMeetingInput!) { holdJointMeeting(input: $input) { id } }"

EAST = {
    "type": "Polygon",
    "coordinates": [
        [[117.12, 36.68], [117.14, 36.68], [117.14, 36.70], [117.12, 36.70], [117.12, 36.68]]
    ],
}
"""The neighbouring community's grid, east of the square: (117.13, 36.69) lies inside it."""
WORKER = UUID("00000000-0000-4000-8000-000000000011")
MAINTAINER = UUID("00000000-0000-4000-8000-0000000000d2")


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
def subdistrict(cases: GraphQLClient) -> GraphQLClient:
    """An officer of the subdistrict both communities belong to."""
    return cases.as_caller(
        "OFFICER", division=SUBDISTRICT, name="赵强", subject="zhao", person=str(UUID(int=31))
    )


async def code_of(
    client: GraphQLClient, engine: AsyncEngine, variables: dict[str, Any]
) -> dict[str, Any]:
    """The extensions of the error a report answers, asserting that it changed no row."""
    before = await row_counts(engine)
    error = await client.error(REPORT, variables)
    assert await row_counts(engine) == before
    extensions: dict[str, Any] = error["extensions"]
    return extensions


async def test_a_report_with_only_coordinates_lands_in_the_grid_whose_boundary_holds_them(
    cases: GraphQLClient,
    subdistrict: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    square = await known_grid(cases_db, jetstream, cases_settings)
    east = await known_grid(
        cases_db, jetstream, cases_settings, code=f"{NEIGHBOUR}001", name="东区网格", boundary=EAST
    )

    for longitude, grid, community in ((117.11, square, COMMUNITY), (117.13, east, NEIGHBOUR)):
        case = (await subdistrict.data(REPORT, report_input(longitude=longitude, latitude=36.69)))[
            "reportCase"
        ]
        assert (case["grid"], case["divisionCode"]) == ({"id": str(grid)}, community)
        assert case["location"] == {
            "address": "香溢紫郡1号楼",
            "longitude": longitude,
            "latitude": 36.69,
        }

    # A grid worker of the square reports within his community only.
    worker = cases.as_caller("GRID_WORKER", division=COMMUNITY, subject="zhang", person=str(WORKER))
    refused = await worker.error(REPORT, report_input(longitude=117.13))
    assert refused["extensions"]["code"] == "FORBIDDEN"

    nowhere = await code_of(subdistrict, cases_db, report_input(longitude=117.2, latitude=36.5))
    assert nowhere == {
        "code": "GRID_NOT_FOUND",
        "details": {"longitude": "117.2", "latitude": "36.5"},
    }
    unplaced = report_input(longitude=None, latitude=None)
    assert (await code_of(subdistrict, cases_db, unplaced))["code"] == "GRID_NOT_FOUND"
    unknown = str(uuid4())
    named = await code_of(subdistrict, cases_db, report_input(gridId=unknown))
    assert named == {"code": "GRID_NOT_FOUND", "details": {"id": unknown}}


async def test_a_retired_grid_takes_no_new_cases_whether_named_or_found_by_its_boundary(
    cases: GraphQLClient,
    subdistrict: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    grid = await known_grid(cases_db, jetstream, cases_settings)
    await known_grid(cases_db, jetstream, cases_settings, grid_id=grid, status="RETIRED", version=2)

    for variables in (report_input(gridId=str(grid)), report_input()):
        retired = await code_of(subdistrict, cases_db, variables)
        assert retired == {"code": "GRID_RETIRED", "details": {"id": str(grid)}}

    # Its area handed to a new grid, reports by coordinates go there.
    successor = await known_grid(
        cases_db, jetstream, cases_settings, code=f"{COMMUNITY}002", name="第二网格"
    )
    case = (await subdistrict.data(REPORT, report_input()))["reportCase"]
    assert case["grid"] == {"id": str(successor)}


async def test_a_dispatch_to_the_grid_worker_needs_one_serving_on_the_day(
    cases: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    grid = await known_grid(cases_db, jetstream, cases_settings)
    # One worker left at the end of June, the next starts in October.
    for person, days in (
        (UUID(int=1), {"ends_on": date(2026, 6, 30)}),
        (WORKER, {"starts_on": date(2026, 10, 1)}),
    ):
        await known_full_time_worker(
            cases_db, jetstream, cases_settings, grid_id=grid, person_id=person, **days
        )
    uow = unit_of_work(cases_db, cases_settings)
    zhao = caller("OFFICER", scope=SUBDISTRICT, subject="zhao", name="赵强")
    report = ReportCase(
        title="4号楼电梯异响",
        description="电梯异响",
        category_code="ELEVATOR",
        attributes={"building": "4号楼", "symptoms": ["NOISE"]},
        source=CaseSource.RESIDENT,
        address="香溢紫郡4号楼",
        grid_id=grid,
        reporter_person_id=UUID(int=99),
    )
    case = await handlers.report_case(report, uow, zhao, now=moment(date(2026, 9, 29)))
    await handlers.accept_case(CaseStep(case_id=case.id), uow, zhao, now=moment(date(2026, 9, 29)))

    before = await row_counts(cases_db)
    with pytest.raises(NoGridWorker) as refused:
        await handlers.dispatch_case(
            DispatchCase(case_id=case.id), uow, zhao, now=moment(date(2026, 9, 30))
        )
    assert refused.value.code == "CASE_NO_GRID_WORKER"
    assert await row_counts(cases_db) == before

    dispatched = await handlers.dispatch_case(
        DispatchCase(case_id=case.id), uow, zhao, now=moment(date(2026, 10, 8))
    )
    assert [(a.ref, a.lead) for a in dispatched.assignments] == [(str(WORKER), True)]


async def test_a_dissolved_or_unknown_department_is_not_dispatched_to(
    cases: GraphQLClient,
    subdistrict: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    await known_grid(cases_db, jetstream, cases_settings)
    dissolved = await known_department(
        cases_db, jetstream, cases_settings, name="原物业公司", dissolved=True
    )
    await known_department(
        cases_db,
        jetstream,
        cases_settings,
        name="济南快速电梯维保有限公司",
        department_id=MAINTAINER,
    )
    community = cases.as_caller("OFFICER", division=COMMUNITY, name="王主任", subject="wang")
    case_id = (await subdistrict.data(REPORT, report_input()))["reportCase"]["id"]
    await subdistrict.data(ACCEPT, {"id": case_id})

    for ref in (str(dissolved), str(uuid4()), "物业公司"):
        before = await row_counts(cases_db)
        assignees = [
            {"kind": "DEPARTMENT", "ref": str(MAINTAINER)},
            {"kind": "DEPARTMENT", "ref": ref},
        ]
        error = await subdistrict.error(DISPATCH, {"id": case_id, "assignees": assignees})
        assert error["extensions"] == {"code": "DEPARTMENT_NOT_FOUND", "details": {"id": ref}}
        assert await row_counts(cases_db) == before

    only = [{"kind": "DEPARTMENT", "ref": str(MAINTAINER)}]
    dispatched = (await subdistrict.data(DISPATCH, {"id": case_id, "assignees": only}))[
        "dispatchCase"
    ]
    assert dispatched["assignments"] == [{"kind": "DEPARTMENT", "ref": str(MAINTAINER)}]

    # Nor does a joint meeting bring a dissolved department in.
    for _ in range(2):  # the community holds the case until it reaches the subdistrict
        await community.data(ESCALATE, {"id": case_id})
    meeting = {
        "input": {
            "caseId": case_id,
            "heldOn": "2026-10-09",
            "participants": ["王舍人街道"],
            "departmentIds": [str(dissolved)],
            "minutes": "协调物业",
        }
    }
    before = await row_counts(cases_db)
    error = await subdistrict.error(MEETING, meeting)
    assert error["extensions"] == {
        "code": "DEPARTMENT_NOT_FOUND",
        "details": {"id": str(dissolved)},
    }
    assert await row_counts(cases_db) == before
