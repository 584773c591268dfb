"""Open311 queries: the parameters of a ``GET requests.json`` read as the list they ask for."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from cases.domain.case_number import CaseNumber
from cases.domain.kinds import CaseStatus
from cases.domain.reading import ReadScope
from cases.repository.open311 import RequestQuery
from gridkit.errors import InvalidInput

MAX_REQUESTS = 1000
"""The most service requests one list answers (Open311's suggestion)."""
DEFAULT_WINDOW = timedelta(days=90)
"""How far back a list reaches without ``start_date`` (Open311's suggestion)."""

STATUSES: Mapping[str, tuple[CaseStatus, ...]] = {
    "open": tuple(status for status in CaseStatus if status.is_open),
    "closed": tuple(status for status in CaseStatus if not status.is_open),
}
"""Open311's two statuses and ours: closed once rejected, closed or merged."""

_SPACED_OFFSET = re.compile(r" (\d{2}:?\d{2})$")
# The moments a list's dates may name: no case is older than the case numbers' first year,
# and the last year is kept clear of the calendar's end, where converting to UTC overflows.
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(9999, 1, 1, tzinfo=UTC)


def request_query(
    params: Mapping[str, str],
    *,
    visible: ReadScope,
    services: Sequence[str],
    zone: ZoneInfo,
    now: datetime,
) -> RequestQuery:
    """The list a GET of ``requests.json`` asks for, within what ``visible`` admits."""
    numbers = _listed(params.get("service_request_id") or params.get("service_request_ids"))
    if numbers:
        # Open311: named requests override every other filter.
        numbers = [str(CaseNumber.parse(number)) for number in numbers]
        return RequestQuery(visible=visible, limit=MAX_REQUESTS, numbers=numbers)
    codes = _listed(params.get("service_code"))
    unknown = [code for code in codes if code not in services]
    if unknown:
        raise InvalidInput(
            f"service_code {', '.join(unknown)} is not one of ours: services.json lists them."
        )
    end = _moment(params.get("end_date"), "end_date", zone)
    start = _moment(params.get("start_date"), "start_date", zone) or (end or now) - DEFAULT_WINDOW
    if end is not None and start > end:
        raise InvalidInput(
            f"start_date ({start.isoformat()}) comes after end_date ({end.isoformat()})."
        )
    return RequestQuery(
        visible=visible,
        limit=MAX_REQUESTS,
        category_codes=codes,
        statuses=[status for word in _listed(params.get("status")) for status in _statuses(word)],
        reported_from=start,
        reported_until=end,
    )


def _listed(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _statuses(word: str) -> tuple[CaseStatus, ...]:
    statuses = STATUSES.get(word.lower())
    if statuses is None:
        raise InvalidInput(f"status is open or closed (or both, comma-separated); got {word!r}.")
    return statuses


def _moment(value: str | None, name: str, zone: ZoneInfo) -> datetime | None:
    if value is None or not value.strip():
        return None
    # An unescaped "+" of an offset arrives as a space: 09:00:00+08:00 as "09:00:00 08:00".
    text = _SPACED_OFFSET.sub(r"+\1", value.strip())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{name} is a date and time in W3C format (ISO 8601), such as "
            f"2026-09-29T09:00:00+08:00; got {value!r}."
        ) from None
    # Without an offset, the district's own clock is meant.
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    if not _EARLIEST <= moment < _LATEST:
        raise InvalidInput(
            f"{name} lies in the year 2000 or later (no case is older), before 9999; got {value!r}."
        )
    return moment
