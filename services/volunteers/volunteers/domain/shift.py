"""Shifts (班次) of an activity and the sign-ups (报名) they hold.

Both are parts of :class:`~volunteers.domain.activity.Activity`: the activity
changes them, these classes only answer questions about them (places left, the
waitlist's order, whose sign-up is whose).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from volunteers.domain.errors import InvalidShift
from volunteers.domain.hours import service_hours
from volunteers.domain.kinds import (
    ACTIVE_SIGNUP_STATUSES,
    PLACE_TAKING_STATUSES,
    CheckMethod,
    SignupStatus,
)
from volunteers.domain.moments import overlaps

__all__ = ["MAX_NEEDED", "MAX_WAITLIST", "Commitment", "Shift", "Signup"]

MAX_NEEDED = 10_000
MAX_WAITLIST = 10_000


@dataclass(kw_only=True)
class Signup:
    """A volunteer's sign-up for one shift: their place (or waitlist spot) and attendance."""

    id: UUID
    shift_id: UUID
    volunteer_id: UUID
    person_id: UUID
    """The volunteer's person, for "my sign-ups" and notifications."""
    sequence: int
    """Order of sign-up within the shift, from 1; the waitlist is promoted in this order."""
    status: SignupStatus
    signed_up_at: datetime
    confirmed_at: datetime | None = None
    """When the sign-up got its place: at sign-up, or when promoted from the waitlist."""
    promoted_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    checked_in_at: datetime | None = None
    checked_in_by: UUID | None = None
    """Who checked the volunteer in: the organiser, or the volunteer's own person (a code)."""
    check_in_method: CheckMethod | None = None
    checked_out_at: datetime | None = None
    checked_out_by: UUID | None = None
    check_out_method: CheckMethod | None = None
    no_show_at: datetime | None = None
    code_hash: str | None = field(default=None, repr=False)
    """SHA-256 of the last one-time code issued (never the code itself)."""
    code_issued_at: datetime | None = None
    code_used_at: datetime | None = None
    """When the last code issued was used; a used code serves no second check."""

    @property
    def is_active(self) -> bool:
        """Whether the sign-up still binds the volunteer's time (confirmed, waitlisted, in)."""
        return self.status in ACTIVE_SIGNUP_STATUSES

    @property
    def takes_place(self) -> bool:
        """Whether the sign-up holds one of the shift's places."""
        return self.status in PLACE_TAKING_STATUSES

    @property
    def hours(self) -> Decimal | None:
        """Hours served, once checked out (see :func:`~volunteers.domain.hours.service_hours`)."""
        if self.checked_in_at is None or self.checked_out_at is None:
            return None
        return service_hours(self.checked_in_at, self.checked_out_at)


@dataclass(kw_only=True)
class Shift:
    """A shift of an activity: its time, the volunteers it needs, its waitlist, its sign-ups."""

    id: UUID
    starts_at: datetime
    ends_at: datetime
    needed: int
    """Volunteers needed: the shift's places, 1 or more."""
    waitlist_limit: int = 0
    """How many may wait for a place once all are taken; 0 means no waitlist."""
    required_skills: frozenset[str] = frozenset()
    """Skills this shift needs on top of the activity's own."""
    label: str | None = None
    """A name for people: 上午班, 第一组."""
    signups: list[Signup] = field(default_factory=list)
    """Every sign-up ever made for the shift, in sign-up order (cancelled ones too)."""

    def __post_init__(self) -> None:
        check_capacity(self.needed, self.waitlist_limit)

    @property
    def places_taken(self) -> int:
        """Sign-ups holding a place (confirmed, checked in or out, no-shows)."""
        return sum(1 for s in self.signups if s.takes_place)

    @property
    def places_left(self) -> int:
        """Places still free."""
        return max(self.needed - self.places_taken, 0)

    @property
    def waitlist(self) -> list[Signup]:
        """The waitlisted sign-ups, the next to be promoted first."""
        return sorted(
            (s for s in self.signups if s.status is SignupStatus.WAITLISTED),
            key=lambda s: s.sequence,
        )

    @property
    def waitlist_room(self) -> int:
        """Waitlist spots still free."""
        return max(self.waitlist_limit - len(self.waitlist), 0)

    def waitlist_position(self, signup: Signup) -> int | None:
        """1 for the next sign-up to be promoted; ``None`` if ``signup`` is not waitlisted."""
        for position, waiting in enumerate(self.waitlist, start=1):
            if waiting.id == signup.id:
                return position
        return None

    def signup_of(self, volunteer_id: UUID) -> Signup | None:
        """The volunteer's sign-up that is not cancelled nor a no-show, if any."""
        return next(
            (
                s
                for s in self.signups
                if s.volunteer_id == volunteer_id
                and s.status not in (SignupStatus.CANCELLED, SignupStatus.NO_SHOW)
            ),
            None,
        )

    def overlaps(self, starts_at: datetime, ends_at: datetime) -> bool:
        """Whether the shift shares time with the span (touching ends do not)."""
        return overlaps(self.starts_at, self.ends_at, starts_at, ends_at)

    @property
    def next_sequence(self) -> int:
        """The sequence the next sign-up takes."""
        return max((s.sequence for s in self.signups), default=0) + 1


@dataclass(frozen=True, kw_only=True)
class Commitment:
    """Time a volunteer has promised elsewhere: one active sign-up's shift.

    The handler reads the volunteer's active sign-ups of other activities (statuses
    :data:`~volunteers.domain.kinds.ACTIVE_SIGNUP_STATUSES`, activities published or
    ongoing) and hands them to :meth:`~volunteers.domain.activity.Activity.sign_up`.
    """

    signup_id: UUID
    activity_id: UUID
    shift_id: UUID
    starts_at: datetime
    ends_at: datetime


def check_capacity(needed: int, waitlist_limit: int) -> None:
    """Refuse a shift that needs nobody, or a negative waitlist."""
    if isinstance(needed, bool) or not isinstance(needed, int) or not 1 <= needed <= MAX_NEEDED:
        raise InvalidShift(
            f"A shift needs 1 to {MAX_NEEDED} volunteers; got {needed!r}", needed=str(needed)
        )
    if (
        isinstance(waitlist_limit, bool)
        or not isinstance(waitlist_limit, int)
        or not 0 <= waitlist_limit <= MAX_WAITLIST
    ):
        raise InvalidShift(
            f"A shift's waitlist holds 0 (no waitlist) to {MAX_WAITLIST} volunteers; got "
            f"{waitlist_limit!r}",
            waitlist_limit=str(waitlist_limit),
        )
