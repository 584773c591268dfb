"""What the volunteers tests share: people, volunteers, one Saturday's activity with three
shifts, and activities brought to any status through the legal steps."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from volunteers.domain import (
    Activity,
    ActivityCategory,
    ActivityStatus,
    Place,
    Signup,
    Volunteer,
    VolunteerNumber,
)

DAY = date(2026, 10, 17)
"""A Saturday. Moments are UTC; 01:00 UTC is 09:00 in Beijing."""

ORGANISER = UUID("00000000-0000-0000-0000-00000000000a")
"""The activity's organiser (组织者): a community officer."""
STRANGER = UUID("00000000-0000-0000-0000-00000000000b")
"""Somebody who organises nothing and leads nothing."""
LEADER = UUID("00000000-0000-0000-0000-00000000000c")
"""A team leader (队长)."""
GRID_ID = UUID("00000000-0000-0000-0000-0000000000a1")
MICRO_POSITION_ID = UUID("00000000-0000-0000-0000-0000000000b1")
ACTIVITY_ID = UUID("00000000-0000-0000-0000-0000000000c1")
CASE_ID = UUID("00000000-0000-0000-0000-0000000000d1")

MORNING = UUID("00000000-0000-0000-0000-000000000101")
"""01:00-04:00: two places, a waitlist of two."""
AFTERNOON = UUID("00000000-0000-0000-0000-000000000102")
"""04:00-07:00, starting as the morning ends: the two only touch."""
MIDDAY = UUID("00000000-0000-0000-0000-000000000103")
"""03:00-05:00, overlapping both; it needs first aid (急救)."""

CUT_OFF = timedelta(hours=2)
"""Cancellation cut-off: a place is cancelled up to two hours before its shift starts."""

PLACE = Place(micro_position_id=MICRO_POSITION_ID, address="历城区王舍人街道香溢紫郡党群服务站")


def at(hour: int, minute: int = 0, second: int = 0, *, day: date = DAY) -> datetime:
    """A moment in UTC on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=UTC)


def volunteer(n: int, *, skills: Iterable[str] = (), **overrides: Any) -> Volunteer:
    """Volunteer number ``n`` of Licheng District (events taken)."""
    arguments: dict[str, Any] = {
        "id": UUID(int=1000 + n),
        "person_id": UUID(int=2000 + n),
        "number": VolunteerNumber("370112", n),
        "skills": skills,
        "availability": "周末全天",
        "at": at(0, day=date(2026, 9, 1)),
    }
    arguments.update(overrides)
    registered = Volunteer.register(**arguments)
    registered.take_events()
    return registered


def signup_id(n: int, shift: int = 0) -> UUID:
    """A sign-up id for volunteer ``n`` (``shift`` tells several of theirs apart)."""
    return UUID(int=5000 + 100 * shift + n)


def draft(**overrides: Any) -> Activity:
    """A draft 01:00-08:00 with the three shifts (events taken)."""
    arguments: dict[str, Any] = {
        "id": ACTIVITY_ID,
        "title": "香溢紫郡小区环境整治",
        "description": "清理楼道杂物、绿化带垃圾，宣传垃圾分类。",
        "category": ActivityCategory.ENVIRONMENT,
        "grid_id": GRID_ID,
        "place": PLACE,
        "starts_at": at(1),
        "ends_at": at(8),
        "organiser_id": ORGANISER,
        "at": at(0, day=date(2026, 10, 1)),
    }
    arguments.update(overrides)
    activity = Activity.draft(**arguments)
    planned = at(0, 10, day=date(2026, 10, 1))
    activity.add_shift(
        shift_id=MORNING, starts_at=at(1), ends_at=at(4), needed=2, waitlist_limit=2, at=planned
    )
    activity.add_shift(shift_id=AFTERNOON, starts_at=at(4), ends_at=at(7), needed=2, at=planned)
    activity.add_shift(
        shift_id=MIDDAY,
        starts_at=at(3),
        ends_at=at(5),
        needed=1,
        required_skills=["FIRST_AID"],
        at=planned,
    )
    activity.take_events()
    return activity


PUBLISHED_AT = at(0, day=date(2026, 10, 2))


def activity_at(status: ActivityStatus, **overrides: Any) -> Activity:
    """An activity brought to ``status`` through the legal steps (events taken)."""
    activity = draft(**overrides)
    if status is ActivityStatus.CANCELLED:
        activity.cancel(by=ORGANISER, reason="台风预警", at=PUBLISHED_AT)
    if status in (ActivityStatus.PUBLISHED, ActivityStatus.ONGOING, ActivityStatus.FINISHED):
        activity.publish(by=ORGANISER, at=PUBLISHED_AT)
    if status in (ActivityStatus.ONGOING, ActivityStatus.FINISHED):
        activity.start(at=at(0, 50))
    if status is ActivityStatus.FINISHED:
        activity.finish(at=at(8), by=ORGANISER)
    activity.take_events()
    return activity


def published() -> Activity:
    """The activity, published."""
    return activity_at(ActivityStatus.PUBLISHED)


def sign(
    activity: Activity,
    who: Volunteer,
    shift_id: UUID = MORNING,
    *,
    moment: datetime | None = None,
    shift: int = 0,
) -> Signup:
    """Sign ``who`` up for the shift, the day before (events kept)."""
    return activity.sign_up(
        signup_id=signup_id(who.number.sequence, shift),
        shift_id=shift_id,
        volunteer=who,
        at=moment or at(0, day=date(2026, 10, 16)) + timedelta(minutes=who.number.sequence),
    )
