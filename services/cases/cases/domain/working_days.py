"""Working days (工作日): the unit every case deadline is counted in.

Which days are worked is decided each year by the State Council: public
holidays are off, and some weekends are worked in exchange (调休). The domain
does not know the table; it takes a predicate for it (``cases.holidays``
gives the State Council's) and an override table that wins over the
predicate, for a local decision or a year the predicate does not know yet.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType

__all__ = ["WorkingCalendar"]

_SEARCH_YEARS = 10
"""How many calendar years a search walks before it gives up: a calendar without any
working day would otherwise never answer."""


class WorkingCalendar:
    """Which days are working days, and counting in them.

    Built from ``is_working_day`` (the base predicate) and ``overrides`` (day →
    worked or not), which win. The working days of a year are listed the first
    time the year is asked about and kept, so counting is a binary search.
    The calendar never changes once built: build a new one when the override
    table changes.
    """

    def __init__(
        self,
        is_working_day: Callable[[date], bool],
        overrides: Mapping[date, bool] | None = None,
    ) -> None:
        self._base = is_working_day
        self._overrides: Mapping[date, bool] = MappingProxyType(dict(overrides or {}))
        self._years: dict[int, list[int]] = {}

    @property
    def overrides(self) -> Mapping[date, bool]:
        """The days decided locally, which win over the base predicate."""
        return self._overrides

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is worked: the override when there is one, else the base predicate."""
        override = self._overrides.get(day)
        if override is not None:
            return override
        return self._base(day)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start``; ``start`` itself never counts.

        ``add_working_days(Wednesday, 1)`` is Thursday when Thursday is worked,
        whatever Wednesday is. Zero days answer ``start`` itself.
        """
        if days < 0:
            raise ValueError(f"days must not be negative, got {days}")
        if days == 0:
            return start
        remaining, after, year = days, start.toordinal(), start.year
        for _ in range(_SEARCH_YEARS):
            worked = self._worked_in(year)
            first = bisect_right(worked, after)
            available = len(worked) - first
            if remaining <= available:
                return date.fromordinal(worked[first + remaining - 1])
            remaining -= available
            year += 1
        raise ValueError(f"no {days} working days within {_SEARCH_YEARS} years after {start}")

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after ``start`` up to and including ``end``.

        That is the count of ``(start, end]``: zero when ``end`` is not after
        ``start``. ``working_days_between(d, add_working_days(d, n))`` is ``n``.
        """
        if end <= start:
            return 0
        low, high = start.toordinal(), end.toordinal()
        return sum(
            bisect_right(worked, high) - bisect_right(worked, low)
            for worked in map(self._worked_in, range(start.year, end.year + 1))
        )

    def previous_working_day(self, day: date) -> date:
        """The last working day before ``day`` (``day`` itself never counts)."""
        before, year = day.toordinal(), day.year
        for _ in range(_SEARCH_YEARS):
            worked = self._worked_in(year)
            index = bisect_left(worked, before)
            if index > 0:
                return date.fromordinal(worked[index - 1])
            before, year = date(year, 1, 1).toordinal(), year - 1
        raise ValueError(f"no working day within {_SEARCH_YEARS} years before {day}")

    def _worked_in(self, year: int) -> list[int]:
        """The ordinals of the year's working days, in order (listed once, then kept)."""
        worked = self._years.get(year)
        if worked is None:
            first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
            worked = [
                day for day in range(first, last + 1) if self.is_working_day(date.fromordinal(day))
            ]
            self._years[year] = worked
        return worked
