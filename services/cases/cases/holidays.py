"""The State Council's working calendar (国务院办公厅节假日安排), for case deadlines.

An adapter: the domain counts in a :class:`~cases.domain.working_days.WorkingCalendar`
and does not know where the table of holidays and adjusted working days (调休)
comes from. It comes from the ``chinese_calendar`` package, which carries the
State Council's notice for each year it has been published for.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import chinese_calendar

from cases.domain.working_days import WorkingCalendar

__all__ = ["state_council_calendar", "state_council_working_day"]

_FRIDAY = 4


def state_council_working_day(day: date) -> bool:
    """Whether ``day`` is worked under the State Council's notice for its year.

    The notice for a year comes out late in the year before, and a year the
    installed ``chinese_calendar`` does not cover yet falls back to Monday to
    Friday, with no holidays and no worked weekends. Until the package is
    updated, that year's holidays and 调休 days belong in the override table
    (see :func:`state_council_calendar`).
    """
    try:
        worked: bool = chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() <= _FRIDAY
    return worked


def state_council_calendar(overrides: Mapping[date, bool] | None = None) -> WorkingCalendar:
    """The working calendar of the State Council's notices, with local ``overrides``.

    ``overrides`` maps a day to whether it is worked and wins over the notice:
    a day the district gives off, or the holidays of a year the installed
    package does not know yet (it falls back to Monday to Friday there, see
    :func:`state_council_working_day`).
    """
    return WorkingCalendar(state_council_working_day, overrides)
