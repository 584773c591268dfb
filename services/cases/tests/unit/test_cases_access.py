"""Who may take which step of a case: callers become the case's actors, or are refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest
from cases_testing import (
    BUREAU_ID,
    CALENDAR,
    COMMUNITY_CODE,
    DISPATCHED_ON,
    ELEVATOR,
    EVIDENCE,
    MAINTAINER,
    MAINTAINER_ASSIGNEE,
    MAINTAINER_ID,
    WORKER,
    at,
    case_at,
    report,
)

from cases.domain import (
    Actor,
    ActorRole,
    Assignee,
    Case,
    CaseNumber,
    CaseStatus,
    DepartmentRef,
    Level,
    Reporter,
    VerifierIsHandler,
)
from cases.handlers.access import (
    REQUIREMENTS,
    ReadScope,
    Step,
    assignee,
    can_read,
    catalogue_keeper,
    escalator,
    merger,
    officer,
    officer_level,
    open311_reporter,
    read_scope,
    reporter,
    supervisor,
    verifier,
    watcher,
)
from gridkit.auth import Caller
from gridkit.errors import Forbidden, Unauthenticated

S = CaseStatus
R = ActorRole
DAY = date(2026, 10, 9)
RESIDENT_ID = UUID(int=99)
"""The registered resident who reported the cases :func:`report` makes."""


def caller(
    name: str,
    *roles: str,
    scope: str = "",
    person: UUID | None = None,
    department: UUID | None = None,
) -> Caller:
    """A signed-in caller, as a verified token names them."""
    return Caller(
        subject=f"sub-{name}",
        name=name,
        roles=frozenset(roles),
        scope=scope,
        person=None if person is None else str(person),
        department=None if department is None else str(department),
    )


CALLERS = {
    "admin": caller("管理员", "ADMIN"),
    "unscoped officer": caller("钱军", "OFFICER"),
    "district officer": caller("孙丽", "OFFICER", scope="370112", person=UUID(int=41)),
    "subdistrict officer": caller("赵强", "OFFICER", scope="370112001", person=UUID(int=31)),
    "community officer": caller("王芳", "OFFICER", scope=COMMUNITY_CODE, person=UUID(int=21)),
    "neighbouring community's officer": caller("吴刚", "OFFICER", scope="370112001002"),
    "neighbouring subdistrict's officer": caller("郑洁", "OFFICER", scope="370112002"),
    "grid worker": caller("张伟", "GRID_WORKER", scope=COMMUNITY_CODE, person=WORKER.person_id),
    "neighbouring grid worker": caller(
        "李娜", "GRID_WORKER", scope="370112001002", person=UUID(int=12)
    ),
    "maintainer's handler": caller(
        "刘工", "CASE_HANDLER", scope="370112009", department=MAINTAINER_ID
    ),
    "bureau's handler": caller("陈科长", "CASE_HANDLER", scope="370112009", department=BUREAU_ID),
    "supervisor": caller("周敏", "SUPERVISOR", scope="370112", person=UUID(int=51)),
    "organisation administrator": caller("冯静", "ORG_ADMIN", scope="370112"),
    "resident": caller("王女士", person=RESIDENT_ID),
}
"""Everyone the tests sign in as. The case lies in community 370112001001; the department
handlers' own scope is another subdistrict, so only their assignments grant them anything."""

GRID_WORKER_ASSIGNEE = Assignee.grid_worker(UUID(int=11), "张伟")
COMMUNITY_ASSIGNEE = Assignee.community(COMMUNITY_CODE, "香溢紫郡社区")


def dispatched_to(*assignees: Assignee) -> Case:
    """A case in the grid of community 370112001001, dispatched to ``assignees``."""
    case = case_at(S.ACCEPTED)
    case.dispatch(
        actor=Actor(subject="sub-王芳", name="王芳", role=R.COMMUNITY_OFFICER),
        assignees=list(assignees),
        category=ELEVATOR,
        calendar=CALENDAR,
        at=at(DISPATCHED_ON, 10),
        today=DISPATCHED_ON,
    )
    case.take_events()
    return case


def at_level(case: Case, level: Level) -> Case:
    """``case``, escalated up to ``level``."""
    while case.level < level:
        case.escalate(actor=MAINTAINER, reason="本级无法解决", at=at(DAY, 8))
    return case


def take(step: Step, who: Caller, case: Case) -> Actor:
    """Ask the access module for the actor of ``step``, the way its handler does."""
    if step is Step.REPORT:
        return reporter(who, division_code=case.division_code)
    if step is Step.MERGE:
        return merger(who, case, into=report(number=CaseNumber(2026, 100)))
    if step in (Step.START, Step.RESOLVE, Step.RETURN, Step.REQUEST_EXTENSION):
        return assignee(who, case, step=step)
    if step is Step.ESCALATE:
        return escalator(who, case)
    if step is Step.VERIFY:
        return verifier(who, case)
    if step is Step.ORDER_SUPERVISION:
        return supervisor(who, case)
    if step in (Step.START_WATCH, Step.RECORD_WATCH_CHECK):
        return watcher(who, case, step=step)
    if step in (Step.MAINTAIN_CATALOGUE, Step.MAINTAIN_CALENDAR):
        return catalogue_keeper(who, step=step)
    return officer(who, case, step=step)


# Every step, on a grid's case dispatched to the maintainer (lead), the grid worker and the
# community: who may take it, in which role. Everyone else is refused.

_OFFICERS = {
    "admin": R.DISTRICT_OFFICER,
    "unscoped officer": R.DISTRICT_OFFICER,
    "district officer": R.DISTRICT_OFFICER,
    "subdistrict officer": R.SUBDISTRICT_OFFICER,
    "community officer": R.COMMUNITY_OFFICER,
}
_ASSIGNEES = {
    "maintainer's handler": R.DEPARTMENT_HANDLER,
    "grid worker": R.GRID_WORKER,
    "community officer": R.COMMUNITY_OFFICER,
}
_OFFICER_STEPS = (
    Step.ACCEPT,
    Step.REJECT,
    Step.DISPATCH,
    Step.DISPATCH_MORE,
    Step.APPROVE_EXTENSION,
    Step.REJECT_EXTENSION,
    Step.SUSPEND,
    Step.RESUME,
    Step.MERGE,
    Step.CLOSE,
    Step.REOPEN,
)
_DISTRICT = dict.fromkeys(("admin", "unscoped officer", "district officer"), R.DISTRICT_OFFICER)

ALLOWED: dict[Step, dict[str, ActorRole]] = {
    Step.REPORT: _OFFICERS
    | {
        "grid worker": R.GRID_WORKER,
        "supervisor": R.REPORTER,
        "organisation administrator": R.REPORTER,
        "resident": R.REPORTER,
    },
    **dict.fromkeys(_OFFICER_STEPS, _OFFICERS),
    Step.HOLD_JOINT_MEETING: _DISTRICT | {"subdistrict officer": R.SUBDISTRICT_OFFICER},
    Step.START: _ASSIGNEES | {"admin": R.DISTRICT_OFFICER},
    Step.RESOLVE: _ASSIGNEES | {"admin": R.DISTRICT_OFFICER},
    Step.REQUEST_EXTENSION: _ASSIGNEES | {"admin": R.DISTRICT_OFFICER},
    Step.RETURN: _ASSIGNEES,
    Step.ESCALATE: _ASSIGNEES | {"admin": R.DISTRICT_OFFICER},
    Step.VERIFY: _OFFICERS | {"grid worker": R.GRID_WORKER},
    Step.ORDER_SUPERVISION: _OFFICERS | {"supervisor": R.SUPERVISOR},
    Step.START_WATCH: _OFFICERS | {"maintainer's handler": R.DEPARTMENT_HANDLER},
    Step.RECORD_WATCH_CHECK: _OFFICERS
    | {"maintainer's handler": R.DEPARTMENT_HANDLER, "grid worker": R.GRID_WORKER},
    Step.MAINTAIN_CATALOGUE: _DISTRICT,
    Step.MAINTAIN_CALENDAR: _DISTRICT,
}

_GRANTS = [(step, who, role) for step, roles in ALLOWED.items() for who, role in roles.items()]
_REFUSALS = [(step, who) for step, roles in ALLOWED.items() for who in CALLERS if who not in roles]


_WHAT = {
    Step.REPORT: "a case in community 370112001001",
    Step.MERGE: "case 2026-000123 into case 2026-000100",
    Step.MAINTAIN_CATALOGUE: "",
    Step.MAINTAIN_CALENDAR: "",
}
"""What a refusal names, where it is not the case itself."""


def _matrix_case() -> Case:
    return dispatched_to(MAINTAINER_ASSIGNEE, GRID_WORKER_ASSIGNEE, COMMUNITY_ASSIGNEE)


def test_every_step_has_a_rule_in_words_and_a_row_in_the_table() -> None:
    assert set(REQUIREMENTS) == set(Step) == set(ALLOWED)
    assert all(REQUIREMENTS[step] for step in Step)


@pytest.mark.parametrize(("step", "who", "role"), _GRANTS, ids=[f"{s}-{w}" for s, w, _ in _GRANTS])
def test_the_step_s_people_take_it_in_their_role(step: Step, who: str, role: ActorRole) -> None:
    person = CALLERS[who]
    actor = take(step, person, _matrix_case())
    assert (actor.subject, actor.name, actor.role) == (person.subject, person.name, role)
    assert actor.person_id == (UUID(person.person) if person.person else None)


@pytest.mark.parametrize(("step", "who"), _REFUSALS, ids=[f"{s}-{w}" for s, w in _REFUSALS])
def test_everyone_else_is_refused_with_the_step_named(step: Step, who: str) -> None:
    with pytest.raises(Forbidden) as refused:
        take(step, CALLERS[who], _matrix_case())
    assert refused.value.code == "FORBIDDEN"
    doing = step.describe(_WHAT.get(step, "case 2026-000123"))
    assert refused.value.message.startswith(f"To {doing} you must be {REQUIREMENTS[step]}. ")


@pytest.mark.parametrize("step", list(Step))
def test_an_anonymous_caller_is_asked_to_sign_in_for_every_step(step: Step) -> None:
    with pytest.raises(Unauthenticated) as refused:
        take(step, Caller.anonymous(), _matrix_case())
    assert refused.value.code == "UNAUTHENTICATED"
    assert refused.value.message.startswith("Sign in first: to ")


# What a refusal says


def test_a_refusal_names_the_step_the_rule_and_the_missing_role() -> None:
    with pytest.raises(Forbidden) as refused:
        officer(CALLERS["grid worker"], case_at(S.REPORTED), step=Step.ACCEPT)
    assert refused.value.message == (
        "To accept (立案) case 2026-000123 you must be an officer (OFFICER) whose scope covers "
        "the case's community. Your roles are GRID_WORKER."
    )
    assert refused.value.details == {"step": "ACCEPT"}


def test_a_refusal_names_the_scope_that_does_not_cover_the_case() -> None:
    with pytest.raises(Forbidden) as refused:
        officer(
            CALLERS["neighbouring subdistrict's officer"], case_at(S.ACCEPTED), step=Step.DISPATCH
        )
    assert refused.value.message == (
        "To dispatch (派遣) case 2026-000123 you must be an officer (OFFICER) whose scope covers "
        "the case's community. Your scope (370112002) does not cover community 370112001001."
    )


def test_a_refusal_to_someone_not_assigned_names_the_assignees() -> None:
    with pytest.raises(Forbidden) as refused:
        assignee(CALLERS["bureau's handler"], case_at(S.DISPATCHED), step=Step.START)
    assert refused.value.message.endswith(
        "You are none of them (济南快速电梯维保有限公司（牵头）)."
    )


def test_a_case_not_dispatched_has_no_assignee_to_take_its_steps() -> None:
    with pytest.raises(Forbidden) as refused:
        assignee(CALLERS["maintainer's handler"], case_at(S.ACCEPTED), step=Step.RESOLVE)
    assert refused.value.message.endswith("The case is assigned to no one now.")


def test_an_anonymous_caller_is_told_which_step_needs_signing_in() -> None:
    with pytest.raises(Unauthenticated) as refused:
        reporter(Caller.anonymous(), division_code=COMMUNITY_CODE)
    assert refused.value.message == (
        "Sign in first: to report (上报) a case in community 370112001001 you need a bearer token."
    )


# Officers' levels


@pytest.mark.parametrize(
    ("scope", "level"),
    [
        ("", Level.DISTRICT),
        ("370112", Level.DISTRICT),
        ("3701", Level.DISTRICT),
        ("370112001", Level.SUBDISTRICT),
        ("370112001001", Level.COMMUNITY),
        ("3701120", None),
        ("3701120010", None),
        ("370112001001001", None),
        ("37011x", None),
    ],
)
def test_an_officer_s_scope_says_their_level(scope: str, level: Level | None) -> None:
    assert officer_level(scope) is level


def test_an_officer_whose_scope_names_no_level_is_refused_saying_so() -> None:
    odd = caller("马超", "OFFICER", scope="3701120010")
    with pytest.raises(Forbidden) as refused:
        officer(odd, case_at(S.REPORTED), step=Step.ACCEPT)
    assert refused.value.message.endswith(
        "Your scope 3701120010 is no district (6 digits), subdistrict (9) or community (12) code."
    )


def test_an_administrator_acts_as_a_district_officer_whatever_their_scope_s_length() -> None:
    admin = caller("管理员", "ADMIN", scope="370112001001")
    actor = officer(admin, case_at(S.REPORTED), step=Step.ACCEPT)
    assert (actor.role, actor.level) == (R.DISTRICT_OFFICER, Level.DISTRICT)


def test_an_administrator_is_held_to_their_scope_like_everyone() -> None:
    admin = caller("管理员", "ADMIN", scope="370112002")
    with pytest.raises(Forbidden):
        officer(admin, case_at(S.REPORTED), step=Step.ACCEPT)


def test_a_community_officer_holds_no_joint_meeting() -> None:
    case = at_level(case_at(S.DISPATCHED), Level.SUBDISTRICT)
    with pytest.raises(Forbidden) as refused:
        officer(CALLERS["community officer"], case, step=Step.HOLD_JOINT_MEETING)
    assert refused.value.message.endswith("You are a community officer (社区工作人员).")


def test_a_case_is_merged_only_into_a_case_the_officer_also_covers() -> None:
    elsewhere = report(number=CaseNumber(2026, 100), division_code="370112001002")
    with pytest.raises(Forbidden) as refused:
        merger(CALLERS["community officer"], case_at(S.REPORTED), into=elsewhere)
    assert refused.value.message.startswith(
        "To merge (合并) case 2026-000123 into case 2026-000100 you must be"
    )
    assert refused.value.message.endswith(
        "Your scope (370112001001) does not cover community 370112001002."
    )
    assert merger(CALLERS["subdistrict officer"], case_at(S.REPORTED), into=elsewhere).role is (
        R.SUBDISTRICT_OFFICER
    )


def test_officer_takes_only_its_own_steps_and_sends_merges_to_merger() -> None:
    for step in (Step.START, Step.MERGE):
        with pytest.raises(ValueError, match=f"{step} is not one of officer"):
            officer(CALLERS["community officer"], case_at(S.DISPATCHED), step=step)


# The name shown, and who the actor acts for


def test_an_actor_is_named_by_the_token_s_subject_when_it_carries_no_name() -> None:
    nameless = Caller(subject="u-9", roles=frozenset({"OFFICER"}), scope=COMMUNITY_CODE)
    assert officer(nameless, case_at(S.REPORTED), step=Step.ACCEPT).name == "u-9"


def test_a_department_handler_acts_for_their_department() -> None:
    case = dispatched_to(MAINTAINER_ASSIGNEE)
    actor = assignee(CALLERS["maintainer's handler"], case, step=Step.START)
    assert (actor.role, actor.acts_for) == (R.DEPARTMENT_HANDLER, str(MAINTAINER_ID))


def test_a_co_handling_department_acts_for_itself_not_for_the_lead() -> None:
    case = dispatched_to(MAINTAINER_ASSIGNEE)
    bureau = Assignee.department(BUREAU_ID, "历城区市场监督管理局")
    case.dispatch_more(actor=MAINTAINER, assignees=[bureau], at=at(DISPATCHED_ON, 11))
    actor = assignee(CALLERS["bureau's handler"], case, step=Step.REQUEST_EXTENSION)
    assert actor.acts_for == str(BUREAU_ID)


def test_a_community_officer_acts_for_their_community() -> None:
    case = dispatched_to(COMMUNITY_ASSIGNEE)
    actor = assignee(CALLERS["community officer"], case, step=Step.START)
    assert (actor.role, actor.acts_for) == (R.COMMUNITY_OFFICER, COMMUNITY_CODE)
    accepting = officer(CALLERS["community officer"], case_at(S.REPORTED), step=Step.ACCEPT)
    assert accepting.acts_for == COMMUNITY_CODE


def test_an_officer_above_the_community_acts_for_no_assignment() -> None:
    actor = officer(CALLERS["subdistrict officer"], case_at(S.REPORTED), step=Step.ACCEPT)
    assert actor.acts_for is None


def test_a_grid_worker_answers_for_their_assignment_by_their_person() -> None:
    case = dispatched_to(GRID_WORKER_ASSIGNEE)
    actor = assignee(CALLERS["grid worker"], case, step=Step.START)
    assert (actor.role, actor.person_id, actor.acts_for) == (R.GRID_WORKER, UUID(int=11), None)
    with pytest.raises(Forbidden):
        assignee(CALLERS["neighbouring grid worker"], case, step=Step.START)


def test_a_grid_worker_without_a_personnel_record_answers_for_no_assignment() -> None:
    case = dispatched_to(GRID_WORKER_ASSIGNEE)
    unregistered = caller("张伟", "GRID_WORKER", scope=COMMUNITY_CODE)
    with pytest.raises(Forbidden):
        assignee(unregistered, case, step=Step.START)


def test_an_officer_of_a_wider_scope_is_no_community_assignee() -> None:
    case = dispatched_to(COMMUNITY_ASSIGNEE)
    with pytest.raises(Forbidden):
        assignee(CALLERS["subdistrict officer"], case, step=Step.RESOLVE)


@pytest.mark.parametrize(
    ("who", "assigned"),
    [
        ("maintainer's handler", MAINTAINER_ASSIGNEE),
        ("grid worker", GRID_WORKER_ASSIGNEE),
        ("community officer", COMMUNITY_ASSIGNEE),
    ],
)
def test_the_assignee_the_access_module_vouches_for_may_send_the_case_back(
    who: str, assigned: Assignee
) -> None:
    case = dispatched_to(assigned)
    actor = assignee(CALLERS[who], case, step=Step.RETURN)
    case.return_(
        actor=actor,
        reason="非本单位职责",
        calendar=CALENDAR,
        at=at(DISPATCHED_ON, 15),
        today=DISPATCHED_ON,
    )
    assert case.status is S.RETURNED


def test_an_administrator_is_no_assignee_even_naming_the_department() -> None:
    admin = caller("管理员", "ADMIN", department=MAINTAINER_ID)
    with pytest.raises(Forbidden):
        assignee(admin, dispatched_to(MAINTAINER_ASSIGNEE), step=Step.RETURN)


# Escalation, verification, supervision


@pytest.mark.parametrize(
    ("level", "who", "role"),
    [
        (Level.GRID, "community officer", R.COMMUNITY_OFFICER),
        (Level.COMMUNITY, "community officer", R.COMMUNITY_OFFICER),
        (Level.SUBDISTRICT, "subdistrict officer", R.SUBDISTRICT_OFFICER),
        (Level.DISTRICT, "district officer", R.DISTRICT_OFFICER),
        (Level.SUBDISTRICT, "admin", R.DISTRICT_OFFICER),
    ],
)
def test_the_officer_at_the_level_holding_the_case_escalates_it(
    level: Level, who: str, role: ActorRole
) -> None:
    case = at_level(case_at(S.DISPATCHED), level)
    assert escalator(CALLERS[who], case).role is role


@pytest.mark.parametrize(
    ("level", "who"),
    [
        (Level.GRID, "subdistrict officer"),
        (Level.COMMUNITY, "district officer"),
        (Level.SUBDISTRICT, "community officer"),
        (Level.SUBDISTRICT, "neighbouring subdistrict's officer"),
        (Level.DISTRICT, "subdistrict officer"),
    ],
)
def test_an_officer_at_another_level_or_elsewhere_does_not_escalate(level: Level, who: str) -> None:
    case = at_level(case_at(S.DISPATCHED), level)
    with pytest.raises(Forbidden):
        escalator(CALLERS[who], case)


def test_an_officer_at_the_wrong_level_is_told_where_the_case_is() -> None:
    case = at_level(case_at(S.DISPATCHED), Level.SUBDISTRICT)
    with pytest.raises(Forbidden) as refused:
        escalator(CALLERS["community officer"], case)
    assert refused.value.message.endswith(
        "You are a community officer (社区工作人员); the case is at the subdistrict (街道)."
    )


def test_an_assignee_escalates_at_any_level() -> None:
    case = at_level(case_at(S.DISPATCHED), Level.SUBDISTRICT)
    actor = escalator(CALLERS["maintainer's handler"], case)
    assert (actor.role, actor.acts_for) == (R.DEPARTMENT_HANDLER, str(MAINTAINER_ID))


def test_the_handler_verifying_under_another_account_is_caught_by_the_person() -> None:
    case = dispatched_to(GRID_WORKER_ASSIGNEE)
    worker = CALLERS["grid worker"]
    case.start(actor=assignee(worker, case, step=Step.START), at=at(DAY))
    case.resolve(actor=assignee(worker, case, step=Step.RESOLVE), evidence=EVIDENCE, at=at(DAY, 16))
    second_account = replace(worker, subject="sub-张伟-app")
    actor = verifier(second_account, case)
    assert actor.person_id == UUID(int=11)
    with pytest.raises(VerifierIsHandler):
        case.verify(actor=actor, passed=True, at=at(DAY, 17))


def test_someone_else_within_scope_verifies_the_result() -> None:
    case = dispatched_to(GRID_WORKER_ASSIGNEE)
    worker = CALLERS["grid worker"]
    case.start(actor=assignee(worker, case, step=Step.START), at=at(DAY))
    case.resolve(actor=assignee(worker, case, step=Step.RESOLVE), evidence=EVIDENCE, at=at(DAY, 16))
    case.verify(actor=verifier(CALLERS["community officer"], case), passed=True, at=at(DAY, 17))
    assert case.status is S.VERIFIED


@pytest.mark.parametrize(
    ("level", "who", "role"),
    [
        (Level.GRID, "community officer", R.COMMUNITY_OFFICER),
        (Level.COMMUNITY, "subdistrict officer", R.SUBDISTRICT_OFFICER),
        (Level.SUBDISTRICT, "district officer", R.DISTRICT_OFFICER),
        (Level.DISTRICT, "supervisor", R.SUPERVISOR),
        (Level.DISTRICT, "admin", R.DISTRICT_OFFICER),
    ],
)
def test_supervision_is_ordered_by_the_supervisor_or_an_officer_above_the_case(
    level: Level, who: str, role: ActorRole
) -> None:
    case = at_level(case_at(S.DISPATCHED), level)
    assert supervisor(CALLERS[who], case).role is role


@pytest.mark.parametrize(
    ("level", "who"),
    [
        (Level.COMMUNITY, "community officer"),
        (Level.SUBDISTRICT, "subdistrict officer"),
        (Level.DISTRICT, "district officer"),
        (Level.DISTRICT, "unscoped officer"),
    ],
)
def test_an_officer_at_or_below_the_case_s_level_orders_no_supervision(
    level: Level, who: str
) -> None:
    case = at_level(case_at(S.DISPATCHED), level)
    with pytest.raises(Forbidden) as refused:
        supervisor(CALLERS[who], case)
    assert refused.value.message.endswith(f"; the case is at the {level.label}.")


def test_a_supervisor_outside_their_scope_orders_nothing() -> None:
    elsewhere = caller("周敏", "SUPERVISOR", scope="370112002")
    with pytest.raises(Forbidden):
        supervisor(elsewhere, case_at(S.DISPATCHED))


# Reporting


def test_a_resident_reports_as_the_registered_person_they_are() -> None:
    actor = reporter(CALLERS["resident"], division_code=COMMUNITY_CODE)
    assert (actor.role, actor.person_id) == (R.REPORTER, RESIDENT_ID)


def test_a_caller_reports_only_within_their_scope() -> None:
    with pytest.raises(Forbidden) as refused:
        reporter(CALLERS["neighbouring grid worker"], division_code=COMMUNITY_CODE)
    assert "Your scope (370112001002) does not cover community 370112001001" in (
        refused.value.message
    )


def test_an_open311_client_reports_as_itself() -> None:
    actor = open311_reporter(" 泉城办 ")
    assert actor == Actor(subject="open311:泉城办", name="泉城办", role=R.REPORTER)


def test_an_open311_client_without_a_name_is_not_let_in() -> None:
    with pytest.raises(Unauthenticated):
        open311_reporter("  ")


# Watches and the catalogue


def test_a_handler_of_the_closed_case_s_department_starts_its_watch() -> None:
    actor = watcher(CALLERS["maintainer's handler"], case_at(S.CLOSED), step=Step.START_WATCH)
    assert (actor.role, actor.acts_for) == (R.DEPARTMENT_HANDLER, str(MAINTAINER_ID))


def test_a_district_officer_keeps_the_catalogue_and_a_subdistrict_officer_does_not() -> None:
    keeper = catalogue_keeper(CALLERS["district officer"], step=Step.MAINTAIN_CATALOGUE)
    assert keeper.role is R.DISTRICT_OFFICER
    with pytest.raises(Forbidden) as refused:
        catalogue_keeper(CALLERS["subdistrict officer"], step=Step.MAINTAIN_CALENDAR)
    assert refused.value.message == (
        "To change the working-day calendar (工作日历) you must be an administrator (ADMIN) or "
        "a district officer (OFFICER). You are a subdistrict officer (街道工作人员), not the "
        "district."
    )


# Reading


def test_an_anonymous_caller_reads_nothing() -> None:
    assert read_scope(Caller.anonymous()) == ReadScope()
    assert not can_read(Caller.anonymous(), case_at(S.DISPATCHED))


@pytest.mark.parametrize(
    ("who", "prefix"),
    [
        ("admin", ""),
        ("unscoped officer", ""),
        ("district officer", "370112"),
        ("subdistrict officer", "370112001"),
        ("grid worker", COMMUNITY_CODE),
        ("maintainer's handler", "370112009"),
        ("supervisor", "370112"),
        ("organisation administrator", None),
        ("resident", None),
    ],
)
def test_staff_read_by_their_scope_others_by_nothing_but_their_own(
    who: str, prefix: str | None
) -> None:
    assert read_scope(CALLERS[who]).division_prefix == prefix


def test_a_list_filter_names_the_handler_s_department_and_the_caller_s_person() -> None:
    assert read_scope(CALLERS["maintainer's handler"]) == ReadScope(
        division_prefix="370112009", department=str(MAINTAINER_ID), person=None
    )
    assert read_scope(CALLERS["resident"]) == ReadScope(person=RESIDENT_ID)


@pytest.mark.parametrize(
    ("who", "readable"),
    [
        ("admin", True),
        ("district officer", True),
        ("subdistrict officer", True),
        ("community officer", True),
        ("grid worker", True),
        ("supervisor", True),
        ("neighbouring community's officer", False),
        ("neighbouring subdistrict's officer", False),
        ("neighbouring grid worker", False),
        ("maintainer's handler", True),
        ("bureau's handler", False),
        ("organisation administrator", False),
        ("resident", True),
    ],
)
def test_who_reads_a_dispatched_case(who: str, readable: bool) -> None:
    assert can_read(CALLERS[who], case_at(S.DISPATCHED)) is readable


def test_a_resident_reads_the_cases_they_reported_and_no_other() -> None:
    someone_else_s = report(reporter=Reporter.person(UUID(int=98)))
    assert can_read(CALLERS["resident"], report())
    assert not can_read(CALLERS["resident"], someone_else_s)


def test_a_department_that_sent_the_case_back_still_reads_it() -> None:
    case = case_at(S.RETURNED)
    assert case.assignments == ()
    assert can_read(CALLERS["maintainer's handler"], case)
    assert not can_read(CALLERS["bureau's handler"], case)


def test_a_department_brought_in_by_a_joint_meeting_reads_the_case() -> None:
    case = at_level(case_at(S.IN_PROGRESS), Level.SUBDISTRICT)
    case.hold_joint_meeting(
        actor=Actor(subject="sub-赵强", name="赵强", role=R.SUBDISTRICT_OFFICER),
        held_on=DAY,
        participants=["赵强", "陈科长"],
        departments=[DepartmentRef(ref=str(BUREAU_ID), name="历城区市场监督管理局")],
        minutes="市场监管局到场检测",
        at=at(DAY, 14),
    )
    assert can_read(CALLERS["bureau's handler"], case)


def test_a_token_whose_person_is_no_id_is_sent_to_sign_in_again() -> None:
    broken = Caller(subject="u-7", roles=frozenset({"GRID_WORKER"}), person="zhang-wei")
    with pytest.raises(Unauthenticated) as refused:
        reporter(broken, division_code=COMMUNITY_CODE)
    assert refused.value.message == (
        "Your token's person claim 'zhang-wei' is no id (a UUID); sign in again."
    )
