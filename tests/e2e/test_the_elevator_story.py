"""The elevator story, end to end through the gateway over HTTP.

In June a grid worker of 香溢紫郡社区 (王舍人街道) hears that the west lift of building 1 is so
loud at night that residents cannot sleep, and reports it from the grid. The community accepts
and dispatches it, visits residents, and escalates to the subdistrict, which holds a joint
meeting (党建联席会议). On 18 June the community, the district market-supervision bureau (its
quality section and special-equipment section), the property company and the maintainer work
on site; the maintainer replaces the guide wheels and reports the car noise at 55 dB against a
55 dB limit, with photos. The grid worker rides the lift and verifies; the resident is
satisfied; the case closes; the bureau orders a weekly watch for 8 weeks. The handler's cadre
record (干部纪实) gets an entry by itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from e2e_gateway import Gateway, national_id

from gridkit.auth import issue_dev_token
from gridkit.testing import ServiceProcess
from gridkit.testing.waiting import eventually

SUBDISTRICT_CODE = "370181001"
COMMUNITY_CODE = "370181001001"
WEST_LIFT = {"longitude": 117.151, "latitude": 36.701}
BOUNDARY = {
    "type": "Polygon",
    "coordinates": [
        [
            [117.145, 36.695],
            [117.155, 36.695],
            [117.155, 36.705],
            [117.145, 36.705],
            [117.145, 36.695],
        ]
    ],
}
# A PNG's signature and header: enough for the upload check to know it is a PNG.
PHOTO = (
    bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + b"\0" * 64
)

CASE = """id number status level dueOn reworkCount
  assignments { kind name lead }
  jointMeetings { heldOn participants departments { id } decisions }
  timeline { action status actor { name role } note
             evidence { text attachmentIds measurements { name value unit limit withinLimit } } }"""


async def test_the_west_lift_of_building_1_from_report_to_watch(
    gateway: httpx.AsyncClient,
    gateway_settings: Any,
    subgraph_services: dict[str, ServiceProcess],
) -> None:
    def caller(*roles: str, name: str, division: str = "", **claims: str) -> Gateway:
        token = issue_dev_token(
            gateway_settings,
            subject=name,
            name=name,
            roles=list(roles),
            division=division,
            **claims,
        )
        return Gateway(gateway, token)

    admin = caller("ADMIN", name="区管理员")

    # The places and departments, in org.
    async def division(name: str, level: str, parent: str | None = None, code: str = "") -> str:
        given = {"name": name, "level": level, **({"parentId": parent} if parent else {})}
        if code:
            given["code"] = code
        created = await admin.data(
            "mutation($i: CreateDivisionInput!) { createDivision(input: $i) { id code } }",
            {"i": given},
        )
        return str(created["createDivision"]["id"])

    district = await division("历城区", "DISTRICT", code="370181")
    subdistrict = await division("王舍人街道", "SUBDISTRICT", district)
    community = await division("香溢紫郡社区", "COMMUNITY", subdistrict)
    grid = (
        await admin.data(
            "mutation($i: CreateGridInput!) { createGrid(input: $i) { id code } }",
            {
                "i": {
                    "divisionId": community,
                    "name": "第一网格",
                    "kind": "RESIDENTIAL",
                    "boundary": BOUNDARY,
                }
            },
        )
    )["createGrid"]

    async def department(name: str, kind: str, where: str, **extra: Any) -> str:
        created = await admin.data(
            "mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }",
            {
                "i": {
                    "name": name,
                    "kind": kind,
                    "divisionId": where,
                    "categories": ["ELEVATOR"],
                    **extra,
                }
            },
        )
        return str(created["createDepartment"]["id"])

    bureau = await department("历城区市场监督管理局", "DISTRICT_BUREAU", district)
    quality = await department("质量发展科", "SECTION", district, parentId=bureau)
    special = await department("特种设备安全监察科", "SECTION", district, parentId=bureau)
    property_company = await department("香溢紫郡物业", "PROPERTY_COMPANY", community)
    maintainer = await department("济南快速电梯维保有限公司", "MAINTENANCE_COMPANY", district)

    # The people, in personnel.
    async def person(name: str, sequence: int) -> str:
        created = await admin.data(
            "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }",
            {
                "i": {
                    "name": name,
                    "nationalId": national_id(date(1985, 3, 1), sequence),
                    "phone": f"1380000{sequence:04d}",
                }
            },
        )
        return str(created["registerPerson"]["id"])

    worker_id = await person("张网格员", 21)
    director_id = await person("王主任", 22)
    worker = caller("GRID_WORKER", name="张网格员", division=COMMUNITY_CODE, person=worker_id)
    director = caller("OFFICER", name="王主任", division=COMMUNITY_CODE, person=director_id)
    subdistrict_officer = caller("OFFICER", name="李书记", division=SUBDISTRICT_CODE)
    fitter = caller("CASE_HANDLER", name="刘师傅", department=maintainer)
    inspector = caller("CASE_HANDLER", name="陈科长", department=special)

    # June: the grid worker reports it from the grid (cases learns of the grid from org).
    report = {
        "i": {
            "title": "1号楼西侧电梯夜间噪音扰民",
            "description": "居民反映1号楼西侧电梯夜间运行噪音很大，无法入睡",
            "category": "ELEVATOR",
            "source": "GRID_PATROL",
            "address": "香溢紫郡1号楼西侧电梯",
            **WEST_LIFT,
            "attributes": {"building": "1号楼", "position": "WEST", "symptoms": ["NOISE"]},
            "clientMutationId": "report-west-lift",
        }
    }
    reported: dict[str, Any] = {}

    async def reported_in_the_grid() -> bool:
        body = await worker.body(
            f"mutation($i: ReportCaseInput!) {{ reportCase(input: $i) {{ {CASE} }} }}", report
        )
        if "errors" in body:
            assert body["errors"][0]["extensions"]["code"] == "GRID_NOT_FOUND", body
            return False
        reported.update(body["data"]["reportCase"])
        return True

    await eventually(reported_in_the_grid, within=20, what="cases to hear of the grid")
    case_id = reported["id"]

    async def step(who: Gateway, mutation: str, **variables: Any) -> dict[str, Any]:
        field = mutation.split("(", 1)[0].strip()
        answer = await who.data(f"mutation {{ {mutation} {{ {CASE} }} }}", variables)
        return dict(answer[field])

    await step(director, f'acceptCase(caseId: "{case_id}", note: "属实，予以立案")')
    await step(
        director,
        f'dispatchCase(caseId: "{case_id}", assignees: [{{kind: COMMUNITY, '
        f'ref: "{COMMUNITY_CODE}", lead: true}}])',
    )
    await step(director, f'startCase(caseId: "{case_id}", note: "入户走访1号楼居民")')
    await step(director, f'escalateCase(caseId: "{case_id}", reason: "需物业与维保单位共同处置")')
    escalated = await step(
        director, f'escalateCase(caseId: "{case_id}", reason: "涉及特种设备监管，提请街道协调")'
    )
    assert escalated["level"] == "SUBDISTRICT"

    met = await subgraph_officer_meeting(
        subdistrict_officer, case_id, [quality, special, property_company, maintainer]
    )
    assert {d["id"] for d in met["jointMeetings"][0]["departments"]} == {
        quality,
        special,
        property_company,
        maintainer,
    }
    assert len(met["assignments"]) == 5  # the community leads, four departments co-handle

    # The maintainer's photos go to the cases service itself (the gateway serves GraphQL).
    cases_url = subgraph_services["cases"].base_url
    async with httpx.AsyncClient(base_url=cases_url) as direct:
        uploaded = await direct.post(
            "/attachments",
            files={"file": ("导向轮.png", PHOTO, "image/png")},
            headers=fitter.headers,
        )
    assert uploaded.status_code == 201, uploaded.text
    photo = uploaded.json()
    assert photo["contentType"] == "image/png"

    resolved = await fitter.data(
        f"mutation($i: ResolveCaseInput!) {{ resolveCase(input: $i) {{ {CASE} }} }}",
        {
            "i": {
                "caseId": case_id,
                "text": "更换导向轮，调整轿厢",
                "attachmentIds": [photo["id"]],
                "measurements": [{"name": "轿厢噪声", "value": "55", "unit": "dB", "limit": "55"}],
            }
        },
    )
    assert resolved["resolveCase"]["status"] == "RESOLVED"
    await step(
        worker, f'verifyCase(caseId: "{case_id}", passed: true, note: "乘梯核查，噪音已消除")'
    )
    closed = await step(
        director, f'closeCase(caseId: "{case_id}", satisfaction: SATISFIED, note: "回访居民满意")'
    )
    assert closed["status"] == "CLOSED"

    watch = await inspector.data(
        """mutation($i: StartWatchInput!) { startWatch(input: $i) {
             subject status intervalDays checksPlanned nextCheckOn } }""",
        {
            "i": {
                "caseId": case_id,
                "subject": "1号楼西侧电梯",
                "intervalDays": 7,
                "checksPlanned": 8,
            }
        },
    )
    assert watch["startWatch"]["status"] == "ACTIVE"
    assert (watch["startWatch"]["intervalDays"], watch["startWatch"]["checksPlanned"]) == (7, 8)

    # The timeline reads back in order, with who did what, through the gateway.
    story = await director.data(f'{{ case(id: "{case_id}") {{ {CASE} }} }}')
    steps = [
        (e["action"], e["actor"]["name"], e["actor"]["role"]) for e in story["case"]["timeline"]
    ]
    assert steps == [
        ("REPORTED", "张网格员", "GRID_WORKER"),
        ("ACCEPTED", "王主任", "COMMUNITY_OFFICER"),
        ("DISPATCHED", "王主任", "COMMUNITY_OFFICER"),
        ("STARTED", "王主任", "COMMUNITY_OFFICER"),
        ("ESCALATED", "王主任", "COMMUNITY_OFFICER"),
        ("ESCALATED", "王主任", "COMMUNITY_OFFICER"),
        ("JOINT_MEETING_HELD", "李书记", "SUBDISTRICT_OFFICER"),
        ("RESOLVED", "刘师傅", "DEPARTMENT_HANDLER"),
        ("VERIFIED", "张网格员", "GRID_WORKER"),
        ("CLOSED", "王主任", "COMMUNITY_OFFICER"),
    ]
    evidence = story["case"]["timeline"][7]["evidence"]
    assert evidence["attachmentIds"] == [photo["id"]]
    assert evidence["measurements"] == [
        {"name": "轿厢噪声", "value": "55", "unit": "dB", "limit": "55", "withinLimit": True}
    ]

    # One query across three subgraphs: org's grid, its cases, the reporter from personnel.
    joined = await director.data(
        """query($code: String!) { gridByCode(code: $code) { name
             cases { nodes { number status reporter { name } } } } }""",
        {"code": grid["code"]},
    )
    assert joined["gridByCode"] == {
        "name": "第一网格",
        "cases": {
            "nodes": [
                {"number": reported["number"], "status": "CLOSED", "reporter": {"name": "张网格员"}}
            ]
        },
    }

    # The handler's cadre record gets its entry by itself, from cases.case.closed.
    async def recorded() -> bool:
        records = await admin.data(
            """query($p: ID!) { cadreRecords(personId: $p) {
                 nodes { category linkedCaseId recordedBy } } }""",
            {"p": director_id},
        )
        return bool(
            records["cadreRecords"]["nodes"]
            == [
                {"category": "CASE_HANDLING", "linkedCaseId": case_id, "recordedBy": "案件办理系统"}
            ]
        )

    await eventually(recorded, within=20, what="personnel to record the closed case")


async def subgraph_officer_meeting(
    officer: Gateway, case_id: str, departments: list[str]
) -> dict[str, Any]:
    """The subdistrict's joint meeting (联席会议) of 18 June with the four departments.

    cases learns of departments from org's events: the meeting is held once it knows all four
    (until then it refuses with DEPARTMENT_NOT_FOUND and changes nothing).
    """
    meeting = {
        "i": {
            "caseId": case_id,
            "heldOn": "2026-06-18",
            "participants": [
                "香溢紫郡社区",
                "区市场监管局质量发展科",
                "区市场监管局特种设备安全监察科",
                "香溢紫郡物业",
                "济南快速电梯维保有限公司",
            ],
            "departmentIds": departments,
            "minutes": "现场查看1号楼西侧电梯，确定由维保单位更换导向轮",
            "decisions": ["维保单位更换导向轮", "监管部门复核噪声"],
        }
    }
    held: dict[str, Any] = {}

    async def held_with_every_department() -> bool:
        body = await officer.body(
            f"mutation($i: JointMeetingInput!) {{ holdJointMeeting(input: $i) {{ {CASE} }} }}",
            meeting,
        )
        if "errors" in body:
            assert body["errors"][0]["extensions"]["code"] == "DEPARTMENT_NOT_FOUND", body
            return False
        held.update(body["data"]["holdJointMeeting"])
        return True

    await eventually(held_with_every_department, within=20, what="cases to hear of the departments")
    return held
