"""A case through the whole loop over GraphQL, on the real database and NATS."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest
from cases_announcements import COMMUNITY, known_full_time_worker, known_grid
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.config import CasesSettings
from gridkit.testing.events import stream_events
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually

CASE_FIELDS = """id number status level dueOn rework_count: reworkCount onTime
  grid { id } assignments { kind ref lead }
  timeline { action status actor { name role } note
             evidence { text measurements { name value unit limit withinLimit } } }"""
REPORT = (
    f"""mutation($input: ReportCaseInput!) {{ reportCase(input: $input) {{ {CASE_FIELDS} }} }}"""
)
ACCEPT = f"""mutation($id: ID!) {{ acceptCase(caseId: $id) {{ {CASE_FIELDS} }} }}"""
DISPATCH = f"""mutation($id: ID!) {{ dispatchCase(caseId: $id) {{ {CASE_FIELDS} }} }}"""
START = f"""mutation($id: ID!) {{ startCase(caseId: $id) {{ {CASE_FIELDS} }} }}"""
RESOLVE = (
    f"""mutation($input: ResolveCaseInput!) {{ resolveCase(input: $input) {{ {CASE_FIELDS} }} }}"""
)
VERIFY = f"""mutation($id: ID!, $passed: Boolean!, $note: String) {{
  verifyCase(caseId: $id, passed: $passed, note: $note) {{ {CASE_FIELDS} }} }}"""
CLOSE = f"""mutation($id: ID!) {{
  closeCase(caseId: $id, satisfaction: SATISFIED) {{ {CASE_FIELDS} }} }}"""
CASE = f"""query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"""

WORKER = UUID("00000000-0000-4000-8000-000000000011")
COLLEAGUE = UUID("00000000-0000-4000-8000-000000000012")


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


def report_input(**fields: object) -> dict[str, object]:
    return {
        "input": {
            "title": "1号楼西侧电梯夜间异响",
            "description": "居民反映电梯夜间噪音大，影响休息",
            "category": "ELEVATOR",
            "source": "GRID_PATROL",
            "address": "香溢紫郡1号楼",
            "longitude": 117.11,
            "latitude": 36.69,
            "attributes": {"building": "1号楼", "position": "WEST", "symptoms": ["NOISE"]},
            **fields,
        }
    }


async def test_a_case_runs_the_loop_and_its_timeline_says_who_did_what(
    cases: GraphQLClient,
    worker: GraphQLClient,
    colleague: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    grid = await known_grid(cases_db, jetstream, cases_settings)
    await known_full_time_worker(
        cases_db, jetstream, cases_settings, grid_id=grid, person_id=WORKER
    )

    reported = (await worker.data(REPORT, report_input()))["reportCase"]
    assert reported["status"] == "REPORTED"
    assert reported["grid"] == {"id": str(grid)}
    assert reported["number"].endswith("-000001")
    case_id = reported["id"]

    await officer.data(ACCEPT, {"id": case_id})
    dispatched = (await officer.data(DISPATCH, {"id": case_id}))["dispatchCase"]
    assert dispatched["assignments"] == [{"kind": "GRID_WORKER", "ref": str(WORKER), "lead": True}]
    assert dispatched["dueOn"] is not None

    await worker.data(START, {"id": case_id})
    resolve = {
        "input": {
            "caseId": case_id,
            "text": "更换导向轮",
            "measurements": [{"name": "轿厢噪声", "value": "55", "unit": "dB", "limit": "55"}],
        }
    }
    await worker.data(RESOLVE, resolve)
    refused = await worker.error(VERIFY, {"id": case_id, "passed": True})
    assert refused["extensions"]["code"] == "CASE_VERIFIER_IS_HANDLER"
    await colleague.data(VERIFY, {"id": case_id, "passed": True})
    closed = (await officer.data(CLOSE, {"id": case_id}))["closeCase"]
    assert (closed["status"], closed["onTime"]) == ("CLOSED", True)

    timeline = (await officer.data(CASE, {"id": case_id}))["case"]["timeline"]
    assert [(e["action"], e["actor"]["name"], e["actor"]["role"]) for e in timeline] == [
        ("REPORTED", "张伟", "GRID_WORKER"),
        ("ACCEPTED", "王主任", "COMMUNITY_OFFICER"),
        ("DISPATCHED", "王主任", "COMMUNITY_OFFICER"),
        ("STARTED", "张伟", "GRID_WORKER"),
        ("RESOLVED", "张伟", "GRID_WORKER"),
        ("VERIFIED", "李娜", "GRID_WORKER"),
        ("CLOSED", "王主任", "COMMUNITY_OFFICER"),
    ]
    assert timeline[4]["evidence"]["measurements"] == [
        {"name": "轿厢噪声", "value": "55", "unit": "dB", "limit": "55", "withinLimit": True}
    ]

    async def subjects() -> list[str]:
        events = await stream_events(jetstream, cases_settings.stream_name_for("cases"), None)
        return [e.type for e in events if e.subject == case_id]

    expected = [
        "cases.case.reported",
        "cases.case.accepted",
        "cases.case.dispatched",
        "cases.case.started",
        "cases.case.resolved",
        "cases.case.verified",
        "cases.case.closed",
    ]

    async def all_published() -> bool:
        return await subjects() == expected

    await eventually(all_published, within=15, what="the case's events on the stream")


async def test_a_report_with_a_bad_attribute_changes_nothing(
    worker: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    await known_grid(cases_db, jetstream, cases_settings, grid_id=uuid4())
    missing = await worker.error(REPORT, report_input(attributes={"building": "1号楼"}))
    assert missing["extensions"]["code"] == "CASE_ATTRIBUTE_REQUIRED"
    unknown = await worker.error(REPORT, report_input(category="NO_SUCH"))
    assert unknown["extensions"]["code"] == "CATEGORY_NOT_FOUND"


SUGGEST = """query($category: String!, $address: String!, $lon: Float, $lat: Float) {
  caseDuplicateSuggestions(category: $category, address: $address, longitude: $lon,
                           latitude: $lat) { number status distanceM }
}"""
DUPLICATES = """query($id: ID!) { case(id: $id) { possibleDuplicates { number distanceM } } }"""


async def test_a_report_near_an_open_case_of_its_category_is_suggested_as_its_duplicate(
    worker: GraphQLClient,
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    await known_grid(cases_db, jetstream, cases_settings, grid_id=uuid4())
    first = (await worker.data(REPORT, report_input()))["reportCase"]
    second = (await worker.data(REPORT, report_input(longitude=117.1105, latitude=36.69)))[
        "reportCase"
    ]
    # Another category, or a point 1 km away, is not the same demand.
    await worker.data(
        REPORT,
        report_input(category="NOISE", attributes={"source": "RESIDENTIAL"}, longitude=117.1101),
    )
    await worker.data(REPORT, report_input(longitude=117.1, latitude=36.681))

    near = (
        await worker.data(
            SUGGEST, {"category": "ELEVATOR", "address": "1号楼", "lon": 117.11, "lat": 36.69}
        )
    )["caseDuplicateSuggestions"]
    assert [s["number"] for s in near] == [first["number"], second["number"]]
    assert near[0]["distanceM"] == 0.0
    assert 40 < near[1]["distanceM"] < 50

    of_second = (await worker.data(DUPLICATES, {"id": second["id"]}))["case"]
    assert [s["number"] for s in of_second["possibleDuplicates"]] == [first["number"]]
