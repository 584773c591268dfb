"""What callers ask of cadre records (干部纪实) and assessments (考核), in imperative names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from personnel.domain.kinds import AssessmentGrade, CadreCategory


@dataclass(frozen=True, kw_only=True)
class AddCadreRecord:
    """Write down what a cadre did on a day."""

    person_id: UUID
    on: date
    category: CadreCategory
    content: str
    recorded_by: str | None = None
    """Who wrote it; the caller when left out."""
    linked_case_id: UUID | None = None
    linked_task: str | None = None


@dataclass(frozen=True, kw_only=True)
class AssessCadre:
    """Record a cadre's assessment for a year or a quarter."""

    person_id: UUID
    period: str
    score: float
    assessor: str | None = None
    """Who assessed; the caller when left out."""
    grade: AssessmentGrade | None = None
    """Must agree with the score when given."""
    comments: str | None = None
