"""Escalation (上报), joint meetings (联席会议), supervision (督办) and merging duplicates."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from cases_testing import (
    BUREAU_ID,
    CALENDAR,
    COMMUNITY_OFFICER,
    EVIDENCE,
    MAINTAINER,
    MAINTAINER_ID,
    PROPERTY_ID,
    SUBDISTRICT_OFFICER,
    SUPERVISOR,
    WORKER,
    at,
    case_at,
    report,
)

from cases.domain import (
    Case,
    CaseAction,
    CaseAlreadyAtTop,
    CaseEscalated,
    CaseMerged,
    CaseNumber,
    CaseStatus,
    DepartmentRef,
    InvalidText,
    JointMeetingHeld,
    JointMeetingNeedsSubdistrict,
    Level,
    MergeIntoItself,
    MergeTargetFinished,
    SupervisionNotDue,
    SupervisionOrdered,
)

S = CaseStatus
DAY = date(2026, 10, 9)
BUREAU = DepartmentRef(ref=str(BUREAU_ID), name="历城区市场监督管理局")
PROPERTY = DepartmentRef(ref=str(PROPERTY_ID), name="香溢紫郡物业")


def _escalate_to(case: Case, level: Level) -> None:
    while case.level < level:
        case.escalate(actor=WORKER, reason="本级无法解决", at=at(DAY, 8))


# Escalation


@pytest.mark.parametrize("status", [S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS])
def test_a_case_goes_up_one_level_at_a_time_to_the_district(status: CaseStatus) -> None:
    case = case_at(status)
    levels = []
    for _ in range(3):
        event = case.escalate(actor=COMMUNITY_OFFICER, reason="小区加装电梯需街道协调", at=at(DAY))
        assert isinstance(event, CaseEscalated)
        levels.append((event.from_level, event.level, event.automatic))
    assert levels == [
        (Level.GRID, Level.COMMUNITY, False),
        (Level.COMMUNITY, Level.SUBDISTRICT, False),
        (Level.SUBDISTRICT, Level.DISTRICT, False),
    ]
    assert case.status is status
    entry = case.timeline[-1]
    assert (entry.action, entry.note, entry.details) == (
        CaseAction.ESCALATED,
        "小区加装电梯需街道协调",
        {"from_level": "SUBDISTRICT", "to_level": "DISTRICT"},
    )


def test_the_district_is_the_top() -> None:
    case = case_at(S.IN_PROGRESS)
    _escalate_to(case, Level.DISTRICT)
    version = case.version
    with pytest.raises(CaseAlreadyAtTop) as refused:
        case.escalate(actor=WORKER, reason="再上报", at=at(DAY))
    assert refused.value.code == "CASE_ALREADY_AT_TOP"
    assert (case.level, case.version) == (Level.DISTRICT, version)


def test_an_escalation_says_why() -> None:
    case = case_at(S.IN_PROGRESS)
    with pytest.raises(InvalidText):
        case.escalate(actor=WORKER, reason=" ", at=at(DAY))
    assert case.level is Level.GRID


# Joint meetings (联席会议)


def test_a_joint_meeting_puts_its_departments_on_the_case() -> None:
    case = case_at(S.IN_PROGRESS)
    _escalate_to(case, Level.SUBDISTRICT)
    event = case.hold_joint_meeting(
        actor=SUBDISTRICT_OFFICER,
        held_on=DAY,
        participants=["王舍人街道城管办 李明", "区市场监管局 赵强", " "],
        departments=[BUREAU, PROPERTY, DepartmentRef(ref=str(MAINTAINER_ID), name="快速电梯维保")],
        minutes="会商1号楼西侧电梯更新改造",
        decisions=["市场监管局牵头检测", "物业七日内提交更新方案"],
        at=at(DAY, 15),
    )
    assert isinstance(event, JointMeetingHeld)
    assert [(a.name, a.lead) for a in case.assignments] == [
        ("济南快速电梯维保有限公司", True),
        ("历城区市场监督管理局", False),
        ("香溢紫郡物业", False),
    ]
    assert [a.ref for a in event.added_assignments] == [str(BUREAU_ID), str(PROPERTY_ID)]
    [meeting] = case.joint_meetings
    assert (meeting.convened_by, meeting.participants, meeting.decisions) == (
        SUBDISTRICT_OFFICER,
        ("王舍人街道城管办 李明", "区市场监管局 赵强"),
        ("市场监管局牵头检测", "物业七日内提交更新方案"),
    )
    entry = case.timeline[-1]
    assert (entry.action, entry.note) == (
        CaseAction.JOINT_MEETING_HELD,
        "会商1号楼西侧电梯更新改造",
    )
    assert entry.details["departments"] == "历城区市场监督管理局、香溢紫郡物业、快速电梯维保"


@pytest.mark.parametrize("level", [Level.GRID, Level.COMMUNITY])
def test_a_joint_meeting_takes_up_cases_at_the_subdistrict_or_above(level: Level) -> None:
    case = case_at(S.IN_PROGRESS)
    _escalate_to(case, level)
    with pytest.raises(JointMeetingNeedsSubdistrict) as refused:
        case.hold_joint_meeting(
            actor=SUBDISTRICT_OFFICER,
            held_on=DAY,
            participants=["李明"],
            departments=[BUREAU],
            minutes="会商",
            at=at(DAY),
        )
    assert refused.value.details == {"level": level.value}
    assert case.joint_meetings == []
    assert len(case.assignments) == 1


@pytest.mark.parametrize(
    ("participants", "minutes"), [([], "会商"), (["李明"], "  ")], ids=["nobody", "no-minutes"]
)
def test_a_joint_meeting_has_participants_and_minutes(
    participants: list[str], minutes: str
) -> None:
    case = case_at(S.IN_PROGRESS)
    _escalate_to(case, Level.DISTRICT)
    with pytest.raises(InvalidText):
        case.hold_joint_meeting(
            actor=SUBDISTRICT_OFFICER,
            held_on=DAY,
            participants=participants,
            departments=[BUREAU],
            minutes=minutes,
            at=at(DAY),
        )
    assert case.joint_meetings == []


# Supervision (督办)


def test_an_overdue_case_may_be_supervised() -> None:
    case = case_at(S.IN_PROGRESS)
    event = case.order_supervision(
        actor=SUPERVISOR,
        reason="超期三日未办结",
        at=at(date(2026, 10, 16)),
        today=date(2026, 10, 16),
    )
    assert isinstance(event, SupervisionOrdered)
    assert (event.overdue, event.rework_count, event.ordered_on) == (True, 0, date(2026, 10, 16))
    [order] = case.supervision_orders
    assert (order.by, order.reason) == (SUPERVISOR, "超期三日未办结")
    assert case.timeline[-1].details == {"overdue": "true", "rework_count": "0"}


def test_a_case_reworked_twice_may_be_supervised_though_on_time() -> None:
    case = case_at(S.RESOLVED)
    with pytest.raises(SupervisionNotDue):
        case.order_supervision(actor=SUPERVISOR, reason="督办", at=at(DAY), today=DAY)
    case.verify(actor=WORKER, passed=False, note="未修好", at=at(DAY, 17))
    case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(DAY, 18))
    with pytest.raises(SupervisionNotDue) as refused:
        case.order_supervision(actor=SUPERVISOR, reason="督办", at=at(DAY, 19), today=DAY)
    assert refused.value.details == {"rework_count": 1}
    case.verify(actor=WORKER, passed=False, note="仍未修好", at=at(DAY, 19))
    event = case.order_supervision(actor=SUPERVISOR, reason="两次返工", at=at(DAY, 20), today=DAY)
    assert (event.overdue, event.rework_count) == (False, 2)


def test_a_case_on_time_and_never_reworked_is_not_supervised() -> None:
    case = case_at(S.IN_PROGRESS)
    with pytest.raises(SupervisionNotDue) as refused:
        case.order_supervision(
            actor=SUPERVISOR, reason="督办", at=at(DAY), today=date(2026, 10, 13)
        )
    assert refused.value.code == "CASE_SUPERVISION_NOT_DUE"
    assert case.supervision_orders == []


def test_a_case_resolved_after_it_was_flagged_overdue_may_still_be_supervised() -> None:
    case = case_at(S.IN_PROGRESS)
    case.observe_deadline(today=date(2026, 10, 14), at=at(date(2026, 10, 14)), calendar=CALENDAR)
    case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(date(2026, 10, 15)))
    event = case.order_supervision(
        actor=SUPERVISOR, reason="超期办结", at=at(date(2026, 10, 15)), today=date(2026, 10, 15)
    )
    assert event.overdue


# Merging duplicates


@pytest.mark.parametrize("status", [S.REPORTED, S.ACCEPTED, S.DISPATCHED])
def test_a_duplicate_is_merged_into_the_open_case(status: CaseStatus) -> None:
    duplicate = case_at(status)
    original = case_at(S.IN_PROGRESS, id=uuid4(), number=CaseNumber(2026, 100))
    event = duplicate.merge_into(original, actor=WORKER, at=at(DAY), note="同一部电梯")
    assert isinstance(event, CaseMerged)
    assert (duplicate.status, duplicate.duplicate_of) == (S.MERGED, original.id)
    assert (event.duplicate_of, event.duplicate_of_number, event.note) == (
        original.id,
        "2026-000100",
        "同一部电梯",
    )
    assert duplicate.timeline[-1].details == {"duplicate_of": "2026-000100"}
    assert not duplicate.status.is_open
    assert original.status is S.IN_PROGRESS


def test_a_case_is_not_merged_into_itself() -> None:
    case = case_at(S.REPORTED)
    with pytest.raises(MergeIntoItself):
        case.merge_into(case, actor=WORKER, at=at(DAY))
    assert case.status is S.REPORTED


@pytest.mark.parametrize("status", [S.MERGED, S.CLOSED, S.REJECTED])
def test_a_duplicate_goes_into_a_case_still_open(status: CaseStatus) -> None:
    case = report()
    finished = case_at(status, number=CaseNumber(2026, 5))
    with pytest.raises(MergeTargetFinished) as refused:
        case.merge_into(finished, actor=WORKER, at=at(DAY))
    assert refused.value.details == {"target_id": str(finished.id), "target_status": status.value}
    assert (case.status, case.duplicate_of) == (S.REPORTED, None)
