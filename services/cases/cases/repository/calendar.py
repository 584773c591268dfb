"""The working-day calendar in storage: the days that differ from the State Council's.

The library knows each year once the State Council publishes it (every November); a day it
has wrong, or a year it does not know yet, is set here and wins over it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cases.domain.working_days import WorkingCalendar
from cases.holidays import state_council_calendar
from cases.repository.tables import CalendarOverrideRow


class CalendarStore:
    """The calendar and its overrides, in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def overrides(self) -> dict[date, bool]:
        """Every overridden day: ``True`` for a working day, ``False`` for a day off."""
        rows = await self._session.scalars(select(CalendarOverrideRow))
        return {row.day: row.working for row in rows}

    async def calendar(self) -> WorkingCalendar:
        """The working-day calendar deadlines are counted on: the library's, overridden."""
        return state_council_calendar(await self.overrides())

    async def set_day(self, day: date, *, working: bool, note: str) -> None:
        """Make ``day`` a working day or a day off, whatever the library says."""
        values = {"day": day, "working": working, "note": note}
        statement = insert(CalendarOverrideRow).values(**values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[CalendarOverrideRow.day], set_={"working": working, "note": note}
            )
        )

    async def clear_day(self, day: date) -> bool:
        """Drop the override of ``day``; returns whether there was one."""
        row = await self._session.get(CalendarOverrideRow, day)
        if row is None:
            return False
        await self._session.delete(row)
        return True
