"""Cadre daily records (干部纪实) and assessments (考核) in storage, and summaries of them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from gridkit.repository import Repository
from personnel.domain.assessment import Assessment, period_bounds, validate_period
from personnel.domain.cadre import CadreRecord, CadreSummary, cadre_summary
from personnel.domain.cadre_review import PersonCadreSummary, UnitCadreSummary
from personnel.domain.errors import AssessmentNotFound, CadreRecordNotFound
from personnel.domain.kinds import AssessmentGrade, CadreCategory
from personnel.repository.people import person_record
from personnel.repository.tables import AssessmentRow, CadreRecordRow, PersonRow


def record_from_row(row: CadreRecordRow) -> CadreRecord:
    """The record stored in ``row``."""
    return CadreRecord(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        person_id=row.person_id,
        on=row.on,
        category=CadreCategory(row.category),
        content=row.content,
        linked_case_id=row.linked_case_id,
        linked_task=row.linked_task,
        recorded_by=row.recorded_by,
    )


def assessment_from_row(row: AssessmentRow) -> Assessment:
    """The assessment stored in ``row``."""
    return Assessment(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        person_id=row.person_id,
        period=row.period,
        score=row.score,
        grade=AssessmentGrade(row.grade),
        assessor=row.assessor,
        comments=row.comments,
    )


class CadreRecordRepository(Repository[CadreRecord, CadreRecordRow]):
    """Cadre daily records, for commands (a record, once written, is never changed)."""

    row_type = CadreRecordRow

    def to_domain(self, row: CadreRecordRow) -> CadreRecord:
        """The record stored in ``row``."""
        return record_from_row(row)

    def values(self, record: CadreRecord) -> dict[str, Any]:
        """The columns of ``record``."""
        return {
            "person_id": record.person_id,
            "on": record.on,
            "category": record.category.value,
            "content": record.content,
            "linked_case_id": record.linked_case_id,
            "linked_task": record.linked_task,
            "recorded_by": record.recorded_by,
        }

    def not_found(self, aggregate_id: UUID) -> CadreRecordNotFound:
        """CADRE_RECORD_NOT_FOUND."""
        return CadreRecordNotFound.for_id(aggregate_id)

    async def has_case_entry(self, person_id: UUID, case_id: UUID, recorded_by: str) -> bool:
        """Whether ``recorded_by`` already wrote the person an entry about the case."""
        found = await self.session.scalar(
            select(CadreRecordRow.id).where(
                CadreRecordRow.person_id == person_id,
                CadreRecordRow.linked_case_id == case_id,
                CadreRecordRow.recorded_by == recorded_by,
            )
        )
        return found is not None


class AssessmentRepository(Repository[Assessment, AssessmentRow]):
    """Cadre assessments, for commands."""

    row_type = AssessmentRow

    def to_domain(self, row: AssessmentRow) -> Assessment:
        """The assessment stored in ``row``."""
        return assessment_from_row(row)

    def values(self, assessment: Assessment) -> dict[str, Any]:
        """The columns of ``assessment``, its period's first and last day kept for summaries."""
        starts_on, ends_on = assessment.bounds
        return {
            "person_id": assessment.person_id,
            "period": assessment.period,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "score": assessment.score,
            "grade": assessment.grade.value,
            "assessor": assessment.assessor,
            "comments": assessment.comments,
        }

    def not_found(self, aggregate_id: UUID) -> AssessmentNotFound:
        """ASSESSMENT_NOT_FOUND."""
        return AssessmentNotFound.for_id(aggregate_id)

    async def for_period(self, person_id: UUID, period: str) -> Assessment | None:
        """The person's assessment for exactly ``period``, if there is one."""
        found = await self.load_where(
            select(AssessmentRow).where(
                AssessmentRow.person_id == person_id, AssessmentRow.period == period
            )
        )
        return found[0] if found else None


class CadreReads:
    """Read-only queries of records and assessments, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record(self, record_id: UUID) -> CadreRecord:
        """One record, or CADRE_RECORD_NOT_FOUND."""
        async with self._sessions() as session:
            row = await session.get(CadreRecordRow, record_id)
        if row is None:
            raise CadreRecordNotFound.for_id(record_id)
        return record_from_row(row)

    async def assessment(self, assessment_id: UUID) -> Assessment:
        """One assessment, or ASSESSMENT_NOT_FOUND."""
        async with self._sessions() as session:
            row = await session.get(AssessmentRow, assessment_id)
        if row is None:
            raise AssessmentNotFound.for_id(assessment_id)
        return assessment_from_row(row)

    async def records_page(
        self,
        person_id: UUID,
        page: PageRequest,
        *,
        period: str | None = None,
        category: CadreCategory | None = None,
    ) -> Page[CadreRecord]:
        """A page of a person's records, oldest first, optionally of one period and category."""
        statement = select(CadreRecordRow).where(CadreRecordRow.person_id == person_id)
        if period is not None:
            first, last = period_bounds(validate_period(period))
            statement = statement.where(_recorded_within(first, last))
        if category is not None:
            statement = statement.where(CadreRecordRow.category == category.value)
        async with self._sessions() as session:
            found = await fetch_page(
                session,
                statement,
                key=[CadreRecordRow.on, CadreRecordRow.id],
                request=page,
            )
        return Page(
            items=[record_from_row(row) for row in found.items],
            has_more=found.has_more,
            total=found.total,
        )

    async def assessments_page(self, person_id: UUID, page: PageRequest) -> Page[Assessment]:
        """A page of a person's assessments, by the start of their period (a year before its Q1)."""
        statement = select(AssessmentRow).where(AssessmentRow.person_id == person_id)
        async with self._sessions() as session:
            found = await fetch_page(
                session,
                statement,
                key=[AssessmentRow.starts_on, AssessmentRow.period],
                request=page,
            )
        return Page(
            items=[assessment_from_row(row) for row in found.items],
            has_more=found.has_more,
            total=found.total,
        )

    async def summaries(self, person_ids: Sequence[UUID], period: str) -> list[CadreSummary]:
        """Each person's summary over ``period``, as the domain sums it up."""
        first, last = period_bounds(validate_period(period))
        async with self._sessions() as session:
            records = await session.scalars(
                select(CadreRecordRow).where(
                    CadreRecordRow.person_id.in_(person_ids), _recorded_within(first, last)
                )
            )
            assessments = await session.scalars(
                select(AssessmentRow).where(
                    AssessmentRow.person_id.in_(person_ids), _assessed_within(first, last)
                )
            )
            records_of: dict[UUID, list[CadreRecord]] = {}
            for row in records:
                records_of.setdefault(row.person_id, []).append(record_from_row(row))
            assessments_of: dict[UUID, list[Assessment]] = {}
            for a_row in assessments:
                assessments_of.setdefault(a_row.person_id, []).append(assessment_from_row(a_row))
        return [
            cadre_summary(records_of.get(i, []), assessments_of.get(i, []), period)
            for i in person_ids
        ]

    async def unit_summary(self, division_code: str, period: str) -> UnitCadreSummary:
        """Totals over the people under ``division_code``.

        The same rule as :func:`cadre_summary` (records dated in the period,
        assessments of periods within it), counted by the database so a
        district's year is not loaded row by row.
        """
        checked = validate_period(period)
        first, last = period_bounds(checked)
        people = _people_under(division_code)
        records = CadreRecordRow.person_id.in_(people) & _recorded_within(first, last)
        assessments = AssessmentRow.person_id.in_(people) & _assessed_within(first, last)
        async with self._sessions() as session:
            counted = await session.execute(
                select(CadreRecordRow.category, func.count())
                .where(records)
                .group_by(CadreRecordRow.category)
            )
            by_category = {CadreCategory(category): count for category, count in counted}
            graded = await session.execute(
                select(AssessmentRow.grade, func.count(), func.sum(AssessmentRow.score))
                .where(assessments)
                .group_by(AssessmentRow.grade)
            )
            by_grade = {AssessmentGrade(grade): (count, total) for grade, count, total in graded}
            active = union(
                select(CadreRecordRow.person_id).where(records),
                select(AssessmentRow.person_id).where(assessments),
            )
            people_count = await session.scalar(select(func.count()).select_from(active.subquery()))
        assessment_count = sum(count for count, _ in by_grade.values())
        score_total = sum(total for _, total in by_grade.values())
        return UnitCadreSummary(
            division_code=division_code,
            period=checked,
            people_count=people_count or 0,
            record_count=sum(by_category.values()),
            records_by_category={c: by_category.get(c, 0) for c in CadreCategory},
            assessment_count=assessment_count,
            assessments_by_grade={g: by_grade.get(g, (0, 0.0))[0] for g in AssessmentGrade},
            average_score=round(score_total / assessment_count, 2) if assessment_count else None,
        )

    async def unit_people(
        self, division_code: str, period: str, page: PageRequest
    ) -> Page[PersonCadreSummary]:
        """A page of the people under ``division_code`` with anything on record in ``period``."""
        first, last = period_bounds(validate_period(period))
        statement = select(PersonRow).where(
            PersonRow.division_code.startswith(division_code, autoescape=True),
            or_(
                PersonRow.id.in_(
                    select(CadreRecordRow.person_id).where(_recorded_within(first, last))
                ),
                PersonRow.id.in_(
                    select(AssessmentRow.person_id).where(_assessed_within(first, last))
                ),
            ),
        )
        async with self._sessions() as session:
            found = await fetch_page(
                session,
                statement,
                key=[PersonRow.name, PersonRow.id],
                request=page,
            )
        people = [person_record(row) for row in found.items]
        summaries = await self.summaries([person.id for person in people], period)
        return Page(
            items=[
                PersonCadreSummary(person=person, summary=summary)
                for person, summary in zip(people, summaries, strict=True)
            ],
            has_more=found.has_more,
            total=found.total,
        )


def _people_under(division_code: str) -> Select[UUID]:
    return select(PersonRow.id).where(
        PersonRow.division_code.startswith(division_code, autoescape=True)
    )


def _recorded_within(first: date, last: date) -> ColumnElement[bool]:
    return CadreRecordRow.on.between(first, last)


def _assessed_within(first: date, last: date) -> ColumnElement[bool]:
    return (AssessmentRow.starts_on >= first) & (AssessmentRow.ends_on <= last)


def record_key(record: CadreRecord) -> list[str]:
    """The cursor key of a record in :meth:`CadreReads.records_page`."""
    return [record.on.isoformat(), str(record.id)]


def assessment_key(assessment: Assessment) -> list[str]:
    """The cursor key of an assessment in :meth:`CadreReads.assessments_page`."""
    return [assessment.bounds[0].isoformat(), assessment.period]
