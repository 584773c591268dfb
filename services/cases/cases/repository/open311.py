"""Service requests for the Open311 API: cases by number, category, status and report time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cases.domain.case import Case
from cases.domain.kinds import CaseStatus
from cases.domain.reading import ReadScope
from cases.repository.cases import cases_from_rows, readable_by
from cases.repository.tables import CaseRow


@dataclass(frozen=True, kw_only=True)
class RequestQuery:
    """What a list of service requests is narrowed to; an empty filter matches everything."""

    visible: ReadScope
    """What the client may read; the list never goes beyond it."""
    limit: int
    """The most cases answered, the newest first."""
    numbers: Sequence[str] = ()
    """Only the cases of these numbers (``2026-000123``)."""
    category_codes: Sequence[str] = ()
    statuses: Sequence[CaseStatus] = ()
    reported_from: datetime | None = None
    """Reported at this moment or later."""
    reported_until: datetime | None = None
    """Reported at this moment or earlier."""


class Open311Reads:
    """Cases as Open311 lists them, each list read in a session of its own."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def requests(self, query: RequestQuery) -> list[Case]:
        """The cases ``query`` admits, newest first, at most ``query.limit`` of them."""
        statement = select(CaseRow).where(readable_by(query.visible))
        if query.numbers:
            statement = statement.where(CaseRow.number.in_(query.numbers))
        if query.category_codes:
            statement = statement.where(CaseRow.category_code.in_(query.category_codes))
        if query.statuses:
            statement = statement.where(CaseRow.status.in_([s.value for s in query.statuses]))
        if query.reported_from is not None:
            statement = statement.where(CaseRow.reported_at >= query.reported_from)
        if query.reported_until is not None:
            statement = statement.where(CaseRow.reported_at <= query.reported_until)
        statement = statement.order_by(CaseRow.reported_at.desc(), CaseRow.id.desc())
        async with self._sessions() as session:
            rows = list(await session.scalars(statement.limit(query.limit)))
            return await cases_from_rows(session, rows)
