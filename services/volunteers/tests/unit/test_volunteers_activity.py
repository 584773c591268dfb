"""An activity is drafted with its shifts, published, run, finished, or cancelled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

import pytest
from volunteers_testing import (
    ACTIVITY_ID,
    AFTERNOON,
    CASE_ID,
    GRID_ID,
    MIDDAY,
    MORNING,
    ORGANISER,
    PLACE,
    activity_at,
    at,
    draft,
    published,
    sign,
    volunteer,
)

from volunteers.domain import (
    Activity,
    ActivityCancelled,
    ActivityCategory,
    ActivityDrafted,
    ActivityEvent,
    ActivityFinished,
    ActivityHasNoShifts,
    ActivityNotDraft,
    ActivityPublished,
    ActivityStatus,
    IllegalActivityTransition,
    InvalidSchedule,
    InvalidShift,
    InvalidText,
    ShiftAdded,
    ShiftNotFound,
    ShiftRemoved,
    ShiftRevised,
    SignupStatus,
)

S = ActivityStatus
MOMENT = at(0, 30)


def test_a_draft_keeps_what_the_organiser_planned() -> None:
    activity = Activity.draft(
        id=ACTIVITY_ID,
        title=" 电梯安全宣传 ",
        description="向居民讲解电梯安全使用常识。",
        category=ActivityCategory.COMMUNITY_SERVICE,
        grid_id=GRID_ID,
        place=PLACE,
        starts_at=at(1),
        ends_at=at(3),
        organiser_id=ORGANISER,
        case_id=CASE_ID,
        required_skills=["public_speaking"],
        at=MOMENT,
    )
    assert (activity.status, activity.title, activity.case_id) == (S.DRAFT, "电梯安全宣传", CASE_ID)
    assert activity.required_skills == {"PUBLIC_SPEAKING"}
    [recorded] = activity.take_events()
    assert recorded.aggregate_type == "activity"
    assert isinstance(recorded.event, ActivityDrafted)
    assert (recorded.event.case_id, recorded.event.by) == (CASE_ID, ORGANISER)


@pytest.mark.parametrize(
    ("starts", "ends"), [(at(3), at(1)), (at(1), at(1))], ids=["before", "equal"]
)
def test_an_activity_ends_after_it_starts(starts: datetime, ends: datetime) -> None:
    with pytest.raises(InvalidSchedule) as refused:
        draft(starts_at=starts, ends_at=ends)
    assert refused.value.code == "ACTIVITY_SCHEDULE_INVALID"


def test_an_activity_needs_a_title_and_a_description() -> None:
    with pytest.raises(InvalidText, match="Title"):
        draft(title="  ")
    with pytest.raises(InvalidText, match="Description"):
        draft(description="")


def test_a_naive_moment_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        draft(starts_at=datetime(2026, 10, 17, 1))


# Shifts (班次), in the draft only


def test_shifts_are_kept_in_order_of_start() -> None:
    activity = draft()
    assert [s.id for s in activity.shifts] == [MORNING, MIDDAY, AFTERNOON]
    assert activity.places == 5


def test_adding_a_shift_records_it() -> None:
    activity = draft()
    shift = activity.add_shift(
        shift_id=UUID(int=9), starts_at=at(7), ends_at=at(8), needed=3, label=" 收尾 ", at=MOMENT
    )
    assert (shift.label, shift.waitlist_limit, shift.required_skills) == ("收尾", 0, frozenset())
    [recorded] = activity.take_events()
    assert isinstance(recorded.event, ShiftAdded)
    assert (recorded.event.shift_id, recorded.event.needed, recorded.event.by) == (
        UUID(int=9),
        3,
        ORGANISER,
    )


@pytest.mark.parametrize(
    ("starts", "ends"),
    [(at(0), at(2)), (at(7), at(9)), (at(3), at(3)), (at(5), at(4))],
    ids=["before-the-activity", "after-the-activity", "empty", "backwards"],
)
def test_a_shift_lies_within_its_activity_and_ends_after_it_starts(
    starts: datetime, ends: datetime
) -> None:
    activity = draft()
    with pytest.raises(InvalidSchedule):
        activity.add_shift(
            shift_id=UUID(int=9), starts_at=starts, ends_at=ends, needed=1, at=MOMENT
        )
    assert len(activity.shifts) == 3
    assert activity.take_events() == []


@pytest.mark.parametrize(
    ("needed", "waitlist_limit"), [(0, 0), (-1, 0), (1, -1), (True, 0)], ids=str
)
def test_a_shift_needs_a_volunteer_or_more_and_no_negative_waitlist(
    needed: int, waitlist_limit: int
) -> None:
    with pytest.raises(InvalidShift) as refused:
        draft().add_shift(
            shift_id=UUID(int=9),
            starts_at=at(1),
            ends_at=at(2),
            needed=needed,
            waitlist_limit=waitlist_limit,
            at=MOMENT,
        )
    assert refused.value.code == "SHIFT_INVALID"


def test_a_shift_id_is_used_once() -> None:
    with pytest.raises(InvalidShift):
        draft().add_shift(shift_id=MORNING, starts_at=at(1), ends_at=at(2), needed=1, at=MOMENT)


def test_a_draft_s_shift_is_revised_and_removed() -> None:
    activity = draft()
    revised = activity.revise_shift(shift_id=MORNING, needed=5, ends_at=at(3), at=MOMENT)
    assert (revised.needed, revised.ends_at, revised.waitlist_limit) == (5, at(3), 2)
    activity.remove_shift(shift_id=MIDDAY, at=MOMENT)
    assert [s.id for s in activity.shifts] == [MORNING, AFTERNOON]
    assert [type(r.event) for r in activity.take_events()] == [ShiftRevised, ShiftRemoved]


def test_a_revised_shift_is_checked_like_a_new_one() -> None:
    activity = draft()
    with pytest.raises(InvalidSchedule):
        activity.revise_shift(shift_id=MORNING, ends_at=at(9), at=MOMENT)
    with pytest.raises(InvalidShift):
        activity.revise_shift(shift_id=MORNING, needed=0, at=MOMENT)
    assert (activity.shift(MORNING).ends_at, activity.shift(MORNING).needed) == (at(4), 2)


def test_an_unknown_shift_is_not_found() -> None:
    with pytest.raises(ShiftNotFound) as refused:
        draft().remove_shift(shift_id=UUID(int=9), at=MOMENT)
    assert refused.value.code == "SHIFT_NOT_FOUND"


def test_a_draft_s_times_must_still_hold_its_shifts() -> None:
    activity = draft()
    with pytest.raises(InvalidSchedule):
        activity.revise(ends_at=at(6), at=MOMENT)
    activity.revise(ends_at=at(7), title="环境整治（上午）", at=MOMENT)
    assert (activity.ends_at, activity.title) == (at(7), "环境整治（上午）")


EDITS: dict[str, Callable[[Activity], object]] = {
    "revise": lambda a: a.revise(title="新标题", at=MOMENT),
    "add_shift": lambda a: a.add_shift(
        shift_id=UUID(int=9), starts_at=at(7), ends_at=at(8), needed=1, at=MOMENT
    ),
    "revise_shift": lambda a: a.revise_shift(shift_id=MORNING, needed=3, at=MOMENT),
    "remove_shift": lambda a: a.remove_shift(shift_id=MORNING, at=MOMENT),
}


@pytest.mark.parametrize(
    ("edit", "status"),
    [
        pytest.param(edit, status, id=f"{edit}-when-{status.value}")
        for edit in EDITS
        for status in S
        if status is not S.DRAFT
    ],
)
def test_an_activity_and_its_shifts_are_edited_only_while_a_draft(
    edit: str, status: ActivityStatus
) -> None:
    activity = activity_at(status)
    shifts = [(s.id, s.needed) for s in activity.shifts]
    with pytest.raises(ActivityNotDraft) as refused:
        EDITS[edit](activity)
    assert refused.value.code == "ACTIVITY_NOT_DRAFT"
    assert [(s.id, s.needed) for s in activity.shifts] == shifts
    assert activity.take_events() == []


# The activity's steps

Step = Callable[[Activity], object]

STEPS: dict[str, tuple[frozenset[ActivityStatus], ActivityStatus, Step]] = {
    "publish": (frozenset({S.DRAFT}), S.PUBLISHED, lambda a: a.publish(by=ORGANISER, at=MOMENT)),
    "start": (frozenset({S.PUBLISHED}), S.ONGOING, lambda a: a.start(at=MOMENT)),
    "finish": (frozenset({S.ONGOING}), S.FINISHED, lambda a: a.finish(by=ORGANISER, at=MOMENT)),
    "cancel": (
        frozenset({S.DRAFT, S.PUBLISHED, S.ONGOING}),
        S.CANCELLED,
        lambda a: a.cancel(by=ORGANISER, reason="暴雨预警", at=MOMENT),
    ),
}


PAST = {"publish": "published", "start": "started", "finish": "finished", "cancel": "cancelled"}


@pytest.mark.parametrize(
    ("name", "status"),
    [
        pytest.param(name, status, id=f"{name}-from-{status.value}")
        for name, (allowed, _, _) in STEPS.items()
        for status in S
        if status in allowed
    ],
)
def test_an_activity_step_from_where_it_is_allowed_records_one_event(
    name: str, status: ActivityStatus
) -> None:
    _, leads_to, step = STEPS[name]
    activity = activity_at(status)
    version = activity.version
    step(activity)
    assert activity.status is leads_to
    [recorded] = activity.take_events()
    assert recorded.version == version + 1
    assert isinstance(recorded.event, ActivityEvent)
    assert (recorded.event.status, recorded.event.at) == (leads_to, MOMENT)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        pytest.param(name, status, id=f"{name}-from-{status.value}")
        for name, (allowed, _, _) in STEPS.items()
        for status in S
        if status not in allowed
    ],
)
def test_an_activity_step_from_anywhere_else_is_an_illegal_transition_that_changes_nothing(
    name: str, status: ActivityStatus
) -> None:
    allowed, leads_to, step = STEPS[name]
    activity = activity_at(status)
    before: dict[str, Any] = {"status": activity.status, "version": activity.version}
    with pytest.raises(IllegalActivityTransition) as refused:
        step(activity)
    assert refused.value.code == "ACTIVITY_ILLEGAL_TRANSITION"
    assert refused.value.details == {
        "from": status.value,
        "to": leads_to.value,
        "action": PAST[name],
    }
    assert f"is {status.label}" in refused.value.message
    assert all(needed.value in refused.value.message for needed in allowed)
    assert {"status": activity.status, "version": activity.version} == before
    assert activity.take_events() == []


def test_the_refusal_says_where_the_activity_stands_and_what_the_step_needs() -> None:
    with pytest.raises(IllegalActivityTransition) as refused:
        activity_at(S.FINISHED).start(at=MOMENT)
    assert refused.value.message == (
        "Activity '香溢紫郡小区环境整治' is finished (已结束); it cannot be started from there "
        "(that needs PUBLISHED)"
    )
    assert refused.value.details == {"from": "FINISHED", "to": "ONGOING", "action": "started"}


def test_every_status_is_reachable_for_these_tests() -> None:
    assert {activity_at(status).status for status in S} == set(S)


def test_an_activity_without_shifts_is_not_published() -> None:
    activity = draft()
    for shift in list(activity.shifts):
        activity.remove_shift(shift_id=shift.id, at=MOMENT)
    activity.take_events()
    with pytest.raises(ActivityHasNoShifts) as refused:
        activity.publish(by=ORGANISER, at=MOMENT)
    assert refused.value.code == "ACTIVITY_HAS_NO_SHIFTS"
    assert activity.status is S.DRAFT


def test_publishing_announces_the_places_and_the_case_it_answers() -> None:
    activity = draft(case_id=CASE_ID)
    event = activity.publish(by=ORGANISER, at=MOMENT)
    assert isinstance(event, ActivityPublished)
    assert (event.places, event.case_id, activity.published_at) == (5, CASE_ID, MOMENT)


def test_cancelling_says_why_and_takes_the_open_sign_ups_with_it() -> None:
    activity = published()
    first, second, third = volunteer(1), volunteer(2), volunteer(3)
    for someone in (first, second, third):
        sign(activity, someone)
    activity.take_events()

    event = activity.cancel(by=ORGANISER, reason="台风预警", at=at(0, day=date(2026, 10, 16)))

    assert isinstance(event, ActivityCancelled)
    assert (event.reason, event.cancelled_from) == ("台风预警", S.PUBLISHED)
    assert event.volunteer_ids == (first.id, second.id, third.id)
    assert {s.status for s in activity.signups} == {SignupStatus.CANCELLED}
    assert (activity.cancel_reason, activity.status) == ("台风预警", S.CANCELLED)


def test_cancelling_needs_a_reason() -> None:
    activity = published()
    with pytest.raises(InvalidText):
        activity.cancel(by=ORGANISER, reason="  ", at=MOMENT)
    assert activity.status is S.PUBLISHED


def test_finishing_counts_the_volunteers_who_served() -> None:
    activity = activity_at(S.ONGOING)
    first, second = volunteer(1), volunteer(2)
    for someone in (first, second):
        sign(activity, someone)
    activity.check_in(signup_id=activity.signups[0].id, by=ORGANISER, at=at(1))
    activity.check_out(signup_id=activity.signups[0].id, by=ORGANISER, at=at(4))
    event = activity.finish(by=ORGANISER, at=at(8))
    assert isinstance(event, ActivityFinished)
    assert event.served == 1
