"""Retries and races, held by the database: a retried request is applied once, numbers are
handed out without gaps or repeats, and of two officers dispatching one case, one wins."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    fresh_client,
    known_full_time_worker,
    known_grid,
    outbox_events,
    report_input,
    row_counts,
    running_service,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.config import CasesSettings
from gridkit.testing.graphql import GraphQLClient

CASE_FIELDS = "id number status reportedAt timeline { action actor { name } }"
REPORT = f"mutation($input: ReportCaseInput!) {{ reportCase(input: $input) {{ {CASE_FIELDS} }} }}"
ACCEPT = f"""mutation($id: ID!, $key: String) {{
  acceptCase(caseId: $id, clientMutationId: $key) {{ {CASE_FIELDS} }} }}"""
DISPATCH = f"""mutation($id: ID!, $key: String) {{
  dispatchCase(caseId: $id, clientMutationId: $key) {{ {CASE_FIELDS} }} }}"""
CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"

WORKER = UUID("00000000-0000-4000-8000-000000000011")
SHANGHAI = ZoneInfo("Asia/Shanghai")


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


def actions(case: dict[str, Any]) -> list[str]:
    """The actions of a case's timeline, oldest first."""
    return [entry["action"] for entry in case["timeline"]]


async def test_a_report_sent_twice_with_one_client_mutation_id_is_one_case(
    grid: UUID, cases: GraphQLClient, worker: GraphQLClient, cases_db: AsyncEngine
) -> None:
    retried = report_input(clientMutationId="report-lift-1")
    first = (await worker.data(REPORT, retried))["reportCase"]
    counts = await row_counts(cases_db)
    again = (await worker.data(REPORT, retried))["reportCase"]
    assert again == first
    assert await row_counts(cases_db) == counts
    assert counts["cases"] == 1

    # The same key for another report is a mistake the client hears about.
    other = report_input(title="2号楼电梯异响", clientMutationId="report-lift-1")
    error = await worker.error(REPORT, other)
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    # Keys are each caller's own: a colleague's same key is a report of his own.
    colleague = cases.as_caller(
        "GRID_WORKER", division=COMMUNITY, subject="li", person=str(UUID(int=12))
    )
    theirs = (await colleague.data(REPORT, retried))["reportCase"]
    assert theirs["id"] != first["id"]
    assert theirs["number"].endswith("-000002")
    assert (await row_counts(cases_db))["cases"] == 2


async def test_a_retried_step_answers_the_case_instead_of_an_illegal_transition(
    grid: UUID, worker: GraphQLClient, officer: GraphQLClient, cases_db: AsyncEngine
) -> None:
    case_id = (await worker.data(REPORT, report_input()))["reportCase"]["id"]
    accepted = (await officer.data(ACCEPT, {"id": case_id, "key": "accept-1"}))["acceptCase"]
    retried = (await officer.data(ACCEPT, {"id": case_id, "key": "accept-1"}))["acceptCase"]
    assert retried == accepted
    assert actions(retried) == ["REPORTED", "ACCEPTED"]

    # Two copies of one dispatch in flight at once: the key serialises them.
    both = await asyncio.gather(
        *(officer.execute(DISPATCH, {"id": case_id, "key": "dispatch-1"}) for _ in range(2))
    )
    assert [body.get("errors") for body in both] == [None, None]
    assert both[0]["data"] == both[1]["data"]
    case = (await officer.data(CASE, {"id": case_id}))["case"]
    assert actions(case) == ["REPORTED", "ACCEPTED", "DISPATCHED"]
    events = [e["type"] for e in await outbox_events(cases_db, case_id)]
    assert events == ["cases.case.reported", "cases.case.accepted", "cases.case.dispatched"]

    # Without a key, the same step again is a new request, and an illegal one.
    error = await officer.error(ACCEPT, {"id": case_id})
    assert error["extensions"]["code"] == "CASE_ILLEGAL_TRANSITION"


async def test_reports_sent_at_once_get_distinct_numbers_without_gaps(
    grid: UUID, worker: GraphQLClient
) -> None:
    count = 24
    bodies = await asyncio.gather(
        *(worker.execute(REPORT, report_input(title=f"电梯异响 {n}")) for n in range(count))
    )
    assert [body.get("errors") for body in bodies] == [None] * count
    reported = [body["data"]["reportCase"] for body in bodies]
    [year] = {datetime.fromisoformat(c["reportedAt"]).astimezone(SHANGHAI).year for c in reported}
    assert sorted(c["number"] for c in reported) == [f"{year}-{n:06d}" for n in range(1, count + 1)]


async def test_of_two_officers_dispatching_one_case_at_once_exactly_one_wins(
    grid: UUID, cases: GraphQLClient, worker: GraphQLClient, cases_db: AsyncEngine
) -> None:
    officers = [
        cases.as_caller("OFFICER", division=COMMUNITY, name=name, subject=subject)
        for name, subject in (("王主任", "wang"), ("陈书记", "chen"))
    ]
    for round_ in range(4):
        case_id = (await worker.data(REPORT, report_input(title=f"电梯异响 {round_}")))[
            "reportCase"
        ]["id"]
        await officers[0].data(ACCEPT, {"id": case_id})

        bodies = await asyncio.gather(
            *(officer.execute(DISPATCH, {"id": case_id}) for officer in officers)
        )
        won = [body for body in bodies if "errors" not in body]
        lost = [body["errors"] for body in bodies if "errors" in body]
        assert len(won) == 1, bodies
        [[error]] = lost
        assert error["extensions"]["code"] in {"CONCURRENT_UPDATE", "CASE_ILLEGAL_TRANSITION"}

        case = (await officers[0].data(CASE, {"id": case_id}))["case"]
        assert actions(case).count("DISPATCHED") == 1
        winner = won[0]["data"]["dispatchCase"]["timeline"][-1]["actor"]["name"]
        assert case["timeline"][-1]["actor"]["name"] == winner
        dispatched = [
            e
            for e in await outbox_events(cases_db, case_id)
            if e["type"] == "cases.case.dispatched"
        ]
        assert len(dispatched) == 1
