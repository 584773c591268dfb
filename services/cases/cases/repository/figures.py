"""The performance figures (考核指标) of a place and period, counted by PostgreSQL.

Each read is one statement of ``count(*) FILTER (WHERE ...)`` aggregates over the cases
reported in the period, with one filter per count of :class:`CaseFigures`, written as the
count's docstring defines it. A division is a range of codes (``370112 <= code < 370113``),
which the C collation of ``division_code`` lets the b-tree serve. The figures' columns ride in
the two covering indexes (``ix_cases_division_reported``, ``ix_cases_grid_reported``), so a
community's or a subdistrict's period is an index-only scan and the table itself is not read.

Every value reaches PostgreSQL written into the statement, none as a bound parameter. A
prepared statement run five times with parameters gets a generic plan, made for any values:
for the range of codes it assumes few rows and walks the index in one process, and with
parameters in its filters a district's year took one and a half to two times as long as with
the values in the text. The values are validated codes, ids, dates and the statuses, quoted
by SQLAlchemy; a distinct place and period is a distinct statement, planned for its values.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute

from cases.domain.errors import InvalidDivisionCode
from cases.domain.kinds import CaseStatus
from cases.domain.periods import DivisionLevel, DivisionPlace, GridPlace, Period, Place
from cases.domain.stats import CaseFigures
from cases.domain.text import community_code
from cases.repository.tables import CaseRow
from gridkit.clock import DEFAULT_TIMEZONE
from gridkit.db import Record, records

__all__ = ["FigureReads"]

_SECONDS_PER_HOUR = 3600


def _value(column: InstrumentedAttribute[Any], value: object) -> ColumnElement[Any]:
    """``value`` written into the statement as a literal of ``column``'s type (see above)."""
    return literal(value, column.type, literal_execute=True)


_NONE = _value(CaseRow.rework_count, 0)
_RECEIVED = CaseRow.status.not_in(
    [
        _value(CaseRow.status, CaseStatus.REJECTED.value),
        _value(CaseRow.status, CaseStatus.MERGED.value),
    ]
)
_CLOSED = CaseRow.status == _value(CaseRow.status, CaseStatus.CLOSED.value)
# As ``Case.on_time`` has it: a case closed without a due date (never dispatched) is on time.
_CLOSED_ON_TIME = and_(
    _CLOSED,
    CaseRow.closed_on.is_not(None),
    or_(CaseRow.due_on.is_(None), CaseRow.closed_on <= CaseRow.due_on),
)

_FIGURES = (
    func.count().filter(_RECEIVED).label("received"),
    func.count().filter(_CLOSED).label("closed"),
    func.count().filter(_CLOSED_ON_TIME).label("closed_on_time"),
    func.count().filter(_RECEIVED, CaseRow.rework_count > _NONE).label("reworked"),
    func.count().filter(_RECEIVED, CaseRow.extension_count > _NONE).label("extended"),
    func.coalesce(func.sum(CaseRow.satisfied_visit_count).filter(_RECEIVED), _NONE).label(
        "satisfied_visits"
    ),
    func.coalesce(func.sum(CaseRow.visit_count).filter(_RECEIVED), _NONE).label("visits"),
    # date_part answers a float, whose sum is quicker than that of extract's numeric.
    func.coalesce(
        func.sum(func.date_part("epoch", CaseRow.closed_at - CaseRow.reported_at)).filter(_CLOSED),
        _NONE,
    ).label("handling_seconds"),
)
"""The columns of :class:`CaseFigures`, in one pass over the chosen cases."""


class FigureReads:
    """Read-only figures of cases, each in one statement and its own short transaction."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], *, timezone: str = DEFAULT_TIMEZONE
    ) -> None:
        self._sessions = sessions
        self._zone = ZoneInfo(timezone)

    async def figures(self, place: Place, period: Period) -> CaseFigures:
        """The figures of the cases of ``place`` reported in ``period``."""
        statement = select(*_FIGURES).where(*_inside(place), *self._during(period))
        async with self._sessions() as session:
            (row,) = records(await session.execute(statement))
        return _figures(row)

    async def breakdown(self, parent: str, period: Period) -> list[tuple[str, CaseFigures]]:
        """The figures of each division one level below ``parent`` (a district's subdistricts,
        a subdistrict's communities), by code; a division without cases in ``period`` is left
        out."""
        place = DivisionPlace.parse(parent)
        level = place.level.child
        if level is None:
            raise InvalidDivisionCode(
                f"A community's figures break down by grid, not by division; got {place.code}",
                division_code=place.code,
            )
        child: ColumnElement[Any] = CaseRow.division_code.expression
        if level is not DivisionLevel.COMMUNITY:
            # A literal length, so the select list and GROUP BY are the same expression.
            child = func.left(CaseRow.division_code, literal_column(str(level.value)))
        return await self._grouped(child, place, period)

    async def per_grid(self, community: str, period: Period) -> list[tuple[UUID, CaseFigures]]:
        """The figures of each grid of the community ``community`` (12 digits), by grid id;
        a grid without cases in ``period`` is left out."""
        place = DivisionPlace(community_code(community))
        return await self._grouped(CaseRow.grid_id.expression, place, period)

    async def _grouped(
        self, key: ColumnElement[Any], place: DivisionPlace, period: Period
    ) -> list[tuple[Any, CaseFigures]]:
        statement: Select[Any] = (
            select(key.label("key"), *_FIGURES)
            .where(*_inside(place), *self._during(period))
            .group_by(key)
            .order_by(key)
        )
        async with self._sessions() as session:
            rows = records(await session.execute(statement))
        return [(row.key, _figures(row)) for row in rows]

    def _during(self, period: Period) -> list[ColumnElement[bool]]:
        starts, ends = period.bounds(self._zone)
        reported_at = CaseRow.reported_at
        return [reported_at >= _value(reported_at, starts), reported_at < _value(reported_at, ends)]


def _inside(place: Place) -> list[ColumnElement[bool]]:
    """The conditions choosing the cases of ``place``, as index conditions."""
    division = CaseRow.division_code
    match place:
        case GridPlace(grid_id=grid_id):
            return [CaseRow.grid_id == _value(CaseRow.grid_id, grid_id)]
        case DivisionPlace(code=code) if place.level is DivisionLevel.COMMUNITY:
            return [division == _value(division, code)]
        case DivisionPlace(code=code):
            return [
                division >= _value(division, code),
                division < _value(division, place.code_after),
            ]
    raise TypeError(f"not a place: {place!r}")


def _figures(row: Record) -> CaseFigures:
    return CaseFigures(
        received=row.received,
        closed=row.closed,
        closed_on_time=row.closed_on_time,
        reworked=row.reworked,
        extended=row.extended,
        satisfied_visits=int(row.satisfied_visits),
        visits=int(row.visits),
        total_handling_hours=float(row.handling_seconds) / _SECONDS_PER_HOUR,
    )
