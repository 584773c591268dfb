"""The SQL side of duplicate suggestions: open cases of a category, near in place and time.

The statement narrows by category, open status, the time window and a box of the radius
around the point (the partial index ``ix_cases_open_category`` serves it); the domain's
:class:`~cases.domain.duplicates.DuplicatePolicy` then decides on each with the exact distance.
"""

from __future__ import annotations

import math
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cases.domain.case_number import CaseNumber
from cases.domain.duplicates import CaseSummary, DuplicatePolicy, NewReport
from cases.domain.kinds import CaseStatus
from cases.domain.location import Location
from cases.domain.reading import ReadScope
from cases.repository.cases import readable_by
from cases.repository.tables import CaseRow
from gridkit.db import enum_reader, records

METRES_PER_DEGREE = 111_320.0
"""Metres in a degree of latitude (and of longitude at the equator)."""
_FINISHED = (CaseStatus.REJECTED.value, CaseStatus.CLOSED.value, CaseStatus.MERGED.value)
_status = enum_reader(CaseStatus)


class DuplicateReads:
    """Suggestions of cases a report may repeat, each read in a session of its own."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], policy: DuplicatePolicy) -> None:
        self._sessions = sessions
        self._policy = policy

    async def suggestions(
        self,
        report: NewReport,
        *,
        visible: ReadScope,
        excluding: UUID | None = None,
        limit: int = 10,
    ) -> list[CaseSummary]:
        """Open cases the caller may see that ``report`` may repeat, nearest first."""
        window = self._policy.window
        statement = select(
            CaseRow.id,
            CaseRow.number,
            CaseRow.category_code,
            CaseRow.status,
            CaseRow.reported_at,
            CaseRow.address,
            CaseRow.longitude,
            CaseRow.latitude,
        ).where(
            CaseRow.category_code == report.category_code,
            CaseRow.status.not_in(_FINISHED),
            CaseRow.reported_at >= report.reported_at - window,
            CaseRow.reported_at <= report.reported_at + window,
            readable_by(visible),
        )
        if excluding is not None:
            statement = statement.where(CaseRow.id != excluding)
        location = report.location
        if location.longitude is not None and location.latitude is not None:
            lat_span = self._policy.radius_m / METRES_PER_DEGREE
            lon_span = lat_span / max(math.cos(math.radians(location.latitude)), 0.01)
            statement = statement.where(
                CaseRow.latitude.between(
                    location.latitude - lat_span, location.latitude + lat_span
                ),
                CaseRow.longitude.between(
                    location.longitude - lon_span, location.longitude + lon_span
                ),
            )
        else:
            # Without a point, the same address (spaces and case aside) is the only evidence.
            key = "".join(location.address.split()).lower()
            statement = statement.where(
                func.lower(func.regexp_replace(CaseRow.address, r"\s", "", "g")) == key
            )
        async with self._sessions() as session:
            rows = records(await session.execute(statement.limit(500)))
        summaries = [
            CaseSummary(
                case_id=row.id,
                number=str(CaseNumber.parse(row.number)),
                category_code=row.category_code,
                status=_status(row.status),
                reported_at=row.reported_at,
                location=Location(
                    address=row.address, longitude=row.longitude, latitude=row.latitude
                ),
            )
            for row in rows
        ]
        return self._policy.candidates(summaries, report)[:limit]
