"""The closed loop: report, accept or reject, dispatch, start, resolve, verify, close, reopen."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from cases_testing import (
    CALENDAR,
    COMMUNITY_CODE,
    COMMUNITY_OFFICER,
    DISPATCHED_ON,
    DUE_ON,
    ELEVATOR,
    EVIDENCE,
    GRID_ID,
    LOCATION,
    MAINTAINER,
    MAINTAINER_ASSIGNEE,
    MAINTAINER_ID,
    OTHER_WORKER,
    REPORTED_ON,
    RESIDENT,
    WORKER,
    at,
    case_at,
    report,
)

from cases.domain import (
    Actor,
    ActorRole,
    AssigneeKind,
    Assignment,
    AttributeRequired,
    Case,
    CaseAccepted,
    CaseAction,
    CaseClosed,
    CaseDispatched,
    CaseEvent,
    CaseNumber,
    CaseRejected,
    CaseReopened,
    CaseReported,
    CaseResolved,
    CaseSource,
    CaseStatus,
    CaseVerified,
    Category,
    CategoryInactive,
    InvalidDivisionCode,
    InvalidText,
    Level,
    Priority,
    Reporter,
    ReworkOrdered,
    ReworkOrigin,
    Satisfaction,
    VerifierIsHandler,
)

S = CaseStatus


def test_a_report_validates_its_attributes_and_starts_at_the_grid() -> None:
    case_id = uuid4()
    case = report(id=case_id, attributes={"building": " 1号楼 ", "noise_db": "68.5"})
    assert (case.status, case.level, case.rework_count, case.due_on) == (
        S.REPORTED,
        Level.GRID,
        0,
        None,
    )
    assert case.attributes == {"building": "1号楼", "noise_db": 68.5}
    [entry] = case.timeline
    assert (entry.action, entry.status, entry.actor, entry.at) == (
        CaseAction.REPORTED,
        S.REPORTED,
        WORKER,
        at(REPORTED_ON),
    )


def test_reporting_records_what_other_services_need_without_the_phone() -> None:
    case_id = uuid4()
    fresh = Case.report(
        id=case_id,
        number=CaseNumber(2026, 124),
        category=ELEVATOR,
        title="电梯异响",
        description="夜间异响",
        attributes={"building": "1号楼"},
        priority=Priority.HIGH,
        source=CaseSource.HOTLINE_12345,
        location=LOCATION,
        grid_id=GRID_ID,
        division_code=COMMUNITY_CODE,
        reporter=Reporter.anonymous(name="王女士", phone="13812345678"),
        actor=RESIDENT,
        at=at(REPORTED_ON),
    )
    [recorded] = fresh.take_events()
    assert recorded.event == CaseReported(
        case_id=case_id,
        number="2026-000124",
        status=S.REPORTED,
        level=Level.GRID,
        category_code="ELEVATOR",
        priority=Priority.HIGH,
        grid_id=GRID_ID,
        division_code=COMMUNITY_CODE,
        due_on=None,
        at=at(REPORTED_ON),
        actor=RESIDENT,
        title="电梯异响",
        source=CaseSource.HOTLINE_12345,
        reporter_person_id=None,
        address=LOCATION.address,
        longitude=LOCATION.longitude,
        latitude=LOCATION.latitude,
    )
    assert "13812345678" not in repr(recorded.event)
    assert "13812345678" not in repr(fresh)
    assert fresh.reporter.contact is not None
    assert fresh.reporter.contact.masked_phone == "138****5678"


def test_a_report_needs_the_categorys_required_attributes() -> None:
    with pytest.raises(AttributeRequired) as refused:
        report(attributes={"position": "EAST"})
    assert refused.value.details == {"attribute": "building", "category_code": "ELEVATOR"}


def test_no_case_is_reported_in_a_withdrawn_category() -> None:
    withdrawn = Category(
        code="ELEVATOR", name="电梯", time_limits=ELEVATOR.time_limits, active=False
    )
    with pytest.raises(CategoryInactive) as refused:
        report(category=withdrawn, attributes={})
    assert refused.value.code == "CATEGORY_INACTIVE"


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "  "), ("title", "长" * 201), ("description", ""), ("description", "字" * 4001)],
)
def test_a_report_has_a_title_and_a_description_of_bounded_length(field: str, value: str) -> None:
    with pytest.raises(InvalidText):
        report(**{field: value})


@pytest.mark.parametrize("code", ["370112001", "37011200100A", "3701120010011"])
def test_a_report_names_the_community_by_its_twelve_digit_code(code: str) -> None:
    with pytest.raises(InvalidDivisionCode):
        report(division_code=code)


def test_accepting_records_who_and_when() -> None:
    case = case_at(S.REPORTED)
    event = case.accept(actor=WORKER, at=at(REPORTED_ON, 10), note=" 符合立案条件 ")
    assert isinstance(event, CaseAccepted)
    assert (case.status, event.note) == (S.ACCEPTED, "符合立案条件")
    assert (case.timeline[-1].action, case.timeline[-1].note) == (
        CaseAction.ACCEPTED,
        "符合立案条件",
    )


def test_rejecting_needs_a_reason_and_ends_the_case() -> None:
    case = case_at(S.REPORTED)
    with pytest.raises(InvalidText):
        case.reject(actor=WORKER, reason=" ", at=at(REPORTED_ON, 10))
    assert case.status is S.REPORTED
    event = case.reject(actor=WORKER, reason="属于民事纠纷，建议诉讼", at=at(REPORTED_ON, 10))
    assert isinstance(event, CaseRejected)
    assert (case.status, event.reason) == (S.REJECTED, "属于民事纠纷，建议诉讼")
    assert not case.status.is_open


def test_dispatching_starts_the_clock_on_working_days() -> None:
    case = case_at(S.ACCEPTED)
    event = case.dispatch(
        actor=COMMUNITY_OFFICER,
        assignees=[MAINTAINER_ASSIGNEE],
        category=ELEVATOR,
        calendar=CALENDAR,
        at=at(DISPATCHED_ON, 10),
        today=DISPATCHED_ON,
    )
    assert (case.status, case.due_on, case.time_limit_days) == (S.DISPATCHED, DUE_ON, 5)
    assert (case.dispatched_at, case.dispatched_on) == (at(DISPATCHED_ON, 10), DISPATCHED_ON)
    assignment = Assignment(
        kind=AssigneeKind.DEPARTMENT,
        ref=str(MAINTAINER_ID),
        name="济南快速电梯维保有限公司",
        lead=True,
        since=at(DISPATCHED_ON, 10),
    )
    assert case.assignments == (assignment,)
    assert isinstance(event, CaseDispatched)
    assert (event.assignments, event.co_handling, event.due_on, event.time_limit_days) == (
        (assignment,),
        False,
        DUE_ON,
        5,
    )
    assert case.timeline[-1].details == {
        "assignees": "济南快速电梯维保有限公司（牵头）",
        "due_on": "2026-10-13",
        "time_limit_days": "5",
    }


@pytest.mark.parametrize(
    ("priority", "due_on"),
    [
        (Priority.URGENT, date(2026, 10, 8)),
        (Priority.HIGH, date(2026, 10, 10)),
        (Priority.NORMAL, date(2026, 10, 13)),
    ],
)
def test_the_time_limit_follows_the_priority(priority: Priority, due_on: date) -> None:
    assert case_at(S.DISPATCHED, priority=priority).due_on == due_on


def test_starting_work_makes_the_actor_the_handler() -> None:
    case = case_at(S.DISPATCHED)
    case.start(actor=MAINTAINER, at=at(date(2026, 10, 8)), note="已到现场")
    assert (case.status, case.handler) == (S.IN_PROGRESS, MAINTAINER)
    assert case.timeline[-1].note == "已到现场"


def test_resolving_keeps_the_evidence_on_the_timeline() -> None:
    case = case_at(S.IN_PROGRESS)
    event = case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(date(2026, 10, 9), 16))
    assert isinstance(event, CaseResolved)
    assert (case.status, case.resolver, event.evidence) == (S.RESOLVED, MAINTAINER, EVIDENCE)
    entry = case.timeline[-1]
    assert (entry.action, entry.evidence, entry.details) == (
        CaseAction.RESOLVED,
        EVIDENCE,
        {"轿厢运行噪声": "55 dB"},
    )


def test_someone_else_verifies_and_the_case_waits_for_the_visit() -> None:
    case = case_at(S.RESOLVED)
    event = case.verify(actor=WORKER, passed=True, at=at(date(2026, 10, 10)), note="现场复测合格")
    assert isinstance(event, CaseVerified)
    assert (case.status, event.note, case.rework_count) == (S.VERIFIED, "现场复测合格", 0)


@pytest.mark.parametrize(
    "verifier",
    [
        MAINTAINER,
        Actor(subject=MAINTAINER.subject, name="刘工", role=ActorRole.DEPARTMENT_HANDLER),
    ],
    ids=["same-actor", "same-account"],
)
def test_the_handler_does_not_verify_their_own_work(verifier: Actor) -> None:
    case = case_at(S.RESOLVED)
    with pytest.raises(VerifierIsHandler) as refused:
        case.verify(actor=verifier, passed=True, at=at(date(2026, 10, 10)))
    assert refused.value.code == "CASE_VERIFIER_IS_HANDLER"
    assert case.status is S.RESOLVED


def test_the_resolver_does_not_verify_either_even_as_another_role() -> None:
    case = case_at(S.IN_PROGRESS)
    resolver = Actor(
        subject="user-x", name="钱工", role=ActorRole.DEPARTMENT_HANDLER, person_id=UUID(int=7)
    )
    case.resolve(actor=resolver, evidence=EVIDENCE, at=at(date(2026, 10, 9)))
    same_person = Actor(
        subject="user-x-officer",
        name="钱工",
        role=ActorRole.COMMUNITY_OFFICER,
        person_id=UUID(int=7),
    )
    with pytest.raises(VerifierIsHandler):
        case.verify(actor=same_person, passed=True, at=at(date(2026, 10, 10)))
    case.verify(actor=OTHER_WORKER, passed=True, at=at(date(2026, 10, 10)))
    assert case.status is S.VERIFIED


def test_a_failed_verification_sends_the_case_back_to_work_and_counts_it() -> None:
    case = case_at(S.RESOLVED)
    with pytest.raises(InvalidText):
        case.verify(actor=WORKER, passed=False, at=at(date(2026, 10, 10)))
    event = case.verify(
        actor=WORKER, passed=False, note="噪声仍有65分贝", at=at(date(2026, 10, 10))
    )
    assert isinstance(event, ReworkOrdered)
    assert (case.status, case.rework_count) == (S.IN_PROGRESS, 1)
    assert (event.origin, event.reason, event.rework_count, event.satisfaction) == (
        ReworkOrigin.VERIFICATION,
        "噪声仍有65分贝",
        1,
        None,
    )
    assert case.handler == MAINTAINER
    assert case.due_on == DUE_ON  # rework does not restart the clock
    entry = case.timeline[-1]
    assert (entry.action, entry.note, entry.details) == (
        CaseAction.REWORK_ORDERED,
        "噪声仍有65分贝",
        {"origin": "VERIFICATION", "rework_count": "1"},
    )


def test_reworks_add_up_across_verification_and_visits() -> None:
    case = case_at(S.RESOLVED)
    case.verify(actor=WORKER, passed=False, note="未修好", at=at(date(2026, 10, 10)))
    case.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(date(2026, 10, 10), 12))
    case.verify(actor=WORKER, passed=True, at=at(date(2026, 10, 10), 13))
    case.close(
        actor=COMMUNITY_OFFICER,
        satisfaction=Satisfaction.DISSATISFIED,
        note="夜间仍异响",
        at=at(date(2026, 10, 10), 14),
        today=date(2026, 10, 10),
    )
    assert (case.status, case.rework_count, case.satisfaction) == (
        S.IN_PROGRESS,
        2,
        Satisfaction.DISSATISFIED,
    )


@pytest.mark.parametrize("satisfaction", [Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED])
def test_a_satisfied_resident_closes_the_case(satisfaction: Satisfaction) -> None:
    case = case_at(S.VERIFIED)
    event = case.close(
        actor=COMMUNITY_OFFICER,
        satisfaction=satisfaction,
        at=at(date(2026, 10, 12), 15),
        today=date(2026, 10, 12),
    )
    assert isinstance(event, CaseClosed)
    assert (case.status, case.satisfaction, case.closed_at, case.closed_on) == (
        S.CLOSED,
        satisfaction,
        at(date(2026, 10, 12), 15),
        date(2026, 10, 12),
    )
    assert (event.satisfaction, event.on_time, case.on_time) == (satisfaction, True, True)


def test_a_case_closed_after_its_due_date_is_not_on_time() -> None:
    case = case_at(S.VERIFIED)
    event = case.close(
        actor=COMMUNITY_OFFICER,
        satisfaction=Satisfaction.SATISFIED,
        at=at(date(2026, 10, 14)),
        today=date(2026, 10, 14),
    )
    assert isinstance(event, CaseClosed)
    assert (event.on_time, case.on_time) == (False, False)


def test_a_dissatisfied_resident_sends_the_case_back_to_work() -> None:
    case = case_at(S.VERIFIED)
    with pytest.raises(InvalidText):
        case.close(
            actor=COMMUNITY_OFFICER,
            satisfaction=Satisfaction.DISSATISFIED,
            at=at(date(2026, 10, 10)),
            today=date(2026, 10, 10),
        )
    event = case.close(
        actor=COMMUNITY_OFFICER,
        satisfaction=Satisfaction.DISSATISFIED,
        note="居民反映仍有异响",
        at=at(date(2026, 10, 10)),
        today=date(2026, 10, 10),
    )
    assert isinstance(event, ReworkOrdered)
    assert (event.origin, event.satisfaction, event.rework_count) == (
        ReworkOrigin.VISIT,
        Satisfaction.DISSATISFIED,
        1,
    )
    assert (case.status, case.closed_at, case.on_time) == (S.IN_PROGRESS, None, None)


def test_reopening_restarts_the_clock_from_today() -> None:
    case = case_at(S.CLOSED)
    with pytest.raises(InvalidText):
        case.reopen(
            actor=WORKER,
            reason="",
            calendar=CALENDAR,
            at=at(date(2026, 11, 2)),
            today=date(2026, 11, 2),
        )
    event = case.reopen(
        actor=WORKER,
        reason="复查发现电梯再次异响",
        calendar=CALENDAR,
        at=at(date(2026, 11, 2)),
        today=date(2026, 11, 2),
    )
    assert isinstance(event, CaseReopened)
    assert (case.status, case.reopen_count, event.reopen_count) == (S.IN_PROGRESS, 1, 1)
    assert (case.closed_at, case.satisfaction, case.on_time) == (None, None, None)
    assert (case.due_on, event.due_on) == (date(2026, 11, 9), date(2026, 11, 9))
    assert case.timeline[-1].details == {"due_on": "2026-11-09"}


def test_the_timeline_tells_the_whole_story_in_order() -> None:
    case = case_at(S.CLOSED)
    story = [(e.action, e.status, e.actor.name, e.actor.role, e.at) for e in case.timeline]
    assert story == [
        (CaseAction.REPORTED, S.REPORTED, "张伟", ActorRole.GRID_WORKER, at(REPORTED_ON)),
        (CaseAction.ACCEPTED, S.ACCEPTED, "张伟", ActorRole.GRID_WORKER, at(REPORTED_ON, 10)),
        (
            CaseAction.DISPATCHED,
            S.DISPATCHED,
            "王芳",
            ActorRole.COMMUNITY_OFFICER,
            at(DISPATCHED_ON, 10),
        ),
        (
            CaseAction.STARTED,
            S.IN_PROGRESS,
            "刘工",
            ActorRole.DEPARTMENT_HANDLER,
            at(date(2026, 10, 8)),
        ),
        (
            CaseAction.RESOLVED,
            S.RESOLVED,
            "刘工",
            ActorRole.DEPARTMENT_HANDLER,
            at(date(2026, 10, 9), 16),
        ),
        (
            CaseAction.VERIFIED,
            S.VERIFIED,
            "张伟",
            ActorRole.GRID_WORKER,
            at(date(2026, 10, 10), 10),
        ),
        (
            CaseAction.CLOSED,
            S.CLOSED,
            "王芳",
            ActorRole.COMMUNITY_OFFICER,
            at(date(2026, 10, 10), 15),
        ),
    ]


def test_each_step_records_the_next_version_in_order() -> None:
    case = report()
    case.accept(actor=WORKER, at=at(REPORTED_ON, 10))
    case.dispatch(
        actor=COMMUNITY_OFFICER,
        assignees=[MAINTAINER_ASSIGNEE],
        category=ELEVATOR,
        calendar=CALENDAR,
        at=at(DISPATCHED_ON),
        today=DISPATCHED_ON,
    )
    recorded = case.take_events()
    assert [(r.version, r.event.name) for r in recorded if isinstance(r.event, CaseEvent)] == [
        (2, "accepted"),
        (3, "dispatched"),
    ]
    assert case.version == 3
