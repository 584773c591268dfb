"""Follow-up watches (持续关注) over GraphQL: a closed case checked at intervals, a failed check
reopening it, and watches refused on cases still open.

A watch starts today unless told otherwise; the dates it answers are checked against its own
start, so nothing here depends on the day the tests run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    fresh_client,
    known_full_time_worker,
    known_grid,
    outbox_events,
    report_input,
    running_service,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.config import CasesSettings
from gridkit.testing.graphql import GraphQLClient

WATCH_FIELDS = """id subject status startedOn intervalDays checksPlanned nextCheckOn
  checks { checkedOn passed note byName } case { status reopenCount }"""
REPORT = "mutation($input: ReportCaseInput!) { reportCase(input: $input) { id } }"
ACCEPT = "mutation($id: ID!) { acceptCase(caseId: $id) { id } }"
DISPATCH = "mutation($id: ID!) { dispatchCase(caseId: $id) { id } }"
START = "mutation($id: ID!) { startCase(caseId: $id) { id } }"
RESOLVE = 'mutation($id: ID!) { resolveCase(input: {caseId: $id, text: "更换导向轮"}) { id } }'
VERIFY = "mutation($id: ID!) { verifyCase(caseId: $id, passed: true) { id } }"
CLOSE = "mutation($id: ID!) { closeCase(caseId: $id, satisfaction: SATISFIED) { status } }"
START_WATCH = (
    f"mutation($input: StartWatchInput!) {{ startWatch(input: $input) {{ {WATCH_FIELDS} }} }}"
)
CHECK = f"""mutation($id: ID!, $passed: Boolean!, $note: String, $key: String) {{
  recordWatchCheck(watchId: $id, passed: $passed, note: $note, clientMutationId: $key) {{
    {WATCH_FIELDS} }} }}"""
WATCH = "query($id: ID!) { watch(id: $id) { id status } }"
CASE = """query($id: ID!) { case(id: $id) { status reopenCount closedAt dueOn
  watches { id status } timeline { action note actor { name } } } }"""

WORKER = UUID("00000000-0000-4000-8000-000000000011")
COLLEAGUE = UUID("00000000-0000-4000-8000-000000000012")


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
def colleague(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller(
        "GRID_WORKER", division=COMMUNITY, name="李娜", subject="li", person=str(COLLEAGUE)
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


async def in_work(worker: GraphQLClient, officer: GraphQLClient) -> str:
    """A case reported, accepted, dispatched to the worker and started by him."""
    case_id: str = (await worker.data(REPORT, report_input()))["reportCase"]["id"]
    await officer.data(ACCEPT, {"id": case_id})
    await officer.data(DISPATCH, {"id": case_id})
    await worker.data(START, {"id": case_id})
    return case_id


async def closed(worker: GraphQLClient, colleague: GraphQLClient, officer: GraphQLClient) -> str:
    """A case taken through the whole loop to closure."""
    case_id = await in_work(worker, officer)
    await worker.data(RESOLVE, {"id": case_id})
    await colleague.data(VERIFY, {"id": case_id})
    await officer.data(CLOSE, {"id": case_id})
    return case_id


def weekly(case_id: str, checks: int = 8) -> dict[str, Any]:
    """The input of a weekly watch of the west lift, ``checks`` times."""
    return {
        "input": {
            "caseId": case_id,
            "subject": "1号楼西侧电梯",
            "intervalDays": 7,
            "checksPlanned": checks,
        }
    }


def days_after(start: str, days: int) -> str:
    """The ISO date ``days`` calendar days after ``start``."""
    return (date.fromisoformat(start) + timedelta(days=days)).isoformat()


async def watch_rows(engine: AsyncEngine) -> int:
    """How many watches are stored."""
    async with engine.connect() as connection:
        return int(await connection.scalar(text("SELECT count(*) FROM watches")) or 0)


async def test_a_failed_check_of_a_weekly_watch_fails_it_and_reopens_the_case(
    grid: UUID,
    worker: GraphQLClient,
    colleague: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
) -> None:
    case_id = await closed(worker, colleague, officer)
    watch = (await officer.data(START_WATCH, weekly(case_id)))["startWatch"]
    start = watch["startedOn"]
    assert {k: watch[k] for k in ("subject", "status", "intervalDays", "checksPlanned")} == {
        "subject": "1号楼西侧电梯",
        "status": "ACTIVE",
        "intervalDays": 7,
        "checksPlanned": 8,
    }
    assert watch["nextCheckOn"] == days_after(start, 7)
    assert watch["case"] == {"status": "CLOSED", "reopenCount": 0}

    # The grid worker checks too; a check passed moves the next one a week on, and the same
    # check sent again after a dropped connection is recorded once.
    check = {"id": watch["id"], "passed": True, "key": "check-week-1"}
    checked = (await worker.data(CHECK, check))["recordWatchCheck"]
    assert (await worker.data(CHECK, check))["recordWatchCheck"] == checked
    assert (checked["status"], checked["nextCheckOn"]) == ("ACTIVE", days_after(start, 14))
    assert checked["checks"] == [
        {"checkedOn": start, "passed": True, "note": None, "byName": "张伟"}
    ]

    failed = (
        await worker.data(CHECK, {"id": watch["id"], "passed": False, "note": "夜间再次异响"})
    )["recordWatchCheck"]
    assert (failed["status"], failed["nextCheckOn"]) == ("FAILED", None)
    assert failed["case"] == {"status": "IN_PROGRESS", "reopenCount": 1}

    case = (await officer.data(CASE, {"id": case_id}))["case"]
    assert (case["status"], case["closedAt"], case["watches"]) == (
        "IN_PROGRESS",
        None,
        [{"id": watch["id"], "status": "FAILED"}],
    )
    assert case["dueOn"] is not None
    assert case["timeline"][-1] == {
        "action": "REOPENED",
        "note": "持续关注未通过（1号楼西侧电梯）：夜间再次异响",
        "actor": {"name": "张伟"},
    }
    reopened = [e for e in await outbox_events(cases_db, case_id) if e["type"].endswith("reopened")]
    assert [e["data"]["reopen_count"] for e in reopened] == [1]
    watch_events = [e["type"] for e in await outbox_events(cases_db, watch["id"])]
    assert watch_events == [
        "cases.watch.started",
        "cases.watch.checked",
        "cases.watch.checked",
        "cases.watch.failed",
    ]

    # A failed watch takes no more checks.
    over = await worker.error(CHECK, {"id": watch["id"], "passed": True})
    assert over["extensions"]["code"] == "WATCH_NOT_ACTIVE"


async def test_a_watch_is_read_by_whoever_reads_its_case_and_is_null_to_anyone_else(
    grid: UUID,
    cases: GraphQLClient,
    worker: GraphQLClient,
    colleague: GraphQLClient,
    officer: GraphQLClient,
) -> None:
    case_id = await closed(worker, colleague, officer)
    watch = (await officer.data(START_WATCH, weekly(case_id)))["startWatch"]
    stranger = cases.as_caller("GRID_WORKER", division="370112001002", subject="next-door")

    assert (await worker.data(WATCH, {"id": watch["id"]}))["watch"] == {
        "id": watch["id"],
        "status": "ACTIVE",
    }
    assert (await stranger.data(WATCH, {"id": watch["id"]}))["watch"] is None
    # An id that names no watch reads the same as one outside the caller's scope.
    assert (await officer.data(WATCH, {"id": str(UUID(int=404))}))["watch"] is None


async def test_a_watch_whose_planned_checks_all_pass_completes_and_the_case_stays_closed(
    grid: UUID,
    worker: GraphQLClient,
    colleague: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
) -> None:
    case_id = await closed(worker, colleague, officer)
    watch = (await officer.data(START_WATCH, weekly(case_id, checks=2)))["startWatch"]
    for _ in range(2):
        last = (await colleague.data(CHECK, {"id": watch["id"], "passed": True}))[
            "recordWatchCheck"
        ]
    assert (last["status"], last["nextCheckOn"], last["case"]) == (
        "COMPLETED",
        None,
        {"status": "CLOSED", "reopenCount": 0},
    )
    assert [e["type"] for e in await outbox_events(cases_db, watch["id"])][-1] == (
        "cases.watch.completed"
    )


async def test_a_watch_is_refused_on_an_open_case_and_for_a_plan_out_of_range(
    grid: UUID,
    worker: GraphQLClient,
    colleague: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
) -> None:
    open_case = await in_work(worker, officer)
    refused = await officer.error(START_WATCH, weekly(open_case))
    assert refused["extensions"]["code"] == "WATCH_CASE_NOT_CLOSED"

    case_id = await closed(worker, colleague, officer)
    daily_for_a_year = weekly(case_id, checks=365)
    assert (await officer.error(START_WATCH, daily_for_a_year))["extensions"]["code"] == (
        "WATCH_PLAN_INVALID"
    )
    # A grid worker records checks but does not order a watch.
    assert (await worker.error(START_WATCH, weekly(case_id)))["extensions"]["code"] == ("FORBIDDEN")
    assert await watch_rows(cases_db) == 0
    assert (await officer.data(CASE, {"id": open_case}))["case"]["watches"] == []
