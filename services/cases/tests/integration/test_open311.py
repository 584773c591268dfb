"""Open311 GeoReport v2 at ``/open311/v2``: the catalogue as services, a request filed by a
hotline's system with its key (or by a signed-in caller) becoming a case GraphQL reads back,
and the cases listed and read as Open311 shows them, without a word about who reported them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    NEIGHBOUR,
    fresh_client,
    known_department,
    known_grid,
    row_counts,
    running_service,
    unit_of_work,
)
from httpx import AsyncClient, Response
from nats.js import JetStreamContext
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.commands.cases import AnonymousReporter, ReportCase
from cases.config import CasesSettings
from cases.domain.kinds import CaseSource
from cases.handlers import cases as handlers
from cases.handlers.access import open311_reporter
from cases.handlers.cases import Moment
from gridkit.auth import issue_dev_token
from gridkit.clock import local_today
from gridkit.testing.graphql import GraphQLClient

V2 = "/open311/v2"
KEY = "k-12345-hotline"
"""The key the district issued to the 12345 hotline's system, ``12345-app``."""
WORKER = UUID("00000000-0000-4000-8000-000000000011")
SHANGHAI = ZoneInfo("Asia/Shanghai")
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
"""Every field Open311 gives a service request, and nothing else."""

BY_NUMBER = """query($number: String!) { caseByNumber(number: $number) {
  number title description source status attributes location { address longitude latitude }
  reporter { id } anonymousReporter { name phone } timeline { action actor { name role } } } }"""
ACCEPT = "mutation($id: ID!) { acceptCase(caseId: $id) { id } }"
REJECT = 'mutation($id: ID!) { rejectCase(caseId: $id, reason: "不属于受理范围") { status } }'
DISPATCH = """mutation($id: ID!, $assignees: [AssigneeInput!]) {
  dispatchCase(caseId: $id, assignees: $assignees) { dueOn dispatchedAt } }"""
ID_OF = "query($number: String!) { caseByNumber(number: $number) { id reportedAt } }"


@pytest.fixture(scope="module")
def settings(cases_settings: CasesSettings) -> CasesSettings:
    """The test settings with two Open311 clients: the hotline's and a city app's."""
    keys = {"12345-app": SecretStr(KEY), "city-app": SecretStr("k-city-app")}
    return cases_settings.model_copy(update={"open311_api_keys": keys})


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def service(
    settings: CasesSettings, jetstream: JetStreamContext
) -> AsyncIterator[AsyncClient]:
    """The service, running for the whole module."""
    async with running_service(settings, jetstream) as http:
        yield http


@pytest.fixture
async def cases(
    service: AsyncClient, cases_db: AsyncEngine, settings: CasesSettings
) -> GraphQLClient:
    """An anonymous client of the running service; each test starts on empty tables."""
    return await fresh_client(service, cases_db, settings)


@pytest.fixture
async def grid(cases_db: AsyncEngine, jetstream: JetStreamContext, settings: CasesSettings) -> UUID:
    """The grid whose square holds (lat 36.69, long 117.11), in 香溢紫郡社区."""
    return await known_grid(cases_db, jetstream, settings)


@pytest.fixture
def officer(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller("OFFICER", division=COMMUNITY, name="王主任", subject="wang")


def bearer(settings: CasesSettings, *roles: str, division: str, **claims: Any) -> dict[str, str]:
    """The header of a signed-in caller's token."""
    token = issue_dev_token(settings, roles=list(roles), division=division, **claims)
    return {"Authorization": f"Bearer {token}"}


def lift_request(**fields: Any) -> dict[str, Any]:
    """A resident's call about the west lift of building 1, as the hotline's system posts it.

    A field given as ``None`` is left out.
    """
    form: dict[str, Any] = {
        "api_key": KEY,
        "service_code": "ELEVATOR",
        "lat": "36.69",
        "long": "117.11",
        "address_string": "香溢紫郡1号楼",
        "attribute[building]": "1号楼",
        "attribute[position]": "WEST",
        "attribute[symptoms][]": ["NOISE", "STOPPED"],
        "description": "1号楼西侧电梯夜间异响\n居民反映影响休息",
        "first_name": "芳",
        "last_name": "王",
        "phone": "13812345678",
        "email": "wangfang@example.org",
        "device_id": "hotline-seat-7",
        **fields,
    }
    return {name: value for name, value in form.items() if value is not None}


async def post(http: AsyncClient, form: dict[str, Any], **headers: str) -> Response:
    """POST ``form`` to requests.json, form-encoded."""
    return await http.post(f"{V2}/requests.json", data=form, headers=headers)


async def filed(http: AsyncClient, form: dict[str, Any], **headers: str) -> str:
    """File a request that must be accepted; answers its service_request_id."""
    response = await post(http, form, **headers)
    assert response.status_code == 201, response.text
    [answer] = response.json()
    number: str = answer["service_request_id"]
    return number


async def listed(http: AsyncClient, **params: str) -> list[str]:
    """The ids a GET of requests.json with the hotline's key answers, in its order."""
    response = await http.get(f"{V2}/requests.json", params={"api_key": KEY, **params})
    assert response.status_code == 200, response.text
    return [request["service_request_id"] for request in response.json()]


def refusal(response: Response, status: int) -> str:
    """The description of an Open311 error answered with ``status``."""
    assert response.status_code == status, response.text
    [error] = response.json()
    assert set(error) == {"code", "description"}
    assert error["code"] == status
    description: str = error["description"]
    return description


# The catalogue


async def test_the_catalogue_is_listed_as_open311_services_without_a_key(
    cases: GraphQLClient,
) -> None:
    response = await cases.http.get(f"{V2}/services.json")

    assert response.status_code == 200
    services = response.json()
    assert [s["service_code"] for s in services] == [
        "ELEVATOR",
        "NEIGHBOR_DISPUTE",
        "NOISE",
        "OTHER",
        "PROPERTY",
        "ROAD",
        "SANITATION",
        "WATER_SUPPLY",
    ]
    by_code = {service["service_code"]: service for service in services}
    assert by_code["ELEVATOR"] == {
        "service_code": "ELEVATOR",
        "service_name": "电梯故障与噪音",
        "description": "A lift that is stuck, stopped, unsafe or noisy (电梯困人、停运、异响).",
        "metadata": True,
        "type": "realtime",
        "keywords": None,
        "group": None,
    }
    assert (by_code["ROAD"]["service_name"], by_code["ROAD"]["metadata"]) == ("道路设施", False)


async def test_a_service_definition_gives_each_attribute_its_open311_datatype(
    cases: GraphQLClient,
) -> None:
    response = await cases.http.get(f"{V2}/services/ELEVATOR.json")

    assert response.status_code == 200
    definition = response.json()
    assert definition["service_code"] == "ELEVATOR"
    attributes = definition["attributes"]
    assert [(a["code"], a["datatype"], a["required"], a["order"]) for a in attributes] == [
        ("building", "string", True, 1),
        ("position", "singlevaluelist", False, 2),
        ("symptoms", "multivaluelist", True, 3),
        ("noticed_at", "datetime", False, 4),
    ]
    assert attributes[1] == {
        "variable": True,
        "code": "position",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": "One of the keys of values.",
        "order": 2,
        "description": "电梯位置 — Which lift of the building, when it has several.",
        "values": [
            {"key": "EAST", "name": "东侧"},
            {"key": "WEST", "name": "西侧"},
            {"key": "SINGLE", "name": "唯一一部"},
        ],
    }
    assert attributes[0]["values"] == []


async def test_an_unknown_service_or_path_answers_in_open311s_shape(cases: GraphQLClient) -> None:
    missing = await cases.http.get(f"{V2}/services/PARKING.json")
    assert refusal(missing, 404) == "There is no service PARKING: services.json lists them."

    elsewhere = await cases.http.get(f"{V2}/tickets.json")
    assert refusal(elsewhere, 404).startswith(f"There is no {V2}/tickets.json here.")

    wrong_method = await cases.http.delete(f"{V2}/requests.json")
    assert (
        refusal(wrong_method, 405) == f"{V2}/requests.json answers GET and POST only, not DELETE."
    )


@pytest.mark.parametrize(
    ("method", "path", "json_path"),
    [
        ("GET", "services.xml", "services.json"),
        ("GET", "services/ELEVATOR.xml", "ELEVATOR.json"),
        ("GET", "requests.xml", "requests.json"),
        ("POST", "requests.xml", "requests.json"),
    ],
)
async def test_only_json_is_served(
    cases: GraphQLClient, method: str, path: str, json_path: str
) -> None:
    response = await cases.http.request(method, f"{V2}/{path}", params={"api_key": KEY})

    description = refusal(response, 400)
    assert description.startswith(f"Only JSON is served here: ask for {json_path} instead")


# Filing a request


async def test_a_posted_request_becomes_a_case_that_graphql_reads_with_its_attributes(
    cases: GraphQLClient, officer: GraphQLClient, grid: UUID
) -> None:
    form = lift_request(media_url="https://photos.example.org/lift-1-west.jpg")
    response = await post(cases.http, form)

    assert response.status_code == 201, response.text
    year = local_today().year
    assert response.json() == [
        {
            "service_request_id": f"{year}-000001",
            "service_notice": f"Filed as case {year}-000001: quote this number to follow it "
            "up. Once accepted and dispatched, it is handled within 5 working days.",
            "account_id": None,
        }
    ]
    case = (await officer.data(BY_NUMBER, {"number": f"{year}-000001"}))["caseByNumber"]
    assert case == {
        "number": f"{year}-000001",
        "title": "1号楼西侧电梯夜间异响",
        "description": "1号楼西侧电梯夜间异响\n居民反映影响休息\n"
        "照片 (media_url): https://photos.example.org/lift-1-west.jpg",
        "source": "ONLINE",
        "status": "REPORTED",
        # Stored in the order of the category's choices, as reportCase stores them.
        "attributes": {"building": "1号楼", "position": "WEST", "symptoms": ["STOPPED", "NOISE"]},
        "location": {"address": "香溢紫郡1号楼", "longitude": 117.11, "latitude": 36.69},
        "reporter": None,
        "anonymousReporter": {"name": "王芳", "phone": "138****5678"},
        "timeline": [{"action": "REPORTED", "actor": {"name": "12345-app", "role": "REPORTER"}}],
    }


async def test_a_request_with_only_coordinates_is_addressed_by_them(
    cases: GraphQLClient, officer: GraphQLClient, grid: UUID
) -> None:
    number = await filed(cases.http, lift_request(address_string=None, description=None))

    case = (await officer.data(BY_NUMBER, {"number": number}))["caseByNumber"]
    assert case["location"]["address"] == "36.69, 117.11 (WGS-84)"
    assert (case["title"], case["description"]) == ("电梯故障与噪音", "电梯故障与噪音")


async def test_a_form_of_unescaped_utf8_as_curl_sends_it_reads_as_written(
    cases: GraphQLClient, officer: GraphQLClient, grid: UUID
) -> None:
    fields = lift_request(**{"attribute[position]": None, "attribute[symptoms][]": "NOISE"})
    raw = "&".join(f"{name}={value}" for name, value in fields.items()).encode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}

    response = await cases.http.post(f"{V2}/requests.json", content=raw, headers=form)

    assert response.status_code == 201, response.text
    [answer] = response.json()
    case = (await officer.data(BY_NUMBER, {"number": answer["service_request_id"]}))["caseByNumber"]
    assert case["location"]["address"] == "香溢紫郡1号楼"
    assert case["attributes"] == {"building": "1号楼", "symptoms": ["NOISE"]}
    assert case["anonymousReporter"] == {"name": "王芳", "phone": "138****5678"}
    latin = await cases.http.post(f"{V2}/requests.json", content=b"api_key=\xff", headers=form)
    assert refusal(latin, 400) == "The form is not UTF-8 text, as Open311 requires."


async def test_a_signed_in_grid_worker_files_as_himself_without_a_key(
    cases: GraphQLClient, officer: GraphQLClient, settings: CasesSettings, grid: UUID
) -> None:
    worker = bearer(
        settings,
        "GRID_WORKER",
        division=COMMUNITY,
        subject="zhang",
        name="张伟",
        person=str(WORKER),
    )
    form = lift_request(api_key=None, phone=None, first_name=None, last_name=None)

    number = await filed(cases.http, form, **worker)

    case = (await officer.data(BY_NUMBER, {"number": number}))["caseByNumber"]
    assert (case["reporter"], case["anonymousReporter"]) == ({"id": str(WORKER)}, None)
    assert case["timeline"] == [
        {"action": "REPORTED", "actor": {"name": "张伟", "role": "GRID_WORKER"}}
    ]
    # His scope is his community: a point in the neighbour's is not his to report.
    outside = bearer(settings, "GRID_WORKER", division=NEIGHBOUR, subject="li", person=str(WORKER))
    refused = refusal(await post(cases.http, form, **outside), 403)
    assert refused.startswith("To report (上报) a case in community 370112001001 you must be")


async def test_a_retried_request_with_the_same_idempotency_key_files_one_case(
    cases: GraphQLClient, cases_db: AsyncEngine, grid: UUID
) -> None:
    first = await filed(cases.http, lift_request(), **{"Idempotency-Key": "call-0815"})
    again = await filed(cases.http, lift_request(), **{"Idempotency-Key": "call-0815"})

    assert again == first
    assert (await row_counts(cases_db))["cases"] == 1


async def test_a_key_the_district_never_issued_is_refused_and_files_nothing(
    cases: GraphQLClient, cases_db: AsyncEngine, grid: UUID
) -> None:
    before = await row_counts(cases_db)

    wrong = refusal(await post(cases.http, lift_request(api_key="k-12345-hotlinE")), 403)
    assert wrong == "This api_key is not one the district issued: check the key you were given."
    nothing = refusal(await post(cases.http, lift_request(api_key=None)), 403)
    assert nothing == "To file a service request, give your api_key or sign in with a bearer token."
    assert await row_counts(cases_db) == before


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        pytest.param(
            {"lat": None, "long": None, "address_string": None},
            "Say where the problem is: give lat and long",
            id="no location",
        ),
        pytest.param(
            {"lat": None, "long": None}, "an address alone cannot be placed", id="address only"
        ),
        pytest.param({"long": None}, "give lat and long", id="lat without long"),
        pytest.param(
            {"lat": "north"}, "lat is a number of degrees (WGS-84)", id="lat not a number"
        ),
        pytest.param(
            {"lat": "136.69"},
            "A WGS-84 latitude lies between -90 and 90 degrees",
            id="lat out of range",
        ),
        pytest.param(
            {"lat": "10", "long": "10"},
            "No grid of the district lies at lat 10.0, long 10.0",
            id="outside every grid",
        ),
        pytest.param(
            {"attribute[building]": None},
            "楼栋 (building) is required for a case of 电梯故障与噪音",
            id="required attribute missing",
        ),
        pytest.param(
            {"attribute[position]": "NORTH"},
            "电梯位置 (position) is one of EAST, WEST, SINGLE",
            id="not one of the choices",
        ),
        pytest.param(
            {"attribute[noticed_at]": "last night"},
            "发现时间 (noticed_at) is a moment in ISO 8601 with its UTC offset",
            id="not a moment",
        ),
        pytest.param(
            {"attribute[colour]": "red"},
            "has no attribute 'colour'",
            id="attribute the category lacks",
        ),
        pytest.param({"attribute": "x"}, "attribute is no attribute field", id="malformed field"),
        pytest.param(
            {"service_code": "PARKING"}, "service_code PARKING is not one of ours", id="no service"
        ),
        pytest.param({"service_code": None}, "Give service_code", id="service_code missing"),
        pytest.param({"phone": None}, "Give phone: the number the resident", id="no phone"),
        pytest.param({"phone": "12"}, "An anonymous reporter leaves a phone", id="bad phone"),
        pytest.param(
            {"media_url": "file:///C:/photo.jpg"}, "media_url is a web address", id="bad media_url"
        ),
    ],
)
async def test_a_request_that_cannot_become_a_case_is_refused_with_a_400_and_files_nothing(
    cases: GraphQLClient, cases_db: AsyncEngine, grid: UUID, fields: dict[str, Any], says: str
) -> None:
    before = await row_counts(cases_db)

    description = refusal(await post(cases.http, lift_request(**fields)), 400)

    assert says in description
    assert await row_counts(cases_db) == before


async def test_a_request_posted_as_json_is_asked_to_come_as_a_form(cases: GraphQLClient) -> None:
    response = await cases.http.post(f"{V2}/requests.json", json=lift_request())

    assert refusal(response, 400).startswith("Post a service request as a form")


# Reading requests


async def reported_days_ago(days: int, cases_db: AsyncEngine, settings: CasesSettings) -> str:
    """A case filed by the hotline ``days`` ago (through the handler: the API files today)."""
    at = datetime.now(UTC) - timedelta(days=days)
    command = ReportCase(
        title="2号楼电梯停运",
        description="2号楼电梯停运",
        category_code="ELEVATOR",
        attributes={"building": "2号楼", "symptoms": ["STOPPED"]},
        source=CaseSource.ONLINE,
        address="香溢紫郡2号楼",
        longitude=117.11,
        latitude=36.69,
        anonymous_reporter=AnonymousReporter(phone="13900001111"),
    )
    case = await handlers.report_case_as(
        command,
        unit_of_work(cases_db, settings),
        open311_reporter("12345-app"),
        now=Moment(at=at, today=local_today(now=at)),
    )
    return str(case.number)


async def test_the_list_filters_by_status_service_code_and_dates(
    cases: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
    settings: CasesSettings,
    grid: UUID,
) -> None:
    lift = await filed(cases.http, lift_request())
    noise_form = {
        "api_key": KEY,
        "service_code": "NOISE",
        "lat": "36.69",
        "long": "117.11",
        "attribute[source]": "CONSTRUCTION",
        "attribute[decibels]": "72.5",
        "description": "工地夜间施工噪音",
        "phone": "13700002222",
    }
    noise = await filed(cases.http, noise_form)
    noise_id = (await officer.data(ID_OF, {"number": noise}))["caseByNumber"]["id"]
    assert (await officer.data(REJECT, {"id": noise_id}))["rejectCase"]["status"] == "REJECTED"
    old = await reported_days_ago(120, cases_db, settings)

    # Without dates, the last 90 days, newest first.
    assert await listed(cases.http) == [noise, lift]
    assert await listed(cases.http, status="closed") == [noise]
    assert await listed(cases.http, status="open") == [lift]
    assert await listed(cases.http, status="open,closed") == [noise, lift]
    assert await listed(cases.http, service_code="ELEVATOR") == [lift]
    assert await listed(cases.http, service_code="ELEVATOR,NOISE", status="open") == [lift]

    now = datetime.now(UTC).astimezone()
    long_ago, a_while_ago = (now - timedelta(days=130)).isoformat(), (now - timedelta(days=100))
    assert await listed(cases.http, start_date=long_ago, end_date=a_while_ago.isoformat()) == [old]
    assert await listed(cases.http, end_date=a_while_ago.isoformat()) == [old]
    assert await listed(cases.http, start_date=long_ago) == [noise, lift, old]
    assert await listed(cases.http, start_date=a_while_ago.date().isoformat()) == [noise, lift]
    # Named requests override the other filters.
    assert await listed(cases.http, service_request_id=f"{old},{lift}", status="closed") == [
        lift,
        old,
    ]
    # An offset's "+" sent unescaped arrives as a space, and is read as meant.
    plus = (now - timedelta(days=1)).astimezone(UTC).replace(tzinfo=None).isoformat()
    unescaped = await cases.http.get(
        f"{V2}/requests.json?api_key={KEY}&start_date={plus}+00:00&service_code=NOISE"
    )
    assert [r["service_request_id"] for r in unescaped.json()] == [noise]


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"start_date": "yesterday"}, "start_date is a date and time in W3C format (ISO 8601)"),
        (
            {"start_date": "2026-10-02T00:00:00+08:00", "end_date": "2026-10-01T00:00:00+08:00"},
            "start_date (2026-10-02T00:00:00+08:00) comes after end_date",
        ),
        ({"end_date": "0001-01-05T00:00:00"}, "end_date lies in the year 2000 or later"),
        ({"status": "pending"}, "status is open or closed"),
        ({"service_code": "PARKING"}, "service_code PARKING is not one of ours"),
        ({"service_request_id": "123"}, "A case number is written YYYY-NNNNNN"),
    ],
)
async def test_a_list_asked_for_in_words_it_does_not_know_is_refused_with_a_400(
    cases: GraphQLClient, params: dict[str, str], says: str
) -> None:
    response = await cases.http.get(f"{V2}/requests.json", params={"api_key": KEY, **params})

    assert says in refusal(response, 400)


async def test_one_request_reads_how_far_along_it_is(
    cases: GraphQLClient,
    officer: GraphQLClient,
    cases_db: AsyncEngine,
    settings: CasesSettings,
    jetstream: JetStreamContext,
    grid: UUID,
) -> None:
    maintainer = await known_department(
        cases_db, jetstream, settings, name="济南快速电梯维保有限公司"
    )
    number = await filed(cases.http, lift_request())
    case = (await officer.data(ID_OF, {"number": number}))["caseByNumber"]
    await officer.data(ACCEPT, {"id": case["id"]})
    assignees = [{"kind": "DEPARTMENT", "ref": str(maintainer)}]
    dispatched = (await officer.data(DISPATCH, {"id": case["id"], "assignees": assignees}))[
        "dispatchCase"
    ]

    response = await cases.http.get(f"{V2}/requests/{number}.json", params={"api_key": KEY})

    assert response.status_code == 200, response.text
    [request] = response.json()
    requested, updated = request.pop("requested_datetime"), request.pop("updated_datetime")
    dispatched_at = datetime.fromisoformat(dispatched["dispatchedAt"])
    dispatched_on = dispatched_at.astimezone(SHANGHAI).date()
    assert request == {
        "service_request_id": number,
        "status": "open",
        "status_notes": "dispatched (已派遣)",
        "service_name": "电梯故障与噪音",
        "service_code": "ELEVATOR",
        "description": "1号楼西侧电梯夜间异响\n居民反映影响休息",
        "agency_responsible": "济南快速电梯维保有限公司",
        "service_notice": f"Handled within 5 working days of its dispatch on {dispatched_on}.",
        "expected_datetime": f"{dispatched['dueOn']}T23:59:59+08:00",
        "address": "香溢紫郡1号楼",
        "address_id": None,
        "zipcode": None,
        "lat": 36.69,
        "long": 117.11,
        "media_url": None,
    }
    assert requested.endswith("+08:00")
    # Open311's moments are written to the second.
    reported_at = datetime.fromisoformat(case["reportedAt"])
    assert datetime.fromisoformat(requested) == reported_at.replace(microsecond=0)
    assert datetime.fromisoformat(updated) == dispatched_at.replace(microsecond=0)


async def test_a_request_nobody_filed_answers_404(cases: GraphQLClient) -> None:
    response = await cases.http.get(f"{V2}/requests/2026-999999.json", params={"api_key": KEY})

    assert refusal(response, 404) == "There is no service request 2026-999999 that you may read."


async def test_no_read_tells_who_reported_a_request(cases: GraphQLClient, grid: UUID) -> None:
    number = await filed(cases.http, lift_request())

    for response in (
        await cases.http.get(f"{V2}/requests.json", params={"api_key": KEY}),
        await cases.http.get(f"{V2}/requests/{number}.json", params={"api_key": KEY}),
    ):
        assert response.status_code == 200, response.text
        [request] = response.json()
        assert set(request) == REQUEST_FIELDS
        for trace in ("13812345678", "138****5678", "王芳", "wangfang", "12345-app"):
            assert trace not in response.text


async def test_reading_requests_takes_a_key_or_a_token_and_a_token_reads_within_its_scope(
    cases: GraphQLClient, settings: CasesSettings, grid: UUID
) -> None:
    number = await filed(cases.http, lift_request())
    url = f"{V2}/requests.json"

    anonymous = refusal(await cases.http.get(url), 403)
    assert (
        anonymous == "To read service requests, give your api_key or sign in with a bearer token."
    )
    assert "not one the district issued" in refusal(
        await cases.http.get(url, params={"api_key": "k-guess"}), 403
    )
    stale = {"Authorization": "Bearer not-a-token"}
    assert refusal(await cases.http.get(url, headers=stale), 403)
    # The catalogue is public: a token that would be refused elsewhere is not even read.
    assert (await cases.http.get(f"{V2}/services.json", headers=stale)).status_code == 200

    ours = bearer(settings, "OFFICER", division=COMMUNITY, subject="wang")
    theirs = bearer(settings, "OFFICER", division=NEIGHBOUR, subject="zhou")
    for headers, expected in ((ours, [number]), (theirs, [])):
        response = await cases.http.get(url, headers=headers)
        assert [r["service_request_id"] for r in response.json()] == expected
    one = await cases.http.get(f"{V2}/requests/{number}.json", headers=theirs)
    assert refusal(one, 404) == f"There is no service request {number} that you may read."
