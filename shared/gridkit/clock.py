"""What day it is where the rules apply.

Rules that depend on "today" (a transfer letter's expiry, a deadline) use the
local date of the service's time zone, ``Asia/Shanghai`` unless configured:
between 00:00 and 08:00 Beijing time the UTC date is still yesterday.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"


def local_today(timezone: str = DEFAULT_TIMEZONE, *, now: datetime | None = None) -> date:
    """The date in ``timezone`` at ``now`` (an aware datetime; the current time by default)."""
    moment = now if now is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return moment.astimezone(ZoneInfo(timezone)).date()
