"""Service hours (服务时长): the time actually served, from check-in to check-out.

The rules on service records (志愿服务记录与证明出具办法, 民政部令第67号) count the time
actually served, in hours, and leave travel to and from the place out. Hours are kept as
:class:`~decimal.Decimal` in tenths of an hour, the unit certificates print.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from volunteers.domain.errors import CheckOutBeforeCheckIn, InvalidHours
from volunteers.domain.moments import aware

__all__ = ["HOURS_QUANTUM", "MAX_RECORD_HOURS", "hours", "service_day", "service_hours"]

HOURS_QUANTUM = Decimal("0.1")
"""Hours are counted in tenths: six minutes."""
MAX_RECORD_HOURS = Decimal("24")
"""The most a correction may give one record."""
_SECONDS_PER_HOUR = Decimal(3600)


def service_day(checked_in_at: datetime, timezone: str) -> date:
    """The day of a service (服务日期): the local date of its check-in in ``timezone``
    (Asia/Shanghai), whatever the date in UTC; a night shift counts for the day it began."""
    return aware(checked_in_at).astimezone(ZoneInfo(timezone)).date()


def service_hours(checked_in_at: datetime, checked_out_at: datetime) -> Decimal:
    """Hours served between check-in and check-out, rounded to the nearest tenth.

    The exact time between the two moments (seconds and all) is divided by an hour
    and rounded half up to 0.1 h: 2 h 57 min is 2.95 h and counts 3.0; 2 h 56 min
    59 s counts 2.9. Only the two moments count: travel time is not service time.
    """
    aware(checked_in_at)
    aware(checked_out_at)
    if checked_out_at < checked_in_at:
        raise CheckOutBeforeCheckIn(
            f"A check-out at {checked_out_at.isoformat()} comes before the check-in at "
            f"{checked_in_at.isoformat()}",
            checked_in_at=checked_in_at.isoformat(),
            checked_out_at=checked_out_at.isoformat(),
        )
    delta = checked_out_at - checked_in_at
    seconds = Decimal(delta.days * 86_400 + delta.seconds) + Decimal(delta.microseconds) / 10**6
    return (seconds / _SECONDS_PER_HOUR).quantize(HOURS_QUANTUM, rounding=ROUND_HALF_UP)


def hours(value: object) -> Decimal:
    """Hours someone typed in (a correction): 0 to 24, at most one decimal place."""
    try:
        amount = Decimal(str(value)) if isinstance(value, int | str | Decimal) else None
    except ArithmeticError:
        amount = None
    if (
        isinstance(value, bool)
        or amount is None
        or not amount.is_finite()
        or not Decimal(0) <= amount <= MAX_RECORD_HOURS
        or amount != amount.quantize(HOURS_QUANTUM)
    ):
        raise InvalidHours(
            f"Service hours are 0 to {MAX_RECORD_HOURS} for one record, in tenths of an hour "
            f"such as 2.5; got {value!r}",
            hours=str(value),
        )
    return amount.quantize(HOURS_QUANTUM)
