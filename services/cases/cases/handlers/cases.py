"""Handlers for cases: report, then every step of the loop, each in one transaction.

Every step reads the same way: open the unit of work, load the case locked, let the access
module say who the caller acts as (or refuse), call the domain, save, commit. Each commits
naming the case, so a step run with an idempotency key answers a retry with the case as the
first run left it instead of refusing the repeated step. ``at`` is the
moment of the request and ``today`` its date in Asia/Shanghai; the working-day calendar is the
State Council's with the overrides stored in the service.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from uuid import UUID, uuid4

from sqlalchemy.exc import InterfaceError, OperationalError

from cases.commands.cases import (
    AddCoHandlers,
    Assign,
    CaseStep,
    CloseCase,
    DispatchCase,
    HoldJointMeeting,
    MergeCase,
    ReportCase,
    RequestExtension,
    ResolveCase,
    VerifyCase,
)
from cases.domain.assignment import Assignee, DepartmentRef
from cases.domain.case import Case
from cases.domain.errors import (
    AttachmentNotFound,
    GridNotFound,
    InvalidAssignment,
    InvalidReporter,
    NoGridWorker,
)
from cases.domain.evidence import Evidence, Measurement
from cases.domain.kinds import AssigneeKind
from cases.domain.location import Location
from cases.domain.people import Actor, Reporter
from cases.domain.places import GridView, active_department
from cases.domain.working_days import WorkingCalendar
from cases.handlers import access
from cases.handlers.access import Step
from cases.repository.attachments import AttachmentStore
from cases.unit_of_work import CasesUnitOfWork
from gridkit.auth import Caller

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Moment:
    """When a command is served: the moment, and the local date rules count on."""

    at: datetime
    today: date


Who = Callable[[Caller, Case], Actor]
"""An access rule: the actor the caller is for this step of this case, or a refusal."""


def _officer(step: Step) -> Who:
    return partial(access.officer, step=step)


def _assignee(step: Step) -> Who:
    return partial(access.assignee, step=step)


async def _step(
    case_id: UUID,
    uow: CasesUnitOfWork,
    caller: Caller,
    who: Who,
    do: Callable[[Case, Actor], object],
) -> Case:
    """Load the case locked, find who the caller acts as, take the step, save, commit."""
    async with uow:
        return await _take(case_id, uow, caller, who, do)


async def _clocked_step(
    case_id: UUID,
    uow: CasesUnitOfWork,
    caller: Caller,
    who: Who,
    do: Callable[[Case, Actor, WorkingCalendar], object],
) -> Case:
    """A step that counts working days (return, reopen, extension, suspension): the same,
    with the calendar read in the step's transaction."""
    async with uow:
        calendar = await uow.calendar.calendar()
        return await _take(case_id, uow, caller, who, lambda case, actor: do(case, actor, calendar))


async def _take(
    case_id: UUID,
    uow: CasesUnitOfWork,
    caller: Caller,
    who: Who,
    do: Callable[[Case, Actor], object],
) -> Case:
    case = await uow.cases.get(case_id, lock=True)
    do(case, who(caller, case))
    await uow.cases.save(case)
    await uow.commit(created=case.id)
    return case


# Reporting


Reporting = Callable[[str], Actor]
"""Who reports a case in the community (division code) named: the actor, or a refusal."""


async def report_case(
    command: ReportCase, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Report a demand: in the grid given, or the one whose boundary holds the location."""
    return await _report(
        command, uow, lambda community: access.reporter(caller, division_code=community), now=now
    )


async def report_case_as(
    command: ReportCase, uow: CasesUnitOfWork, actor: Actor, *, now: Moment
) -> Case:
    """Report a demand as ``actor``, whom the request's credentials already name.

    For an Open311 client (:func:`access.open311_reporter`): its key, not a token's scope,
    let it in, so it reports in any community; the rest is :func:`report_case`'s.
    """
    return await _report(command, uow, lambda _community: actor, now=now)


async def _report(
    command: ReportCase, uow: CasesUnitOfWork, who: Reporting, *, now: Moment
) -> Case:
    async with uow:
        category = await uow.categories.get(command.category_code)
        location = Location(
            address=command.address, longitude=command.longitude, latitude=command.latitude
        )
        grid = await _grid_of(uow, command, location)
        actor = who(grid.community_code)
        await _known_attachments(uow, command.attachment_ids)
        case = Case.report(
            id=uuid4(),
            number=await uow.cases.next_number(now.today.year),
            category=category,
            title=command.title,
            description=command.description,
            attributes=command.attributes,
            priority=command.priority,
            source=command.source,
            location=location,
            grid_id=grid.grid_id,
            division_code=grid.community_code,
            reporter=_reporter(command, actor),
            actor=actor,
            at=now.at,
            attachment_ids=command.attachment_ids,
        )
        await uow.cases.add(case)
        await uow.commit(created=case.id)
        return case


async def _grid_of(uow: CasesUnitOfWork, command: ReportCase, location: Location) -> GridView:
    if command.grid_id is not None:
        grid = await uow.places.grid(command.grid_id)
        if grid is None:
            raise GridNotFound.for_id(command.grid_id)
    else:
        if location.longitude is None or location.latitude is None:
            raise GridNotFound(
                "Say which grid the case is in, or give the location's longitude and latitude "
                "so the grid can be found from it"
            )
        grid = await uow.places.grid_at(location.longitude, location.latitude)
        if grid is None:
            raise GridNotFound(
                f"No grid's boundary holds ({location.longitude}, {location.latitude}); say "
                "which grid the case is in",
                longitude=str(location.longitude),
                latitude=str(location.latitude),
            )
    grid.ensure_takes_cases()
    return grid


def _reporter(command: ReportCase, actor: Actor) -> Reporter:
    if command.anonymous_reporter is not None:
        contact = command.anonymous_reporter
        return Reporter.anonymous(phone=contact.phone, name=contact.name)
    person = command.reporter_person_id or actor.person_id
    if person is None:
        raise InvalidReporter(
            "Say who reported the case: a registered person (reporterPersonId) or an "
            "anonymous reporter's phone; the caller has no personnel record to stand in"
        )
    return Reporter.person(person)


async def _known_attachments(uow: CasesUnitOfWork, attachment_ids: Sequence[UUID]) -> None:
    found = await AttachmentStore(uow.session).many(attachment_ids) if attachment_ids else []
    for attachment_id, attachment in zip(attachment_ids, found, strict=True):
        if attachment is None:
            raise AttachmentNotFound.for_id(attachment_id)


# Acceptance and dispatch


async def accept_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Accept a report as a case (立案)."""
    return await _step(
        command.case_id,
        uow,
        caller,
        _officer(Step.ACCEPT),
        lambda case, actor: case.accept(actor=actor, at=now.at, note=command.note),
    )


async def reject_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Refuse a report (不予立案), saying why."""
    return await _step(
        command.case_id,
        uow,
        caller,
        _officer(Step.REJECT),
        lambda case, actor: case.reject(actor=actor, reason=command.note or "", at=now.at),
    )


async def dispatch_case(
    command: DispatchCase, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Dispatch (派遣) to the assignees named, or to the grid's full-time grid worker."""
    async with uow:
        case = await uow.cases.get(command.case_id, lock=True)
        actor = access.officer(caller, case, step=Step.DISPATCH)
        category = await uow.categories.get(case.category_code)
        assignees = await _assignees(uow, case, command.assignees, now.today)
        case.dispatch(
            actor=actor,
            assignees=assignees,
            category=category,
            calendar=await uow.calendar.calendar(),
            at=now.at,
            today=now.today,
            note=command.note,
        )
        await uow.cases.save(case)
        await uow.commit(created=case.id)
        return case


async def add_co_handlers(
    command: AddCoHandlers, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Add co-handlers (协办), such as departments after an escalation."""
    async with uow:
        case = await uow.cases.get(command.case_id, lock=True)
        actor = access.officer(caller, case, step=Step.DISPATCH_MORE)
        if not command.assignees:
            raise InvalidAssignment("Name at least one assignee to add")
        assignees = await _assignees(uow, case, command.assignees, now.today)
        case.dispatch_more(actor=actor, assignees=assignees, at=now.at, note=command.note)
        await uow.cases.save(case)
        await uow.commit(created=case.id)
        return case


async def _assignees(
    uow: CasesUnitOfWork, case: Case, wanted: Sequence[Assign], today: date
) -> list[Assignee]:
    """The domain's assignees for what a dispatch names, their names from the views."""
    if not wanted:
        worker = await uow.places.full_time_worker(case.grid_id, today)
        if worker is None:
            raise NoGridWorker(
                f"Case {case.number}'s grid has no full-time grid worker (专职网格员) today; name "
                "the assignees",
                grid_id=str(case.grid_id),
            )
        return [Assignee.grid_worker(worker, "专职网格员", lead=True)]
    ids = {assign.ref: _uuid(assign.ref) for assign in wanted}
    departments = await uow.places.departments(
        [i for a in wanted if a.kind is AssigneeKind.DEPARTMENT and (i := ids[a.ref]) is not None]
    )
    assignees = []
    for assign in wanted:
        person_or_department = ids[assign.ref]
        if assign.kind is AssigneeKind.DEPARTMENT:
            found = departments.get(person_or_department) if person_or_department else None
            department = active_department(found, assign.ref)
            assignees.append(
                Assignee.department(department.department_id, department.name, lead=assign.lead)
            )
        elif assign.kind is AssigneeKind.COMMUNITY:
            assignees.append(Assignee.community(assign.ref, f"社区 {assign.ref}", lead=assign.lead))
        elif person_or_department is None:
            raise InvalidAssignment(
                f"A grid worker is named by their person id, not {assign.ref!r}", ref=assign.ref
            )
        else:
            assignees.append(Assignee.grid_worker(person_or_department, "网格员", lead=assign.lead))
    return assignees


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


async def return_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Send a case back (回退) as not the assignee's, within two working days of dispatch."""
    return await _clocked_step(
        command.case_id,
        uow,
        caller,
        _assignee(Step.RETURN),
        lambda case, actor, calendar: case.return_(
            actor=actor, reason=command.note or "", calendar=calendar, at=now.at, today=now.today
        ),
    )


# Work


async def start_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Start work on a dispatched case; the caller becomes its handler."""
    return await _step(
        command.case_id,
        uow,
        caller,
        _assignee(Step.START),
        lambda case, actor: case.start(actor=actor, at=now.at, note=command.note),
    )


async def escalate_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Escalate (上报) to the next level: grid → community → subdistrict → district."""
    return await _step(
        command.case_id,
        uow,
        caller,
        access.escalator,
        lambda case, actor: case.escalate(actor=actor, reason=command.note or "", at=now.at),
    )


async def hold_joint_meeting(
    command: HoldJointMeeting, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Record a joint meeting (联席会议); its departments join the case as co-handlers."""
    async with uow:
        case = await uow.cases.get(command.case_id, lock=True)
        actor = access.officer(caller, case, step=Step.HOLD_JOINT_MEETING)
        departments = await uow.places.departments(command.department_ids)
        refs = []
        for department_id in command.department_ids:
            department = active_department(departments.get(department_id), department_id)
            refs.append(DepartmentRef(ref=str(department_id), name=department.name))
        case.hold_joint_meeting(
            actor=actor,
            held_on=command.held_on,
            participants=tuple(command.participants),
            departments=tuple(refs),
            minutes=command.minutes,
            decisions=tuple(command.decisions),
            at=now.at,
        )
        await uow.cases.save(case)
        await uow.commit(created=case.id)
        return case


async def resolve_case(
    command: ResolveCase, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Hand in the result (处理反馈) with its evidence: text, files, measurements."""
    async with uow:
        case = await uow.cases.get(command.case_id, lock=True)
        actor = access.assignee(caller, case, step=Step.RESOLVE)
        await _known_attachments(uow, command.attachment_ids)
        evidence = Evidence(
            text=command.text,
            attachment_ids=tuple(command.attachment_ids),
            measurements=tuple(
                Measurement(name=m.name, value=m.value, unit=m.unit, limit=m.limit)
                for m in command.measurements
            ),
        )
        case.resolve(actor=actor, evidence=evidence, at=now.at)
        await uow.cases.save(case)
        await uow.commit(created=case.id)
        return case


async def verify_case(
    command: VerifyCase, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Check the result on site (核查); a failed check sends the case back to work (返工)."""
    return await _step(
        command.case_id,
        uow,
        caller,
        access.verifier,
        lambda case, actor: case.verify(
            actor=actor, passed=command.passed, at=now.at, note=command.note
        ),
    )


async def close_case(
    command: CloseCase, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Record the return visit (回访): satisfied closes (结案), dissatisfied is rework."""
    return await _step(
        command.case_id,
        uow,
        caller,
        _officer(Step.CLOSE),
        lambda case, actor: case.close(
            actor=actor,
            satisfaction=command.satisfaction,
            at=now.at,
            today=now.today,
            note=command.note,
        ),
    )


async def reopen_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Reopen a closed case (the problem came back)."""
    return await _clocked_step(
        command.case_id,
        uow,
        caller,
        _officer(Step.REOPEN),
        lambda case, actor, calendar: case.reopen(
            actor=actor, reason=command.note or "", calendar=calendar, at=now.at, today=now.today
        ),
    )


# Time


async def request_extension(
    command: RequestExtension, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Ask for more working days (延期)."""
    return await _step(
        command.case_id,
        uow,
        caller,
        _assignee(Step.REQUEST_EXTENSION),
        lambda case, actor: case.request_extension(
            actor=actor, days=command.days, reason=command.reason, at=now.at
        ),
    )


async def approve_extension(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Approve the pending extension; a second one needs a higher level than the first."""
    return await _clocked_step(
        command.case_id,
        uow,
        caller,
        _officer(Step.APPROVE_EXTENSION),
        lambda case, actor, calendar: case.approve_extension(
            actor=actor, calendar=calendar, at=now.at, note=command.note
        ),
    )


async def reject_extension(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Refuse the pending extension, saying why."""
    return await _step(
        command.case_id,
        uow,
        caller,
        _officer(Step.REJECT_EXTENSION),
        lambda case, actor: case.reject_extension(
            actor=actor, reason=command.note or "", at=now.at
        ),
    )


async def suspend_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Suspend (挂账) a case that cannot move for now; its clock stops."""
    return await _clocked_step(
        command.case_id,
        uow,
        caller,
        _officer(Step.SUSPEND),
        lambda case, actor, calendar: case.suspend(
            actor=actor, reason=command.note or "", calendar=calendar, at=now.at, today=now.today
        ),
    )


async def resume_case(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Resume a suspended case with the working days it had left."""
    return await _clocked_step(
        command.case_id,
        uow,
        caller,
        _officer(Step.RESUME),
        lambda case, actor, calendar: case.resume(
            actor=actor, calendar=calendar, at=now.at, today=now.today, note=command.note
        ),
    )


async def order_supervision(
    command: CaseStep, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Order supervision (督办) of an overdue or repeatedly reworked case."""
    return await _step(
        command.case_id,
        uow,
        caller,
        access.supervisor,
        lambda case, actor: case.order_supervision(
            actor=actor, reason=command.note or "", at=now.at, today=now.today
        ),
    )


async def merge_case(
    command: MergeCase, uow: CasesUnitOfWork, caller: Caller, *, now: Moment
) -> Case:
    """Merge a case into another as its duplicate (the target is locked too)."""
    async with uow:
        # Locked in id order, so two merges crossing each other cannot deadlock.
        first, second = sorted((command.case_id, command.into_case_id))
        locked = {first: await uow.cases.get(first, lock=True)}
        if second != first:
            locked[second] = await uow.cases.get(second, lock=True)
        case, target = locked[command.case_id], locked[command.into_case_id]
        actor = access.merger(caller, case, into=target)
        case.merge_into(target, actor=actor, at=now.at, note=command.note)
        await uow.cases.save(case)
        await uow.commit(created=case.id)
        return case


# The deadline timer

_UNREACHABLE = (OSError, OperationalError, InterfaceError)
"""Failures of the database itself rather than of one case: the timer's run stops there."""


async def observe_deadlines(uow: CasesUnitOfWork, *, now: Moment, batch: int = 500) -> int:
    """Warn, flag and escalate the cases whose deadline has come (the periodic job: no caller).

    Each case is handled in a transaction of its own, so one case's failure stops nobody
    else's; returns how many cases recorded something."""
    async with uow:
        calendar = await uow.calendar.calendar()
        due = await uow.cases.due_for_deadline_check(
            now.today, calendar.add_working_days(now.today, 1), batch
        )
    changed = 0
    for case_id in due:
        try:
            changed += await _observe_deadline(uow, case_id, now=now, calendar=calendar)
        except _UNREACHABLE:
            raise  # every other case would fail the same way: the job says so and retries
        except Exception:
            # Nothing of this case was written (its transaction rolled back); the traceback is
            # for ops, and the next run tries the case again.
            log.exception("the deadline check of case %s failed; the others go on", case_id)
    return changed


async def _observe_deadline(
    uow: CasesUnitOfWork, case_id: UUID, *, now: Moment, calendar: WorkingCalendar
) -> int:
    """One case's look at its deadline, in a transaction of its own; 1 if it recorded anything."""
    async with uow:
        case = await uow.cases.get(case_id, lock=True)
        if not case.observe_deadline(today=now.today, at=now.at, calendar=calendar):
            return 0
        await uow.cases.save(case)
        await uow.commit()
        return 1
