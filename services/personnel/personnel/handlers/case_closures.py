"""Handler of the cases service's ``cases.case.closed``: the handler's cadre record (干部纪实).

When a case closes after the resident's satisfaction visit, the person who handled it gets a
CASE_HANDLING entry linked to the case, written by nobody but the event. A case gets that entry
once per person: the inbox drops a redelivered event, and a case reopened and closed again
finds its entry already there (a unique index holds it under concurrency too).
"""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.clock import local_today
from gridkit.contracts import cases as contracts
from gridkit.events import CloudEvent
from gridkit.messaging.inbox import EventHandler
from gridkit.pii import PiiProtector
from personnel.domain.cadre import CadreRecord
from personnel.domain.kinds import CadreCategory
from personnel.unit_of_work import PersonnelUnitOfWork

RECORDED_BY = "案件办理系统"
"""Who the entry says wrote it: the case system, not a person."""


def record_case_handling(protector: PiiProtector, timezone: str) -> EventHandler:
    """The handler of ``cases.case.closed`` for a personnel process."""

    async def apply(session: AsyncSession, event: CloudEvent) -> None:
        if event.type != contracts.CaseClosed.event_type:
            return
        closed = contracts.CaseClosed.model_validate(event.data)
        person_id = closed.handler.person_id if closed.handler else None
        if person_id is None:
            return  # handled by a department's staff personnel keeps no record of
        async with PersonnelUnitOfWork(session, protector) as uow:
            if person_id not in await uow.people.names([person_id]):
                return  # not a person personnel keeps (no personal numbers decrypted to know)
            if await uow.cadre_records.has_case_entry(person_id, closed.case_id, RECORDED_BY):
                return
            closed_on = local_today(timezone, now=closed.at)
            record = CadreRecord.add(
                id=uuid4(),
                person_id=person_id,
                on=closed_on,
                category=CadreCategory.CASE_HANDLING,
                content=f"办结诉求 {closed.number}：{closed.title}",
                recorded_by=RECORDED_BY,
                today=closed_on,
                linked_case_id=closed.case_id,
            )
            await uow.cadre_records.add(record)
            await uow.commit()

    return apply
