"""The deadline timer on the 2026 calendar, run by hand with explicit moments.

A case dispatched on Wednesday 30 September 2026 gets five working days: National Day takes 1
to 7 October, Saturday the 10th is worked in exchange, so it is due Tuesday 13 October. The
yellow warning comes on the working day before (Monday the 12th), the red flag on the first
day after (the 14th), and with it the case climbs one level by itself. The service's own timer
is held off (another replica holds its lock), so only these runs move anything.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from uuid import UUID

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    DISTRICT,
    caller,
    fresh_client,
    known_full_time_worker,
    known_grid,
    moment,
    outbox_events,
    running_service,
    unit_of_work,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.commands.cases import CaseStep, DispatchCase, ReportCase, ResolveCase
from cases.config import CasesSettings
from cases.domain.kinds import CaseSource
from cases.handlers import cases as handlers
from cases.handlers.cases import observe_deadlines
from cases.unit_of_work import CasesUnitOfWork
from gridkit.testing.events import stream_events
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually

CASE = """query($id: ID!) { case(id: $id) {
  status level dueOn warnedOn overdueOn supervisionOrders { orderedOn }
  timeline { action actor { name role } note } } }"""
SET_DAY = """mutation($day: Date!, $working: Boolean!) {
  setCalendarDay(day: $day, working: $working, note: "区级调整") { day working overridden } }"""
CALENDAR = """query($start: Date!, $end: Date!) {
  calendarDays(start: $start, end: $end) { day working overridden } }"""

WORKER = UUID("00000000-0000-4000-8000-000000000011")
ZHANG = caller("GRID_WORKER", subject="zhang", name="张伟", person=WORKER)
WANG = caller("OFFICER", subject="wang", name="王主任")
ZHOU = caller("SUPERVISOR", subject="zhou", name="周敏")
TIMER_EVENTS = ("cases.case.deadline_warning", "cases.case.overdue", "cases.case.escalated")


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


@pytest.fixture
def uow(cases_db: AsyncEngine, cases_settings: CasesSettings) -> CasesUnitOfWork:
    return unit_of_work(cases_db, cases_settings)


async def dispatched_on(uow: CasesUnitOfWork, grid: UUID, day: date) -> UUID:
    """A lift case reported the day before ``day`` and dispatched on it to the grid's worker."""
    report = ReportCase(
        title="3号楼电梯困人",
        description="电梯困人后仍频繁停运",
        category_code="ELEVATOR",
        attributes={"building": "3号楼", "symptoms": ["TRAPPED"]},
        source=CaseSource.HOTLINE_12345,
        address="香溢紫郡3号楼",
        grid_id=grid,
    )
    case = await handlers.report_case(report, uow, ZHANG, now=moment(date(2026, 9, 29)))
    await handlers.accept_case(CaseStep(case_id=case.id), uow, WANG, now=moment(date(2026, 9, 29)))
    dispatch = DispatchCase(case_id=case.id)
    await handlers.dispatch_case(dispatch, uow, WANG, now=moment(day, 10))
    return case.id


async def timer(uow: CasesUnitOfWork, day: date, hour: int = 1) -> int:
    """One run of the deadline timer at ``hour`` o'clock on ``day``; how many cases changed."""
    return await observe_deadlines(uow, now=moment(day, hour))


def timer_steps(case: dict[str, Any]) -> list[tuple[str, str]]:
    """The steps the system took on a case (the timer's), oldest first."""
    return [
        (entry["action"], entry["actor"]["role"])
        for entry in case["timeline"]
        if entry["actor"]["role"] == "SYSTEM"
    ]


async def test_the_timer_warns_on_the_day_before_and_flags_and_escalates_the_day_after(
    grid: UUID,
    officer: GraphQLClient,
    uow: CasesUnitOfWork,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    late = await dispatched_on(uow, grid, date(2026, 9, 30))
    # Resolved in time, the other case is no longer on the clock.
    done = await dispatched_on(uow, grid, date(2026, 9, 30))
    await handlers.start_case(CaseStep(case_id=done), uow, ZHANG, now=moment(date(2026, 10, 8)))
    resolve = ResolveCase(case_id=done, text="已修复")
    await handlers.resolve_case(resolve, uow, ZHANG, now=moment(date(2026, 10, 9)))

    case = (await officer.data(CASE, {"id": str(late)}))["case"]
    assert (case["status"], case["dueOn"], case["warnedOn"]) == ("DISPATCHED", "2026-10-13", None)

    # Friday the 9th: a working day (Saturday) is still left before the due date.
    assert await timer(uow, date(2026, 10, 9)) == 0
    assert await timer(uow, date(2026, 10, 12)) == 1
    assert await timer(uow, date(2026, 10, 12), hour=15) == 0  # nothing new the same day
    assert await timer(uow, date(2026, 10, 13)) == 0  # due today, not late yet
    warned = (await officer.data(CASE, {"id": str(late)}))["case"]
    assert (warned["warnedOn"], warned["overdueOn"], warned["level"]) == (
        "2026-10-12",
        None,
        "GRID",
    )

    assert await timer(uow, date(2026, 10, 14)) == 1
    assert await timer(uow, date(2026, 10, 14), hour=15) == 0
    assert await timer(uow, date(2026, 10, 15)) == 0
    flagged = (await officer.data(CASE, {"id": str(late)}))["case"]
    assert (flagged["status"], flagged["overdueOn"], flagged["level"]) == (
        "DISPATCHED",
        "2026-10-14",
        "COMMUNITY",
    )
    assert timer_steps(flagged) == [
        ("DEADLINE_WARNING", "SYSTEM"),
        ("OVERDUE", "SYSTEM"),
        ("ESCALATED", "SYSTEM"),
    ]
    assert flagged["timeline"][-1]["note"] == "超期未办结：应于 2026-10-13 前办结"
    resolved = (await officer.data(CASE, {"id": str(done)}))["case"]
    assert (resolved["status"], timer_steps(resolved)) == ("RESOLVED", [])

    written = [e for e in await outbox_events(cases_db, late) if e["type"] in TIMER_EVENTS]
    assert [e["type"] for e in written] == list(TIMER_EVENTS)
    overdue, escalated = written[1]["data"], written[2]["data"]
    assert overdue["overdue_since"] == "2026-10-14"
    assert (escalated["automatic"], escalated["from_level"], escalated["level"]) == (
        True,
        "GRID",
        "COMMUNITY",
    )
    assert escalated["actor"]["role"] == "SYSTEM"
    assert [e for e in await outbox_events(cases_db, done) if e["type"] in TIMER_EVENTS] == []

    stream = cases_settings.stream_name_for("cases")

    async def published() -> bool:
        events = await stream_events(jetstream, stream, None)
        return [e.type for e in events if e.subject == str(late) and e.type in TIMER_EVENTS] == (
            list(TIMER_EVENTS)
        )

    await eventually(published, within=15, what="the timer's events on the stream")

    # Now overdue, the case may be put under supervision (督办).
    supervise = CaseStep(case_id=late, note="超期未办结")
    await handlers.order_supervision(supervise, uow, ZHOU, now=moment(date(2026, 10, 15)))
    supervised = (await officer.data(CASE, {"id": str(late)}))["case"]
    assert supervised["supervisionOrders"] == [{"orderedOn": "2026-10-15"}]


async def test_a_case_at_the_district_is_flagged_overdue_but_climbs_no_further(
    grid: UUID,
    officer: GraphQLClient,
    uow: CasesUnitOfWork,
) -> None:
    case_id = await dispatched_on(uow, grid, date(2026, 9, 30))
    for _ in range(3):  # the assigned worker takes it up to the district
        step = CaseStep(case_id=case_id, note="需区级协调")
        await handlers.escalate_case(step, uow, ZHANG, now=moment(date(2026, 10, 8)))

    assert await timer(uow, date(2026, 10, 20)) == 1
    case = (await officer.data(CASE, {"id": str(case_id)}))["case"]
    assert (case["level"], case["overdueOn"]) == ("DISTRICT", "2026-10-20")
    # Found late before it was warned: the red flag alone, and no escalation past the top.
    assert timer_steps(case) == [("OVERDUE", "SYSTEM")]


async def test_a_day_the_district_gives_off_moves_the_due_date_and_the_warning(
    grid: UUID,
    cases: GraphQLClient,
    officer: GraphQLClient,
    uow: CasesUnitOfWork,
) -> None:
    district = cases.as_caller("OFFICER", division=DISTRICT, name="孙丽", subject="sun")
    monday = {"day": "2026-10-12", "working": False}
    refused = await officer.error(SET_DAY, monday)
    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert (await district.data(SET_DAY, monday))["setCalendarDay"] == {
        "day": "2026-10-12",
        "working": False,
        "overridden": True,
    }
    days = (await officer.data(CALENDAR, {"start": "2026-10-10", "end": "2026-10-13"}))[
        "calendarDays"
    ]
    assert [(d["day"][-2:], d["working"], d["overridden"]) for d in days] == [
        ("10", True, False),  # Saturday, worked in exchange for National Day
        ("11", False, False),
        ("12", False, True),
        ("13", True, False),
    ]

    # Without Monday the five working days are the 8th, 9th, 10th, 13th and 14th.
    case_id = await dispatched_on(uow, grid, date(2026, 9, 30))
    case = (await officer.data(CASE, {"id": str(case_id)}))["case"]
    assert case["dueOn"] == "2026-10-14"
    assert await timer(uow, date(2026, 10, 12)) == 0
    assert await timer(uow, date(2026, 10, 13)) == 1
    case = (await officer.data(CASE, {"id": str(case_id)}))["case"]
    assert (case["warnedOn"], case["overdueOn"]) == ("2026-10-13", None)


async def test_a_case_the_timer_cannot_read_stops_it_for_no_other_case(
    grid: UUID,
    officer: GraphQLClient,
    uow: CasesUnitOfWork,
    cases_db: AsyncEngine,
) -> None:
    # Due on the 12th, the broken case comes first in the timer's order (earliest due).
    broken = await dispatched_on(uow, grid, date(2026, 9, 29))
    sound = await dispatched_on(uow, grid, date(2026, 9, 30))
    async with cases_db.begin() as connection:
        await connection.execute(
            text(
                "UPDATE cases SET state = jsonb_set(state, '{assignments,0,kind}', '\"NOPE\"') "
                "WHERE id = :id"
            ),
            {"id": broken},
        )

    assert await timer(uow, date(2026, 10, 20)) == 1
    case = (await officer.data(CASE, {"id": str(sound)}))["case"]
    assert (case["overdueOn"], case["level"]) == ("2026-10-20", "COMMUNITY")
    async with cases_db.connect() as connection:
        untouched = await connection.scalar(
            text("SELECT overdue_on FROM cases WHERE id = :id"), {"id": broken}
        )
    assert untouched is None
