"""Extensions (延期) go up the chain; suspension (挂账) stops the clock and gives the days back."""

from __future__ import annotations

from datetime import date

import pytest
from cases_testing import (
    CALENDAR,
    COMMUNITY_OFFICER,
    DISTRICT_OFFICER,
    DUE_ON,
    MAINTAINER,
    OTHER_WORKER,
    SUBDISTRICT_OFFICER,
    SUPERVISOR,
    WORKER,
    at,
    case_at,
)

from cases.domain import (
    Actor,
    Case,
    CaseAction,
    CaseResumed,
    CaseStatus,
    CaseSuspended,
    ExtensionAlreadyPending,
    ExtensionApproved,
    ExtensionNeedsHigherLevel,
    ExtensionRejected,
    ExtensionRequested,
    ExtensionStatus,
    InvalidExtensionDays,
    InvalidText,
    Level,
    NoPendingExtension,
    required_approver_level,
)

S = CaseStatus
DAY = date(2026, 10, 9)


def _request(case: Case, days: int = 3) -> ExtensionRequested:
    return case.request_extension(actor=MAINTAINER, days=days, reason="等待进口配件", at=at(DAY))


def _approve(case: Case, approver: Actor) -> ExtensionApproved:
    return case.approve_extension(actor=approver, calendar=CALENDAR, at=at(DAY, 15))


def test_an_approved_extension_moves_the_due_date_by_working_days() -> None:
    case = case_at(S.IN_PROGRESS)
    requested = _request(case, days=3)
    assert (requested.sequence, requested.days, requested.reason) == (1, 3, "等待进口配件")
    assert case.pending_extension is not None
    assert case.due_on == DUE_ON
    approved = case.approve_extension(
        actor=WORKER, calendar=CALENDAR, at=at(DAY, 15), note="同意延期三个工作日"
    )
    assert (case.due_on, approved.previous_due_on, approved.due_on) == (
        date(2026, 10, 16),
        DUE_ON,
        date(2026, 10, 16),
    )
    [extension] = case.extensions
    assert (extension.status, extension.decided_by, extension.decision_note) == (
        ExtensionStatus.APPROVED,
        WORKER,
        "同意延期三个工作日",
    )
    assert case.is_extended
    assert case.pending_extension is None
    assert [e.action for e in case.timeline[-2:]] == [
        CaseAction.EXTENSION_REQUESTED,
        CaseAction.EXTENSION_APPROVED,
    ]
    assert case.timeline[-1].details == {"due_on": "2026-10-16", "previous_due_on": "2026-10-13"}


def test_a_rejected_extension_leaves_the_due_date_and_needs_a_reason() -> None:
    case = case_at(S.DISPATCHED)
    _request(case)
    with pytest.raises(InvalidText):
        case.reject_extension(actor=COMMUNITY_OFFICER, reason="", at=at(DAY, 15))
    event = case.reject_extension(actor=COMMUNITY_OFFICER, reason="配件可本地采购", at=at(DAY, 15))
    assert isinstance(event, ExtensionRejected)
    assert (case.due_on, case.extensions[0].status, case.is_extended) == (
        DUE_ON,
        ExtensionStatus.REJECTED,
        False,
    )
    assert case.timeline[-1].note == "配件可本地采购"


def test_one_request_waits_at_a_time() -> None:
    case = case_at(S.IN_PROGRESS)
    _request(case)
    with pytest.raises(ExtensionAlreadyPending) as refused:
        _request(case, days=5)
    assert refused.value.details == {"sequence": 1}
    case.reject_extension(actor=COMMUNITY_OFFICER, reason="不同意", at=at(DAY, 15))
    assert _request(case, days=5).sequence == 2


@pytest.mark.parametrize("days", [0, 31, -1, True])
def test_an_extension_asks_for_one_to_thirty_working_days(days: int) -> None:
    case = case_at(S.IN_PROGRESS)
    with pytest.raises(InvalidExtensionDays):
        _request(case, days=days)
    assert case.extensions == []


@pytest.mark.parametrize("days", [1, 30])
def test_the_bounds_of_an_extension_are_allowed(days: int) -> None:
    assert _request(case_at(S.IN_PROGRESS), days=days).days == days


def test_an_extension_has_a_reason() -> None:
    case = case_at(S.IN_PROGRESS)
    with pytest.raises(InvalidText):
        case.request_extension(actor=MAINTAINER, days=2, reason="  ", at=at(DAY))


def test_there_must_be_a_request_to_decide() -> None:
    case = case_at(S.IN_PROGRESS)
    with pytest.raises(NoPendingExtension) as refused:
        _approve(case, DISTRICT_OFFICER)
    assert refused.value.code == "CASE_NO_PENDING_EXTENSION"
    with pytest.raises(NoPendingExtension):
        case.reject_extension(actor=DISTRICT_OFFICER, reason="不同意", at=at(DAY))
    _request(case)
    case.reject_extension(actor=DISTRICT_OFFICER, reason="不同意", at=at(DAY))
    with pytest.raises(NoPendingExtension):
        _approve(case, DISTRICT_OFFICER)


def test_the_first_extension_is_approved_at_the_cases_level_or_above() -> None:
    case = case_at(S.IN_PROGRESS)
    case.escalate(actor=WORKER, reason="网格无法解决", at=at(DAY, 8))
    _request(case)
    with pytest.raises(ExtensionNeedsHigherLevel) as refused:
        _approve(case, OTHER_WORKER)
    assert refused.value.code == "CASE_EXTENSION_NEEDS_HIGHER_LEVEL"
    assert refused.value.details == {"required_level": "COMMUNITY", "approver_level": "GRID"}
    assert case.pending_extension is not None
    assert case.due_on == DUE_ON
    _approve(case, COMMUNITY_OFFICER)
    assert case.is_extended


@pytest.mark.parametrize("approver", [MAINTAINER], ids=["department-handler"])
def test_someone_outside_the_chain_approves_nothing(approver: Actor) -> None:
    case = case_at(S.IN_PROGRESS)
    _request(case)
    with pytest.raises(ExtensionNeedsHigherLevel) as refused:
        _approve(case, approver)
    assert refused.value.details == {"required_level": "GRID", "approver_level": ""}


def test_a_second_extension_needs_someone_above_the_first_approver() -> None:
    case = case_at(S.IN_PROGRESS)
    _request(case)
    _approve(case, COMMUNITY_OFFICER)
    _request(case, days=2)
    for too_low in (WORKER, COMMUNITY_OFFICER):
        with pytest.raises(ExtensionNeedsHigherLevel) as refused:
            _approve(case, too_low)
        assert refused.value.details["required_level"] == "SUBDISTRICT"
    assert "approved by 王芳 at the community (社区)" in refused.value.message
    _approve(case, SUBDISTRICT_OFFICER)
    assert case.due_on == date(2026, 10, 20)
    assert [e.decided_by for e in case.extensions] == [COMMUNITY_OFFICER, SUBDISTRICT_OFFICER]


def test_a_rejected_request_does_not_raise_the_bar() -> None:
    case = case_at(S.IN_PROGRESS)
    _request(case)
    case.reject_extension(actor=DISTRICT_OFFICER, reason="不同意", at=at(DAY, 15))
    _request(case)
    _approve(case, WORKER)
    assert case.is_extended


def test_after_a_district_approval_no_one_approves_another() -> None:
    case = case_at(S.IN_PROGRESS)
    _request(case)
    _approve(case, SUPERVISOR)
    _request(case)
    with pytest.raises(ExtensionNeedsHigherLevel) as refused:
        _approve(case, DISTRICT_OFFICER)
    assert refused.value.details == {"required_level": "", "approver_level": "DISTRICT"}


@pytest.mark.parametrize(
    ("case_level", "previous", "required"),
    [
        (Level.GRID, None, Level.GRID),
        (Level.SUBDISTRICT, None, Level.SUBDISTRICT),
        (Level.GRID, Level.GRID, Level.COMMUNITY),
        (Level.DISTRICT, Level.COMMUNITY, Level.DISTRICT),
        (Level.GRID, Level.DISTRICT, None),
    ],
)
def test_the_required_level_rises_with_each_approval(
    case_level: Level, previous: Level | None, required: Level | None
) -> None:
    assert required_approver_level(case_level, previous) is required


# Suspension (挂账)


def test_suspending_keeps_the_working_days_left() -> None:
    case = case_at(S.IN_PROGRESS)
    event = case.suspend(
        actor=SUBDISTRICT_OFFICER,
        reason="等待电梯更新资金",
        calendar=CALENDAR,
        at=at(DAY),
        today=DAY,
    )
    # After Friday 9 October: Saturday 10th (worked), Monday 12th, Tuesday 13th.
    assert isinstance(event, CaseSuspended)
    assert (case.status, case.suspended_days_left, case.suspended_from) == (
        S.SUSPENDED,
        3,
        S.IN_PROGRESS,
    )
    assert (event.days_left, event.suspended_from, event.reason) == (
        3,
        S.IN_PROGRESS,
        "等待电梯更新资金",
    )
    assert not case.is_overdue(date(2026, 12, 1))


def test_resuming_gives_the_days_left_back_from_today() -> None:
    case = case_at(S.SUSPENDED)
    event = case.resume(
        actor=SUBDISTRICT_OFFICER,
        calendar=CALENDAR,
        at=at(date(2026, 11, 2)),
        today=date(2026, 11, 2),
    )
    assert isinstance(event, CaseResumed)
    assert (case.status, case.due_on, event.days_left) == (S.IN_PROGRESS, date(2026, 11, 5), 3)
    assert (case.suspended_days_left, case.suspended_from) == (None, None)
    assert case.timeline[-1].details == {"due_on": "2026-11-05", "days_left": "3"}


def test_a_case_suspended_while_dispatched_goes_back_to_dispatched() -> None:
    case = case_at(S.DISPATCHED)
    case.suspend(
        actor=SUBDISTRICT_OFFICER, reason="等待资金", calendar=CALENDAR, at=at(DAY), today=DAY
    )
    case.resume(actor=SUBDISTRICT_OFFICER, calendar=CALENDAR, at=at(DAY, 16), today=DAY)
    assert (case.status, case.due_on) == (S.DISPATCHED, DUE_ON)


def test_a_case_suspended_when_overdue_is_due_the_day_it_resumes() -> None:
    case = case_at(S.IN_PROGRESS)
    day = date(2026, 10, 20)
    case.suspend(
        actor=SUBDISTRICT_OFFICER, reason="等待资金", calendar=CALENDAR, at=at(day), today=day
    )
    assert case.suspended_days_left == 0
    case.resume(
        actor=SUBDISTRICT_OFFICER,
        calendar=CALENDAR,
        at=at(date(2026, 11, 2)),
        today=date(2026, 11, 2),
    )
    assert case.due_on == date(2026, 11, 2)
    assert not case.is_overdue(date(2026, 11, 2))
    assert case.is_overdue(date(2026, 11, 3))


def test_suspension_needs_a_reason() -> None:
    case = case_at(S.IN_PROGRESS)
    with pytest.raises(InvalidText):
        case.suspend(actor=SUBDISTRICT_OFFICER, reason="", calendar=CALENDAR, at=at(DAY), today=DAY)
    assert case.status is S.IN_PROGRESS
