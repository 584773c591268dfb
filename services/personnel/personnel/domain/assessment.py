"""Assessments of cadres (干部考核): a score out of 100 and the grade it falls in, per period."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar
from uuid import UUID

from gridkit.domain import Aggregate
from personnel.domain.errors import (
    AssessmentExists,
    AssessmentGradeMismatch,
    InvalidPeriod,
    InvalidScore,
)
from personnel.domain.events import CadreAssessed
from personnel.domain.kinds import AssessmentGrade
from personnel.domain.text import clean_name, optional_text

__all__ = [
    "Assessment",
    "AssessmentGrade",
    "ensure_not_assessed",
    "grade_for",
    "period_bounds",
    "validate_period",
]

COMMENTS_MAX_LENGTH = 2000
EARLIEST_YEAR = 1950
_PERIOD = re.compile(r"(\d{4})(?:-Q([1-4]))?")

_G = AssessmentGrade
GRADE_BANDS = ((90.0, _G.EXCELLENT), (70.0, _G.COMPETENT), (60.0, _G.BASICALLY_COMPETENT))
"""Lowest score of each grade above incompetent (不称职), from the top."""
_BAND_WORDS = {
    _G.EXCELLENT: "90 to 100",
    _G.COMPETENT: "70 to under 90",
    _G.BASICALLY_COMPETENT: "60 to under 70",
    _G.INCOMPETENT: "under 60",
}


def validate_period(text: object) -> str:
    """Return a period as ``2026`` (a year) or ``2026-Q3`` (a quarter), trimmed, Q upper-cased."""
    year, quarter = _parse_period(text)
    return str(year) if quarter is None else f"{year}-Q{quarter}"


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period."""
    year, quarter = _parse_period(period)
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    first = date(year, 3 * quarter - 2, 1)
    after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, after - timedelta(days=1)


def _parse_period(text: object) -> tuple[int, int | None]:
    match = _PERIOD.fullmatch(text.strip().upper()) if isinstance(text, str) else None
    if match is None:
        raise InvalidPeriod(
            f"A period is a year such as 2026 or a quarter such as 2026-Q3; got {text!r}"
        )
    year = int(match[1])
    if year < EARLIEST_YEAR:
        raise InvalidPeriod(f"A period starts in {EARLIEST_YEAR} or later; got {text!r}")
    return year, None if match[2] is None else int(match[2])


def grade_for(score: float) -> AssessmentGrade:
    """The grade a score falls in: 90+ excellent, 70+ competent, 60+ basic, else incompetent."""
    return next((grade for floor, grade in GRADE_BANDS if score >= floor), _G.INCOMPETENT)


@dataclass(kw_only=True)
class Assessment(Aggregate):
    """A cadre's assessment for a year or a quarter."""

    aggregate_type: ClassVar[str] = "assessment"

    person_id: UUID
    period: str
    score: float
    grade: AssessmentGrade
    assessor: str
    comments: str | None = None

    @classmethod
    def assess(
        cls,
        *,
        id: UUID,
        person_id: UUID,
        period: str,
        score: float,
        assessor: str,
        grade: AssessmentGrade | None = None,
        comments: str | None = None,
    ) -> Assessment:
        """Record an assessment; the grade follows from the score, or must agree with it.

        A person is assessed once per period (check with :func:`ensure_not_assessed`).
        """
        checked = _check_score(score)
        banded = grade_for(checked)
        if grade is not None and grade is not banded:
            raise AssessmentGradeMismatch(
                f"A score of {checked:g} is {banded.label}, {_BAND_WORDS[banded]}; "
                f"it cannot be graded {grade.label}",
                expected=banded.value,
            )
        assessment = cls(
            id=id,
            person_id=person_id,
            period=validate_period(period),
            score=checked,
            grade=banded,
            assessor=clean_name(assessor, label="Assessor"),
            comments=optional_text(comments, label="Comments", max_length=COMMENTS_MAX_LENGTH),
        )
        assessment.record(
            CadreAssessed(
                assessment_id=assessment.id,
                person_id=person_id,
                period=assessment.period,
                score=assessment.score,
                grade=assessment.grade,
                assessor=assessment.assessor,
            )
        )
        return assessment

    @property
    def bounds(self) -> tuple[date, date]:
        """The first and last day of the period assessed."""
        return period_bounds(self.period)


def ensure_not_assessed(existing: Assessment | None) -> None:
    """Refuse a second assessment of a person for a period ``existing`` already covers."""
    if existing is not None:
        raise AssessmentExists(
            f"This person was already assessed for {existing.period} "
            f"({existing.score:g}, {existing.grade.label})",
            assessment_id=str(existing.id),
        )


def _check_score(score: object) -> float:
    if (
        isinstance(score, bool)
        or not isinstance(score, int | float)
        or not math.isfinite(score)
        or not 0 <= score <= 100
    ):
        raise InvalidScore(f"A score runs from 0 to 100; got {score!r}")
    return float(score)
