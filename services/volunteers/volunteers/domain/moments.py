"""Moments and spans of time: always timezone-aware, always handed in (no clock here)."""

from __future__ import annotations

from datetime import datetime

from volunteers.domain.errors import InvalidSchedule


def aware(at: datetime) -> datetime:
    """``at`` itself; a naive moment is a programming error, not a user's."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"moments are timezone-aware, got {at!r}")
    return at


def check_span(starts_at: datetime, ends_at: datetime, *, label: str) -> None:
    """Refuse a span whose end is not after its start (both must be aware)."""
    aware(starts_at)
    aware(ends_at)
    if ends_at <= starts_at:
        raise InvalidSchedule(
            f"{label} ends at {ends_at.isoformat()}, which is not after its start at "
            f"{starts_at.isoformat()}",
            starts_at=starts_at.isoformat(),
            ends_at=ends_at.isoformat(),
        )


def overlaps(
    starts_at: datetime, ends_at: datetime, other_starts_at: datetime, other_ends_at: datetime
) -> bool:
    """Whether two spans share time. Spans are half-open: one ending as the next starts
    (09:00-12:00 and 12:00-15:00) only touch, and do not overlap."""
    return starts_at < other_ends_at and other_starts_at < ends_at
