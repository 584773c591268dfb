"""Volunteer activities (志愿服务活动): shifts, sign-ups and attendance in one aggregate.

The activity's steps::

    step      from                        to
    publish   draft (with a shift)        published (招募中)
    start     published                   ongoing (进行中)
    finish    ongoing                     finished (已结束)
    cancel    draft, published, ongoing   cancelled (已取消), with a reason; final

The activity holds its shifts and their sign-ups, so a handler loads it (locked,
or with its version checked), calls one method and saves: places and waitlists
cannot be overbooked by two sign-ups racing. Sign-up rules (:meth:`Activity.sign_up`):

* sign-ups are taken while the activity is published or ongoing, until the shift ends;
* a volunteer signs up once per shift, has every skill the shift needs, and has no
  other active sign-up overlapping it, here or in another activity (touching is fine);
* a sign-up is confirmed while places remain, else waitlisted while the waitlist has
  room, else refused (``SHIFT_FULL``);
* a confirmed place is cancelled up to ``cancel_cut_off`` before the shift starts; a
  waitlist spot any time. A cancelled place goes to the first waitlisted (first in,
  first promoted).

Attendance: the organiser checks volunteers in and out, or the volunteer shows a
one-time code (签到码) the activity issued for their sign-up. Once a shift is
over, confirmed sign-ups without a check-in are recorded as no-shows.

Every change records one event (a cancellation that promotes records two; a
no-show sweep one per sign-up); a refused step changes nothing. Moments are
timezone-aware and handed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from volunteers.domain.check_in_code import code_hash, code_matches, new_code
from volunteers.domain.errors import (
    ActivityHasNoShifts,
    ActivityNotDraft,
    ActivityNotOpen,
    AlreadySignedUp,
    AttendanceClosed,
    CancelTooLate,
    CheckInCodeUsed,
    CheckOutBeforeCheckIn,
    IllegalActivityTransition,
    IllegalSignupTransition,
    InvalidCheckInCode,
    InvalidSchedule,
    InvalidShift,
    NotTheOrganiser,
    NotYourSignup,
    ShiftEnded,
    ShiftFull,
    ShiftNotFound,
    ShiftNotOver,
    SignupCollision,
    SignupNotFound,
    SkillMissing,
    VolunteerNotActive,
)
from volunteers.domain.events import (
    ActivityCancelled,
    ActivityDrafted,
    ActivityEvent,
    ActivityFinished,
    ActivityPublished,
    ActivityRevised,
    ActivityStarted,
    CheckedIn,
    CheckedOut,
    CheckInCodeIssued,
    NoShowRecorded,
    ShiftAdded,
    ShiftEvent,
    ShiftRemoved,
    ShiftRevised,
    SignupCancelled,
    SignupConfirmed,
    SignupEvent,
    SignupPromoted,
    SignupWaitlisted,
)
from volunteers.domain.hours import service_hours
from volunteers.domain.kinds import ActivityCategory, ActivityStatus, CheckMethod, SignupStatus
from volunteers.domain.moments import aware, check_span
from volunteers.domain.place import Place
from volunteers.domain.shift import Commitment, Shift, Signup, check_capacity
from volunteers.domain.skills import skill_set
from volunteers.domain.text import clean_text, optional_text
from volunteers.domain.volunteer import Volunteer

__all__ = ["Activity"]

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 500
LABEL_MAX_LENGTH = 50

_S = ActivityStatus
_G = SignupStatus

_OPEN = frozenset({_S.PUBLISHED, _S.ONGOING})
_CANCELLABLE = frozenset({_S.DRAFT, _S.PUBLISHED, _S.ONGOING})
_CHECK_IN = frozenset({_S.ONGOING})
_CHECK_OUT = frozenset({_S.ONGOING, _S.FINISHED})
_CODES = frozenset({_S.PUBLISHED, _S.ONGOING, _S.FINISHED})

_E = TypeVar("_E", bound=ActivityEvent)
_ShiftE = TypeVar("_ShiftE", bound=ShiftEvent)
_SignupE = TypeVar("_SignupE", bound=SignupEvent)


@dataclass(kw_only=True)
class Activity(Aggregate):
    """A volunteer activity (志愿服务活动) with its shifts and their sign-ups.

    Build one with :meth:`draft`; the repository rebuilds stored ones with the
    constructor. The fields are read freely; only the methods change them.
    """

    aggregate_type: ClassVar[str] = "activity"

    title: str
    description: str
    category: ActivityCategory
    grid_id: UUID
    """The grid (网格) the activity serves."""
    place: Place
    starts_at: datetime
    ends_at: datetime
    """After ``starts_at``; every shift lies between the two."""
    organiser_id: UUID
    """The organiser (组织者), a person id: checks volunteers in and out and records their
    service (谁组织谁记录)."""
    team_id: UUID | None = None
    """The volunteer team that runs it, if one does."""
    case_id: UUID | None = None
    """The case (诉求) the activity answers, if it answers one."""
    required_skills: frozenset[str] = frozenset()
    """Skills every shift needs."""
    status: ActivityStatus = ActivityStatus.DRAFT
    shifts: list[Shift] = field(default_factory=list)
    """The shifts, by start time."""
    created_at: datetime
    published_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None

    # Drafting

    @classmethod
    def draft(
        cls,
        *,
        id: UUID,
        title: str,
        description: str,
        category: ActivityCategory,
        grid_id: UUID,
        place: Place,
        starts_at: datetime,
        ends_at: datetime,
        organiser_id: UUID,
        at: datetime,
        required_skills: Iterable[str] = (),
        team_id: UUID | None = None,
        case_id: UUID | None = None,
    ) -> Activity:
        """Draft an activity (草稿) organised by ``organiser_id``; shifts are added next."""
        check_span(starts_at, ends_at, label="The activity")
        activity = cls(
            id=id,
            title=_title(title),
            description=_description(description),
            category=category,
            grid_id=grid_id,
            place=place,
            starts_at=starts_at,
            ends_at=ends_at,
            organiser_id=organiser_id,
            team_id=team_id,
            case_id=case_id,
            required_skills=skill_set(required_skills),
            created_at=aware(at),
        )
        activity._step(ActivityDrafted, at=at, by=organiser_id, **activity._schedule_fields())
        return activity

    def revise(
        self,
        *,
        at: datetime,
        by: UUID | None = None,
        title: str | Unchanged = UNCHANGED,
        description: str | Unchanged = UNCHANGED,
        category: ActivityCategory | Unchanged = UNCHANGED,
        place: Place | Unchanged = UNCHANGED,
        starts_at: datetime | Unchanged = UNCHANGED,
        ends_at: datetime | Unchanged = UNCHANGED,
        required_skills: Iterable[str] | Unchanged = UNCHANGED,
        team_id: UUID | Unchanged | None = UNCHANGED,
        case_id: UUID | Unchanged | None = UNCHANGED,
    ) -> ActivityRevised:
        """Change a draft's details; new times must still hold every shift."""
        self._require_draft("revised", at=at)
        new_starts = self.starts_at if isinstance(starts_at, Unchanged) else starts_at
        new_ends = self.ends_at if isinstance(ends_at, Unchanged) else ends_at
        check_span(new_starts, new_ends, label="The activity")
        for shift in self.shifts:
            _check_within(shift.starts_at, shift.ends_at, new_starts, new_ends)
        new_title = self.title if isinstance(title, Unchanged) else _title(title)
        new_description = (
            self.description if isinstance(description, Unchanged) else _description(description)
        )
        new_skills = (
            self.required_skills
            if isinstance(required_skills, Unchanged)
            else skill_set(required_skills)
        )
        self.title, self.description, self.required_skills = new_title, new_description, new_skills
        self.starts_at, self.ends_at = new_starts, new_ends
        if not isinstance(category, Unchanged):
            self.category = category
        if not isinstance(place, Unchanged):
            self.place = place
        if not isinstance(team_id, Unchanged):
            self.team_id = team_id
        if not isinstance(case_id, Unchanged):
            self.case_id = case_id
        return self._step(
            ActivityRevised, at=at, by=by or self.organiser_id, **self._schedule_fields()
        )

    def add_shift(
        self,
        *,
        shift_id: UUID,
        starts_at: datetime,
        ends_at: datetime,
        needed: int,
        at: datetime,
        waitlist_limit: int = 0,
        required_skills: Iterable[str] = (),
        label: str | None = None,
        by: UUID | None = None,
    ) -> Shift:
        """Add a shift to a draft, within the activity's time."""
        self._require_draft("given a new shift", at=at)
        if any(shift.id == shift_id for shift in self.shifts):
            raise InvalidShift(
                f"Activity {self.title!r} has a shift {shift_id} already", shift_id=str(shift_id)
            )
        check_span(starts_at, ends_at, label="The shift")
        _check_within(starts_at, ends_at, self.starts_at, self.ends_at)
        shift = Shift(
            id=shift_id,
            starts_at=starts_at,
            ends_at=ends_at,
            needed=needed,
            waitlist_limit=waitlist_limit,
            required_skills=skill_set(required_skills),
            label=_label(label),
        )
        self.shifts.append(shift)
        self._sort_shifts()
        self._shift_step(ShiftAdded, shift, at=at, by=by)
        return shift

    def revise_shift(
        self,
        *,
        shift_id: UUID,
        at: datetime,
        by: UUID | None = None,
        starts_at: datetime | Unchanged = UNCHANGED,
        ends_at: datetime | Unchanged = UNCHANGED,
        needed: int | Unchanged = UNCHANGED,
        waitlist_limit: int | Unchanged = UNCHANGED,
        required_skills: Iterable[str] | Unchanged = UNCHANGED,
        label: str | Unchanged | None = UNCHANGED,
    ) -> Shift:
        """Change a draft's shift."""
        self._require_draft("given a changed shift", at=at)
        shift = self.shift(shift_id)
        new_starts = shift.starts_at if isinstance(starts_at, Unchanged) else starts_at
        new_ends = shift.ends_at if isinstance(ends_at, Unchanged) else ends_at
        new_needed = shift.needed if isinstance(needed, Unchanged) else needed
        new_limit = (
            shift.waitlist_limit if isinstance(waitlist_limit, Unchanged) else waitlist_limit
        )
        check_span(new_starts, new_ends, label="The shift")
        _check_within(new_starts, new_ends, self.starts_at, self.ends_at)
        check_capacity(new_needed, new_limit)
        if not isinstance(required_skills, Unchanged):
            shift.required_skills = skill_set(required_skills)
        if not isinstance(label, Unchanged):
            shift.label = _label(label)
        shift.starts_at, shift.ends_at = new_starts, new_ends
        shift.needed, shift.waitlist_limit = new_needed, new_limit
        self._sort_shifts()
        self._shift_step(ShiftRevised, shift, at=at, by=by)
        return shift

    def remove_shift(self, *, shift_id: UUID, at: datetime, by: UUID | None = None) -> ShiftRemoved:
        """Take a shift out of a draft."""
        self._require_draft("given fewer shifts", at=at)
        shift = self.shift(shift_id)
        self.shifts.remove(shift)
        return self._shift_step(ShiftRemoved, shift, at=at, by=by)

    # The activity's steps

    def publish(self, *, by: UUID, at: datetime) -> ActivityPublished:
        """Publish the activity (发布招募): its shifts open for sign-up."""
        self._require("published", frozenset({_S.DRAFT}), to=_S.PUBLISHED, at=at)
        if not self.shifts:
            raise ActivityHasNoShifts(
                f"Activity {self.title!r} has no shift yet; add one before publishing it",
                activity_id=str(self.id),
            )
        self.status, self.published_at = _S.PUBLISHED, at
        return self._step(
            ActivityPublished,
            at=at,
            by=by,
            places=self.places,
            **self._schedule_fields(),
        )

    def start(self, *, at: datetime, by: UUID | None = None) -> ActivityStarted:
        """The activity gets under way (开始): check-in opens. ``by`` is ``None`` for a timer."""
        self._require("started", frozenset({_S.PUBLISHED}), to=_S.ONGOING, at=at)
        self.status, self.started_at = _S.ONGOING, at
        return self._step(ActivityStarted, at=at, by=by)

    def finish(self, *, at: datetime, by: UUID | None = None) -> ActivityFinished:
        """The activity ends (结束). Check-outs and no-shows may still be recorded after it."""
        self._require("finished", frozenset({_S.ONGOING}), to=_S.FINISHED, at=at)
        self.status, self.finished_at = _S.FINISHED, at
        served = sum(1 for s in self.signups if s.status is _G.CHECKED_OUT)
        return self._step(ActivityFinished, at=at, by=by, case_id=self.case_id, served=served)

    def cancel(self, *, by: UUID, reason: str, at: datetime) -> ActivityCancelled:
        """Call the activity off (取消), saying why; confirmed and waitlisted sign-ups go with it.

        Volunteers already checked in stay so; nobody gets hours from a cancelled activity.
        """
        self._require("cancelled", _CANCELLABLE, to=_S.CANCELLED, at=at)
        why = clean_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        cancelled_from = self.status
        affected: list[UUID] = []
        for signup in self.signups:
            if signup.status in (_G.CONFIRMED, _G.WAITLISTED):
                signup.status, signup.cancelled_at = _G.CANCELLED, at
                signup.cancel_reason = f"活动取消：{why}"
                affected.append(signup.volunteer_id)
        self.status, self.cancelled_at, self.cancel_reason = _S.CANCELLED, at, why
        return self._step(
            ActivityCancelled,
            at=at,
            by=by,
            reason=why,
            cancelled_from=cancelled_from,
            volunteer_ids=tuple(dict.fromkeys(affected)),
        )

    # Sign-ups (报名)

    def sign_up(
        self,
        *,
        signup_id: UUID,
        shift_id: UUID,
        volunteer: Volunteer,
        at: datetime,
        elsewhere: Iterable[Commitment] = (),
    ) -> Signup:
        """Sign ``volunteer`` up for a shift: confirmed while places remain, else waitlisted.

        ``elsewhere`` holds the volunteer's active sign-ups in other activities (this
        activity's own are known here; any of them in ``elsewhere`` are ignored).
        """
        aware(at)
        if self.status not in _OPEN:
            raise ActivityNotOpen(
                f"Activity {self.title!r} is {self.status.label}; sign-ups are taken while it "
                "is PUBLISHED or ONGOING",
                status=self.status.value,
            )
        shift = self.shift(shift_id)
        if at >= shift.ends_at:
            raise ShiftEnded(
                f"The shift {self._shift_name(shift)} ended at {shift.ends_at.isoformat()}; it "
                "takes no more sign-ups",
                shift_id=str(shift.id),
            )
        if not volunteer.is_active:
            raise VolunteerNotActive(
                f"Volunteer {volunteer.number} is {volunteer.status.label}; only an active "
                "volunteer signs up",
                volunteer_id=str(volunteer.id),
                status=volunteer.status.value,
            )
        if shift.signup_of(volunteer.id) is not None:
            raise AlreadySignedUp(
                f"Volunteer {volunteer.number} has signed up for the shift "
                f"{self._shift_name(shift)} already",
                volunteer_id=str(volunteer.id),
                shift_id=str(shift.id),
            )
        missing = volunteer.missing_skills(self.skills_for(shift))
        if missing:
            raise SkillMissing(
                f"The shift {self._shift_name(shift)} needs {', '.join(sorted(missing))}, which "
                f"volunteer {volunteer.number} has not registered",
                missing=", ".join(sorted(missing)),
            )
        self._refuse_collision(volunteer, shift, elsewhere)
        if shift.places_left > 0:
            status = _G.CONFIRMED
        elif shift.waitlist_room > 0:
            status = _G.WAITLISTED
        else:
            raise ShiftFull(
                f"All {shift.needed} places of the shift {self._shift_name(shift)} are taken"
                + (
                    f" and its waitlist of {shift.waitlist_limit} is full"
                    if shift.waitlist_limit
                    else ", and it keeps no waitlist"
                ),
                shift_id=str(shift.id),
                needed=shift.needed,
                waitlist_limit=shift.waitlist_limit,
            )
        signup = Signup(
            id=signup_id,
            shift_id=shift.id,
            volunteer_id=volunteer.id,
            person_id=volunteer.person_id,
            sequence=shift.next_sequence,
            status=status,
            signed_up_at=at,
            confirmed_at=at if status is _G.CONFIRMED else None,
        )
        shift.signups.append(signup)
        if status is _G.CONFIRMED:
            self._signup_step(SignupConfirmed, signup, at=at, by=volunteer.person_id)
        else:
            position = shift.waitlist_position(signup) or 0
            self._signup_step(
                SignupWaitlisted, signup, at=at, by=volunteer.person_id, position=position
            )
        return signup

    def cancel_signup(
        self,
        *,
        signup_id: UUID,
        volunteer_id: UUID,
        cancel_cut_off: timedelta,
        at: datetime,
        reason: str | None = None,
    ) -> Signup:
        """The volunteer cancels their sign-up (取消报名); a freed place is promoted.

        A confirmed place is cancelled up to ``cancel_cut_off`` before the shift starts
        (at the cut-off itself still, not a moment later); a waitlist spot at any time.
        When a confirmed place is freed, the first waitlisted sign-up takes it.
        """
        aware(at)
        if cancel_cut_off < timedelta(0):
            raise ValueError(f"the cancellation cut-off is not negative, got {cancel_cut_off}")
        if self.status not in _OPEN:
            raise ActivityNotOpen(
                f"Activity {self.title!r} is {self.status.label}; sign-ups are cancelled while "
                "it is PUBLISHED or ONGOING",
                status=self.status.value,
            )
        signup = self._own_signup(signup_id, volunteer_id)
        self._require_signup(signup, "cancelled", frozenset({_G.CONFIRMED, _G.WAITLISTED}))
        shift = self.shift(signup.shift_id)
        deadline = shift.starts_at - cancel_cut_off
        was = signup.status
        if was is _G.CONFIRMED and at > deadline:
            raise CancelTooLate(
                f"The shift {self._shift_name(shift)} starts at {shift.starts_at.isoformat()}; "
                f"a place is cancelled up to {_duration(cancel_cut_off)} before, by "
                f"{deadline.isoformat()}",
                deadline=deadline.isoformat(),
            )
        why = optional_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        signup.status, signup.cancelled_at, signup.cancel_reason = _G.CANCELLED, at, why
        self._signup_step(SignupCancelled, signup, at=at, by=signup.person_id, was=was, reason=why)
        waitlist = shift.waitlist
        if was is _G.CONFIRMED and waitlist:
            promoted = waitlist[0]
            promoted.status, promoted.confirmed_at, promoted.promoted_at = _G.CONFIRMED, at, at
            self._signup_step(SignupPromoted, promoted, at=at, by=None, replacing=signup.id)
        return signup

    # Attendance (签到签退)

    def issue_code(self, *, signup_id: UUID, volunteer_id: UUID, at: datetime) -> str:
        """Issue a one-time code (签到码) for the volunteer's next check-in or check-out.

        Answers the code itself, once: only its hash is kept. A new code replaces the
        one issued before, used or not.
        """
        self._require_attendance("codes are issued", _CODES, at=at)
        signup = self._own_signup(signup_id, volunteer_id)
        self._require_signup(signup, "given a code", frozenset({_G.CONFIRMED, _G.CHECKED_IN}))
        code = new_code()
        signup.code_hash, signup.code_issued_at, signup.code_used_at = (
            code_hash(signup.id, code),
            at,
            None,
        )
        self._signup_step(CheckInCodeIssued, signup, at=at, by=signup.person_id)
        return code

    def check_in(self, *, signup_id: UUID, by: UUID, at: datetime) -> Signup:
        """The organiser checks a confirmed volunteer in (签到)."""
        signup = self._ready_to_check_in(signup_id, at=at)
        self.require_organiser(by, "check volunteers in on a list (a volunteer uses their code)")
        return self._check_in(signup, by=by, method=CheckMethod.ORGANISER, at=at)

    def check_in_with_code(self, *, signup_id: UUID, code: str, at: datetime) -> Signup:
        """A confirmed volunteer checks in with the one-time code they were issued."""
        signup = self._ready_to_check_in(signup_id, at=at)
        self._require_code(signup, code)
        signup.code_used_at = at
        return self._check_in(signup, by=signup.person_id, method=CheckMethod.CODE, at=at)

    def check_out(self, *, signup_id: UUID, by: UUID, at: datetime) -> Signup:
        """The organiser checks a volunteer out (签退); the time served is then known."""
        signup = self._ready_to_check_out(signup_id, at=at)
        self.require_organiser(by, "check volunteers out on a list (a volunteer uses their code)")
        return self._check_out(signup, by=by, method=CheckMethod.ORGANISER, at=at)

    def check_out_with_code(self, *, signup_id: UUID, code: str, at: datetime) -> Signup:
        """A checked-in volunteer checks out with a one-time code (not the check-in's)."""
        signup = self._ready_to_check_out(signup_id, at=at)
        self._require_code(signup, code)
        signup.code_used_at = at
        return self._check_out(signup, by=signup.person_id, method=CheckMethod.CODE, at=at)

    def record_no_shows(
        self, *, shift_id: UUID, at: datetime, by: UUID | None = None
    ) -> list[Signup]:
        """Once the shift is over, mark its confirmed sign-ups never checked in as no-shows.

        Answers the sign-ups marked (often none); calling it again marks nothing new.
        """
        self._require_attendance("no-shows are recorded", _CHECK_OUT, at=at)
        shift = self.shift(shift_id)
        if at < shift.ends_at:
            raise ShiftNotOver(
                f"The shift {self._shift_name(shift)} ends at {shift.ends_at.isoformat()}; "
                "no-shows are recorded after that",
                ends_at=shift.ends_at.isoformat(),
            )
        marked = [s for s in shift.signups if s.status is _G.CONFIRMED]
        for signup in marked:
            signup.status, signup.no_show_at = _G.NO_SHOW, at
            self._signup_step(NoShowRecorded, signup, at=at, by=by)
        return marked

    # Reading

    def shift(self, shift_id: UUID) -> Shift:
        """The shift with that id, or ``SHIFT_NOT_FOUND``."""
        for shift in self.shifts:
            if shift.id == shift_id:
                return shift
        raise ShiftNotFound.for_id(shift_id)

    def signup(self, signup_id: UUID) -> Signup:
        """The sign-up with that id, in any shift, or ``SIGNUP_NOT_FOUND``."""
        for shift in self.shifts:
            for signup in shift.signups:
                if signup.id == signup_id:
                    return signup
        raise SignupNotFound.for_id(signup_id)

    @property
    def signups(self) -> list[Signup]:
        """Every sign-up of every shift, shift by shift."""
        return [signup for shift in self.shifts for signup in shift.signups]

    @property
    def places(self) -> int:
        """Volunteers needed, over all shifts."""
        return sum(shift.needed for shift in self.shifts)

    def skills_for(self, shift: Shift) -> frozenset[str]:
        """Every skill a volunteer needs for ``shift``: the activity's and the shift's own."""
        return self.required_skills | shift.required_skills

    def commitments_of(self, volunteer_id: UUID) -> list[Commitment]:
        """The volunteer's active sign-ups here, as time promised."""
        return [
            Commitment(
                signup_id=signup.id,
                activity_id=self.id,
                shift_id=shift.id,
                starts_at=shift.starts_at,
                ends_at=shift.ends_at,
            )
            for shift in self.shifts
            for signup in shift.signups
            if signup.volunteer_id == volunteer_id and signup.is_active
        ]

    def is_organiser(self, person_id: UUID) -> bool:
        """Whether ``person_id`` organises the activity."""
        return person_id == self.organiser_id

    def require_organiser(self, person_id: UUID, doing: str) -> None:
        """Refuse (``ACTIVITY_NOT_ORGANISER``) anyone but the organiser ``doing`` something,
        such as ``"publish it"``; handlers call it for the steps only the organiser takes."""
        if not self.is_organiser(person_id):
            raise NotTheOrganiser(
                f"Person {person_id} does not organise activity {self.title!r}; only its "
                f"organiser may {doing}",
                person_id=str(person_id),
            )

    # Internals

    def _refuse_collision(
        self, volunteer: Volunteer, shift: Shift, elsewhere: Iterable[Commitment]
    ) -> None:
        others = [c for c in elsewhere if c.activity_id != self.id]
        for commitment in [*self.commitments_of(volunteer.id), *others]:
            if shift.overlaps(commitment.starts_at, commitment.ends_at):
                raise SignupCollision(
                    f"The shift {self._shift_name(shift)} overlaps another shift volunteer "
                    f"{volunteer.number} is signed up for, from "
                    f"{commitment.starts_at.isoformat()} to {commitment.ends_at.isoformat()}",
                    activity_id=str(commitment.activity_id),
                    shift_id=str(commitment.shift_id),
                    signup_id=str(commitment.signup_id),
                )

    def _ready_to_check_in(self, signup_id: UUID, *, at: datetime) -> Signup:
        self._require_attendance("volunteers check in", _CHECK_IN, at=at)
        signup = self.signup(signup_id)
        self._require_signup(signup, "checked in", frozenset({_G.CONFIRMED}))
        return signup

    def _ready_to_check_out(self, signup_id: UUID, *, at: datetime) -> Signup:
        self._require_attendance("volunteers check out", _CHECK_OUT, at=at)
        signup = self.signup(signup_id)
        if signup.status is _G.CONFIRMED or (
            signup.checked_in_at is not None and at < signup.checked_in_at
        ):
            when = (
                "has not checked in"
                if signup.checked_in_at is None
                else f"checked in at {signup.checked_in_at.isoformat()}, after {at.isoformat()}"
            )
            raise CheckOutBeforeCheckIn(
                f"Sign-up {signup.id} {when}; a volunteer checks out after checking in",
                signup_id=str(signup.id),
            )
        self._require_signup(signup, "checked out", frozenset({_G.CHECKED_IN}))
        return signup

    def _check_in(self, signup: Signup, *, by: UUID, method: CheckMethod, at: datetime) -> Signup:
        signup.status, signup.checked_in_at = _G.CHECKED_IN, at
        signup.checked_in_by, signup.check_in_method = by, method
        self._signup_step(CheckedIn, signup, at=at, by=by, method=method)
        return signup

    def _check_out(self, signup: Signup, *, by: UUID, method: CheckMethod, at: datetime) -> Signup:
        assert signup.checked_in_at is not None  # checked in: _ready_to_check_out made sure
        signup.status, signup.checked_out_at = _G.CHECKED_OUT, at
        signup.checked_out_by, signup.check_out_method = by, method
        self._signup_step(
            CheckedOut,
            signup,
            at=at,
            by=by,
            method=method,
            checked_in_at=signup.checked_in_at,
            hours=service_hours(signup.checked_in_at, at),
        )
        return signup

    def _require_code(self, signup: Signup, code: str) -> None:
        if signup.code_hash is None or not code_matches(signup.id, code, signup.code_hash):
            raise InvalidCheckInCode(
                f"The code shown is not the one issued for sign-up {signup.id}",
                signup_id=str(signup.id),
            )
        if signup.code_used_at is not None:
            raise CheckInCodeUsed(
                f"The code shown for sign-up {signup.id} was used at "
                f"{signup.code_used_at.isoformat()}; ask for a new one",
                signup_id=str(signup.id),
            )

    def _own_signup(self, signup_id: UUID, volunteer_id: UUID) -> Signup:
        signup = self.signup(signup_id)
        if signup.volunteer_id != volunteer_id:
            raise NotYourSignup(
                f"Sign-up {signup.id} is another volunteer's", signup_id=str(signup.id)
            )
        return signup

    def _require_signup(
        self, signup: Signup, action: str, allowed: frozenset[SignupStatus]
    ) -> None:
        if signup.status not in allowed:
            needs = ", ".join(s.value for s in SignupStatus if s in allowed)
            raise IllegalSignupTransition(
                f"Sign-up {signup.id} is {signup.status.label}; it cannot be {action} from "
                f"there (that needs {needs})",
                **{"from": signup.status.value, "signup_id": str(signup.id), "action": action},
            )

    def _require_attendance(
        self, what: str, allowed: frozenset[ActivityStatus], *, at: datetime
    ) -> None:
        aware(at)
        if self.status not in allowed:
            needs = " or ".join(s.value for s in ActivityStatus if s in allowed)
            raise AttendanceClosed(
                f"Activity {self.title!r} is {self.status.label}; {what} while it is {needs}",
                status=self.status.value,
            )

    def _require_draft(self, becomes: str, *, at: datetime) -> None:
        aware(at)
        if self.status is not _S.DRAFT:
            raise ActivityNotDraft(
                f"Activity {self.title!r} is {self.status.label}; only a draft is {becomes}",
                status=self.status.value,
            )

    def _require(
        self, action: str, allowed: frozenset[ActivityStatus], *, to: ActivityStatus, at: datetime
    ) -> None:
        aware(at)
        if self.status not in allowed:
            needs = ", ".join(s.value for s in ActivityStatus if s in allowed)
            raise IllegalActivityTransition(
                f"Activity {self.title!r} is {self.status.label}; it cannot be {action} from "
                f"there (that needs {needs})",
                **{"from": self.status.value, "to": to.value, "action": action},
            )

    def _sort_shifts(self) -> None:
        self.shifts.sort(key=lambda shift: (shift.starts_at, shift.ends_at))

    def _shift_name(self, shift: Shift) -> str:
        span = f"{shift.starts_at.isoformat()}–{shift.ends_at.isoformat()}"
        return f"{shift.label} ({span})" if shift.label else span

    def _schedule_fields(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "team_id": self.team_id,
            "case_id": self.case_id,
        }

    def _shift_step(
        self, event_type: type[_ShiftE], shift: Shift, *, at: datetime, by: UUID | None
    ) -> _ShiftE:
        return self._step(
            event_type,
            at=at,
            by=by or self.organiser_id,
            shift_id=shift.id,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            needed=shift.needed,
            waitlist_limit=shift.waitlist_limit,
        )

    def _signup_step(
        self,
        event_type: type[_SignupE],
        signup: Signup,
        *,
        at: datetime,
        by: UUID | None,
        **fields: Any,
    ) -> _SignupE:
        return self._step(
            event_type,
            at=at,
            by=by,
            signup_id=signup.id,
            shift_id=signup.shift_id,
            volunteer_id=signup.volunteer_id,
            person_id=signup.person_id,
            signup_status=signup.status,
            **fields,
        )

    def _step(self, event_type: type[_E], *, at: datetime, by: UUID | None, **fields: Any) -> _E:
        event = event_type(
            activity_id=self.id,
            title=self.title,
            status=self.status,
            grid_id=self.grid_id,
            organiser_id=self.organiser_id,
            at=at,
            by=by,
            **fields,
        )
        self.record(event)
        return event


def _check_within(
    starts_at: datetime, ends_at: datetime, outer_starts_at: datetime, outer_ends_at: datetime
) -> None:
    if starts_at < outer_starts_at or ends_at > outer_ends_at:
        raise InvalidSchedule(
            f"A shift from {starts_at.isoformat()} to {ends_at.isoformat()} lies outside its "
            f"activity, from {outer_starts_at.isoformat()} to {outer_ends_at.isoformat()}",
            starts_at=starts_at.isoformat(),
            ends_at=ends_at.isoformat(),
        )


def _duration(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def _title(value: str) -> str:
    return clean_text(value, label="Title", max_length=TITLE_MAX_LENGTH)


def _description(value: str) -> str:
    return clean_text(value, label="Description", max_length=DESCRIPTION_MAX_LENGTH)


def _label(value: str | None) -> str | None:
    return optional_text(value, label="Shift label", max_length=LABEL_MAX_LENGTH)
