"""Cadre records (干部纪实), assessments (考核) and the summary for a promotion review."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest

from personnel.domain import (
    Assessment,
    AssessmentExists,
    AssessmentGrade,
    AssessmentGradeMismatch,
    CadreAssessed,
    CadreCategory,
    CadreRecord,
    CadreRecordAdded,
    InvalidDate,
    InvalidName,
    InvalidPeriod,
    InvalidScore,
    InvalidText,
    cadre_summary,
    ensure_not_assessed,
    grade_for,
    period_bounds,
    validate_period,
)

C = CadreCategory
G = AssessmentGrade
TODAY = date(2026, 7, 1)
CADRE = UUID("00000000-0000-0000-0000-00000000c0de")


def _record(
    on: date,
    category: CadreCategory = C.DAILY_WORK,
    *,
    content: str = "走访独居老人 3 户",
    linked_task: str | None = None,
) -> CadreRecord:
    record = CadreRecord.add(
        id=uuid4(),
        person_id=CADRE,
        on=on,
        category=category,
        content=content,
        linked_task=linked_task,
        recorded_by="社区党委书记",
        today=TODAY,
    )
    record.take_events()
    return record


def _assessment(period: str, score: float) -> Assessment:
    assessment = Assessment.assess(
        id=uuid4(), person_id=CADRE, period=period, score=score, assessor="街道组织办"
    )
    assessment.take_events()
    return assessment


def test_adding_a_record_records_it() -> None:
    record_id, case_id = uuid4(), uuid4()
    record = CadreRecord.add(
        id=record_id,
        person_id=CADRE,
        on=date(2026, 6, 30),
        category=C.CASE_HANDLING,
        content=" 协调物业处理 3 号楼电梯噪音，复测 55 分贝 ",
        linked_case_id=case_id,
        linked_task=" 老旧小区电梯整治 ",
        recorded_by=" 王芳 ",
        today=TODAY,
    )
    [recorded] = record.take_events()
    assert recorded.aggregate_type == "cadre_record"
    assert recorded.event == CadreRecordAdded(
        record_id=record_id,
        person_id=CADRE,
        on=date(2026, 6, 30),
        category=C.CASE_HANDLING,
        content="协调物业处理 3 号楼电梯噪音，复测 55 分贝",
        linked_case_id=case_id,
        linked_task="老旧小区电梯整治",
        recorded_by="王芳",
    )


def test_a_record_is_about_work_already_done() -> None:
    assert _record(TODAY).on == TODAY
    with pytest.raises(InvalidDate) as refused:
        _record(date(2026, 7, 2))
    assert refused.value.message == (
        "A record is about work done; 2026-07-02 is after today (2026-07-01)"
    )


@pytest.mark.parametrize(("length", "accepted"), [(1, True), (2000, True), (2001, False)])
def test_a_records_content_has_one_to_two_thousand_characters(length: int, accepted: bool) -> None:
    if accepted:
        assert len(_record(TODAY, content="记" * length).content) == length
    else:
        with pytest.raises(InvalidText) as refused:
            _record(TODAY, content="记" * length)
        assert refused.value.message == (
            "Content is 2001 characters long; at most 2000 are allowed"
        )


def test_a_record_without_content_is_refused() -> None:
    with pytest.raises(InvalidText) as refused:
        _record(TODAY, content="   ")
    assert refused.value.message == "Content must not be empty"


def test_a_blank_linked_task_is_no_task() -> None:
    assert _record(TODAY, linked_task="  ").linked_task is None


def test_a_record_says_who_wrote_it() -> None:
    with pytest.raises(InvalidName):
        CadreRecord.add(
            id=uuid4(),
            person_id=CADRE,
            on=TODAY,
            category=C.STUDY,
            content="学习会议精神",
            recorded_by=" ",
            today=TODAY,
        )


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, G.EXCELLENT),
        (90, G.EXCELLENT),
        (89.9, G.COMPETENT),
        (70, G.COMPETENT),
        (69.5, G.BASICALLY_COMPETENT),
        (60, G.BASICALLY_COMPETENT),
        (59.9, G.INCOMPETENT),
        (0, G.INCOMPETENT),
    ],
)
def test_the_grade_follows_the_score_band(score: float, grade: AssessmentGrade) -> None:
    assert grade_for(score) is grade
    assert _assessment("2026", score).grade is grade


def test_an_explicit_grade_that_fits_the_score_is_accepted() -> None:
    assessment = Assessment.assess(
        id=uuid4(),
        person_id=CADRE,
        period="2026-Q2",
        score=92,
        grade=G.EXCELLENT,
        assessor="街道组织办",
        comments=" 群众满意度高 ",
    )
    assert (assessment.score, assessment.grade, assessment.comments) == (
        92.0,
        G.EXCELLENT,
        "群众满意度高",
    )
    [recorded] = assessment.take_events()
    assert recorded.aggregate_type == "assessment"
    assert recorded.event == CadreAssessed(
        assessment_id=assessment.id,
        person_id=CADRE,
        period="2026-Q2",
        score=92.0,
        grade=G.EXCELLENT,
        assessor="街道组织办",
    )


def test_a_grade_that_does_not_fit_the_score_is_refused() -> None:
    with pytest.raises(AssessmentGradeMismatch) as refused:
        Assessment.assess(
            id=uuid4(),
            person_id=CADRE,
            period="2026",
            score=85,
            grade=G.EXCELLENT,
            assessor="街道组织办",
        )
    assert refused.value.code == "ASSESSMENT_GRADE_MISMATCH"
    assert refused.value.message == (
        "A score of 85 is competent (称职), 70 to under 90; it cannot be graded excellent (优秀)"
    )
    assert refused.value.details == {"expected": "COMPETENT"}


@pytest.mark.parametrize("score", [-1, 100.5, float("nan"), True, "90"])
def test_a_score_runs_from_0_to_100(score: object) -> None:
    with pytest.raises(InvalidScore) as refused:
        _assessment("2026", score)  # type: ignore[arg-type]
    assert refused.value.code == "INVALID_SCORE"
    assert refused.value.message == f"A score runs from 0 to 100; got {score!r}"


@pytest.mark.parametrize(
    ("typed", "period"), [("2026", "2026"), ("2026-Q3", "2026-Q3"), (" 2026-q1 ", "2026-Q1")]
)
def test_a_period_is_a_year_or_a_quarter(typed: str, period: str) -> None:
    assert validate_period(typed) == period


@pytest.mark.parametrize("typed", ["2026-Q5", "2026-Q0", "26", "2026Q3", "2026-03", "", None])
def test_a_malformed_period_is_refused(typed: object) -> None:
    with pytest.raises(InvalidPeriod) as refused:
        validate_period(typed)
    assert refused.value.message == (
        f"A period is a year such as 2026 or a quarter such as 2026-Q3; got {typed!r}"
    )


def test_a_period_starts_in_1950_or_later() -> None:
    with pytest.raises(InvalidPeriod) as refused:
        validate_period("1949")
    assert refused.value.message == "A period starts in 1950 or later; got '1949'"


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2024-Q1", (date(2024, 1, 1), date(2024, 3, 31))),
        ("2026-Q2", (date(2026, 4, 1), date(2026, 6, 30))),
        ("2026-Q3", (date(2026, 7, 1), date(2026, 9, 30))),
        ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_a_period_runs_from_its_first_to_its_last_day(
    period: str, bounds: tuple[date, date]
) -> None:
    assert period_bounds(period) == bounds


def test_a_cadre_is_assessed_once_per_period() -> None:
    existing = _assessment("2026-Q1", 92)
    with pytest.raises(AssessmentExists) as refused:
        ensure_not_assessed(existing)
    assert refused.value.code == "ASSESSMENT_EXISTS"
    assert refused.value.message == (
        "This person was already assessed for 2026-Q1 (92, excellent (优秀))"
    )
    ensure_not_assessed(None)


def test_the_summary_counts_records_per_category_and_averages_the_scores() -> None:
    records = [
        _record(date(2026, 1, 5), C.VISIT),
        _record(date(2026, 2, 5), C.VISIT),
        _record(date(2026, 3, 5), C.CASE_HANDLING),
        _record(date(2026, 6, 30), C.MEETING),
        _record(date(2025, 12, 31), C.STUDY),  # the year before: left out
    ]
    assessments = [
        _assessment("2026-Q1", 92),
        _assessment("2026-Q2", 78),
        _assessment("2025", 60),
    ]
    summary = cadre_summary(records, assessments, "2026")
    assert summary.period == "2026"
    assert summary.record_count == 4
    assert summary.records_by_category == {
        C.DAILY_WORK: 0,
        C.CASE_HANDLING: 1,
        C.VISIT: 2,
        C.MEETING: 1,
        C.STUDY: 0,
        C.OTHER: 0,
    }
    assert (summary.assessment_count, summary.average_score) == (2, 85.0)
    assert (summary.latest_period, summary.latest_grade) == ("2026-Q2", G.COMPETENT)


def test_a_years_own_assessment_is_later_than_its_fourth_quarter() -> None:
    assessments = [_assessment("2026-Q4", 95), _assessment("2026", 88), _assessment("2026-Q3", 61)]
    summary = cadre_summary([], assessments, "2026")
    assert (summary.latest_period, summary.latest_grade) == ("2026", G.COMPETENT)
    assert summary.average_score == 81.33


def test_a_quarters_summary_takes_only_that_quarter() -> None:
    records = [_record(date(2026, 3, 31)), _record(date(2026, 4, 1))]
    assessments = [_assessment("2026-Q1", 92), _assessment("2026", 70)]
    summary = cadre_summary(records, assessments, "2026-q1")
    assert (summary.period, summary.record_count, summary.assessment_count) == ("2026-Q1", 1, 1)
    assert (summary.latest_grade, summary.average_score) == (G.EXCELLENT, 92.0)


def test_a_summary_with_nothing_in_it_has_no_grade_and_no_average() -> None:
    summary = cadre_summary([], [], "2026-Q3")
    assert (summary.record_count, summary.assessment_count) == (0, 0)
    assert (summary.latest_period, summary.latest_grade, summary.average_score) == (
        None,
        None,
        None,
    )
    assert set(summary.records_by_category.values()) == {0}
