"""Cadre daily records (干部纪实) and assessments (考核) in GraphQL, with the summaries a promotion
review reads: per person, and per unit (the people under a division code)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Self
from uuid import UUID

import strawberry

from gridkit.graphql.idempotency import client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from personnel.commands.cadre import AddCadreRecord, AssessCadre
from personnel.domain.assessment import Assessment as AssessmentModel
from personnel.domain.cadre import CadreRecord as RecordModel
from personnel.domain.cadre import CadreSummary as SummaryModel
from personnel.domain.cadre_review import PersonCadreSummary, UnitCadreSummary
from personnel.domain.errors import InvalidDivisionCode
from personnel.domain.kinds import AssessmentGrade, CadreCategory
from personnel.domain.text import optional_division_code
from personnel.handlers import cadre
from personnel.repository.cadre import assessment_key, record_key
from personnel.repository.people import person_key
from personnel.schema.context import Info
from personnel.schema.people import Person, load_person

strawberry.enum(
    CadreCategory,
    description="What a daily record is about: 日常工作, 诉求办理, 走访入户, 会议, 学习培训, 其他.",
)
strawberry.enum(
    AssessmentGrade,
    description="Assessment grade (考核等次): 优秀 90+, 称职 70+, 基本称职 60+, 不称职 below 60.",
)


@strawberry.type(description="One entry of a cadre's daily record (干部纪实).")
class CadreRecord:
    id: strawberry.ID
    on: date = strawberry.field(description="The day the work was done.")
    category: CadreCategory = strawberry.field(description="What the work was.")
    content: str = strawberry.field(description="What was done.")
    linked_case_id: strawberry.ID | None = strawberry.field(
        description="The case (诉求) the work was about, if any."
    )
    linked_task: str | None = strawberry.field(description="The task it served, in words.")
    recorded_by: str = strawberry.field(description="Who wrote the entry.")
    person_id: strawberry.Private[UUID]

    @classmethod
    def from_domain(cls, record: RecordModel) -> Self:
        """The GraphQL view of a record."""
        return cls(
            id=strawberry.ID(str(record.id)),
            on=record.on,
            category=record.category,
            content=record.content,
            linked_case_id=strawberry.ID(str(record.linked_case_id))
            if record.linked_case_id
            else None,
            linked_task=record.linked_task,
            recorded_by=record.recorded_by,
            person_id=record.person_id,
        )

    @strawberry.field(description="The cadre.")
    async def person(self, info: Info) -> Person:
        return await load_person(info, self.person_id)


@strawberry.type(description="A cadre's assessment (考核) for a year or a quarter.")
class CadreAssessment:
    id: strawberry.ID
    period: str = strawberry.field(description="A year (2026) or a quarter (2026-Q3).")
    period_starts_on: date = strawberry.field(description="First day of the period.")
    period_ends_on: date = strawberry.field(description="Last day of the period.")
    score: float = strawberry.field(description="Score out of 100.")
    grade: AssessmentGrade = strawberry.field(description="The grade the score falls in.")
    assessor: str = strawberry.field(description="Who assessed.")
    comments: str | None = strawberry.field(description="The assessor's comments.")
    person_id: strawberry.Private[UUID]

    @classmethod
    def from_domain(cls, assessment: AssessmentModel) -> Self:
        """The GraphQL view of an assessment."""
        starts_on, ends_on = assessment.bounds
        return cls(
            id=strawberry.ID(str(assessment.id)),
            period=assessment.period,
            period_starts_on=starts_on,
            period_ends_on=ends_on,
            score=assessment.score,
            grade=assessment.grade,
            assessor=assessment.assessor,
            comments=assessment.comments,
            person_id=assessment.person_id,
        )

    @strawberry.field(description="The cadre assessed.")
    async def person(self, info: Info) -> Person:
        return await load_person(info, self.person_id)


@strawberry.type(description="How many records of one category.")
class CadreCategoryCount:
    category: CadreCategory = strawberry.field(description="The category.")
    count: int = strawberry.field(description="Records in it.")


@strawberry.type(description="How many assessments of one grade.")
class AssessmentGradeCount:
    grade: AssessmentGrade = strawberry.field(description="The grade.")
    count: int = strawberry.field(description="Assessments with it.")


def _by_category(counts: Mapping[CadreCategory, int]) -> list[CadreCategoryCount]:
    return [CadreCategoryCount(category=c, count=n) for c, n in counts.items()]


@strawberry.type(
    description="A cadre's records and assessments over a period, for a promotion review."
)
class CadreSummary:
    period: str = strawberry.field(description="The period summed up.")
    record_count: int = strawberry.field(description="Records dated in the period.")
    records_by_category: list[CadreCategoryCount] = strawberry.field(
        description="Every category, in order, with its number of records (zero included)."
    )
    assessment_count: int = strawberry.field(
        description="Assessments of the period and of the periods within it (a year's quarters)."
    )
    latest_period: str | None = strawberry.field(
        description="The period of the most recent of those assessments."
    )
    latest_grade: AssessmentGrade | None = strawberry.field(
        description="The grade of the most recent of those assessments."
    )
    average_score: float | None = strawberry.field(
        description="Mean score of those assessments, to two decimals."
    )
    person_id: strawberry.Private[UUID]

    @classmethod
    def from_domain(cls, summary: SummaryModel, person_id: UUID) -> Self:
        """The GraphQL view of one cadre's summary."""
        return cls(
            period=summary.period,
            record_count=summary.record_count,
            records_by_category=_by_category(summary.records_by_category),
            assessment_count=summary.assessment_count,
            latest_period=summary.latest_period,
            latest_grade=summary.latest_grade,
            average_score=summary.average_score,
            person_id=person_id,
        )

    @strawberry.field(description="The cadre.")
    async def person(self, info: Info) -> Person:
        return await load_person(info, self.person_id)


def _person_key(one: PersonCadreSummary) -> list[str]:
    return person_key(one.person)


def _person_summary(one: PersonCadreSummary) -> CadreSummary:
    return CadreSummary.from_domain(one.summary, one.person.id)


@strawberry.type(
    description="Records and assessments of the people under a division code over a period: "
    "the unit's side of a promotion review."
)
class CadreUnitSummary:
    division_code: str = strawberry.field(description="The division summed up.")
    period: str = strawberry.field(description="The period summed up.")
    people_count: int = strawberry.field(
        description="People with at least one record or assessment in the period."
    )
    record_count: int = strawberry.field(description="Records dated in the period.")
    records_by_category: list[CadreCategoryCount] = strawberry.field(
        description="Every category, in order, with its number of records (zero included)."
    )
    assessment_count: int = strawberry.field(
        description="Assessments of the period and of the periods within it."
    )
    assessments_by_grade: list[AssessmentGradeCount] = strawberry.field(
        description="Every grade, from the top, with its number of assessments (zero included)."
    )
    average_score: float | None = strawberry.field(
        description="Mean score of those assessments, to two decimals."
    )

    @classmethod
    def from_domain(cls, summary: UnitCadreSummary) -> Self:
        """The GraphQL view of a unit's summary."""
        return cls(
            division_code=summary.division_code,
            period=summary.period,
            people_count=summary.people_count,
            record_count=summary.record_count,
            records_by_category=_by_category(summary.records_by_category),
            assessment_count=summary.assessment_count,
            assessments_by_grade=[
                AssessmentGradeCount(grade=g, count=n)
                for g, n in summary.assessments_by_grade.items()
            ],
            average_score=summary.average_score,
        )

    @strawberry.field(description="Each of those people's own summary, by name. Relay pagination.")
    async def people(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[CadreSummary]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.cadre_reads.unit_people(self.division_code, self.period, request)
        return Connection.build(page, request, key=_person_key, node=_person_summary)


@strawberry.type
class CadreQuery:
    @strawberry.field(
        description="A cadre's daily records, oldest first (pass 'last' for the latest), "
        "optionally of one period (2026, 2026-Q3) and category. Relay pagination."
    )
    async def cadre_records(
        self,
        info: Info,
        person_id: strawberry.ID,
        period: str | None = None,
        category: CadreCategory | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[CadreRecord]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.cadre_reads.records_page(
            parse_id(person_id, what="personId"), request, period=period, category=category
        )
        return Connection.build(page, request, key=record_key, node=CadreRecord.from_domain)

    @strawberry.field(
        description="A cadre's assessments by the start of their period (a year before its "
        "first quarter). Relay pagination."
    )
    async def cadre_assessments(
        self,
        info: Info,
        person_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[CadreAssessment]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.cadre_reads.assessments_page(
            parse_id(person_id, what="personId"), request
        )
        return Connection.build(page, request, key=assessment_key, node=CadreAssessment.from_domain)

    @strawberry.field(
        description="A cadre's records and assessments over a year (2026) or a quarter "
        "(2026-Q3), for a promotion review; null for an unknown person."
    )
    async def cadre_summary(
        self, info: Info, person_id: strawberry.ID, period: str
    ) -> CadreSummary | None:
        id = parse_id(person_id, what="personId")
        if await info.context.people.load(id) is None:
            return None
        [summary] = await info.context.cadre_reads.summaries([id], period)
        return CadreSummary.from_domain(summary, id)

    @strawberry.field(
        description="Records and assessments of the people under a division code (6, 9 or 12 "
        "digits) over a year or a quarter, with each person's own summary."
    )
    async def cadre_unit_summary(
        self, info: Info, division_code: str, period: str
    ) -> CadreUnitSummary:
        code = optional_division_code(division_code)
        if code is None:
            raise InvalidDivisionCode("Give the division to sum up (divisionCode)")
        summary = await info.context.cadre_reads.unit_summary(code, period)
        return CadreUnitSummary.from_domain(summary)


@strawberry.input(description="One entry of a cadre's daily record.")
class AddCadreRecordInput:
    person_id: strawberry.ID = strawberry.field(description="The cadre.")
    on: date = strawberry.field(description="The day the work was done; not after today.")
    category: CadreCategory = strawberry.field(description="What the work was.")
    content: str = strawberry.field(description="What was done (up to 2,000 characters).")
    linked_case_id: strawberry.ID | None = strawberry.field(
        default=None, description="The case (诉求) the work was about."
    )
    linked_task: str | None = strawberry.field(
        default=None, description="The task it served, in words."
    )
    recorded_by: str | None = strawberry.field(
        default=None, description="Who writes the entry; the caller's name when left out."
    )
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> AddCadreRecord:
        """The command this input asks for."""
        return AddCadreRecord(
            person_id=parse_id(self.person_id, what="personId"),
            on=self.on,
            category=self.category,
            content=self.content,
            recorded_by=self.recorded_by,
            linked_case_id=parse_id(self.linked_case_id, what="linkedCaseId")
            if self.linked_case_id
            else None,
            linked_task=self.linked_task,
        )


@strawberry.input(description="A cadre's assessment for a year or a quarter.")
class AssessCadreInput:
    person_id: strawberry.ID = strawberry.field(description="The cadre.")
    period: str = strawberry.field(description="A year (2026) or a quarter (2026-Q3).")
    score: float = strawberry.field(description="Score from 0 to 100.")
    grade: AssessmentGrade | None = strawberry.field(
        default=None, description="Follows from the score when left out; must agree with it."
    )
    assessor: str | None = strawberry.field(
        default=None, description="Who assessed; the caller's name when left out."
    )
    comments: str | None = strawberry.field(default=None, description="Comments.")
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> AssessCadre:
        """The command this input asks for."""
        return AssessCadre(
            person_id=parse_id(self.person_id, what="personId"),
            period=self.period,
            score=self.score,
            assessor=self.assessor,
            grade=self.grade,
            comments=self.comments,
        )


@strawberry.type
class CadreMutation:
    @strawberry.mutation(description="Write down what a cadre did on a day (干部纪实).")
    async def add_cadre_record(self, info: Info, input: AddCadreRecordInput) -> CadreRecord:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("addCadreRecord", command, input.client_mutation_id)
        record = await apply_once(
            lambda: cadre.add_cadre_record(
                command, context.unit_of_work().once(key), context.caller, today=context.today
            ),
            replay=context.cadre_reads.record,
        )
        return CadreRecord.from_domain(record)

    @strawberry.mutation(
        description="Record a cadre's assessment (考核); a person is assessed once per period."
    )
    async def assess_cadre(self, info: Info, input: AssessCadreInput) -> CadreAssessment:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("assessCadre", command, input.client_mutation_id)
        assessment = await apply_once(
            lambda: cadre.assess_cadre(command, context.unit_of_work().once(key), context.caller),
            replay=context.cadre_reads.assessment,
        )
        return CadreAssessment.from_domain(assessment)
