"""What a promotion review reads of a unit: totals over its people, and each person's summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from personnel.domain.cadre import CadreSummary
from personnel.domain.kinds import AssessmentGrade, CadreCategory
from personnel.domain.person_record import PersonRecord

__all__ = ["PersonCadreSummary", "UnitCadreSummary"]


@dataclass(frozen=True, kw_only=True)
class UnitCadreSummary:
    """Records and assessments of the people under a division code, over a period."""

    division_code: str
    period: str
    people_count: int
    """People with at least one record or assessment in the period."""
    record_count: int
    records_by_category: Mapping[CadreCategory, int]
    """Every category, in order, with its number of records (zero included)."""
    assessment_count: int
    assessments_by_grade: Mapping[AssessmentGrade, int]
    """Every grade, from the top, with its number of assessments (zero included)."""
    average_score: float | None


@dataclass(frozen=True, kw_only=True)
class PersonCadreSummary:
    """One person of a unit with their own summary over the same period."""

    person: PersonRecord
    summary: CadreSummary
