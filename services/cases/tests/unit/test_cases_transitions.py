"""Each step is allowed from some statuses and refused from the rest, changing nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from cases_testing import (
    BUREAU_ID,
    CALENDAR,
    DISTRICT_OFFICER,
    ELEVATOR,
    EVIDENCE,
    MAINTAINER,
    SUBDISTRICT_OFFICER,
    SUPERVISOR,
    WORKER,
    at,
    case_at,
    report,
)

from cases.domain import (
    Assignee,
    Case,
    CaseAction,
    CaseEvent,
    CaseNumber,
    CaseStatus,
    DepartmentRef,
    IllegalTransition,
    Satisfaction,
)

S = CaseStatus
DAY = date(2026, 10, 9)
MOMENT = at(DAY, 11)
Step = Callable[[Case], object]


def _merge(case: Case) -> object:
    return case.merge_into(report(number=CaseNumber(2026, 7)), actor=WORKER, at=MOMENT)


STEPS: dict[str, tuple[frozenset[CaseStatus], CaseStatus | None, Step]] = {
    # name: (statuses it is taken from, status it leads to (None: stays), the step)
    "accept": (frozenset({S.REPORTED}), S.ACCEPTED, lambda c: c.accept(actor=WORKER, at=MOMENT)),
    "reject": (
        frozenset({S.REPORTED}),
        S.REJECTED,
        lambda c: c.reject(actor=WORKER, reason="重复", at=MOMENT),
    ),
    "dispatch": (
        frozenset({S.ACCEPTED, S.RETURNED}),
        S.DISPATCHED,
        lambda c: c.dispatch(
            actor=WORKER,
            assignees=[Assignee.department(BUREAU_ID, "区市场监管局")],
            category=ELEVATOR,
            calendar=CALENDAR,
            at=MOMENT,
            today=DAY,
        ),
    ),
    "dispatch_more": (
        frozenset({S.DISPATCHED, S.IN_PROGRESS}),
        None,
        lambda c: c.dispatch_more(
            actor=WORKER, assignees=[Assignee.department(BUREAU_ID, "区市场监管局")], at=MOMENT
        ),
    ),
    "return_": (
        frozenset({S.DISPATCHED}),
        S.RETURNED,
        lambda c: c.return_(
            actor=MAINTAINER,
            reason="非本单位",
            calendar=CALENDAR,
            at=MOMENT,
            today=date(2026, 10, 8),
        ),
    ),
    "start": (
        frozenset({S.DISPATCHED}),
        S.IN_PROGRESS,
        lambda c: c.start(actor=MAINTAINER, at=MOMENT),
    ),
    "resolve": (
        frozenset({S.IN_PROGRESS}),
        S.RESOLVED,
        lambda c: c.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=MOMENT),
    ),
    "verify passed": (
        frozenset({S.RESOLVED}),
        S.VERIFIED,
        lambda c: c.verify(actor=WORKER, passed=True, at=MOMENT),
    ),
    "verify failed": (
        frozenset({S.RESOLVED}),
        S.IN_PROGRESS,
        lambda c: c.verify(actor=WORKER, passed=False, note="噪声仍超标", at=MOMENT),
    ),
    "close satisfied": (
        frozenset({S.VERIFIED}),
        S.CLOSED,
        lambda c: c.close(actor=WORKER, satisfaction=Satisfaction.SATISFIED, at=MOMENT, today=DAY),
    ),
    "close dissatisfied": (
        frozenset({S.VERIFIED}),
        S.IN_PROGRESS,
        lambda c: c.close(
            actor=WORKER,
            satisfaction=Satisfaction.DISSATISFIED,
            note="夜间仍有异响",
            at=MOMENT,
            today=DAY,
        ),
    ),
    "reopen": (
        frozenset({S.CLOSED}),
        S.IN_PROGRESS,
        lambda c: c.reopen(
            actor=WORKER, reason="复查未通过", calendar=CALENDAR, at=MOMENT, today=DAY
        ),
    ),
    "request_extension": (
        frozenset({S.DISPATCHED, S.IN_PROGRESS}),
        None,
        lambda c: c.request_extension(actor=MAINTAINER, days=3, reason="等待配件", at=MOMENT),
    ),
    "approve_extension": (
        frozenset({S.DISPATCHED, S.IN_PROGRESS}),
        None,
        lambda c: c.approve_extension(actor=DISTRICT_OFFICER, calendar=CALENDAR, at=MOMENT),
    ),
    "reject_extension": (
        frozenset({S.DISPATCHED, S.IN_PROGRESS}),
        None,
        lambda c: c.reject_extension(actor=DISTRICT_OFFICER, reason="理由不足", at=MOMENT),
    ),
    "suspend": (
        frozenset({S.DISPATCHED, S.IN_PROGRESS}),
        S.SUSPENDED,
        lambda c: c.suspend(
            actor=SUBDISTRICT_OFFICER, reason="等待资金", calendar=CALENDAR, at=MOMENT, today=DAY
        ),
    ),
    "resume": (
        frozenset({S.SUSPENDED}),
        S.IN_PROGRESS,
        lambda c: c.resume(actor=SUBDISTRICT_OFFICER, calendar=CALENDAR, at=MOMENT, today=DAY),
    ),
    "escalate": (
        frozenset({S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS}),
        None,
        lambda c: c.escalate(actor=WORKER, reason="网格无法解决", at=MOMENT),
    ),
    "hold_joint_meeting": (
        frozenset({S.DISPATCHED, S.IN_PROGRESS}),
        None,
        lambda c: c.hold_joint_meeting(
            actor=SUBDISTRICT_OFFICER,
            held_on=DAY,
            participants=["街道城管办 李明"],
            departments=[DepartmentRef(ref=str(BUREAU_ID), name="区市场监管局")],
            minutes="会商电梯更新方案",
            at=MOMENT,
        ),
    ),
    "order_supervision": (
        frozenset({S.DISPATCHED, S.IN_PROGRESS, S.RESOLVED, S.VERIFIED}),
        None,
        lambda c: c.order_supervision(
            actor=SUPERVISOR, reason="超期未办结", at=MOMENT, today=date(2026, 10, 20)
        ),
    ),
    "merge_into": (frozenset({S.REPORTED, S.ACCEPTED, S.DISPATCHED}), S.MERGED, _merge),
}

ILLEGAL = [
    pytest.param(name, status, id=f"{name}-from-{status.value}")
    for name, (allowed, _, _) in STEPS.items()
    for status in CaseStatus
    if status not in allowed
]


def _prepare(name: str, case: Case) -> None:
    """What a step needs besides its status, so the legal ones can be taken."""
    if name in ("approve_extension", "reject_extension"):
        case.request_extension(actor=MAINTAINER, days=3, reason="等待配件", at=at(DAY, 8))
    if name == "hold_joint_meeting":
        case.escalate(actor=WORKER, reason="网格无法解决", at=at(DAY, 8))
        case.escalate(actor=WORKER, reason="社区无法解决", at=at(DAY, 8, 30))
    if name == "order_supervision" and case.status is S.RESOLVED:
        case.verify(actor=WORKER, passed=False, note="噪声超标", at=at(DAY, 8))
        case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(DAY, 8, 10))
        case.verify(actor=WORKER, passed=False, note="噪声超标", at=at(DAY, 8, 20))
        case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(DAY, 8, 30))
    if name == "order_supervision" and case.status is S.VERIFIED:
        case.close(
            actor=WORKER,
            satisfaction=Satisfaction.DISSATISFIED,
            note="不满意",
            at=at(DAY, 8),
            today=DAY,
        )
        case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(DAY, 8, 10))
        case.verify(actor=WORKER, passed=False, note="噪声超标", at=at(DAY, 8, 20))
        case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(DAY, 8, 30))
        case.verify(actor=WORKER, passed=True, at=at(DAY, 8, 40))
    case.take_events()


LEGAL = [
    pytest.param(name, status, id=f"{name}-from-{status.value}")
    for name, (allowed, _, _) in STEPS.items()
    for status in sorted(allowed, key=list(CaseStatus).index)
]


@pytest.mark.parametrize(("name", "status"), LEGAL)
def test_a_step_from_where_it_is_allowed_adds_one_timeline_entry_and_one_event(
    name: str, status: CaseStatus
) -> None:
    _, leads_to, step = STEPS[name]
    case = case_at(status)
    _prepare(name, case)
    entries, version = len(case.timeline), case.version

    step(case)

    assert case.status is (leads_to or status)
    assert len(case.timeline) == entries + 1
    assert case.timeline[-1].status is case.status
    assert case.timeline[-1].at == MOMENT
    [recorded] = case.take_events()
    assert (recorded.aggregate_type, recorded.version) == ("case", version + 1)
    assert isinstance(recorded.event, CaseEvent)
    assert recorded.event.status is case.status


@pytest.mark.parametrize(("name", "status"), ILLEGAL)
def test_a_step_from_anywhere_else_is_an_illegal_transition_that_changes_nothing(
    name: str, status: CaseStatus
) -> None:
    allowed, leads_to, step = STEPS[name]
    case = case_at(status)
    before: dict[str, Any] = {
        "status": case.status,
        "level": case.level,
        "version": case.version,
        "timeline": list(case.timeline),
        "assignments": case.assignments,
        "due_on": case.due_on,
        "extensions": list(case.extensions),
    }

    with pytest.raises(IllegalTransition) as refused:
        step(case)

    assert refused.value.code == "CASE_ILLEGAL_TRANSITION"
    assert refused.value.details["from"] == status.value
    assert refused.value.details["to"] == (leads_to or status).value
    assert refused.value.details["action"] in set(CaseAction)
    assert f"is {status.label}" in refused.value.message
    for needed in allowed:
        assert needed.value in refused.value.message
    after = {
        "status": case.status,
        "level": case.level,
        "version": case.version,
        "timeline": list(case.timeline),
        "assignments": case.assignments,
        "due_on": case.due_on,
        "extensions": list(case.extensions),
    }
    assert after == before
    assert case.take_events() == []


def test_the_refusal_says_where_the_case_stands_and_what_the_step_needs() -> None:
    case = case_at(S.REPORTED)
    with pytest.raises(IllegalTransition) as refused:
        case.start(actor=MAINTAINER, at=MOMENT)
    assert refused.value.message == (
        "Case 2026-000123 is reported (已上报); it cannot be started (开始处置) from there "
        "(that needs DISPATCHED)"
    )
    assert refused.value.details == {"from": "REPORTED", "to": "IN_PROGRESS", "action": "STARTED"}


def test_every_status_is_reachable_for_these_tests() -> None:
    assert {case_at(status).status for status in CaseStatus} == set(CaseStatus)


def test_a_naive_moment_is_a_programming_error() -> None:
    case = case_at(S.REPORTED)
    with pytest.raises(ValueError, match="timezone-aware"):
        case.accept(actor=WORKER, at=MOMENT.replace(tzinfo=None))
    assert case.status is S.REPORTED
