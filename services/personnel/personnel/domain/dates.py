"""Calendar arithmetic the rules are written in: whole years, whole months, months of dues."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from personnel.domain.errors import InvalidMonth

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February falls on 1 March in a common year.

    A full year counted from 29 February is not complete on 28 February, so the
    later of the two possible days is taken.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month when it is shorter."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month, such as the month up to which party dues are paid (党费交至)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 9999:
            raise InvalidMonth(
                f"A month is a year from 1900 and a month from 1 to 12, "
                f"got {self.year}-{self.month}"
            )

    @classmethod
    def parse(cls, text: object) -> YearMonth:
        """Read ``"2026-03"``."""
        match = _MONTH.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise InvalidMonth(f"A month is written YYYY-MM, such as 2026-03; got {text!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> YearMonth:
        """The month ``day`` falls in."""
        return cls(day.year, day.month)

    def previous(self) -> YearMonth:
        """The month before."""
        if self.month == 1:
            return YearMonth(self.year - 1, 12)
        return YearMonth(self.year, self.month - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
