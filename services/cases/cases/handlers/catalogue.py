"""Handlers for the case catalogue and the working-day calendar (district-level keepers)."""

from __future__ import annotations

from cases.commands.catalogue import ClearCalendarDay, DefineCategory, SetCalendarDay
from cases.domain.category import Category
from cases.domain.text import clean_text
from cases.handlers import access
from cases.handlers.access import Step
from cases.seed.catalogue import STANDARD_CATALOGUE
from cases.unit_of_work import CasesUnitOfWork
from gridkit.auth import Caller


async def define_category(
    command: DefineCategory, uow: CasesUnitOfWork, caller: Caller
) -> Category:
    """Add or replace a category; cases already reported keep the attributes they were given."""
    access.catalogue_keeper(caller, step=Step.MAINTAIN_CATALOGUE)
    async with uow:
        await uow.categories.put(command.category)
        await uow.commit()
    return command.category


async def set_calendar_day(command: SetCalendarDay, uow: CasesUnitOfWork, caller: Caller) -> None:
    """Override one day of the calendar; deadlines counted from now on use it."""
    access.catalogue_keeper(caller, step=Step.MAINTAIN_CALENDAR)
    note = clean_text(command.note, label="Note", max_length=200)
    async with uow:
        await uow.calendar.set_day(command.day, working=command.working, note=note)
        await uow.commit()


async def clear_calendar_day(
    command: ClearCalendarDay, uow: CasesUnitOfWork, caller: Caller
) -> bool:
    """Drop a day's override; answers whether there was one."""
    access.catalogue_keeper(caller, step=Step.MAINTAIN_CALENDAR)
    async with uow:
        cleared = await uow.calendar.clear_day(command.day)
        await uow.commit()
    return cleared


async def load_standard_catalogue(uow: CasesUnitOfWork) -> int:
    """Add the standard categories a database lacks (``make seed``); answers how many."""
    async with uow:
        added = 0
        for category in STANDARD_CATALOGUE:
            if await uow.categories.find(category.code) is None:
                await uow.categories.put(category)
                added += 1
        await uow.commit()
    return added
