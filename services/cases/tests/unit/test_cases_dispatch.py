"""Dispatch (派遣): one lead and co-handlers, more of them later, and sending a case back (回退)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from cases_testing import (
    BUREAU_HANDLER,
    BUREAU_ID,
    CALENDAR,
    COMMUNITY_CODE,
    COMMUNITY_OFFICER,
    DISPATCHED_ON,
    ELEVATOR,
    MAINTAINER,
    MAINTAINER_ASSIGNEE,
    MAINTAINER_ID,
    PROPERTY_ID,
    WORKER,
    at,
    case_at,
    report,
)

from cases.domain import (
    AlreadyAssigned,
    Assignee,
    AssigneeKind,
    Case,
    CaseAction,
    CaseDispatched,
    CaseReturned,
    CaseStatus,
    Category,
    CategoryMismatch,
    InvalidAssignment,
    InvalidText,
    NotAnAssignee,
    ReturnWindowClosed,
)

S = CaseStatus
BUREAU = Assignee.department(BUREAU_ID, "历城区市场监督管理局")
PROPERTY = Assignee.department(PROPERTY_ID, "香溢紫郡物业")


def _dispatch(
    case: Case, assignees: list[Assignee], *, day: date = DISPATCHED_ON
) -> CaseDispatched:
    return case.dispatch(
        actor=COMMUNITY_OFFICER,
        assignees=assignees,
        category=ELEVATOR,
        calendar=CALENDAR,
        at=at(day, 10),
        today=day,
    )


def test_the_first_assignee_leads_when_none_is_marked() -> None:
    case = case_at(S.ACCEPTED)
    _dispatch(case, [MAINTAINER_ASSIGNEE, PROPERTY])
    assert [(a.name, a.lead) for a in case.assignments] == [
        ("济南快速电梯维保有限公司", True),
        ("香溢紫郡物业", False),
    ]
    assert case.lead is not None
    assert case.lead.ref == str(MAINTAINER_ID)
    assert (
        case.timeline[-1].details["assignees"] == "济南快速电梯维保有限公司（牵头）、香溢紫郡物业"
    )


def test_the_assignee_marked_lead_leads() -> None:
    case = case_at(S.ACCEPTED)
    _dispatch(
        case, [MAINTAINER_ASSIGNEE, Assignee.department(BUREAU_ID, "区市场监管局", lead=True)]
    )
    assert case.lead is not None
    assert case.lead.ref == str(BUREAU_ID)
    assert sum(a.lead for a in case.assignments) == 1


def test_a_case_may_go_to_a_grid_worker_or_a_community() -> None:
    case = case_at(S.ACCEPTED)
    _dispatch(
        case,
        [
            Assignee.grid_worker(UUID(int=11), "张伟"),
            Assignee.community(COMMUNITY_CODE, "香溢社区"),
        ],
    )
    assert [(a.kind, a.ref) for a in case.assignments] == [
        (AssigneeKind.GRID_WORKER, "00000000-0000-0000-0000-00000000000b"),
        (AssigneeKind.COMMUNITY, COMMUNITY_CODE),
    ]


@pytest.mark.parametrize(
    ("assignees", "message"),
    [
        ([], "A dispatch names at least one assignee"),
        (
            [MAINTAINER_ASSIGNEE, MAINTAINER_ASSIGNEE],
            f"A dispatch names each assignee once; {MAINTAINER_ID} comes more than once",
        ),
        (
            [
                Assignee.department(MAINTAINER_ID, "维保", lead=True),
                Assignee.department(BUREAU_ID, "市场监管局", lead=True),
            ],
            "One assignee leads (牵头); 维保, 市场监管局 are all marked lead",
        ),
    ],
    ids=["nobody", "twice", "two-leads"],
)
def test_a_dispatch_names_someone_once_with_one_lead(
    assignees: list[Assignee], message: str
) -> None:
    case = case_at(S.ACCEPTED)
    with pytest.raises(InvalidAssignment) as refused:
        _dispatch(case, assignees)
    assert refused.value.code == "CASE_ASSIGNMENT_INVALID"
    assert refused.value.message == message
    assert (case.status, case.assignments, case.due_on) == (S.ACCEPTED, (), None)


@pytest.mark.parametrize(
    ("kind", "ref"),
    [
        (AssigneeKind.DEPARTMENT, "市场监管局"),
        (AssigneeKind.GRID_WORKER, "12"),
        (AssigneeKind.COMMUNITY, "370112001"),
    ],
)
def test_an_assignee_is_named_by_its_id_or_division_code(kind: AssigneeKind, ref: str) -> None:
    with pytest.raises(InvalidAssignment):
        Assignee(kind=kind, ref=ref, name="某单位")


def test_an_assignee_has_a_name() -> None:
    with pytest.raises(InvalidAssignment):
        Assignee.department(BUREAU_ID, "  ")


def test_the_category_handed_over_must_be_the_cases_own() -> None:
    case = case_at(S.ACCEPTED)
    other = Category(code="NOISE", name="噪声扰民", time_limits=ELEVATOR.time_limits)
    with pytest.raises(CategoryMismatch):
        case.dispatch(
            actor=COMMUNITY_OFFICER,
            assignees=[MAINTAINER_ASSIGNEE],
            category=other,
            calendar=CALENDAR,
            at=at(DISPATCHED_ON),
            today=DISPATCHED_ON,
        )
    assert case.status is S.ACCEPTED


@pytest.mark.parametrize("status", [S.DISPATCHED, S.IN_PROGRESS])
def test_co_handlers_join_without_moving_the_lead_or_the_clock(status: CaseStatus) -> None:
    case = case_at(status)
    due_on = case.due_on
    event = case.dispatch_more(
        actor=COMMUNITY_OFFICER,
        assignees=[BUREAU, PROPERTY],
        at=at(date(2026, 10, 9)),
        note="会同处置",
    )
    assert case.status is status
    assert [(a.name, a.lead) for a in case.assignments] == [
        ("济南快速电梯维保有限公司", True),
        ("历城区市场监督管理局", False),
        ("香溢紫郡物业", False),
    ]
    assert case.due_on == due_on
    assert (event.co_handling, [a.name for a in event.assignments]) == (
        True,
        ["历城区市场监督管理局", "香溢紫郡物业"],
    )
    entry = case.timeline[-1]
    assert (entry.action, entry.note, entry.details) == (
        CaseAction.CO_HANDLERS_ADDED,
        "会同处置",
        {"assignees": "历城区市场监督管理局、香溢紫郡物业"},
    )


def test_someone_already_on_the_case_is_not_added_again() -> None:
    case = case_at(S.DISPATCHED)
    with pytest.raises(AlreadyAssigned) as refused:
        case.dispatch_more(
            actor=COMMUNITY_OFFICER,
            assignees=[BUREAU, MAINTAINER_ASSIGNEE],
            at=at(date(2026, 10, 9)),
        )
    assert refused.value.details == {"ref": str(MAINTAINER_ID)}
    assert len(case.assignments) == 1


@pytest.mark.parametrize(
    "assignees",
    [[], [Assignee.department(BUREAU_ID, "区市场监管局", lead=True)]],
    ids=["nobody", "lead"],
)
def test_added_assignees_are_someone_and_co_handle(assignees: list[Assignee]) -> None:
    case = case_at(S.DISPATCHED)
    with pytest.raises(InvalidAssignment):
        case.dispatch_more(actor=COMMUNITY_OFFICER, assignees=assignees, at=at(date(2026, 10, 9)))
    assert len(case.assignments) == 1


@pytest.mark.parametrize(
    "today",
    [DISPATCHED_ON, date(2026, 10, 3), date(2026, 10, 8), date(2026, 10, 9)],
    ids=["same-day", "holiday", "first-working-day", "second-working-day"],
)
def test_an_assignee_sends_a_case_back_within_two_working_days(today: date) -> None:
    case = case_at(S.DISPATCHED)
    event = case.return_(
        actor=MAINTAINER,
        reason="非本单位维保电梯",
        calendar=CALENDAR,
        at=at(today, 11),
        today=today,
    )
    assert isinstance(event, CaseReturned)
    assert (case.status, case.assignments, case.due_on, case.dispatched_at) == (
        S.RETURNED,
        (),
        None,
        None,
    )
    assert (event.reason, event.returned_by_ref) == ("非本单位维保电梯", str(MAINTAINER_ID))
    entry = case.timeline[-1]
    assert (entry.action, entry.actor, entry.note, entry.details) == (
        CaseAction.RETURNED,
        MAINTAINER,
        "非本单位维保电梯",
        {"returned_by": "济南快速电梯维保有限公司"},
    )


def test_after_two_working_days_the_case_stays_with_its_assignees() -> None:
    case = case_at(S.DISPATCHED)
    # 30 September, then 8 and 9 October: the Saturday worked after National Day is the third.
    with pytest.raises(ReturnWindowClosed) as refused:
        case.return_(
            actor=MAINTAINER,
            reason="非本单位",
            calendar=CALENDAR,
            at=at(date(2026, 10, 10)),
            today=date(2026, 10, 10),
        )
    assert refused.value.code == "CASE_RETURN_WINDOW_CLOSED"
    assert refused.value.details == {"dispatched_on": "2026-09-30", "last_day": "2026-10-09"}
    assert refused.value.message == (
        "Case 2026-000123 was dispatched on 2026-09-30; it could be sent back up to 2026-10-09 "
        "(2 working days), not later"
    )
    assert case.status is S.DISPATCHED


def test_only_an_assignee_sends_a_case_back() -> None:
    case = case_at(S.DISPATCHED)
    for outsider in (BUREAU_HANDLER, WORKER, COMMUNITY_OFFICER):
        with pytest.raises(NotAnAssignee) as refused:
            case.return_(
                actor=outsider,
                reason="不归我管",
                calendar=CALENDAR,
                at=at(DISPATCHED_ON),
                today=DISPATCHED_ON,
            )
        assert refused.value.code == "CASE_NOT_AN_ASSIGNEE"
    assert case.status is S.DISPATCHED


def test_a_grid_worker_assignee_is_known_by_their_person_id() -> None:
    case = case_at(S.ACCEPTED)
    _dispatch(case, [Assignee.grid_worker(WORKER.person_id or UUID(int=0), "张伟")])
    case.return_(
        actor=WORKER,
        reason="需社区协调",
        calendar=CALENDAR,
        at=at(DISPATCHED_ON),
        today=DISPATCHED_ON,
    )
    assert case.status is S.RETURNED


def test_a_return_needs_a_reason() -> None:
    case = case_at(S.DISPATCHED)
    with pytest.raises(InvalidText):
        case.return_(
            actor=MAINTAINER,
            reason=" ",
            calendar=CALENDAR,
            at=at(DISPATCHED_ON),
            today=DISPATCHED_ON,
        )


def test_a_returned_case_is_dispatched_again_with_a_new_clock() -> None:
    case = case_at(S.RETURNED)
    _dispatch(case, [BUREAU], day=date(2026, 10, 9))
    assert (case.status, case.dispatched_on, case.due_on) == (
        S.DISPATCHED,
        date(2026, 10, 9),
        date(2026, 10, 15),
    )
    assert [a.ref for a in case.assignments] == [str(BUREAU_ID)]


def test_the_return_window_counts_from_the_latest_dispatch() -> None:
    case = case_at(S.RETURNED)
    _dispatch(case, [MAINTAINER_ASSIGNEE], day=date(2026, 10, 12))
    case.return_(
        actor=MAINTAINER,
        reason="仍非本单位",
        calendar=CALENDAR,
        at=at(date(2026, 10, 14)),
        today=date(2026, 10, 14),
    )
    assert case.status is S.RETURNED


def test_a_fresh_report_has_no_assignee() -> None:
    case = report()
    assert (case.assignments, case.lead, case.is_assignee(MAINTAINER)) == ((), None, False)
