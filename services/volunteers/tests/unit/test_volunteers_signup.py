"""Sign-up per shift: places, waitlist, collisions, skills, cancellation and promotion."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest
from volunteers_testing import (
    ACTIVITY_ID,
    AFTERNOON,
    CUT_OFF,
    MIDDAY,
    MORNING,
    activity_at,
    at,
    published,
    sign,
    signup_id,
    volunteer,
)

from volunteers.domain import (
    ActivityNotOpen,
    ActivityStatus,
    AlreadySignedUp,
    CancelTooLate,
    Commitment,
    IllegalSignupTransition,
    NotYourSignup,
    ShiftEnded,
    ShiftFull,
    ShiftNotFound,
    SignupCancelled,
    SignupCollision,
    SignupConfirmed,
    SignupPromoted,
    SignupStatus,
    SignupWaitlisted,
    SkillMissing,
    VolunteerNotActive,
)

G = SignupStatus
OTHER_ACTIVITY = UUID(int=777)
DEADLINE = at(23, day=date(2026, 10, 16))
"""The morning shift starts at 01:00 on the 17th; two hours before is 23:00 on the 16th."""


def elsewhere(starts_hour: int, ends_hour: int, activity_id: UUID = OTHER_ACTIVITY) -> Commitment:
    return Commitment(
        signup_id=UUID(int=888),
        activity_id=activity_id,
        shift_id=UUID(int=889),
        starts_at=at(starts_hour),
        ends_at=at(ends_hour),
    )


# Places and the waitlist (候补)


def test_a_sign_up_is_confirmed_while_places_remain() -> None:
    activity, someone = published(), volunteer(1)
    signup = sign(activity, someone)
    assert (signup.status, signup.sequence, signup.person_id) == (G.CONFIRMED, 1, someone.person_id)
    assert signup.confirmed_at == signup.signed_up_at
    [recorded] = activity.take_events()
    assert isinstance(recorded.event, SignupConfirmed)
    assert (recorded.event.volunteer_id, recorded.event.shift_id) == (someone.id, MORNING)


def test_once_the_places_are_taken_sign_ups_are_waitlisted_in_order() -> None:
    activity = published()
    for n in (1, 2):
        sign(activity, volunteer(n))
    third, fourth = sign(activity, volunteer(3)), sign(activity, volunteer(4))
    assert (third.status, fourth.status) == (G.WAITLISTED, G.WAITLISTED)
    assert third.confirmed_at is None
    events = [r.event for r in activity.take_events()][2:]
    assert [(type(e), e.position) for e in events if isinstance(e, SignupWaitlisted)] == [
        (SignupWaitlisted, 1),
        (SignupWaitlisted, 2),
    ]
    assert activity.shift(MORNING).waitlist == [third, fourth]


def test_a_full_shift_with_a_full_waitlist_refuses_the_sign_up() -> None:
    activity = published()
    for n in (1, 2, 3, 4):
        sign(activity, volunteer(n))
    with pytest.raises(ShiftFull) as refused:
        sign(activity, volunteer(5))
    assert refused.value.code == "SHIFT_FULL"
    assert "waitlist of 2 is full" in refused.value.message
    assert len(activity.shift(MORNING).signups) == 4


def test_a_full_shift_without_a_waitlist_refuses_the_sign_up() -> None:
    activity = published()
    for n in (1, 2):
        sign(activity, volunteer(n), AFTERNOON)
    with pytest.raises(ShiftFull, match="keeps no waitlist"):
        sign(activity, volunteer(3), AFTERNOON)


@pytest.mark.parametrize("status", [ActivityStatus.PUBLISHED, ActivityStatus.ONGOING])
def test_sign_ups_are_taken_while_published_or_ongoing(status: ActivityStatus) -> None:
    activity = activity_at(status)
    assert sign(activity, volunteer(1), AFTERNOON, moment=at(2)).status is G.CONFIRMED


@pytest.mark.parametrize(
    "status", [ActivityStatus.DRAFT, ActivityStatus.FINISHED, ActivityStatus.CANCELLED]
)
def test_sign_ups_are_refused_unless_published_or_ongoing(status: ActivityStatus) -> None:
    activity = activity_at(status)
    with pytest.raises(ActivityNotOpen) as refused:
        sign(activity, volunteer(1))
    assert refused.value.code == "ACTIVITY_NOT_OPEN"
    assert activity.signups == []


def test_a_shift_that_ended_takes_no_sign_up() -> None:
    activity = activity_at(ActivityStatus.ONGOING)
    with pytest.raises(ShiftEnded) as refused:
        sign(activity, volunteer(1), MORNING, moment=at(4))
    assert refused.value.code == "SHIFT_ENDED"
    assert sign(activity, volunteer(1), MORNING, moment=at(3, 59)).status is G.CONFIRMED


def test_an_unknown_shift_is_not_found() -> None:
    with pytest.raises(ShiftNotFound):
        sign(published(), volunteer(1), UUID(int=9))


def test_a_suspended_volunteer_signs_up_for_nothing() -> None:
    someone = volunteer(1)
    someone.suspend(by=UUID(int=77), reason="待核实", at=at(0, day=date(2026, 10, 1)))
    with pytest.raises(VolunteerNotActive):
        sign(published(), someone)


def test_a_volunteer_signs_up_for_a_shift_once() -> None:
    activity, someone = published(), volunteer(1)
    sign(activity, someone)
    with pytest.raises(AlreadySignedUp) as refused:
        sign(activity, someone, shift=1)
    assert refused.value.code == "SIGNUP_DUPLICATE"


def test_a_volunteer_who_cancelled_may_sign_up_again() -> None:
    activity, someone = published(), volunteer(1)
    first = sign(activity, someone)
    activity.cancel_signup(
        signup_id=first.id,
        volunteer_id=someone.id,
        cancel_cut_off=CUT_OFF,
        at=at(1, day=date(2026, 10, 16)),
    )
    again = sign(activity, someone, shift=1, moment=at(2, day=date(2026, 10, 16)))
    assert (again.status, again.sequence) == (G.CONFIRMED, 2)


# Collisions (时间冲突)


def test_a_shift_overlapping_another_of_the_volunteer_s_shifts_here_is_refused() -> None:
    activity, medic = published(), volunteer(1, skills=["FIRST_AID"])
    mine = sign(activity, medic, MORNING)
    with pytest.raises(SignupCollision) as refused:
        sign(activity, medic, MIDDAY, shift=1)
    assert refused.value.code == "SIGNUP_COLLISION"
    assert refused.value.details["signup_id"] == str(mine.id)
    assert activity.shift(MIDDAY).signups == []


def test_shifts_that_only_touch_do_not_collide() -> None:
    activity, someone = published(), volunteer(1)
    sign(activity, someone, MORNING)
    assert sign(activity, someone, AFTERNOON, shift=1).status is G.CONFIRMED


def test_a_shift_overlapping_a_sign_up_in_another_activity_is_refused() -> None:
    activity = published()
    with pytest.raises(SignupCollision) as refused:
        activity.sign_up(
            signup_id=signup_id(1),
            shift_id=MORNING,
            volunteer=volunteer(1),
            elsewhere=[elsewhere(3, 6)],
            at=at(0, day=date(2026, 10, 16)),
        )
    assert refused.value.details["activity_id"] == str(OTHER_ACTIVITY)


def test_a_sign_up_in_another_activity_that_only_touches_is_no_collision() -> None:
    signup = published().sign_up(
        signup_id=signup_id(1),
        shift_id=MORNING,
        volunteer=volunteer(1),
        elsewhere=[elsewhere(4, 6), elsewhere(0, 1)],
        at=at(0, day=date(2026, 10, 16)),
    )
    assert signup.status is G.CONFIRMED


def test_this_activity_s_own_sign_ups_handed_in_as_elsewhere_are_not_counted_twice() -> None:
    signup = published().sign_up(
        signup_id=signup_id(1),
        shift_id=MORNING,
        volunteer=volunteer(1),
        elsewhere=[elsewhere(1, 4, activity_id=ACTIVITY_ID)],
        at=at(0, day=date(2026, 10, 16)),
    )
    assert signup.status is G.CONFIRMED


def test_a_waitlisted_sign_up_binds_the_volunteer_s_time_too() -> None:
    activity, medic = published(), volunteer(9, skills=["FIRST_AID"])
    for n in (1, 2):
        sign(activity, volunteer(n))
    assert sign(activity, medic, MORNING).status is G.WAITLISTED
    with pytest.raises(SignupCollision):
        sign(activity, medic, MIDDAY, shift=1)


def test_a_cancelled_sign_up_no_longer_binds_the_volunteer_s_time() -> None:
    activity, medic = published(), volunteer(1, skills=["FIRST_AID"])
    mine = sign(activity, medic, MORNING)
    activity.cancel_signup(
        signup_id=mine.id,
        volunteer_id=medic.id,
        cancel_cut_off=CUT_OFF,
        at=at(1, day=date(2026, 10, 16)),
    )
    assert sign(activity, medic, MIDDAY, shift=1).status is G.CONFIRMED
    assert [c.shift_id for c in activity.commitments_of(medic.id)] == [MIDDAY]


# Skills (技能)


def test_a_volunteer_without_a_skill_the_shift_needs_is_refused() -> None:
    activity = published()
    with pytest.raises(SkillMissing) as refused:
        sign(activity, volunteer(1, skills=["SIGN_LANGUAGE"]), MIDDAY)
    assert refused.value.code == "SKILL_MISSING"
    assert refused.value.details == {"missing": "FIRST_AID"}
    assert "FIRST_AID" in refused.value.message


def test_a_shift_needs_the_activity_s_skills_and_its_own() -> None:
    activity = activity_at(ActivityStatus.PUBLISHED, required_skills=["SAFETY_BRIEFED"])
    with pytest.raises(SkillMissing) as refused:
        sign(activity, volunteer(1), MIDDAY)
    assert refused.value.details == {"missing": "FIRST_AID, SAFETY_BRIEFED"}
    with pytest.raises(SkillMissing):
        sign(activity, volunteer(2, skills=["FIRST_AID"]), MIDDAY)
    both = volunteer(3, skills=["FIRST_AID", "SAFETY_BRIEFED", "SIGN_LANGUAGE"])
    assert sign(activity, both, MIDDAY).status is G.CONFIRMED


# Cancellation and its cut-off (取消报名)


def test_a_confirmed_place_is_cancelled_at_the_cut_off_itself() -> None:
    activity, someone = published(), volunteer(1)
    mine = sign(activity, someone)
    activity.take_events()
    cancelled = activity.cancel_signup(
        signup_id=mine.id,
        volunteer_id=someone.id,
        cancel_cut_off=CUT_OFF,
        at=DEADLINE,
        reason="临时出差",
    )
    assert (cancelled.status, cancelled.cancelled_at, cancelled.cancel_reason) == (
        G.CANCELLED,
        DEADLINE,
        "临时出差",
    )
    [recorded] = activity.take_events()
    assert isinstance(recorded.event, SignupCancelled)
    assert (recorded.event.was, recorded.event.reason) == (G.CONFIRMED, "临时出差")


def test_a_confirmed_place_is_not_cancelled_a_moment_after_the_cut_off() -> None:
    activity, someone = published(), volunteer(1)
    mine = sign(activity, someone)
    activity.take_events()
    with pytest.raises(CancelTooLate) as refused:
        activity.cancel_signup(
            signup_id=mine.id,
            volunteer_id=someone.id,
            cancel_cut_off=CUT_OFF,
            at=DEADLINE + timedelta(seconds=1),
        )
    assert refused.value.code == "SIGNUP_CANCEL_TOO_LATE"
    assert refused.value.details == {"deadline": DEADLINE.isoformat()}
    assert "2 h before" in refused.value.message
    assert mine.status is G.CONFIRMED
    assert activity.take_events() == []


def test_without_a_cut_off_a_place_is_cancelled_until_the_shift_starts() -> None:
    activity, someone = published(), volunteer(1)
    mine = sign(activity, someone)
    with pytest.raises(CancelTooLate):
        activity.cancel_signup(
            signup_id=mine.id, volunteer_id=someone.id, cancel_cut_off=timedelta(0), at=at(1, 0, 1)
        )
    activity.cancel_signup(
        signup_id=mine.id, volunteer_id=someone.id, cancel_cut_off=timedelta(0), at=at(1)
    )
    assert mine.status is G.CANCELLED


def test_a_waitlist_spot_is_cancelled_even_after_the_cut_off() -> None:
    activity = published()
    for n in (1, 2):
        sign(activity, volunteer(n))
    waiting = volunteer(3)
    spot = sign(activity, waiting)
    activity.cancel_signup(
        signup_id=spot.id,
        volunteer_id=waiting.id,
        cancel_cut_off=CUT_OFF,
        at=DEADLINE + timedelta(hours=1),
    )
    assert spot.status is G.CANCELLED


def test_a_negative_cut_off_is_a_programming_error() -> None:
    activity, someone = published(), volunteer(1)
    mine = sign(activity, someone)
    with pytest.raises(ValueError, match="not negative"):
        activity.cancel_signup(
            signup_id=mine.id, volunteer_id=someone.id, cancel_cut_off=-CUT_OFF, at=DEADLINE
        )


def test_a_volunteer_cancels_only_their_own_sign_up() -> None:
    activity = published()
    mine = sign(activity, volunteer(1))
    with pytest.raises(NotYourSignup) as refused:
        activity.cancel_signup(
            signup_id=mine.id, volunteer_id=volunteer(2).id, cancel_cut_off=CUT_OFF, at=DEADLINE
        )
    assert refused.value.code == "SIGNUP_NOT_YOURS"
    assert mine.status is G.CONFIRMED


def test_a_cancelled_sign_up_is_not_cancelled_again() -> None:
    activity, someone = published(), volunteer(1)
    mine = sign(activity, someone)
    activity.cancel_signup(
        signup_id=mine.id, volunteer_id=someone.id, cancel_cut_off=CUT_OFF, at=DEADLINE
    )
    with pytest.raises(IllegalSignupTransition) as refused:
        activity.cancel_signup(
            signup_id=mine.id, volunteer_id=someone.id, cancel_cut_off=CUT_OFF, at=DEADLINE
        )
    assert refused.value.code == "SIGNUP_ILLEGAL_TRANSITION"
    assert refused.value.details["from"] == "CANCELLED"


def test_a_checked_in_sign_up_is_not_cancelled() -> None:
    activity, someone = activity_at(ActivityStatus.ONGOING), volunteer(1)
    mine = sign(activity, someone)
    activity.check_in(signup_id=mine.id, by=activity.organiser_id, at=at(1))
    with pytest.raises(IllegalSignupTransition):
        activity.cancel_signup(
            signup_id=mine.id, volunteer_id=someone.id, cancel_cut_off=timedelta(0), at=at(1, 5)
        )


@pytest.mark.parametrize("status", [ActivityStatus.FINISHED, ActivityStatus.CANCELLED])
def test_sign_ups_are_not_cancelled_once_the_activity_is_over(status: ActivityStatus) -> None:
    activity = activity_at(status)
    with pytest.raises(ActivityNotOpen):
        activity.cancel_signup(
            signup_id=signup_id(1),
            volunteer_id=volunteer(1).id,
            cancel_cut_off=CUT_OFF,
            at=DEADLINE,
        )


# Promotion from the waitlist (候补转正)


def test_a_cancelled_confirmation_promotes_the_first_waitlisted() -> None:
    activity = published()
    first = volunteer(1)
    mine = sign(activity, first)
    sign(activity, volunteer(2))
    third, fourth = sign(activity, volunteer(3)), sign(activity, volunteer(4))
    activity.take_events()

    activity.cancel_signup(
        signup_id=mine.id, volunteer_id=first.id, cancel_cut_off=CUT_OFF, at=DEADLINE
    )

    assert (third.status, third.promoted_at, third.confirmed_at) == (
        G.CONFIRMED,
        DEADLINE,
        DEADLINE,
    )
    assert fourth.status is G.WAITLISTED
    assert activity.shift(MORNING).waitlist_position(fourth) == 1
    cancelled, promoted = (r.event for r in activity.take_events())
    assert isinstance(cancelled, SignupCancelled)
    assert isinstance(promoted, SignupPromoted)
    assert (promoted.signup_id, promoted.replacing, promoted.signup_status) == (
        third.id,
        mine.id,
        G.CONFIRMED,
    )


def test_the_waitlist_is_promoted_first_in_first_out() -> None:
    activity = published()
    first, second = volunteer(1), volunteer(2)
    places = [sign(activity, first), sign(activity, second)]
    third, fourth = sign(activity, volunteer(3)), sign(activity, volunteer(4))
    activity.cancel_signup(
        signup_id=places[1].id, volunteer_id=second.id, cancel_cut_off=CUT_OFF, at=DEADLINE
    )
    activity.cancel_signup(
        signup_id=places[0].id, volunteer_id=first.id, cancel_cut_off=CUT_OFF, at=DEADLINE
    )
    assert [third.status, fourth.status] == [G.CONFIRMED, G.CONFIRMED]
    promoted = [r.event for r in activity.take_events() if isinstance(r.event, SignupPromoted)]
    assert [e.signup_id for e in promoted] == [third.id, fourth.id]


def test_a_cancelled_waitlist_spot_promotes_nobody() -> None:
    activity = published()
    for n in (1, 2):
        sign(activity, volunteer(n))
    waiting, last = volunteer(3), volunteer(4)
    spot, later = sign(activity, waiting), sign(activity, last)
    activity.take_events()
    activity.cancel_signup(
        signup_id=spot.id, volunteer_id=waiting.id, cancel_cut_off=CUT_OFF, at=DEADLINE
    )
    assert later.status is G.WAITLISTED
    assert activity.shift(MORNING).waitlist_position(later) == 1
    [recorded] = activity.take_events()
    assert isinstance(recorded.event, SignupCancelled)


def test_a_freed_place_with_nobody_waiting_stays_free() -> None:
    activity, someone = published(), volunteer(1)
    mine = sign(activity, someone)
    activity.cancel_signup(
        signup_id=mine.id, volunteer_id=someone.id, cancel_cut_off=CUT_OFF, at=DEADLINE
    )
    assert activity.shift(MORNING).places_left == 2
