"""Cadre daily records (干部纪实) and the summary a promotion review reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar
from uuid import UUID

from gridkit.domain import Aggregate
from personnel.domain.assessment import Assessment, period_bounds, validate_period
from personnel.domain.errors import InvalidDate
from personnel.domain.events import CadreRecordAdded
from personnel.domain.kinds import AssessmentGrade, CadreCategory
from personnel.domain.text import clean_name, clean_text, optional_text

__all__ = ["CadreCategory", "CadreRecord", "CadreSummary", "cadre_summary"]

CONTENT_MAX_LENGTH = 2000
LINKED_TASK_MAX_LENGTH = 200
RECORDED_BY_MAX_LENGTH = 100


@dataclass(kw_only=True)
class CadreRecord(Aggregate):
    """One entry of a cadre's record: what they did on a day, and where to see more."""

    aggregate_type: ClassVar[str] = "cadre_record"

    person_id: UUID
    on: date
    category: CadreCategory
    content: str
    linked_case_id: UUID | None = None
    """The case (诉求) the work was about, if any."""
    linked_task: str | None = None
    """The task it served, in words (e.g. a key task of an assault team)."""
    recorded_by: str

    @classmethod
    def add(
        cls,
        *,
        id: UUID,
        person_id: UUID,
        on: date,
        category: CadreCategory,
        content: str,
        recorded_by: str,
        today: date,
        linked_case_id: UUID | None = None,
        linked_task: str | None = None,
    ) -> CadreRecord:
        """Write down what a cadre did on ``on``, which cannot be after ``today``."""
        if on > today:
            raise InvalidDate(
                f"A record is about work done; {on.isoformat()} is after today "
                f"({today.isoformat()})",
                latest=today.isoformat(),
            )
        record = cls(
            id=id,
            person_id=person_id,
            on=on,
            category=category,
            content=clean_text(content, label="Content", max_length=CONTENT_MAX_LENGTH),
            linked_case_id=linked_case_id,
            linked_task=optional_text(
                linked_task, label="Linked task", max_length=LINKED_TASK_MAX_LENGTH
            ),
            recorded_by=clean_name(
                recorded_by, label="Recorded by", max_length=RECORDED_BY_MAX_LENGTH
            ),
        )
        record.record(
            CadreRecordAdded(
                record_id=record.id,
                person_id=record.person_id,
                on=record.on,
                category=record.category,
                content=record.content,
                linked_case_id=record.linked_case_id,
                linked_task=record.linked_task,
                recorded_by=record.recorded_by,
            )
        )
        return record


@dataclass(frozen=True, kw_only=True)
class CadreSummary:
    """A cadre's records and assessments over a period, for a promotion review."""

    period: str
    record_count: int
    records_by_category: Mapping[CadreCategory, int]
    """Every category, in order, with its number of records (zero included)."""
    assessment_count: int
    latest_period: str | None
    """The period of the most recent assessment."""
    latest_grade: AssessmentGrade | None
    average_score: float | None
    """Mean score of the assessments in the period, to two decimals."""


def cadre_summary(
    records: Iterable[CadreRecord], assessments: Iterable[Assessment], period: str
) -> CadreSummary:
    """Sum up one cadre's records dated in ``period`` and the assessments within it.

    For a year, the year's own assessment and its quarters' count; for a
    quarter, that quarter's. The latest assessment is the one whose period ends
    last; a year's wins over its fourth quarter.
    """
    checked = validate_period(period)
    first, last = period_bounds(checked)
    counts = dict.fromkeys(CadreCategory, 0)
    for record in records:
        if first <= record.on <= last:
            counts[record.category] += 1
    within = [a for a in assessments if first <= a.bounds[0] and a.bounds[1] <= last]
    latest = max(within, key=lambda a: (a.bounds[1], -a.bounds[0].toordinal()), default=None)
    return CadreSummary(
        period=checked,
        record_count=sum(counts.values()),
        records_by_category=counts,
        assessment_count=len(within),
        latest_period=latest.period if latest else None,
        latest_grade=latest.grade if latest else None,
        average_score=round(sum(a.score for a in within) / len(within), 2) if within else None,
    )
