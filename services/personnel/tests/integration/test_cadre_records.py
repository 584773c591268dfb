"""Cadre daily records (干部纪实), assessments (考核) and the summaries a promotion review reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from personnel_testing import register_person, row_counts
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.testing.graphql import GraphQLClient

ADD = """mutation($input: AddCadreRecordInput!) {
  addCadreRecord(input: $input) {
    id on category content linkedCaseId linkedTask recordedBy person { name }
  }
}"""
ASSESS = """mutation($input: AssessCadreInput!) {
  assessCadre(input: $input) {
    period periodStartsOn periodEndsOn score grade assessor comments person { name }
  }
}"""
RECORDS = """query($p: ID!, $period: String, $category: CadreCategory, $first: Int, $after: String,
              $last: Int) {
  cadreRecords(personId: $p, period: $period, category: $category, first: $first,
               after: $after, last: $last) {
    totalCount nodes { on category } pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""
SUMMARY = """query($p: ID!, $period: String!) {
  cadreSummary(personId: $p, period: $period) {
    period recordCount assessmentCount latestPeriod latestGrade averageScore
    recordsByCategory { category count } person { name }
  }
}"""
UNIT = """query($code: String!, $period: String!, $after: String) {
  cadreUnitSummary(divisionCode: $code, period: $period) {
    divisionCode period peopleCount recordCount assessmentCount averageScore
    recordsByCategory { category count }
    assessmentsByGrade { grade count }
    people(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { person { name } recordCount assessmentCount averageScore }
    }
  }
}"""
TABLES = ("cadre_records", "assessments", "outbox")


def record(person: str, on: str, category: str = "VISIT", **extra: Any) -> dict[str, Any]:
    fields = {"personId": person, "on": on, "category": category, "content": "走访"}
    return {"input": {**fields, **extra}}


def assessment(person: str, period: str, score: float, **extra: Any) -> dict[str, Any]:
    return {"input": {"personId": person, "period": period, "score": score, **extra}}


async def test_a_record_is_written_and_signed_by_the_caller(admin: GraphQLClient) -> None:
    person = await register_person(admin, "王干部")
    case = "3f2a1c9e-8b7d-4e6f-a5b4-c3d2e1f0a9b8"
    data = await admin.data(
        ADD,
        record(
            person,
            "2026-03-02",
            "CASE_HANDLING",
            content="  协调电梯噪音诉求，现场测得轿厢噪音55分贝  ",
            linkedCaseId=case,
            linkedTask="老旧小区电梯整治",
        ),
    )
    added = data["addCadreRecord"]
    assert {k: v for k, v in added.items() if k != "id"} == {
        "on": "2026-03-02",
        "category": "CASE_HANDLING",
        "content": "协调电梯噪音诉求，现场测得轿厢噪音55分贝",
        "linkedCaseId": case,
        "linkedTask": "老旧小区电梯整治",
        "recordedBy": "区组织部 李干事",
        "person": {"name": "王干部"},
    }


async def test_records_are_listed_per_person_page_by_page(admin: GraphQLClient) -> None:
    person = await register_person(admin, "王干部", sequence=1)
    other = await register_person(admin, "李干部", sequence=2)
    for on, category in [
        ("2026-04-01", "MEETING"),
        ("2026-01-05", "VISIT"),
        ("2026-02-10", "VISIT"),
        ("2025-12-30", "STUDY"),
    ]:
        await admin.data(ADD, record(person, on, category))
    await admin.data(ADD, record(other, "2026-01-06"))

    first = (await admin.data(RECORDS, {"p": person, "first": 2}))["cadreRecords"]
    assert first["totalCount"] == 4
    assert first["nodes"] == [
        {"on": "2025-12-30", "category": "STUDY"},
        {"on": "2026-01-05", "category": "VISIT"},
    ]
    assert first["pageInfo"]["hasNextPage"] is True
    cursor = first["pageInfo"]["endCursor"]
    rest = (await admin.data(RECORDS, {"p": person, "first": 2, "after": cursor}))["cadreRecords"]
    assert [n["on"] for n in rest["nodes"]] == ["2026-02-10", "2026-04-01"]
    assert rest["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": rest["pageInfo"]["endCursor"],
    }

    latest = (await admin.data(RECORDS, {"p": person, "last": 1}))["cadreRecords"]
    assert latest["nodes"] == [{"on": "2026-04-01", "category": "MEETING"}]
    visits = await admin.data(RECORDS, {"p": person, "period": "2026-q1", "category": "VISIT"})
    assert [n["on"] for n in visits["cadreRecords"]["nodes"]] == ["2026-01-05", "2026-02-10"]

    bad = await admin.error(RECORDS, {"p": person, "period": "2026-Q5"})
    assert bad["extensions"]["code"] == "INVALID_PERIOD"


async def test_refused_records_change_nothing(
    admin: GraphQLClient, personnel: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    person = await register_person(admin, "王干部")
    before = await row_counts(personnel_db, *TABLES)
    future = (datetime.now(UTC).date() + timedelta(days=2)).isoformat()
    refusals = [
        (record(person, future), "INVALID_DATE"),
        (record(person, "2026-03-02", content="   "), "INVALID_TEXT"),
        (record(person, "2026-03-02", recordedBy=""), "INVALID_NAME"),
        (record(person, "2026-03-02", linkedTask="任" * 201), "INVALID_TEXT"),
        (record("3f2a1c9e-8b7d-4e6f-a5b4-c3d2e1f0a9b8", "2026-03-02"), "PERSON_NOT_FOUND"),
    ]
    for variables, code in refusals:
        error = await admin.error(ADD, variables)
        assert error["extensions"]["code"] == code, (variables, error)

    officer = personnel.as_caller("OFFICER", division="370112")
    elsewhere = personnel.as_caller("ORG_ADMIN", division="370112002")
    for client in (officer, elsewhere):
        error = await client.error(ADD, record(person, "2026-03-02"))
        assert error["extensions"]["code"] == "FORBIDDEN"
    assert await row_counts(personnel_db, *TABLES) == before


async def test_an_assessment_takes_its_grade_from_the_score_once_per_period(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    person = await register_person(admin, "王干部")
    data = await admin.data(ASSESS, assessment(person, " 2026-q1 ", 92, comments="群众满意度高"))
    assert data["assessCadre"] == {
        "period": "2026-Q1",
        "periodStartsOn": "2026-01-01",
        "periodEndsOn": "2026-03-31",
        "score": 92.0,
        "grade": "EXCELLENT",
        "assessor": "区组织部 李干事",
        "comments": "群众满意度高",
        "person": {"name": "王干部"},
    }

    before = await row_counts(personnel_db, *TABLES)
    refusals = [
        (assessment(person, "2026-Q1", 80), "ASSESSMENT_EXISTS"),
        (assessment(person, "2026-Q2", 85, grade="EXCELLENT"), "ASSESSMENT_GRADE_MISMATCH"),
        (assessment(person, "2026-Q5", 85), "INVALID_PERIOD"),
        (assessment(person, "2026-Q2", 100.5), "INVALID_SCORE"),
    ]
    for variables, code in refusals:
        error = await admin.error(ASSESS, variables)
        assert error["extensions"]["code"] == code, (variables, error)
    assert await row_counts(personnel_db, *TABLES) == before

    listed = await admin.data(
        "query($p: ID!) { cadreAssessments(personId: $p) { nodes { period grade } } }",
        {"p": person},
    )
    assert listed["cadreAssessments"]["nodes"] == [{"period": "2026-Q1", "grade": "EXCELLENT"}]


async def test_the_summary_for_a_promotion_review(admin: GraphQLClient) -> None:
    person = await register_person(admin, "王干部")
    for on, category in [
        ("2025-12-30", "STUDY"),
        ("2026-01-05", "VISIT"),
        ("2026-05-10", "VISIT"),
        ("2026-08-01", "MEETING"),
    ]:
        await admin.data(ADD, record(person, on, category))
    for period, score in [("2026-Q1", 92), ("2026-Q2", 78), ("2026", 85), ("2025", 66)]:
        await admin.data(ASSESS, assessment(person, period, score))

    year = (await admin.data(SUMMARY, {"p": person, "period": "2026"}))["cadreSummary"]
    assert year == {
        "period": "2026",
        "recordCount": 3,
        "assessmentCount": 3,
        "latestPeriod": "2026",
        "latestGrade": "COMPETENT",
        "averageScore": 85.0,
        "recordsByCategory": [
            {"category": "DAILY_WORK", "count": 0},
            {"category": "CASE_HANDLING", "count": 0},
            {"category": "VISIT", "count": 2},
            {"category": "MEETING", "count": 1},
            {"category": "STUDY", "count": 0},
            {"category": "OTHER", "count": 0},
        ],
        "person": {"name": "王干部"},
    }
    quarter = (await admin.data(SUMMARY, {"p": person, "period": "2026-Q2"}))["cadreSummary"]
    assert (quarter["recordCount"], quarter["assessmentCount"], quarter["latestGrade"]) == (
        1,
        1,
        "COMPETENT",
    )
    nobody = await admin.data(
        SUMMARY, {"p": "3f2a1c9e-8b7d-4e6f-a5b4-c3d2e1f0a9b8", "period": "2026"}
    )
    assert nobody["cadreSummary"] is None


async def test_the_unit_summary_covers_the_people_under_a_division(
    admin: GraphQLClient,
) -> None:
    wang = await register_person(admin, "王干部", sequence=1, division_code="370112001001")
    li = await register_person(admin, "李干部", sequence=2, division_code="370112001002")
    zhao = await register_person(admin, "赵干部", sequence=3, division_code="370112002001")
    await register_person(admin, "钱群众", sequence=4, division_code="370112001001")
    await admin.data(ADD, record(wang, "2026-02-01", "VISIT"))
    await admin.data(ADD, record(wang, "2026-03-01", "MEETING"))
    await admin.data(ADD, record(wang, "2025-03-01", "MEETING"))
    await admin.data(ADD, record(zhao, "2026-03-01", "VISIT"))
    await admin.data(ASSESS, assessment(wang, "2026", 91))
    await admin.data(ASSESS, assessment(li, "2026-Q3", 64.5))
    await admin.data(ASSESS, assessment(zhao, "2026", 50))

    data = await admin.data(UNIT, {"code": "370112001", "period": "2026"})
    unit = data["cadreUnitSummary"]
    people = unit.pop("people")
    totals = ("recordCount", "assessmentCount", "averageScore")
    assert unit == {
        "divisionCode": "370112001",
        "period": "2026",
        "peopleCount": 2,
        "recordCount": 2,
        "assessmentCount": 2,
        "averageScore": 77.75,
        "recordsByCategory": [
            {"category": "DAILY_WORK", "count": 0},
            {"category": "CASE_HANDLING", "count": 0},
            {"category": "VISIT", "count": 1},
            {"category": "MEETING", "count": 1},
            {"category": "STUDY", "count": 0},
            {"category": "OTHER", "count": 0},
        ],
        "assessmentsByGrade": [
            {"grade": "EXCELLENT", "count": 1},
            {"grade": "COMPETENT", "count": 0},
            {"grade": "BASICALLY_COMPETENT", "count": 1},
            {"grade": "INCOMPETENT", "count": 0},
        ],
    }
    assert people["totalCount"] == 2
    assert [(n["person"]["name"], *(n[k] for k in totals)) for n in people["nodes"]] == [
        ("李干部", 0, 1, 64.5),
        ("王干部", 2, 1, 91.0),
    ]

    district = (await admin.data(UNIT, {"code": "370112", "period": "2026"}))["cadreUnitSummary"]
    assert (district["peopleCount"], district["recordCount"], district["assessmentCount"]) == (
        3,
        3,
        3,
    )
    assert [n["person"]["name"] for n in district["people"]["nodes"]] == ["李干部", "王干部"]
    cursor = district["people"]["pageInfo"]["endCursor"]
    rest = await admin.data(UNIT, {"code": "370112", "period": "2026", "after": cursor})
    assert [n["person"]["name"] for n in rest["cadreUnitSummary"]["people"]["nodes"]] == ["赵干部"]

    bad = await admin.error(UNIT, {"code": "3701", "period": "2026"})
    assert bad["extensions"]["code"] == "INVALID_DIVISION_CODE"
