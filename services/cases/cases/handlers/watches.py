"""Handlers for follow-up watches (持续关注): start one on a closed case, record its checks.

A failed check reopens the case in the same transaction as the check is written: the watch
and the case change together or not at all.
"""

from __future__ import annotations

from uuid import uuid4

from cases.commands.cases import RecordWatchCheck, StartWatch
from cases.domain.watch import Watch, record_watch_check
from cases.handlers import access
from cases.handlers.access import Step
from cases.handlers.cases import Moment
from cases.unit_of_work import CasesUnitOfWork
from gridkit.auth import Caller


async def start_watch(
    command: StartWatch, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Watch:
    """Follow a closed case up, e.g. "the west lift of building 1, weekly for 8 weeks"."""
    async with uow:
        case = await uow.cases.get(command.case_id, lock=True)
        actor = access.watcher(caller, case, step=Step.START_WATCH)
        watch = Watch.start(
            id=uuid4(),
            case=case,
            subject=command.subject,
            ordered_by=actor,
            started_on=command.starts_on or now.today,
            interval_days=command.interval_days,
            checks_planned=command.checks_planned,
        )
        await uow.watches.add(watch)
        await uow.commit(created=watch.id)
        return watch


async def record_check(
    command: RecordWatchCheck, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Watch:
    """Record one check; a failed one fails the watch and reopens its case."""
    async with uow:
        watch = await uow.watches.get(command.watch_id, lock=True)
        case = await uow.cases.get(watch.case_id, lock=True)
        actor = access.watcher(caller, case, step=Step.RECORD_WATCH_CHECK)
        _, reopened = record_watch_check(
            watch,
            case,
            checked_on=command.checked_on or now.today,
            passed=command.passed,
            by=actor,
            note=command.note,
            calendar=await uow.calendar.calendar(),
            at=now.at,
            today=now.today,
        )
        await uow.watches.save(watch)
        if reopened is not None:
            await uow.cases.save(case)
        await uow.commit(created=watch.id)
        return watch
