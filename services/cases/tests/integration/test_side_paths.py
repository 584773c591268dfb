"""The side paths of the loop over GraphQL: sending back, escalation, joint meetings,
extensions, suspension, rework, supervision, merging and reopening.

Steps whose outcome depends on the date (the two working days to send a case back, the days a
suspension keeps) run through the handlers with explicit moments on the 2026 calendar; the
others run over GraphQL on today's date, and what they compute from it is checked against the
service's own calendar (``workingDaysAfter``), so no test depends on the day it runs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    DISTRICT,
    SUBDISTRICT,
    caller,
    fresh_client,
    known_department,
    known_full_time_worker,
    known_grid,
    moment,
    outbox_events,
    report_input,
    running_service,
    unit_of_work,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.commands.cases import (
    Assign,
    CaseStep,
    DispatchCase,
    ReportCase,
)
from cases.config import CasesSettings
from cases.domain.errors import ReturnWindowClosed
from cases.domain.kinds import AssigneeKind, CaseSource
from cases.handlers import cases as handlers
from gridkit.testing.graphql import GraphQLClient

CASE_FIELDS = """id number status level dueOn reworkCount reopenCount satisfaction closedAt onTime
  duplicateOf { id number }
  assignments { kind ref lead }
  handler { name role actsFor } resolver { name role actsFor }
  extensions { sequence days status decidedBy { role } }
  supervisionOrders { by { role } reason }
  jointMeetings { departmentIds participants }
  timeline { at action status actor { name role actsFor } note details { key value } }"""

REPORT = f"mutation($input: ReportCaseInput!) {{ reportCase(input: $input) {{ {CASE_FIELDS} }} }}"
ACCEPT = f"mutation($id: ID!) {{ acceptCase(caseId: $id) {{ {CASE_FIELDS} }} }}"
DISPATCH = f"""mutation($id: ID!, $assignees: [AssigneeInput!]) {{
  dispatchCase(caseId: $id, assignees: $assignees) {{ {CASE_FIELDS} }} }}"""
RETURN = f"""mutation($id: ID!) {{ returnCase(caseId: $id, reason: "非本网格事项") {{
  {CASE_FIELDS} }} }}"""
START = f"mutation($id: ID!) {{ startCase(caseId: $id) {{ {CASE_FIELDS} }} }}"
ESCALATE = f"""mutation($id: ID!) {{ escalateCase(caseId: $id, reason: "需协调维保单位") {{
  {CASE_FIELDS} }} }}"""
MEETING = f"""mutation($input: JointMeetingInput!) {{ holdJointMeeting(input: $input) {{
  {CASE_FIELDS} }} }}"""
RESOLVE = f"""mutation($id: ID!) {{ resolveCase(input: {{caseId: $id, text: "更换导向轮"}}) {{
  {CASE_FIELDS} }} }}"""
VERIFY = f"""mutation($id: ID!, $passed: Boolean!, $note: String) {{
  verifyCase(caseId: $id, passed: $passed, note: $note) {{ {CASE_FIELDS} }} }}"""
CLOSE = f"""mutation($id: ID!, $satisfaction: Satisfaction!, $note: String) {{
  closeCase(caseId: $id, satisfaction: $satisfaction, note: $note) {{ {CASE_FIELDS} }} }}"""
REOPEN = f"""mutation($id: ID!) {{ reopenCase(caseId: $id, reason: "电梯再次异响") {{
  {CASE_FIELDS} }} }}"""
REQUEST_EXTENSION = f"""mutation($id: ID!, $days: Int!) {{
  requestExtension(caseId: $id, days: $days, reason: "等待配件") {{ {CASE_FIELDS} }} }}"""
APPROVE_EXTENSION = f"mutation($id: ID!) {{ approveExtension(caseId: $id) {{ {CASE_FIELDS} }} }}"
SUPERVISE = f"""mutation($id: ID!) {{ orderSupervision(caseId: $id, reason: "多次返工") {{
  {CASE_FIELDS} }} }}"""
MERGE = f"""mutation($id: ID!, $into: ID!) {{ mergeCase(caseId: $id, intoCaseId: $into) {{
  {CASE_FIELDS} }} }}"""
CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"
AFTER = "query($start: Date!, $days: Int!) { workingDaysAfter(start: $start, days: $days) }"
DEPARTMENT_CASES = """query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Department { cases { nodes { id } } } } }"""

WORKER = UUID("00000000-0000-4000-8000-000000000011")
COLLEAGUE = UUID("00000000-0000-4000-8000-000000000012")
MAINTAINER = UUID("00000000-0000-4000-8000-0000000000d2")
BUREAU = UUID("00000000-0000-4000-8000-0000000000d1")
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
def colleague(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller(
        "GRID_WORKER", division=COMMUNITY, name="李娜", subject="li", person=str(COLLEAGUE)
    )


@pytest.fixture
def officer(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller("OFFICER", division=COMMUNITY, name="王主任", subject="wang")


@pytest.fixture
def subdistrict(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller("OFFICER", division=SUBDISTRICT, name="赵强", subject="zhao")


@pytest.fixture
def district(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller("OFFICER", division=DISTRICT, name="孙丽", subject="sun")


@pytest.fixture
def maintainer(cases: GraphQLClient) -> GraphQLClient:
    """A technician of the elevator maintainer; his scope covers no community of the case."""
    return cases.as_caller(
        "CASE_HANDLER", division="370113", name="刘工", subject="liu", department=str(MAINTAINER)
    )


@pytest.fixture
async def grid(
    cases: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> UUID:
    """The community's grid, with 张伟 as its full-time worker."""
    grid_id = await known_grid(cases_db, jetstream, cases_settings)
    await known_full_time_worker(
        cases_db, jetstream, cases_settings, grid_id=grid_id, person_id=WORKER
    )
    return grid_id


async def dispatched(worker: GraphQLClient, officer: GraphQLClient) -> dict[str, Any]:
    """A case reported by the worker, accepted and dispatched to him (today)."""
    case_id = (await worker.data(REPORT, report_input()))["reportCase"]["id"]
    await officer.data(ACCEPT, {"id": case_id})
    return (await officer.data(DISPATCH, {"id": case_id}))["dispatchCase"]


async def working_days_after(client: GraphQLClient, start: str, days: int) -> str:
    """The service's answer to "which day is ``days`` working days after ``start``"."""
    answer = await client.data(AFTER, {"start": start, "days": days})
    return str(answer["workingDaysAfter"])


def local_day(moment_text: str) -> str:
    """The date in Asia/Shanghai of an ISO moment, as the service counts deadlines from it."""
    return datetime.fromisoformat(moment_text).astimezone(SHANGHAI).date().isoformat()


def elevator_report(grid: UUID) -> ReportCase:
    """A grid worker's report of a stopped lift in ``grid``, for the handlers."""
    return ReportCase(
        title="2号楼电梯停运",
        description="电梯停运三天，老人上下楼困难",
        category_code="ELEVATOR",
        attributes={"building": "2号楼", "symptoms": ["STOPPED"]},
        source=CaseSource.GRID_PATROL,
        address="香溢紫郡2号楼",
        grid_id=grid,
    )


def details(entry: dict[str, Any]) -> dict[str, str]:
    """A timeline entry's details as a mapping."""
    return {detail["key"]: detail["value"] for detail in entry["details"]}


def actions(case: dict[str, Any]) -> list[str]:
    """The actions of a case's timeline, oldest first."""
    return [entry["action"] for entry in case["timeline"]]


async def test_an_assignee_sends_a_case_back_within_two_working_days_of_dispatch_not_later(
    grid: UUID,
    worker: GraphQLClient,
    officer: GraphQLClient,
    maintainer: GraphQLClient,
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
    reporter = caller("GRID_WORKER", subject="zhang", name="张伟", person=WORKER)
    wang = caller("OFFICER", subject="wang", name="王主任")
    liu = caller("CASE_HANDLER", scope="370113", subject="liu", name="刘工", department=MAINTAINER)
    uow = unit_of_work(cases_db, cases_settings)
    to_maintainer = (Assign(kind=AssigneeKind.DEPARTMENT, ref=str(MAINTAINER)),)

    async def dispatched_on_30_september() -> UUID:
        report = elevator_report(grid)
        case = await handlers.report_case(report, uow, reporter, now=moment(date(2026, 9, 29)))
        step = CaseStep(case_id=case.id)
        await handlers.accept_case(step, uow, wang, now=moment(date(2026, 9, 29), 10))
        dispatch = DispatchCase(case_id=case.id, assignees=to_maintainer)
        await handlers.dispatch_case(dispatch, uow, wang, now=moment(date(2026, 9, 30), 10))
        return case.id

    # Dispatched the day before National Day: the two working days are 8 and 9 October.
    in_time, too_late = await dispatched_on_30_september(), await dispatched_on_30_september()
    back = CaseStep(case_id=in_time, note="非本单位维保电梯")
    await handlers.return_case(back, uow, liu, now=moment(date(2026, 10, 9), 17))
    with pytest.raises(ReturnWindowClosed) as refused:
        await handlers.return_case(
            CaseStep(case_id=too_late, note="非本单位维保电梯"),
            uow,
            liu,
            now=moment(date(2026, 10, 10)),
        )
    assert refused.value.details == {"dispatched_on": "2026-09-30", "last_day": "2026-10-09"}

    returned = (await officer.data(CASE, {"id": str(in_time)}))["case"]
    assert (returned["status"], returned["assignments"], returned["dueOn"]) == (
        "RETURNED",
        [],
        None,
    )
    assert returned["timeline"][-1]["actor"] == {
        "name": "刘工",
        "role": "DEPARTMENT_HANDLER",
        "actsFor": str(MAINTAINER),
    }
    kept = (await officer.data(CASE, {"id": str(too_late)}))["case"]
    assert (kept["status"], kept["dueOn"], actions(kept)[-1]) == (
        "DISPATCHED",
        "2026-10-13",
        "DISPATCHED",
    )

    # Sent back today over GraphQL, the same day it was dispatched: well within the window,
    # and dispatched again, to the grid's full-time worker, with a fresh clock.
    today_case = await dispatched(worker, officer)
    again = (await worker.data(RETURN, {"id": today_case["id"]}))["returnCase"]
    assert (again["status"], again["assignments"]) == ("RETURNED", [])
    redispatched = (await officer.data(DISPATCH, {"id": today_case["id"]}))["dispatchCase"]
    assert redispatched["status"] == "DISPATCHED"
    assert redispatched["assignments"] == [
        {"kind": "GRID_WORKER", "ref": str(WORKER), "lead": True}
    ]
    dispatched_at = redispatched["timeline"][-1]["at"]
    assert redispatched["dueOn"] == await working_days_after(officer, local_day(dispatched_at), 5)


async def test_escalation_climbs_from_the_grid_to_the_district_and_stops_at_the_top(
    grid: UUID,
    worker: GraphQLClient,
    officer: GraphQLClient,
    subdistrict: GraphQLClient,
    district: GraphQLClient,
    cases_db: AsyncEngine,
) -> None:
    case_id = (await dispatched(worker, officer))["id"]

    # The assigned worker takes it to the community, whose officer takes it on.
    assert (await worker.data(ESCALATE, {"id": case_id}))["escalateCase"]["level"] == "COMMUNITY"
    assert (await officer.data(ESCALATE, {"id": case_id}))["escalateCase"]["level"] == (
        "SUBDISTRICT"
    )
    # A case at the subdistrict is the subdistrict's to escalate, not the community's.
    refused = await officer.error(ESCALATE, {"id": case_id})
    assert refused["extensions"]["code"] == "FORBIDDEN"
    at_top = (await subdistrict.data(ESCALATE, {"id": case_id}))["escalateCase"]
    assert (at_top["level"], at_top["status"]) == ("DISTRICT", "DISPATCHED")

    for client in (district, worker):
        refused = await client.error(ESCALATE, {"id": case_id})
        assert refused["extensions"]["code"] == "CASE_ALREADY_AT_TOP"

    case = (await district.data(CASE, {"id": case_id}))["case"]
    steps = [
        (e["actor"]["role"], details(e)["from_level"], details(e)["to_level"])
        for e in case["timeline"]
        if e["action"] == "ESCALATED"
    ]
    assert steps == [
        ("GRID_WORKER", "GRID", "COMMUNITY"),
        ("COMMUNITY_OFFICER", "COMMUNITY", "SUBDISTRICT"),
        ("SUBDISTRICT_OFFICER", "SUBDISTRICT", "DISTRICT"),
    ]
    escalations = [
        (e["data"]["from_level"], e["data"]["level"], e["data"]["automatic"])
        for e in await outbox_events(cases_db, case_id)
        if e["type"] == "cases.case.escalated"
    ]
    assert escalations == [
        ("GRID", "COMMUNITY", False),
        ("COMMUNITY", "SUBDISTRICT", False),
        ("SUBDISTRICT", "DISTRICT", False),
    ]


async def test_a_joint_meeting_makes_its_departments_co_handlers_who_then_start_and_resolve(
    grid: UUID,
    worker: GraphQLClient,
    officer: GraphQLClient,
    subdistrict: GraphQLClient,
    maintainer: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    for department_id, name in ((MAINTAINER, "济南快速电梯维保有限公司"), (BUREAU, "区市场监管局")):
        await known_department(
            cases_db, jetstream, cases_settings, name=name, department_id=department_id
        )
    case_id = (await dispatched(worker, officer))["id"]
    meeting = {
        "input": {
            "caseId": case_id,
            "heldOn": "2026-10-09",
            "participants": ["王舍人街道", "区市场监管局", "维保单位"],
            "departmentIds": [str(MAINTAINER), str(BUREAU)],
            "minutes": "维保单位三日内更换导向轮，市场监管局现场检验",
        }
    }
    # The maintainer is no assignee yet, and a grid's case has no joint meeting.
    assert (await maintainer.error(START, {"id": case_id}))["extensions"]["code"] == "FORBIDDEN"
    too_low = await subdistrict.error(MEETING, meeting)
    assert too_low["extensions"]["code"] == "CASE_JOINT_MEETING_NEEDS_SUBDISTRICT"
    await worker.data(ESCALATE, {"id": case_id})
    await worker.data(ESCALATE, {"id": case_id})
    # A community officer does not convene one.
    assert (await officer.error(MEETING, meeting))["extensions"]["code"] == "FORBIDDEN"

    held = (await subdistrict.data(MEETING, meeting))["holdJointMeeting"]
    assert held["assignments"] == [
        {"kind": "GRID_WORKER", "ref": str(WORKER), "lead": True},
        {"kind": "DEPARTMENT", "ref": str(MAINTAINER), "lead": False},
        {"kind": "DEPARTMENT", "ref": str(BUREAU), "lead": False},
    ]
    assert held["jointMeetings"] == [
        {
            "departmentIds": [str(MAINTAINER), str(BUREAU)],
            "participants": ["王舍人街道", "区市场监管局", "维保单位"],
        }
    ]

    # Both departments now list it among the cases dispatched to them.
    reps = [{"__typename": "Department", "id": str(d)} for d in (MAINTAINER, BUREAU)]
    listed = (await subdistrict.data(DEPARTMENT_CASES, {"reps": reps}))["_entities"]
    assert listed == [{"cases": {"nodes": [{"id": case_id}]}}] * 2

    started = (await maintainer.data(START, {"id": case_id}))["startCase"]
    technician = {"name": "刘工", "role": "DEPARTMENT_HANDLER", "actsFor": str(MAINTAINER)}
    assert (started["status"], started["handler"]) == ("IN_PROGRESS", technician)
    resolved = (await maintainer.data(RESOLVE, {"id": case_id}))["resolveCase"]
    assert (resolved["status"], resolved["resolver"]) == ("RESOLVED", technician)
    # The grid worker neither handled nor resolved it: he verifies it on site.
    verified = (await worker.data(VERIFY, {"id": case_id, "passed": True}))["verifyCase"]
    assert verified["status"] == "VERIFIED"


async def test_a_second_extension_needs_a_level_above_the_one_that_approved_the_first(
    grid: UUID,
    worker: GraphQLClient,
    officer: GraphQLClient,
    subdistrict: GraphQLClient,
    district: GraphQLClient,
) -> None:
    case = await dispatched(worker, officer)
    case_id, due = case["id"], case["dueOn"]

    for days, approvers, refused_by in (
        (3, [officer], []),
        (2, [subdistrict], [officer]),
        (4, [district], [officer, subdistrict]),
    ):
        await worker.data(REQUEST_EXTENSION, {"id": case_id, "days": days})
        for too_low in refused_by:
            error = await too_low.error(APPROVE_EXTENSION, {"id": case_id})
            assert error["extensions"]["code"] == "CASE_EXTENSION_NEEDS_HIGHER_LEVEL"
        [approver] = approvers
        approved = (await approver.data(APPROVE_EXTENSION, {"id": case_id}))["approveExtension"]
        expected = await working_days_after(officer, due, days)
        assert approved["dueOn"] == expected
        due = expected

    # After the district there is no level left to approve a fourth.
    await worker.data(REQUEST_EXTENSION, {"id": case_id, "days": 1})
    error = await district.error(APPROVE_EXTENSION, {"id": case_id})
    assert error["extensions"]["code"] == "CASE_EXTENSION_NEEDS_HIGHER_LEVEL"
    extensions = (await officer.data(CASE, {"id": case_id}))["case"]["extensions"]
    assert [(e["sequence"], e["days"], e["status"], e["decidedBy"]) for e in extensions] == [
        (1, 3, "APPROVED", {"role": "COMMUNITY_OFFICER"}),
        (2, 2, "APPROVED", {"role": "SUBDISTRICT_OFFICER"}),
        (3, 4, "APPROVED", {"role": "DISTRICT_OFFICER"}),
        (4, 1, "PENDING", None),
    ]


async def test_a_suspended_case_keeps_its_working_days_and_is_due_that_many_after_resuming(
    grid: UUID,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
) -> None:
    zhang = caller("GRID_WORKER", subject="zhang", name="张伟", person=WORKER)
    zhao = caller("OFFICER", scope=SUBDISTRICT, subject="zhao", name="赵强")
    uow = unit_of_work(cases_db, cases_settings)
    report = elevator_report(grid)
    case = await handlers.report_case(report, uow, zhang, now=moment(date(2026, 9, 29)))
    step = CaseStep(case_id=case.id, note="等待电梯更新资金到位")
    await handlers.accept_case(step, uow, zhao, now=moment(date(2026, 9, 29), 10))
    dispatch = DispatchCase(case_id=case.id)
    await handlers.dispatch_case(dispatch, uow, zhao, now=moment(date(2026, 9, 30), 10))
    await handlers.start_case(step, uow, zhang, now=moment(date(2026, 10, 8)))

    # Due 13 October; suspended on the 9th, three working days were left (10th, 12th, 13th).
    await handlers.suspend_case(step, uow, zhao, now=moment(date(2026, 10, 9)))
    suspended = (await officer.data(CASE, {"id": str(case.id)}))["case"]
    assert (suspended["status"], suspended["dueOn"]) == ("SUSPENDED", "2026-10-13")
    assert details(suspended["timeline"][-1]) == {
        "days_left": "3",
        "suspended_from": "IN_PROGRESS",
    }

    # Resumed on Monday 19 October: three working days later is Thursday the 22nd.
    await handlers.resume_case(step, uow, zhao, now=moment(date(2026, 10, 19)))
    resumed = (await officer.data(CASE, {"id": str(case.id)}))["case"]
    assert (resumed["status"], resumed["dueOn"]) == ("IN_PROGRESS", "2026-10-22")
    assert actions(resumed)[-2:] == ["SUSPENDED", "RESUMED"]


async def test_rework_by_verification_and_by_visit_counts_up_and_makes_supervision_due(
    grid: UUID,
    worker: GraphQLClient,
    colleague: GraphQLClient,
    officer: GraphQLClient,
    cases: GraphQLClient,
    cases_db: AsyncEngine,
) -> None:
    supervisor = cases.as_caller("SUPERVISOR", division=COMMUNITY, name="周敏", subject="zhou")
    case_id = (await dispatched(worker, officer))["id"]
    await worker.data(START, {"id": case_id})
    # On time and never reworked: supervision is not due.
    not_due = await supervisor.error(SUPERVISE, {"id": case_id})
    assert not_due["extensions"]["code"] == "CASE_SUPERVISION_NOT_DUE"

    await worker.data(RESOLVE, {"id": case_id})
    failed = (await colleague.data(VERIFY, {"id": case_id, "passed": False, "note": "仍有异响"}))[
        "verifyCase"
    ]
    assert (failed["status"], failed["reworkCount"]) == ("IN_PROGRESS", 1)
    await worker.data(RESOLVE, {"id": case_id})
    await colleague.data(VERIFY, {"id": case_id, "passed": True})
    unhappy = {"id": case_id, "satisfaction": "DISSATISFIED", "note": "夜间仍有噪音"}
    visited = (await officer.data(CLOSE, unhappy))["closeCase"]
    assert (visited["status"], visited["reworkCount"], visited["satisfaction"]) == (
        "IN_PROGRESS",
        2,
        "DISSATISFIED",
    )

    supervised = (await supervisor.data(SUPERVISE, {"id": case_id}))["orderSupervision"]
    assert supervised["supervisionOrders"] == [{"by": {"role": "SUPERVISOR"}, "reason": "多次返工"}]
    reworks = [
        (e["data"]["origin"], e["data"]["rework_count"], e["data"]["reason"])
        for e in await outbox_events(cases_db, case_id)
        if e["type"] == "cases.case.rework_ordered"
    ]
    assert reworks == [("VERIFICATION", 1, "仍有异响"), ("VISIT", 2, "夜间仍有噪音")]


async def test_a_duplicate_is_merged_into_the_case_it_repeats_and_its_event_names_that_case(
    grid: UUID,
    worker: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
) -> None:
    first = (await worker.data(REPORT, report_input()))["reportCase"]
    second = (await worker.data(REPORT, report_input(title="1号楼电梯响声大")))["reportCase"]

    merged = (await officer.data(MERGE, {"id": second["id"], "into": first["id"]}))["mergeCase"]
    assert (merged["status"], merged["duplicateOf"]) == (
        "MERGED",
        {"id": first["id"], "number": first["number"]},
    )
    assert details(merged["timeline"][-1]) == {"duplicate_of": first["number"]}
    [event] = [
        e for e in await outbox_events(cases_db, second["id"]) if e["type"].endswith("merged")
    ]
    assert (event["data"]["duplicate_of"], event["data"]["duplicate_of_number"]) == (
        first["id"],
        first["number"],
    )
    # The merged case is over: nothing more is merged into it.
    refused = await officer.error(MERGE, {"id": first["id"], "into": second["id"]})
    assert refused["extensions"]["code"] == "CASE_MERGE_TARGET_FINISHED"
    assert (await officer.data(CASE, {"id": first["id"]}))["case"]["status"] == "REPORTED"


async def test_a_closed_case_is_reopened_with_its_clock_started_again(
    grid: UUID,
    worker: GraphQLClient,
    colleague: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
) -> None:
    case_id = (await dispatched(worker, officer))["id"]
    await worker.data(START, {"id": case_id})
    await worker.data(RESOLVE, {"id": case_id})
    await colleague.data(VERIFY, {"id": case_id, "passed": True})
    closed = (await officer.data(CLOSE, {"id": case_id, "satisfaction": "SATISFIED"}))["closeCase"]
    assert (closed["status"], closed["onTime"]) == ("CLOSED", True)

    reopened = (await officer.data(REOPEN, {"id": case_id}))["reopenCase"]
    assert (reopened["status"], reopened["reopenCount"]) == ("IN_PROGRESS", 1)
    assert (reopened["closedAt"], reopened["onTime"], reopened["satisfaction"]) == (
        None,
        None,
        None,
    )
    entry = reopened["timeline"][-1]
    assert (entry["action"], entry["note"]) == ("REOPENED", "电梯再次异响")
    assert reopened["dueOn"] == await working_days_after(officer, local_day(entry["at"]), 5)
    [event] = [e for e in await outbox_events(cases_db, case_id) if e["type"].endswith("reopened")]
    assert (event["data"]["reason"], event["data"]["reopen_count"]) == ("电梯再次异响", 1)
