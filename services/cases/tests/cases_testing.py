"""What the cases tests share: a category, actors, moments on the 2026 calendar, and cases
brought to any status through the legal steps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from cases.domain import (
    Actor,
    ActorRole,
    Assignee,
    AttributeDefinition,
    AttributeType,
    Case,
    CaseNumber,
    CaseSource,
    CaseStatus,
    Category,
    Choice,
    Evidence,
    Location,
    Measurement,
    Priority,
    Reporter,
    Satisfaction,
    WorkingCalendar,
)
from cases.holidays import state_council_calendar

BEIJING = timezone(timedelta(hours=8))
"""Asia/Shanghai's offset: China keeps no summer time."""

CALENDAR = state_council_calendar()
"""The State Council's 2026 calendar: National Day 1-7 October off, 10 October worked."""

COMMUNITY_CODE = "370112001001"
GRID_ID = UUID("00000000-0000-0000-0000-0000000000a1")
BUREAU_ID = UUID("00000000-0000-0000-0000-0000000000d1")
MAINTAINER_ID = UUID("00000000-0000-0000-0000-0000000000d2")
PROPERTY_ID = UUID("00000000-0000-0000-0000-0000000000d3")

REPORTED_ON = date(2026, 9, 29)
DISPATCHED_ON = date(2026, 9, 30)
"""A Wednesday: five working days later, after National Day, is 13 October."""
DUE_ON = date(2026, 10, 13)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in Beijing time on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BEIJING)


def weekdays(overrides: dict[date, bool] | None = None) -> WorkingCalendar:
    """Monday to Friday, with ``overrides``."""
    return WorkingCalendar(lambda day: day.weekday() < 5, overrides)


def actor(role: ActorRole, name: str, **fields: Any) -> Actor:
    """Someone acting in ``role``; the subject is made from the name."""
    fields.setdefault("subject", f"user-{name}")
    return Actor(name=name, role=role, **fields)


WORKER = actor(ActorRole.GRID_WORKER, "张伟", person_id=UUID(int=11))
"""The grid's full-time worker: reports, accepts, and handles cases dispatched to him."""
OTHER_WORKER = actor(ActorRole.GRID_WORKER, "李娜", person_id=UUID(int=12))
COMMUNITY_OFFICER = actor(
    ActorRole.COMMUNITY_OFFICER, "王芳", person_id=UUID(int=21), acts_for=COMMUNITY_CODE
)
SUBDISTRICT_OFFICER = actor(ActorRole.SUBDISTRICT_OFFICER, "赵强", person_id=UUID(int=31))
DISTRICT_OFFICER = actor(ActorRole.DISTRICT_OFFICER, "孙丽", person_id=UUID(int=41))
SUPERVISOR = actor(ActorRole.SUPERVISOR, "周敏", person_id=UUID(int=51))
MAINTAINER = actor(ActorRole.DEPARTMENT_HANDLER, "刘工", acts_for=str(MAINTAINER_ID))
"""A technician of the elevator maintainer, acting for it."""
BUREAU_HANDLER = actor(ActorRole.DEPARTMENT_HANDLER, "陈科长", acts_for=str(BUREAU_ID))
RESIDENT = actor(ActorRole.REPORTER, "王女士")

ELEVATOR = Category(
    code="ELEVATOR",
    name="电梯故障与噪音",
    attributes=(
        AttributeDefinition(
            code="building", name="楼栋", type=AttributeType.STRING, required=True, order=1
        ),
        AttributeDefinition(code="noise_db", name="噪声", type=AttributeType.NUMBER, order=2),
        AttributeDefinition(
            code="position",
            name="电梯位置",
            type=AttributeType.SINGLE_CHOICE,
            order=3,
            choices=(Choice(key="EAST", name="东侧"), Choice(key="WEST", name="西侧")),
        ),
        AttributeDefinition(
            code="symptoms",
            name="故障现象",
            type=AttributeType.MULTIPLE_CHOICE,
            order=4,
            choices=(
                Choice(key="NOISE", name="异响"),
                Choice(key="STOPPED", name="停运"),
                Choice(key="SHAKING", name="抖动"),
            ),
        ),
        AttributeDefinition(code="noticed_at", name="发现时间", type=AttributeType.DATETIME),
    ),
    time_limits={Priority.URGENT: 1, Priority.HIGH: 3, Priority.NORMAL: 5},
)

LOCATION = Location(
    address="历城区王舍人街道香溢紫郡小区1号楼", longitude=117.1466, latitude=36.6876
)

MAINTAINER_ASSIGNEE = Assignee.department(MAINTAINER_ID, "济南快速电梯维保有限公司")
EVIDENCE = Evidence(
    text="更换曳引机轴承，复测轿厢运行噪声",
    attachment_ids=(UUID(int=901),),
    measurements=(
        Measurement(name="轿厢运行噪声", value=Decimal("55"), unit="dB", limit=Decimal("60")),
    ),
)


def report(**overrides: Any) -> Case:
    """A case reported on 29 September 2026 by the grid worker (events taken)."""
    arguments: dict[str, Any] = {
        "id": uuid4(),
        "number": CaseNumber(2026, 123),
        "category": ELEVATOR,
        "title": "1号楼西侧电梯异响",
        "description": "电梯运行时轿厢异响明显，居民担心安全。",
        "attributes": {"building": "1号楼", "position": "WEST", "symptoms": ["NOISE"]},
        "priority": Priority.NORMAL,
        "source": CaseSource.GRID_PATROL,
        "location": LOCATION,
        "grid_id": GRID_ID,
        "division_code": COMMUNITY_CODE,
        "reporter": Reporter.person(UUID(int=99)),
        "actor": WORKER,
        "at": at(REPORTED_ON),
    }
    arguments.update(overrides)
    case = Case.report(**arguments)
    case.take_events()
    return case


def _accept(case: Case) -> None:
    case.accept(actor=WORKER, at=at(REPORTED_ON, 10))


def _dispatch(case: Case) -> None:
    case.dispatch(
        actor=COMMUNITY_OFFICER,
        assignees=[MAINTAINER_ASSIGNEE],
        category=ELEVATOR,
        calendar=CALENDAR,
        at=at(DISPATCHED_ON, 10),
        today=DISPATCHED_ON,
    )


def _start(case: Case) -> None:
    case.start(actor=MAINTAINER, at=at(date(2026, 10, 8)))


def _resolve(case: Case) -> None:
    case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(date(2026, 10, 9), 16))


def _verify(case: Case) -> None:
    case.verify(actor=WORKER, passed=True, at=at(date(2026, 10, 10), 10))


def _close(case: Case) -> None:
    case.close(
        actor=COMMUNITY_OFFICER,
        satisfaction=Satisfaction.SATISFIED,
        at=at(date(2026, 10, 10), 15),
        today=date(2026, 10, 10),
    )


def _reject(case: Case) -> None:
    case.reject(actor=WORKER, reason="不属于受理范围", at=at(REPORTED_ON, 10))


def _return(case: Case) -> None:
    case.return_(
        actor=MAINTAINER,
        reason="非本单位维保电梯",
        calendar=CALENDAR,
        at=at(DISPATCHED_ON, 15),
        today=DISPATCHED_ON,
    )


def _suspend(case: Case) -> None:
    case.suspend(
        actor=SUBDISTRICT_OFFICER,
        reason="等待电梯更新资金到位",
        calendar=CALENDAR,
        at=at(date(2026, 10, 9)),
        today=date(2026, 10, 9),
    )


def _merge(case: Case) -> None:
    case.merge_into(report(number=CaseNumber(2026, 100)), actor=WORKER, at=at(REPORTED_ON, 10))


_PATHS: dict[CaseStatus, tuple[Callable[[Case], None], ...]] = {
    CaseStatus.REPORTED: (),
    CaseStatus.ACCEPTED: (_accept,),
    CaseStatus.REJECTED: (_reject,),
    CaseStatus.DISPATCHED: (_accept, _dispatch),
    CaseStatus.IN_PROGRESS: (_accept, _dispatch, _start),
    CaseStatus.RESOLVED: (_accept, _dispatch, _start, _resolve),
    CaseStatus.VERIFIED: (_accept, _dispatch, _start, _resolve, _verify),
    CaseStatus.CLOSED: (_accept, _dispatch, _start, _resolve, _verify, _close),
    CaseStatus.RETURNED: (_accept, _dispatch, _return),
    CaseStatus.SUSPENDED: (_accept, _dispatch, _start, _suspend),
    CaseStatus.MERGED: (_merge,),
}
"""The legal steps that bring a freshly reported case to each status, on the 2026 calendar:
dispatched on 30 September (due 13 October), started on 8 October, resolved on the 9th,
verified and closed on the 10th."""


def case_at(status: CaseStatus, **overrides: Any) -> Case:
    """A case brought to ``status`` through the legal steps (events taken)."""
    case = report(**overrides)
    for step in _PATHS[status]:
        step(case)
    case.take_events()
    assert case.status is status
    return case
