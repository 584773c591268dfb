"""Check-in and check-out by the organiser or by a one-time code, and no-shows."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest
from volunteers_testing import MORNING, ORGANISER, STRANGER, activity_at, at, sign, volunteer

from volunteers.domain import (
    Activity,
    ActivityStatus,
    AttendanceClosed,
    CheckedIn,
    CheckedOut,
    CheckInCodeIssued,
    CheckInCodeUsed,
    CheckMethod,
    CheckOutBeforeCheckIn,
    IllegalSignupTransition,
    InvalidCheckInCode,
    NoShowRecorded,
    NotTheOrganiser,
    NotYourSignup,
    ShiftNotOver,
    Signup,
    SignupNotFound,
    SignupStatus,
    Volunteer,
)

G = SignupStatus


def ongoing_with(*numbers: int) -> tuple[Activity, list[Volunteer], list[Signup]]:
    """The activity under way, with volunteers ``numbers`` signed up for the morning."""
    activity = activity_at(ActivityStatus.PUBLISHED)
    people = [volunteer(n) for n in numbers]
    signups = [sign(activity, someone) for someone in people]
    activity.start(at=at(0, 50))
    activity.take_events()
    return activity, people, signups


# By the organiser


def test_the_organiser_checks_a_volunteer_in_and_out_and_the_hours_follow() -> None:
    activity, _, [mine] = ongoing_with(1)

    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(1, 2))
    activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(3, 59))

    assert mine.status is G.CHECKED_OUT
    assert (mine.checked_in_by, mine.check_in_method) == (ORGANISER, CheckMethod.ORGANISER)
    assert (mine.checked_in_at, mine.checked_out_at) == (at(1, 2), at(3, 59))
    assert mine.hours == Decimal("3.0")
    checked_in, checked_out = (r.event for r in activity.take_events())
    assert isinstance(checked_in, CheckedIn)
    assert isinstance(checked_out, CheckedOut)
    assert (checked_out.hours, checked_out.checked_in_at, checked_out.method) == (
        Decimal("3.0"),
        at(1, 2),
        CheckMethod.ORGANISER,
    )


def test_only_the_organiser_checks_volunteers_in_on_their_list() -> None:
    activity, _, [mine] = ongoing_with(1)
    with pytest.raises(NotTheOrganiser) as refused:
        activity.check_in(signup_id=mine.id, by=STRANGER, at=at(1))
    assert refused.value.code == "ACTIVITY_NOT_ORGANISER"
    assert "only its organiser may check volunteers in" in refused.value.message
    assert mine.status is G.CONFIRMED
    assert activity.take_events() == []


def test_only_the_organiser_checks_volunteers_out_on_their_list() -> None:
    activity, _, [mine] = ongoing_with(1)
    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(1))
    with pytest.raises(NotTheOrganiser):
        activity.check_out(signup_id=mine.id, by=STRANGER, at=at(4))
    assert mine.status is G.CHECKED_IN


@pytest.mark.parametrize(
    "status",
    [ActivityStatus.PUBLISHED, ActivityStatus.FINISHED, ActivityStatus.CANCELLED],
)
def test_volunteers_check_in_only_while_the_activity_is_ongoing(status: ActivityStatus) -> None:
    activity = activity_at(ActivityStatus.PUBLISHED)
    mine = sign(activity, volunteer(1))
    if status is ActivityStatus.FINISHED:
        activity.start(at=at(0, 50))
        activity.finish(at=at(8))
    if status is ActivityStatus.CANCELLED:
        activity.start(at=at(0, 50))
        activity.cancel(by=ORGANISER, reason="暴雨", at=at(0, 55))
    with pytest.raises(AttendanceClosed) as refused:
        activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(1))
    assert refused.value.code == "ACTIVITY_ATTENDANCE_CLOSED"
    assert "ONGOING" in refused.value.message


def test_a_volunteer_checked_in_is_checked_out_after_the_activity_finished() -> None:
    activity, _, [mine] = ongoing_with(1)
    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(1))
    activity.finish(at=at(8))
    activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(8, 5))
    assert mine.status is G.CHECKED_OUT


def test_a_check_out_before_the_check_in_is_refused() -> None:
    activity, _, [mine] = ongoing_with(1)
    with pytest.raises(CheckOutBeforeCheckIn) as refused:
        activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(4))
    assert refused.value.code == "CHECK_OUT_BEFORE_CHECK_IN"
    assert "has not checked in" in refused.value.message
    assert mine.status is G.CONFIRMED


def test_a_check_out_dated_before_the_check_in_is_refused() -> None:
    activity, _, [mine] = ongoing_with(1)
    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(2))
    with pytest.raises(CheckOutBeforeCheckIn):
        activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(1, 59))
    assert mine.status is G.CHECKED_IN


def test_a_waitlisted_volunteer_does_not_check_in() -> None:
    activity, _, signups = ongoing_with(1, 2, 3)
    with pytest.raises(IllegalSignupTransition) as refused:
        activity.check_in(signup_id=signups[2].id, by=ORGANISER, at=at(1))
    assert refused.value.details["from"] == "WAITLISTED"


def test_a_volunteer_checks_in_once_and_out_once() -> None:
    activity, _, [mine] = ongoing_with(1)
    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(1))
    with pytest.raises(IllegalSignupTransition):
        activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(1, 5))
    activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(4))
    with pytest.raises(IllegalSignupTransition):
        activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(4, 5))
    assert mine.checked_out_at == at(4)


def test_an_unknown_sign_up_is_not_found() -> None:
    activity, _, _ = ongoing_with(1)
    with pytest.raises(SignupNotFound) as refused:
        activity.check_in(signup_id=UUID(int=9), by=ORGANISER, at=at(1))
    assert refused.value.code == "SIGNUP_NOT_FOUND"


# By a one-time code (签到码)


def test_a_volunteer_checks_in_with_the_code_issued_for_their_sign_up() -> None:
    activity, [someone], [mine] = ongoing_with(1)
    code = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 58))

    activity.check_in_with_code(signup_id=mine.id, code=code, at=at(1))

    assert (mine.status, mine.check_in_method) == (G.CHECKED_IN, CheckMethod.CODE)
    assert (mine.checked_in_by, mine.code_used_at) == (someone.person_id, at(1))
    issued, checked_in = (r.event for r in activity.take_events())
    assert isinstance(issued, CheckInCodeIssued)
    assert isinstance(checked_in, CheckedIn)
    assert code not in repr(issued)


def test_only_the_code_s_hash_is_kept() -> None:
    activity, [someone], [mine] = ongoing_with(1)
    code = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 58))
    assert mine.code_hash is not None
    assert len(mine.code_hash) == 64
    assert code not in mine.code_hash
    assert code not in repr(mine)


def test_a_used_code_cannot_be_used_again() -> None:
    activity, [someone], [mine] = ongoing_with(1)
    code = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 58))
    activity.check_in_with_code(signup_id=mine.id, code=code, at=at(1))
    with pytest.raises(CheckInCodeUsed) as refused:
        activity.check_out_with_code(signup_id=mine.id, code=code, at=at(4))
    assert refused.value.code == "SIGNUP_CODE_USED"
    assert mine.status is G.CHECKED_IN


def test_a_new_code_checks_the_volunteer_out() -> None:
    activity, [someone], [mine] = ongoing_with(1)
    activity.check_in_with_code(
        signup_id=mine.id,
        code=activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 58)),
        at=at(1),
    )
    code = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(3, 55))
    activity.check_out_with_code(signup_id=mine.id, code=code.lower(), at=at(4))
    assert (mine.status, mine.check_out_method, mine.hours) == (
        G.CHECKED_OUT,
        CheckMethod.CODE,
        Decimal("3.0"),
    )


def test_a_wrong_code_is_refused_and_the_right_one_still_works() -> None:
    activity, [someone], [mine] = ongoing_with(1)
    code = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 58))
    wrong = "22222222" if code != "22222222" else "33333333"
    with pytest.raises(InvalidCheckInCode) as refused:
        activity.check_in_with_code(signup_id=mine.id, code=wrong, at=at(1))
    assert refused.value.code == "SIGNUP_CODE_INVALID"
    assert (mine.status, mine.code_used_at) == (G.CONFIRMED, None)
    activity.check_in_with_code(signup_id=mine.id, code=code, at=at(1, 1))
    assert mine.status is G.CHECKED_IN


def test_without_a_code_issued_no_code_checks_in() -> None:
    activity, _, [mine] = ongoing_with(1)
    with pytest.raises(InvalidCheckInCode):
        activity.check_in_with_code(signup_id=mine.id, code="K7M2QX9D", at=at(1))


def test_a_code_issued_again_replaces_the_one_before() -> None:
    activity, [someone], [mine] = ongoing_with(1)
    old = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 55))
    new = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 58))
    if old != new:
        with pytest.raises(InvalidCheckInCode):
            activity.check_in_with_code(signup_id=mine.id, code=old, at=at(1))
    activity.check_in_with_code(signup_id=mine.id, code=new, at=at(1))
    assert mine.status is G.CHECKED_IN


def test_one_volunteer_s_code_does_not_fit_another_s_sign_up() -> None:
    activity, [first, _], [mine, theirs] = ongoing_with(1, 2)
    code = activity.issue_code(signup_id=mine.id, volunteer_id=first.id, at=at(0, 58))
    with pytest.raises(InvalidCheckInCode):
        activity.check_in_with_code(signup_id=theirs.id, code=code, at=at(1))


def test_a_code_is_issued_only_to_the_sign_up_s_own_volunteer() -> None:
    activity, [_, other], [mine, _] = ongoing_with(1, 2)
    with pytest.raises(NotYourSignup):
        activity.issue_code(signup_id=mine.id, volunteer_id=other.id, at=at(0, 58))
    assert mine.code_hash is None


def test_a_waitlisted_sign_up_gets_no_code() -> None:
    activity, people, signups = ongoing_with(1, 2, 3)
    with pytest.raises(IllegalSignupTransition):
        activity.issue_code(signup_id=signups[2].id, volunteer_id=people[2].id, at=at(0, 58))


def test_a_code_refused_for_the_activity_s_status_is_not_used_up() -> None:
    activity = activity_at(ActivityStatus.PUBLISHED)
    someone = volunteer(1)
    mine = sign(activity, someone)
    code = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 30))
    with pytest.raises(AttendanceClosed):
        activity.check_in_with_code(signup_id=mine.id, code=code, at=at(0, 40))
    activity.start(at=at(0, 50))
    activity.check_in_with_code(signup_id=mine.id, code=code, at=at(1))
    assert mine.status is G.CHECKED_IN


def test_no_code_is_issued_on_a_draft_or_a_cancelled_activity() -> None:
    activity = activity_at(ActivityStatus.CANCELLED)
    with pytest.raises(AttendanceClosed):
        activity.issue_code(signup_id=UUID(int=1), volunteer_id=UUID(int=2), at=at(0))


# No-shows (缺席)


def test_confirmed_volunteers_without_a_check_in_are_no_shows_once_the_shift_ends() -> None:
    activity, _, [came, stayed_away, waiting] = ongoing_with(1, 2, 3)
    activity.check_in(signup_id=came.id, by=ORGANISER, at=at(1))
    activity.take_events()

    marked = activity.record_no_shows(shift_id=MORNING, at=at(4))

    assert marked == [stayed_away]
    assert (stayed_away.status, stayed_away.no_show_at) == (G.NO_SHOW, at(4))
    assert (came.status, waiting.status) == (G.CHECKED_IN, G.WAITLISTED)
    [recorded] = activity.take_events()
    assert isinstance(recorded.event, NoShowRecorded)
    assert recorded.event.signup_id == stayed_away.id


def test_no_shows_are_not_recorded_before_the_shift_ends() -> None:
    activity, _, [mine] = ongoing_with(1)
    with pytest.raises(ShiftNotOver) as refused:
        activity.record_no_shows(shift_id=MORNING, at=at(3, 59, 59))
    assert refused.value.code == "SHIFT_NOT_OVER"
    assert mine.status is G.CONFIRMED


def test_no_shows_are_recorded_once() -> None:
    activity, _, _ = ongoing_with(1)
    assert len(activity.record_no_shows(shift_id=MORNING, at=at(4))) == 1
    assert activity.record_no_shows(shift_id=MORNING, at=at(5)) == []


def test_no_shows_are_recorded_after_the_activity_finished_too() -> None:
    activity, _, [mine] = ongoing_with(1)
    activity.finish(at=at(8))
    activity.record_no_shows(shift_id=MORNING, at=at(9))
    assert mine.status is G.NO_SHOW


def test_no_shows_are_not_recorded_for_an_activity_that_never_started() -> None:
    activity = activity_at(ActivityStatus.PUBLISHED)
    with pytest.raises(AttendanceClosed):
        activity.record_no_shows(shift_id=MORNING, at=at(5))


def test_a_no_show_does_not_check_in_late() -> None:
    activity, _, [mine] = ongoing_with(1)
    activity.record_no_shows(shift_id=MORNING, at=at(4))
    with pytest.raises(IllegalSignupTransition):
        activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(4, 5))


def test_a_no_show_keeps_its_place_taken() -> None:
    activity, _, _ = ongoing_with(1, 2)
    activity.record_no_shows(shift_id=MORNING, at=at(4))
    assert activity.shift(MORNING).places_left == 0


def test_handlers_ask_the_activity_whether_someone_is_its_organiser() -> None:
    activity, _, _ = ongoing_with(1)
    activity.require_organiser(ORGANISER, "publish it")
    with pytest.raises(NotTheOrganiser) as refused:
        activity.require_organiser(STRANGER, "publish it")
    assert refused.value.message.endswith("only its organiser may publish it")
