"""Where and when the performance figures count: a place and a period of local dates.

A period is a half-open range of local dates ``[start, end)``: the figures of June count the
cases reported from 1 June 00:00 up to, not including, 1 July 00:00 Beijing time. A case
reported at 2026-06-30T16:30Z was reported on 1 July in Beijing, so it counts for July.

A place is a grid, or a division by its code: 6 digits for the district (区), 9 for a
subdistrict or town (街道/镇), 12 for a community or village (社区/村). A division holds the
cases of every grid whose community code starts with its code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from enum import IntEnum
from typing import ClassVar, TypeAlias
from uuid import UUID

from cases.domain.errors import InvalidDivisionCode
from gridkit.errors import InvalidInput

__all__ = [
    "DivisionLevel",
    "DivisionPlace",
    "GridPlace",
    "InvalidPeriod",
    "Period",
    "Place",
]

MIN_YEAR = 1900
MAX_YEAR = 2999
"""Years a period may lie in: anything else is a typing error, not a report."""
_EARLIEST, _LATEST = date(MIN_YEAR, 1, 1), date(MAX_YEAR + 1, 1, 1)

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class InvalidPeriod(InvalidInput):
    """A period is a year, a quarter, a month or a non-empty range of dates."""

    code: ClassVar[str] = "INVALID_PERIOD"


@dataclass(frozen=True)
class Period:
    """The local dates ``start`` (included) to ``end`` (excluded) the figures cover."""

    start: date
    """The first day counted."""
    end: date
    """The first day no longer counted."""

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise InvalidPeriod(
                f"A period ends after it starts; got {self.start.isoformat()} to "
                f"{self.end.isoformat()}",
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )
        if self.start < _EARLIEST or self.end > _LATEST:
            raise InvalidPeriod(
                f"A period lies in the years {MIN_YEAR} to {MAX_YEAR}; got "
                f"{self.start.isoformat()} to {self.end.isoformat()}",
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year`` (年度)."""
        _check_year(year)
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1 to 4) of ``year`` (季度): Q2 is April to June."""
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise InvalidPeriod(f"A quarter is 1 to 4; got {quarter}", quarter=quarter)
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), _month_after(year, first + 2))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The month ``month`` (1 to 12) of ``year`` (月度)."""
        _check_year(year)
        if not 1 <= month <= 12:
            raise InvalidPeriod(f"A month is 1 to 12; got {month}", month=month)
        return cls(date(year, month, 1), _month_after(year, month))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """The days from ``start`` up to, not including, ``end``."""
        return cls(start, end)

    @classmethod
    def parse(cls, text: object) -> Period:
        """Read a year ``"2026"``, a quarter ``"2026-Q2"`` or a month ``"2026-06"``."""
        written = text.strip() if isinstance(text, str) else ""
        if match := _YEAR.fullmatch(written):
            return cls.year(int(match[1]))
        if match := _QUARTER.fullmatch(written):
            return cls.quarter(int(match[1]), int(match[2]))
        if match := _MONTH.fullmatch(written):
            return cls.month(int(match[1]), int(match[2]))
        raise InvalidPeriod(
            f"A period is written as a year (2026), a quarter (2026-Q2) or a month (2026-06); "
            f"got {text!r}",
            period=str(text),
        )

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """The moments the period starts and ends at: local midnights in ``zone``."""
        return datetime.combine(self.start, time(), zone), datetime.combine(self.end, time(), zone)

    def contains(self, day: date) -> bool:
        """Whether the local date ``day`` lies in the period (``end`` does not)."""
        return self.start <= day < self.end

    def __str__(self) -> str:
        """``2026``, ``2026-Q2``, ``2026-06``, or ``2026-06-01..2026-06-15`` (end excluded)."""
        start, end = self.start, self.end
        if start.day == 1 and end.day == 1:
            months = (end.year - start.year) * 12 + end.month - start.month
            if months == 12 and start.month == 1:
                return f"{start.year}"
            if months == 3 and start.month % 3 == 1:
                return f"{start.year}-Q{start.month // 3 + 1}"
            if months == 1:
                return f"{start.year}-{start.month:02d}"
        return f"{start.isoformat()}..{end.isoformat()}"


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidPeriod(f"A year is {MIN_YEAR} to {MAX_YEAR}; got {year}", year=year)


def _month_after(year: int, month: int) -> date:
    """The first day of the month after ``month`` of ``year``."""
    return date(year + month // 12, month % 12 + 1, 1)


class DivisionLevel(IntEnum):
    """The levels of a division code, valued by their number of digits."""

    DISTRICT = 6
    """District or county (区/县): ``370112``."""
    SUBDISTRICT = 9
    """Subdistrict or town (街道/镇): ``370112001``."""
    COMMUNITY = 12
    """Community or village (社区/村): ``370112001001``."""

    @property
    def child(self) -> DivisionLevel | None:
        """The level one below, whose divisions a breakdown lists; none below a community."""
        return {
            DivisionLevel.DISTRICT: DivisionLevel.SUBDISTRICT,
            DivisionLevel.SUBDISTRICT: DivisionLevel.COMMUNITY,
        }.get(self)


@dataclass(frozen=True)
class GridPlace:
    """The cases of one grid (网格)."""

    grid_id: UUID


@dataclass(frozen=True)
class DivisionPlace:
    """The cases of every grid inside a division: a district, subdistrict or community."""

    code: str
    """6, 9 or 12 digits; the codes of the grids' communities start with it."""

    def __post_init__(self) -> None:
        code = self.code
        lengths = {level.value for level in DivisionLevel}
        if len(code) not in lengths or not (code.isascii() and code.isdigit()):
            raise InvalidDivisionCode(
                f"A district, subdistrict or community has a division code of 6, 9 or 12 "
                f"digits, such as 370112001; got {code!r}",
                division_code=code,
            )

    @classmethod
    def parse(cls, text: object) -> DivisionPlace:
        """Read a division code, trimmed."""
        return cls(str(text).strip())

    @property
    def level(self) -> DivisionLevel:
        """District, subdistrict or community, by the code's length."""
        return DivisionLevel(len(self.code))

    @property
    def code_after(self) -> str:
        """The smallest code after every code that starts with this one (``370113`` after
        ``370112``): the division's codes are those from :attr:`code` up to this one."""
        return self.code[:-1] + chr(ord(self.code[-1]) + 1)


Place: TypeAlias = GridPlace | DivisionPlace
"""A grid or a division: whose cases the figures count."""
