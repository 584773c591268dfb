"""Who may take which step of a case: the request's caller becomes the case's actor, or is refused.

Each step belongs to someone (:data:`REQUIREMENTS` says whom, in words the schema's
documentation cites), and one small function per family of steps answers the
:class:`~cases.domain.Actor` the domain records on the timeline::

    function          steps                                         who
    reporter          report                                        anyone signed in within scope
    open311_reporter  report through an Open311 client              the client, as a reporter
    officer           accept, reject, dispatch, add co-handlers,    an officer within scope
                      approve / refuse an extension, suspend,       (a joint meeting: subdistrict
                      resume, close, reopen, joint meeting          or district officers)
    merger            merge                                         an officer covering both cases
    assignee          start, resolve, send back, ask for time       an assignee of the case
    escalator         escalate                                      an assignee, or an officer at
                                                                    the level holding the case
    verifier          verify                                        a grid worker or an officer
    supervisor        order supervision                             a supervisor, or an officer
                                                                    above the case's level
    watcher           start a watch, record a watch check           officers, assigned handlers
                                                                    (checks: grid workers too)
    catalogue_keeper  catalogue and calendar                        administrators, district
                                                                    officers

"Within scope" means the caller's scope (a division code prefix) covers the case's
community. An officer's level is the length of their scope: a district's 6 digits
(or none at all), a subdistrict's 9, a community's 12. An administrator (ADMIN)
takes every step but sending a case back (an assignee's alone), as a district
officer within their scope. Reading follows the same scope:
:func:`can_read` for one case, :func:`read_scope` for a list's filter; an Open311
client reads every case through the Open311 API's public fields (:func:`open311_read_scope`).

The domain checks what depends on the case's history (the verifier is not its
handler, the approver of an extension stands high enough, only an assignee sends
a case back); this module checks who the caller is.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from uuid import UUID

from cases.domain import Actor, ActorRole, AssigneeKind, Assignment, Case, Level
from cases.domain.reading import EVERYTHING, ReadScope
from gridkit.auth import Caller, Role
from gridkit.errors import Forbidden, Unauthenticated

__all__ = [
    "REQUIREMENTS",
    "ReadScope",
    "Step",
    "assignee",
    "can_read",
    "catalogue_keeper",
    "escalator",
    "figures_reader",
    "merger",
    "officer",
    "officer_level",
    "open311_read_scope",
    "open311_reporter",
    "read_scope",
    "reporter",
    "supervisor",
    "verifier",
    "watcher",
]


class Step(StrEnum):
    """A step someone takes on a case, on its watch, or on the catalogue."""

    REPORT = "REPORT"
    """Report a demand (上报)."""
    ACCEPT = "ACCEPT"
    """Accept the report as a case (立案)."""
    REJECT = "REJECT"
    """Refuse the report (不予立案)."""
    DISPATCH = "DISPATCH"
    """Dispatch the case to its assignees (派遣)."""
    DISPATCH_MORE = "DISPATCH_MORE"
    """Add co-handlers (增派协办)."""
    RETURN = "RETURN"
    """Send the case back as not the assignee's (回退)."""
    START = "START"
    """Start work on the case (开始处置)."""
    RESOLVE = "RESOLVE"
    """Report the case resolved, with evidence (处置完毕)."""
    ESCALATE = "ESCALATE"
    """Move the case one level up (上报)."""
    HOLD_JOINT_MEETING = "HOLD_JOINT_MEETING"
    """Record a joint meeting on the case (联席会议)."""
    VERIFY = "VERIFY"
    """Verify the result on site (核查)."""
    CLOSE = "CLOSE"
    """Record the return visit (回访) and close the case (结案)."""
    REOPEN = "REOPEN"
    """Take a closed case back into work (重新启动)."""
    REQUEST_EXTENSION = "REQUEST_EXTENSION"
    """Ask for more time (申请延期)."""
    APPROVE_EXTENSION = "APPROVE_EXTENSION"
    """Approve the pending extension (同意延期)."""
    REJECT_EXTENSION = "REJECT_EXTENSION"
    """Refuse the pending extension (不同意延期)."""
    SUSPEND = "SUSPEND"
    """Suspend the case (挂账)."""
    RESUME = "RESUME"
    """Take a suspended case up again (恢复办理)."""
    MERGE = "MERGE"
    """Merge the case into another as a duplicate (合并)."""
    ORDER_SUPERVISION = "ORDER_SUPERVISION"
    """Order the case handled (督办)."""
    START_WATCH = "START_WATCH"
    """Start a follow-up watch on a closed case (持续关注)."""
    RECORD_WATCH_CHECK = "RECORD_WATCH_CHECK"
    """Record a check of a follow-up watch."""
    MAINTAIN_CATALOGUE = "MAINTAIN_CATALOGUE"
    """Add or change case categories (案件类别)."""
    MAINTAIN_CALENDAR = "MAINTAIN_CALENDAR"
    """Add or change the working-day calendar's overrides (工作日历)."""

    def describe(self, what: str = "") -> str:
        """The step as a phrase, about ``what`` (``case 2026-000123``): ``accept (立案) case …``."""
        return _PHRASES[self].format(what=what)


_PHRASES = {
    Step.REPORT: "report (上报) {what}",
    Step.ACCEPT: "accept (立案) {what}",
    Step.REJECT: "reject (不予立案) {what}",
    Step.DISPATCH: "dispatch (派遣) {what}",
    Step.DISPATCH_MORE: "add co-handlers (增派协办) to {what}",
    Step.RETURN: "send back (回退) {what}",
    Step.START: "start work (开始处置) on {what}",
    Step.RESOLVE: "resolve (处置完毕) {what}",
    Step.ESCALATE: "escalate (上报) {what}",
    Step.HOLD_JOINT_MEETING: "hold a joint meeting (联席会议) on {what}",
    Step.VERIFY: "verify (核查) {what}",
    Step.CLOSE: "record the return visit (回访) and close (结案) {what}",
    Step.REOPEN: "reopen (重新启动) {what}",
    Step.REQUEST_EXTENSION: "ask for more time (申请延期) on {what}",
    Step.APPROVE_EXTENSION: "approve more time (同意延期) on {what}",
    Step.REJECT_EXTENSION: "refuse more time (不同意延期) on {what}",
    Step.SUSPEND: "suspend (挂账) {what}",
    Step.RESUME: "resume (恢复办理) {what}",
    Step.MERGE: "merge (合并) {what}",
    Step.ORDER_SUPERVISION: "order supervision (督办) of {what}",
    Step.START_WATCH: "start a follow-up watch (持续关注) on {what}",
    Step.RECORD_WATCH_CHECK: "record a follow-up check (持续关注) on {what}",
    Step.MAINTAIN_CATALOGUE: "change the case catalogue (案件类别)",
    Step.MAINTAIN_CALENDAR: "change the working-day calendar (工作日历)",
}

_OFFICER = "an officer (OFFICER) whose scope covers the case's community"
_ASSIGNEES = (
    "one of the case's assignees: a department handler (CASE_HANDLER) of an assigned "
    "department, the assigned grid worker (GRID_WORKER), or an officer (OFFICER) whose scope is "
    "an assigned community"
)

REQUIREMENTS: Mapping[Step, str] = {
    Step.REPORT: "signed in, with a scope that covers the case's community",
    Step.ACCEPT: _OFFICER,
    Step.REJECT: _OFFICER,
    Step.DISPATCH: _OFFICER,
    Step.DISPATCH_MORE: _OFFICER,
    Step.RETURN: f"{_ASSIGNEES}; nobody else sends a case back",
    Step.START: _ASSIGNEES,
    Step.RESOLVE: _ASSIGNEES,
    Step.ESCALATE: (
        f"{_ASSIGNEES}; or an officer (OFFICER) within scope at the level holding the case "
        "(a grid's case is the community's)"
    ),
    Step.HOLD_JOINT_MEETING: (
        "a subdistrict or district officer (OFFICER) whose scope covers the case's community"
    ),
    Step.VERIFY: (
        "a grid worker (GRID_WORKER) or an officer (OFFICER) whose scope covers the case's "
        "community, who neither handled nor resolved it"
    ),
    Step.CLOSE: _OFFICER,
    Step.REOPEN: _OFFICER,
    Step.REQUEST_EXTENSION: _ASSIGNEES,
    Step.APPROVE_EXTENSION: f"{_OFFICER}, at the level the case's extensions need",
    Step.REJECT_EXTENSION: _OFFICER,
    Step.SUSPEND: _OFFICER,
    Step.RESUME: _OFFICER,
    Step.MERGE: "an officer (OFFICER) whose scope covers the communities of both cases",
    Step.ORDER_SUPERVISION: (
        "a supervisor (SUPERVISOR, 督查督办) whose scope covers the case's community, or an "
        "officer (OFFICER) within scope above the level holding the case"
    ),
    Step.START_WATCH: (
        f"{_OFFICER}, or a department handler (CASE_HANDLER) of an assigned department"
    ),
    Step.RECORD_WATCH_CHECK: (
        "a grid worker (GRID_WORKER) or an officer (OFFICER) whose scope covers the case's "
        "community, or a department handler (CASE_HANDLER) of an assigned department"
    ),
    Step.MAINTAIN_CATALOGUE: "an administrator (ADMIN) or a district officer (OFFICER)",
    Step.MAINTAIN_CALENDAR: "an administrator (ADMIN) or a district officer (OFFICER)",
}
"""Who may take each step, in words (with :meth:`Step.describe`, the refusals' messages).

An administrator (ADMIN) takes every step but sending a case back, as a district
officer within their scope."""

_OFFICER_STEPS = {
    Step.ACCEPT: Level.COMMUNITY,
    Step.REJECT: Level.COMMUNITY,
    Step.DISPATCH: Level.COMMUNITY,
    Step.DISPATCH_MORE: Level.COMMUNITY,
    Step.APPROVE_EXTENSION: Level.COMMUNITY,
    Step.REJECT_EXTENSION: Level.COMMUNITY,
    Step.SUSPEND: Level.COMMUNITY,
    Step.RESUME: Level.COMMUNITY,
    Step.CLOSE: Level.COMMUNITY,
    Step.REOPEN: Level.COMMUNITY,
    Step.HOLD_JOINT_MEETING: Level.SUBDISTRICT,
}
"""The officers' steps, each with the lowest level that takes it."""

_ASSIGNEE_STEPS = frozenset({Step.START, Step.RESOLVE, Step.RETURN, Step.REQUEST_EXTENSION})
_WATCH_STEPS = frozenset({Step.START_WATCH, Step.RECORD_WATCH_CHECK})
_KEEPER_STEPS = frozenset({Step.MAINTAIN_CATALOGUE, Step.MAINTAIN_CALENDAR})

_SCOPE_LEVELS = {9: Level.SUBDISTRICT, 12: Level.COMMUNITY}
_DISTRICT_CODE_LENGTH = 6
_OFFICER_ROLES = {
    Level.COMMUNITY: ActorRole.COMMUNITY_OFFICER,
    Level.SUBDISTRICT: ActorRole.SUBDISTRICT_OFFICER,
    Level.DISTRICT: ActorRole.DISTRICT_OFFICER,
}
_CASE_ROLES = (Role.OFFICER, Role.GRID_WORKER, Role.CASE_HANDLER, Role.SUPERVISOR)
"""The roles that read cases by scope; ADMIN holds them all, ORG_ADMIN none."""


def officer_level(scope: str) -> Level | None:
    """The level an officer with ``scope`` works at, or ``None`` for a scope naming no level.

    A district's 6 digits or an empty scope (everything) is the district, and so is a
    wider prefix, the district being the top of a case's chain; 9 digits are a
    subdistrict, 12 a community. Other lengths name no division an officer serves.
    """
    if scope and not (scope.isascii() and scope.isdigit()):
        return None
    if len(scope) <= _DISTRICT_CODE_LENGTH:
        return Level.DISTRICT
    return _SCOPE_LEVELS.get(len(scope))


# The families of steps


def reporter(caller: Caller, *, division_code: str) -> Actor:
    """Who reports a case in the community ``division_code``: anyone signed in within scope.

    A grid worker reports as a grid worker (on patrol, 网格巡查), an officer as the
    officer of their level, anyone else as a reporter (诉求人).
    """
    doing = Step.REPORT.describe(f"a case in community {division_code}")
    _signed_in(caller, doing)
    if not caller.covers(division_code):
        raise _refused(Step.REPORT, doing, _outside(caller, division_code))
    if Role.GRID_WORKER in caller.roles:
        return _actor(caller, ActorRole.GRID_WORKER)
    if caller.has_role(Role.OFFICER):
        return _officer_or_refuse(caller, Step.REPORT, doing)
    return _actor(caller, ActorRole.REPORTER)


def open311_reporter(client_name: str) -> Actor:
    """Who reports through an Open311 client (a city app, a hotline's system): the client.

    Such a request carries the client's key, not a resident's token; the client is
    recorded as the reporter, the resident's contact travels in the case's reporter.
    """
    name = client_name.strip()
    if not name:
        raise Unauthenticated("An Open311 request names its client: give a known api_key.")
    return Actor(subject=f"open311:{name}", name=name, role=ActorRole.REPORTER)


def officer(caller: Caller, case: Case, *, step: Step) -> Actor:
    """The officer taking ``step`` on ``case``: an officer (or ADMIN) covering its community.

    For accepting, rejecting, dispatching, adding co-handlers, deciding extensions,
    suspending, resuming, closing and reopening; a joint meeting needs a subdistrict
    or district officer. ``step`` must be one of those (a merge is :func:`merger`'s).
    """
    lowest = _OFFICER_STEPS.get(step)
    if lowest is None:
        raise ValueError(f"{step} is not one of officer()'s steps")
    doing = step.describe(f"case {case.number}")
    _signed_in(caller, doing)
    return _officer_within(caller, case.division_code, step=step, doing=doing, lowest=lowest)


def merger(caller: Caller, case: Case, *, into: Case) -> Actor:
    """The officer merging ``case`` into ``into``: one covering both cases' communities.

    A merge reveals the target and joins the two, so the officer answers for both.
    """
    doing = Step.MERGE.describe(f"case {case.number} into case {into.number}")
    _signed_in(caller, doing)
    _officer_within(caller, into.division_code, step=Step.MERGE, doing=doing)
    return _officer_within(caller, case.division_code, step=Step.MERGE, doing=doing)


def assignee(caller: Caller, case: Case, *, step: Step) -> Actor:
    """The assignee taking ``step`` (start, resolve, send back, ask for time) on ``case``.

    A department handler acts for an assigned department, a grid worker for their
    own assignment, an officer whose scope is an assigned community for it; the
    dispatch grants it, so no scope is asked. An administrator starts, resolves and
    asks for time as a district officer; sending back says "not ours", which only an
    assignee says.
    """
    if step not in _ASSIGNEE_STEPS:
        raise ValueError(f"{step} is not an assignee's step")
    doing = step.describe(f"case {case.number}")
    _signed_in(caller, doing)
    actor = _as_assignee(caller, case)
    if actor is not None:
        return actor
    if step is not Step.RETURN and Role.ADMIN in caller.roles:
        return _officer_within(caller, case.division_code, step=step, doing=doing)
    raise _refused(step, doing, _not_assigned(case))


def escalator(caller: Caller, case: Case) -> Actor:
    """Who escalates ``case`` (上报): an assignee, or an officer at the level holding it.

    A grid has no officers of its own: a grid's case is escalated by its community's
    officers. An administrator escalates as a district officer.
    """
    step = Step.ESCALATE
    doing = step.describe(f"case {case.number}")
    _signed_in(caller, doing)
    actor = _as_assignee(caller, case)
    if actor is not None:
        return actor
    if not caller.has_role(Role.OFFICER):
        raise _refused(step, doing, _not_assigned(case))
    holding = max(case.level, Level.COMMUNITY)
    actor = _officer_within(caller, case.division_code, step=step, doing=doing)
    if Role.ADMIN not in caller.roles and actor.level is not holding:
        raise _refused(step, doing, f"{_as_officer(actor)}; the case is at the {case.level.label}")
    return actor


def verifier(caller: Caller, case: Case) -> Actor:
    """Who verifies ``case`` on site (核查): a grid worker or an officer within scope.

    The actor carries the caller's person, so the domain can refuse the case's own
    handler or resolver (``CASE_VERIFIER_IS_HANDLER``) under another account too.
    """
    step = Step.VERIFY
    doing = step.describe(f"case {case.number}")
    _signed_in(caller, doing)
    if not caller.has_role(Role.GRID_WORKER, Role.OFFICER):
        raise _refused(step, doing, _roles(caller))
    if not caller.covers(case.division_code):
        raise _refused(step, doing, _outside(caller, case.division_code))
    if Role.GRID_WORKER in caller.roles:
        return _actor(caller, ActorRole.GRID_WORKER)
    return _officer_or_refuse(caller, step, doing)


def supervisor(caller: Caller, case: Case) -> Actor:
    """Who orders ``case`` handled (督办): a supervisor, or an officer above the case's level.

    Both within scope; an administrator orders it as a district officer.
    """
    step = Step.ORDER_SUPERVISION
    doing = step.describe(f"case {case.number}")
    _signed_in(caller, doing)
    if not caller.has_role(Role.SUPERVISOR, Role.OFFICER):
        raise _refused(step, doing, _roles(caller))
    if not caller.covers(case.division_code):
        raise _refused(step, doing, _outside(caller, case.division_code))
    if Role.SUPERVISOR in caller.roles:
        return _actor(caller, ActorRole.SUPERVISOR)
    actor = _officer_or_refuse(caller, step, doing)
    if Role.ADMIN not in caller.roles and (actor.level is None or actor.level <= case.level):
        raise _refused(step, doing, f"{_as_officer(actor)}; the case is at the {case.level.label}")
    return actor


def watcher(caller: Caller, case: Case, *, step: Step) -> Actor:
    """Who starts a follow-up watch on ``case``, or records one of its checks.

    An officer within scope or a department handler of an assigned department
    starts one; a grid worker within scope also records checks.
    """
    if step not in _WATCH_STEPS:
        raise ValueError(f"{step} is not a watch's step")
    doing = step.describe(f"case {case.number}")
    _signed_in(caller, doing)
    handler = _as_department_handler(caller, case)
    if handler is not None:
        return handler
    roles = (Role.OFFICER, Role.GRID_WORKER) if step is Step.RECORD_WATCH_CHECK else (Role.OFFICER,)
    if not caller.has_role(*roles):
        raise _refused(step, doing, _roles(caller))
    if not caller.covers(case.division_code):
        raise _refused(step, doing, _outside(caller, case.division_code))
    if step is Step.RECORD_WATCH_CHECK and Role.GRID_WORKER in caller.roles:
        return _actor(caller, ActorRole.GRID_WORKER)
    return _officer_or_refuse(caller, step, doing)


def catalogue_keeper(caller: Caller, *, step: Step) -> Actor:
    """Who changes the case catalogue or the working-day calendar: ADMIN or a district officer.

    Both are the district's: every case's categories and deadlines hang on them.
    """
    if step not in _KEEPER_STEPS:
        raise ValueError(f"{step} is not a catalogue keeper's step")
    doing = step.describe()
    _signed_in(caller, doing)
    if not caller.has_role(Role.OFFICER):
        raise _refused(step, doing, _roles(caller))
    actor = _officer_or_refuse(caller, step, doing)
    if actor.level is not Level.DISTRICT:
        raise _refused(step, doing, f"{_as_officer(actor)}, not the district")
    return actor


# Reading


def read_scope(caller: Caller) -> ReadScope:
    """The cases ``caller`` reads, as a list query's filter.

    Staff who work on cases (officers, grid workers, department handlers,
    supervisors, administrators) read every case within their scope; a department
    handler also reads the cases of their department wherever they lie; anyone
    signed in reads the cases they reported. A role-less account (a resident) and
    an organisation administrator read by scope nothing.
    """
    if not caller.is_authenticated:
        return ReadScope()
    department = _department_id(caller) if Role.CASE_HANDLER in caller.roles else None
    return ReadScope(
        division_prefix=caller.scope if caller.has_role(*_CASE_ROLES) else None,
        department=department,
        person=_person_id(caller),
    )


def open311_read_scope(client_name: str) -> ReadScope:
    """The cases an Open311 client reads by its api_key: every case of the district.

    A key is the district's grant to a government system (the 12345 hotline's, a city
    app's back office) that follows the cases it files and its neighbours'; the Open311
    API shows of each case only its public fields, never who reported it.
    """
    open311_reporter(client_name)  # a nameless client is refused here as there
    return EVERYTHING


def figures_reader(caller: Caller, division_code: str | None = None) -> None:
    """Refuse a caller who may not read the case figures of ``division_code``.

    Figures are read by place: staff whose scope covers the division. For a grid's figures
    (``None``: the grid's division is org's to know) any staff scope will do.
    """
    if not caller.is_authenticated:
        raise Unauthenticated("Sign in first: case figures need a bearer token.")
    prefix = read_scope(caller).division_prefix
    if division_code is None:
        if prefix is None:
            raise Forbidden("A grid's case figures are read by staff within scope.")
        return
    if prefix is None or not division_code.startswith(prefix):
        raise Forbidden(
            f"The figures of {division_code} lie outside your scope ({caller.scope or 'all'})."
        )


def can_read(caller: Caller, case: Case) -> bool:
    """Whether ``caller`` may read ``case`` (the same rule as :func:`read_scope`)."""
    return read_scope(caller).admits(case)


# Internals


def _signed_in(caller: Caller, doing: str) -> None:
    if not caller.is_authenticated:
        raise Unauthenticated(f"Sign in first: to {doing} you need a bearer token.")


def _refused(step: Step, doing: str, missing: str) -> Forbidden:
    return Forbidden(f"To {doing} you must be {REQUIREMENTS[step]}. {missing}.", step=step.value)


def _actor(caller: Caller, role: ActorRole, *, acts_for: str | None = None) -> Actor:
    subject = caller.subject or ""
    return Actor(
        subject=subject,
        name=caller.name or subject,
        role=role,
        person_id=_person_id(caller),
        acts_for=acts_for,
    )


def _officer_actor(caller: Caller) -> Actor | None:
    """The caller as an officer of their level; ``None`` when their scope names no level."""
    level = Level.DISTRICT if Role.ADMIN in caller.roles else officer_level(caller.scope)
    if level is None:
        return None
    # A community officer works for their community: a case dispatched to it is theirs.
    acts_for = caller.scope if level is Level.COMMUNITY else None
    return _actor(caller, _OFFICER_ROLES[level], acts_for=acts_for)


def _officer_or_refuse(caller: Caller, step: Step, doing: str) -> Actor:
    actor = _officer_actor(caller)
    if actor is None:
        raise _refused(
            step,
            doing,
            f"Your scope {caller.scope} is no district (6 digits), subdistrict (9) or "
            "community (12) code",
        )
    return actor


def _officer_within(
    caller: Caller, division_code: str, *, step: Step, doing: str, lowest: Level = Level.COMMUNITY
) -> Actor:
    if not caller.has_role(Role.OFFICER):
        raise _refused(step, doing, _roles(caller))
    if not caller.covers(division_code):
        raise _refused(step, doing, _outside(caller, division_code))
    actor = _officer_or_refuse(caller, step, doing)
    if actor.level is None or actor.level < lowest:
        raise _refused(step, doing, _as_officer(actor))
    return actor


def _as_assignee(caller: Caller, case: Case) -> Actor | None:
    """The caller acting for one of the case's assignments (the lead first), if they are one."""
    for assignment in sorted(case.assignments, key=lambda a: not a.lead):
        actor = _acting_for(caller, assignment)
        if actor is not None:
            return actor
    return None


def _acting_for(caller: Caller, assignment: Assignment) -> Actor | None:
    # Roles are read as held, not through ADMIN's all-roles: an administrator is no assignee.
    kind, ref = assignment.kind, assignment.ref
    if kind is AssigneeKind.DEPARTMENT and Role.CASE_HANDLER in caller.roles:
        if _department_id(caller) == ref:
            return _actor(caller, ActorRole.DEPARTMENT_HANDLER, acts_for=ref)
    elif kind is AssigneeKind.GRID_WORKER and Role.GRID_WORKER in caller.roles:
        person = _person_id(caller)
        if person is not None and str(person) == ref:
            return _actor(caller, ActorRole.GRID_WORKER)
    elif kind is AssigneeKind.COMMUNITY and Role.OFFICER in caller.roles and caller.scope == ref:
        return _actor(caller, ActorRole.COMMUNITY_OFFICER, acts_for=ref)
    return None


def _as_department_handler(caller: Caller, case: Case) -> Actor | None:
    for assignment in case.assignments:
        if assignment.kind is AssigneeKind.DEPARTMENT:
            actor = _acting_for(caller, assignment)
            if actor is not None:
                return actor
    return None


def _person_id(caller: Caller) -> UUID | None:
    return _claimed_id(caller.person, "person")


def _department_id(caller: Caller) -> str | None:
    department = _claimed_id(caller.department, "department")
    return None if department is None else str(department)


def _claimed_id(value: str | None, claim: str) -> UUID | None:
    if value is None:
        return None
    try:
        return UUID(value)
    except ValueError:
        raise Unauthenticated(
            f"Your token's {claim} claim {value!r} is no id (a UUID); sign in again."
        ) from None


def _roles(caller: Caller) -> str:
    held = sorted(caller.roles)
    return f"Your roles are {', '.join(held)}" if held else "You hold no role"


def _outside(caller: Caller, division_code: str) -> str:
    return f"Your scope ({caller.scope or 'all'}) does not cover community {division_code}"


def _not_assigned(case: Case) -> str:
    if not case.assignments:
        return "The case is assigned to no one now"
    return f"You are none of them ({'、'.join(a.label for a in case.assignments)})"


def _as_officer(actor: Actor) -> str:
    return f"You are a {actor.role.label}"
