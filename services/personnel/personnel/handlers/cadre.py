"""Handlers for cadre daily records (干部纪实) and assessments (考核)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from gridkit.auth import Caller
from personnel.commands.cadre import AddCadreRecord, AssessCadre
from personnel.domain.assessment import Assessment, ensure_not_assessed
from personnel.domain.cadre import CadreRecord
from personnel.handlers.access import require_personnel_admin
from personnel.unit_of_work import PersonnelUnitOfWork


async def add_cadre_record(
    command: AddCadreRecord, uow: PersonnelUnitOfWork, caller: Caller, *, today: date
) -> CadreRecord:
    """Write down what a cadre did on a day (not a future one)."""
    async with uow:
        person = await uow.people.get(command.person_id)
        require_personnel_admin(caller, person.division_code)
        record = CadreRecord.add(
            id=uuid4(),
            person_id=person.id,
            on=command.on,
            category=command.category,
            content=command.content,
            recorded_by=_signed(command.recorded_by, caller),
            today=today,
            linked_case_id=command.linked_case_id,
            linked_task=command.linked_task,
        )
        await uow.cadre_records.add(record)
        await uow.commit(created=record.id)
        return record


async def assess_cadre(
    command: AssessCadre, uow: PersonnelUnitOfWork, caller: Caller
) -> Assessment:
    """Record a cadre's assessment; one per person and period."""
    async with uow:
        # Locked, so two assessments of one period cannot both pass the check.
        person = await uow.people.get(command.person_id, lock=True)
        require_personnel_admin(caller, person.division_code)
        assessment = Assessment.assess(
            id=uuid4(),
            person_id=person.id,
            period=command.period,
            score=command.score,
            assessor=_signed(command.assessor, caller),
            grade=command.grade,
            comments=command.comments,
        )
        ensure_not_assessed(await uow.assessments.for_period(person.id, assessment.period))
        await uow.assessments.add(assessment)
        await uow.commit(created=assessment.id)
        return assessment


def _signed(name: str | None, caller: Caller) -> str:
    """The name given, else the caller's; the domain refuses one left blank."""
    return name if name is not None else caller.name or ""
