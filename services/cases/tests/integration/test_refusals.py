"""Refusals change nothing: each answers its coded error and leaves every table as it was.

"Nothing" is counted: the rows of cases, their timelines, the outbox and the attachments are
the same after a refused request as before it, and the case reads back as it stood.
"""

from __future__ import annotations

import hashlib
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
    png_image,
    report_input,
    row_counts,
    running_service,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.config import CasesSettings
from gridkit.auth import issue_dev_token
from gridkit.blobs import blob_store_from_settings
from gridkit.testing.graphql import GraphQLClient

CASE_FIELDS = "id number status level dueOn assignments { ref } timeline { action }"
REPORT = f"mutation($input: ReportCaseInput!) {{ reportCase(input: $input) {{ {CASE_FIELDS} }} }}"
ACCEPT = f"mutation($id: ID!) {{ acceptCase(caseId: $id) {{ {CASE_FIELDS} }} }}"
DISPATCH = f"mutation($id: ID!) {{ dispatchCase(caseId: $id) {{ {CASE_FIELDS} }} }}"
START = f"mutation($id: ID!) {{ startCase(caseId: $id) {{ {CASE_FIELDS} }} }}"
RESOLVE = f"""mutation($id: ID!) {{ resolveCase(input: {{caseId: $id, text: "更换导向轮"}}) {{
  {CASE_FIELDS} }} }}"""
VERIFY = f"mutation($id: ID!) {{ verifyCase(caseId: $id, passed: true) {{ {CASE_FIELDS} }} }}"
CLOSE = f"""mutation($id: ID!) {{ closeCase(caseId: $id, satisfaction: SATISFIED) {{
  {CASE_FIELDS} }} }}"""
CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"

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


async def refused(
    client: GraphQLClient, engine: AsyncEngine, query: str, variables: dict[str, Any]
) -> str:
    """The code of the error ``query`` answers, asserting that it changed no row."""
    before = await row_counts(engine)
    error = await client.error(query, variables)
    assert await row_counts(engine) == before, error
    return str(error["extensions"]["code"])


async def test_a_step_the_case_cannot_take_from_where_it_stands_is_refused(
    grid: UUID, worker: GraphQLClient, officer: GraphQLClient, cases_db: AsyncEngine
) -> None:
    case = (await worker.data(REPORT, report_input()))["reportCase"]
    assert await refused(officer, cases_db, CLOSE, {"id": case["id"]}) == (
        "CASE_ILLEGAL_TRANSITION"
    )
    await officer.data(ACCEPT, {"id": case["id"]})
    # Accepting twice (no idempotency key: a new request) is no step either.
    error = await officer.error(ACCEPT, {"id": case["id"]})
    assert error["extensions"] == {
        "code": "CASE_ILLEGAL_TRANSITION",
        "details": {"from": "ACCEPTED", "to": "ACCEPTED", "action": "ACCEPTED"},
    }
    after = (await officer.data(CASE, {"id": case["id"]}))["case"]
    assert after["status"] == "ACCEPTED"
    assert [e["action"] for e in after["timeline"]] == ["REPORTED", "ACCEPTED"]


async def test_a_report_refused_for_what_it_says_changes_nothing_and_takes_no_number(
    grid: UUID, worker: GraphQLClient, officer: GraphQLClient, cases_db: AsyncEngine
) -> None:
    for client, variables, code in (
        (worker, report_input(category="NO_SUCH"), "CATEGORY_NOT_FOUND"),
        (worker, report_input(attributes={"building": "1号楼"}), "CASE_ATTRIBUTE_REQUIRED"),
        (
            worker,
            report_input(attributes={"building": "1号楼", "symptoms": ["FLYING"]}),
            "CASE_ATTRIBUTE_INVALID",
        ),
        (
            worker,
            report_input(attributes={"building": "1号楼", "symptoms": ["NOISE"], "floor": 3}),
            "CASE_ATTRIBUTE_UNKNOWN",
        ),
        (worker, report_input(title=" "), "CASE_TEXT_INVALID"),
        (worker, report_input(anonymousReporter={"phone": "12"}), "CASE_REPORTER_INVALID"),
        # An officer with no personnel record says who reported: nobody stands in.
        (officer, report_input(), "CASE_REPORTER_INVALID"),
    ):
        assert await refused(client, cases_db, REPORT, variables) == code

    assert await row_counts(cases_db) == {
        "cases": 0,
        "case_timeline": 0,
        "outbox": 0,
        "attachments": 0,
    }
    # The refused reports handed out no number: the first case is still number one.
    first = (await worker.data(REPORT, report_input()))["reportCase"]
    assert first["number"].endswith("-000001")


async def test_whoever_handled_a_case_cannot_verify_it(
    grid: UUID, worker: GraphQLClient, officer: GraphQLClient, cases_db: AsyncEngine
) -> None:
    case_id = (await worker.data(REPORT, report_input()))["reportCase"]["id"]
    await officer.data(ACCEPT, {"id": case_id})
    await officer.data(DISPATCH, {"id": case_id})
    await worker.data(START, {"id": case_id})
    await worker.data(RESOLVE, {"id": case_id})

    assert await refused(worker, cases_db, VERIFY, {"id": case_id}) == "CASE_VERIFIER_IS_HANDLER"
    # The same person under another account is the same handler.
    again = worker.as_caller(
        "GRID_WORKER", division=COMMUNITY, name="张伟", subject="zhang-phone", person=str(WORKER)
    )
    assert await refused(again, cases_db, VERIFY, {"id": case_id}) == "CASE_VERIFIER_IS_HANDLER"
    assert (await officer.data(CASE, {"id": case_id}))["case"]["status"] == "RESOLVED"


async def test_a_step_by_a_caller_without_the_role_or_outside_the_scope_is_refused(
    grid: UUID,
    cases: GraphQLClient,
    worker: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    await known_department(
        cases_db,
        jetstream,
        cases_settings,
        name="济南快速电梯维保有限公司",
        department_id=MAINTAINER,
    )
    case_id = (await worker.data(REPORT, report_input()))["reportCase"]["id"]
    resident = cases.as_caller("RESIDENT", name="王女士", subject="resident-1")
    neighbour_officer = cases.as_caller("OFFICER", division=NEIGHBOUR, subject="next-door")
    neighbour_worker = cases.as_caller(
        "GRID_WORKER", division=NEIGHBOUR, subject="next-door-worker", person=str(UUID(int=7))
    )
    handler = cases.as_caller(
        "CASE_HANDLER", division=COMMUNITY, subject="liu", department=str(MAINTAINER)
    )
    for client, query in (
        (resident, ACCEPT),  # no role at all
        (worker, ACCEPT),  # a grid worker reports and handles; an officer accepts
        (handler, ACCEPT),
        (neighbour_officer, ACCEPT),  # an officer, of another community
    ):
        assert await refused(client, cases_db, query, {"id": case_id}) == "FORBIDDEN"
    assert await refused(neighbour_worker, cases_db, REPORT, report_input()) == "FORBIDDEN"
    assert await refused(cases, cases_db, ACCEPT, {"id": case_id}) == "UNAUTHENTICATED"

    await officer.data(ACCEPT, {"id": case_id})
    await officer.data(DISPATCH, {"id": case_id})
    # Dispatched to the grid worker: the maintainer is none of its assignees.
    assert await refused(handler, cases_db, START, {"id": case_id}) == "FORBIDDEN"
    assert await refused(neighbour_worker, cases_db, START, {"id": case_id}) == "FORBIDDEN"
    assert (await officer.data(CASE, {"id": case_id}))["case"]["status"] == "DISPATCHED"


async def test_an_upload_too_large_of_a_wrong_type_or_empty_is_refused_and_nothing_is_stored(
    cases: GraphQLClient, cases_db: AsyncEngine, cases_settings: CasesSettings
) -> None:
    token = issue_dev_token(cases_settings, subject="zhang", roles=["GRID_WORKER"])
    signed_in = {"Authorization": f"Bearer {token}"}
    blobs = blob_store_from_settings(cases_settings)
    big = png_image(150, seed=1)
    assert len(big) > cases_settings.attachment_max_bytes
    small = png_image(4, seed=2)

    for name, data, content_type, headers, status, code in (
        ("电梯.png", big, "image/png", signed_in, 413, "ATTACHMENT_TOO_LARGE"),
        ("说明.txt", "电梯异响".encode() * 50, "text/plain", signed_in, 400,
         "ATTACHMENT_TYPE_NOT_ALLOWED"),
        ("电梯.png", small, "image/jpeg", signed_in, 400, "ATTACHMENT_TYPE_MISMATCH"),
        ("电梯.jpg", small, "application/octet-stream", signed_in, 400,
         "ATTACHMENT_TYPE_MISMATCH"),
        ("空.png", b"", "image/png", signed_in, 400, "ATTACHMENT_EMPTY"),
        ("电梯.png", small, "image/png", {}, 401, "UNAUTHENTICATED"),
    ):  # fmt: skip
        before = await row_counts(cases_db)
        response = await cases.http.post(
            "/attachments", files={"file": (name, data, content_type)}, headers=headers
        )
        assert (response.status_code, response.json()["error"]["code"]) == (status, code)
        assert await row_counts(cases_db) == before
        if data:
            assert not await blobs.exists(hashlib.sha256(data).hexdigest()), name

    assert (await row_counts(cases_db))["attachments"] == 0
