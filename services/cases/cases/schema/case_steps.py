"""The loop's steps as GraphQL mutations: report, accept, dispatch ... close, and the side paths.

Every mutation answers the case as the step left it. Each takes ``clientMutationId`` (or the
``Idempotency-Key`` header): a retry of the same step with the same key answers the first
result instead of running it again. Who may take which step is written on each mutation; a
refusal is FORBIDDEN, an illegal step CASE_ILLEGAL_TRANSITION, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import strawberry
from strawberry.scalars import JSON

from cases.commands.cases import (
    AddCoHandlers,
    AnonymousReporter,
    Assign,
    CaseStep,
    CloseCase,
    DispatchCase,
    HoldJointMeeting,
    MeasurementInput,
    MergeCase,
    ReportCase,
    RequestExtension,
    ResolveCase,
    VerifyCase,
)
from cases.domain.case import Case as CaseModel
from cases.domain.kinds import AssigneeKind, CaseSource, Priority, Satisfaction
from cases.handlers import cases as handlers
from cases.schema.cases import Case
from cases.schema.context import CasesContext, Info
from gridkit.errors import InvalidInput
from gridkit.graphql.idempotency import ClientMutationId
from gridkit.graphql.ids import parse_id
from gridkit.idempotency import apply_once

C = TypeVar("C")


async def _run(
    context: CasesContext,
    operation: str,
    command: C,
    handler: Callable[..., Awaitable[CaseModel]],
    client_mutation_id: str | None,
) -> Case:
    """Run one step once per idempotency key; answer the case as it left it."""
    key = context.idempotency_key(operation, command, client_mutation_id)
    case = await apply_once(
        lambda: handler(command, context.unit_of_work().once(key), context.caller, now=context.now),
        replay=context.case_reads.case,
    )
    return Case.from_domain(case)


def _case_id(value: strawberry.ID) -> Any:
    return parse_id(value, what="caseId")


@strawberry.input(description="A reporter who is not registered: a phone to call back.")
class AnonymousReporterInput:
    phone: str = strawberry.field(description="A mobile or landline, e.g. 13812345678.")
    name: str | None = strawberry.field(default=None, description="A name, e.g. 王女士.")


@strawberry.input(description="A demand to report.")
class ReportCaseInput:
    title: str = strawberry.field(description="What it is about, in a line (≤ 200).")
    description: str = strawberry.field(description="The demand in the reporter's words.")
    category: str = strawberry.field(description="The category's code, e.g. ELEVATOR.")
    source: CaseSource = strawberry.field(description="Where it came from.")
    address: str = strawberry.field(description="Where it is, as people say it.")
    attributes: JSON = strawberry.field(
        default_factory=dict,
        description="The category's attributes: an object of attribute code → value.",
    )
    priority: Priority = strawberry.field(default=Priority.NORMAL, description="How urgent.")
    longitude: float | None = strawberry.field(default=None, description="WGS-84 longitude.")
    latitude: float | None = strawberry.field(default=None, description="WGS-84 latitude.")
    grid_id: strawberry.ID | None = strawberry.field(
        default=None, description="The grid; found from the coordinates when left out."
    )
    reporter_person_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A registered reporter; the caller's own record when both reporters are "
        "left out.",
    )
    anonymous_reporter: AnonymousReporterInput | None = strawberry.field(
        default=None, description="A reporter who left only a phone."
    )
    attachment_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Files uploaded through POST /attachments first."
    )
    client_mutation_id: ClientMutationId = None

    def to_command(self) -> ReportCase:
        """The command this input asks for."""
        if not isinstance(self.attributes, dict):
            raise InvalidInput("attributes is an object of attribute code → value")
        anonymous = self.anonymous_reporter
        return ReportCase(
            title=self.title,
            description=self.description,
            category_code=self.category,
            attributes=self.attributes,
            priority=self.priority,
            source=self.source,
            address=self.address,
            longitude=self.longitude,
            latitude=self.latitude,
            grid_id=parse_id(self.grid_id, what="gridId") if self.grid_id else None,
            reporter_person_id=parse_id(self.reporter_person_id, what="reporterPersonId")
            if self.reporter_person_id
            else None,
            anonymous_reporter=AnonymousReporter(phone=anonymous.phone, name=anonymous.name)
            if anonymous
            else None,
            attachment_ids=tuple(parse_id(a, what="attachmentIds") for a in self.attachment_ids),
        )


@strawberry.input(description="One assignee of a dispatch.")
class AssigneeInput:
    kind: AssigneeKind = strawberry.field(description="What ``ref`` names.")
    ref: str = strawberry.field(
        description="A person id (GRID_WORKER), a community code (COMMUNITY) or a department "
        "id (DEPARTMENT)."
    )
    lead: bool = strawberry.field(
        default=False, description="Whether it leads (牵头); the first leads when none does."
    )

    def to_assign(self) -> Assign:
        """The command's assignee."""
        return Assign(kind=self.kind, ref=self.ref.strip(), lead=self.lead)


@strawberry.input(description="A measurement taken as evidence.")
class MeasurementInputType:
    name: str = strawberry.field(description="What was measured, e.g. 轿厢噪声.")
    value: Decimal = strawberry.field(description="The value.")
    unit: str = strawberry.field(description="Its unit, e.g. dB.")
    limit: Decimal | None = strawberry.field(default=None, description="The limit to keep.")


@strawberry.input(description="The result of the work, with its evidence.")
class ResolveCaseInput:
    case_id: strawberry.ID
    text: str = strawberry.field(description="What was done and found.")
    attachment_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Photos or reports uploaded first."
    )
    measurements: list[MeasurementInputType] = strawberry.field(
        default_factory=list, description="Measurements with their limits."
    )
    client_mutation_id: ClientMutationId = None

    def to_command(self) -> ResolveCase:
        """The command this input asks for."""
        return ResolveCase(
            case_id=_case_id(self.case_id),
            text=self.text,
            attachment_ids=tuple(parse_id(a, what="attachmentIds") for a in self.attachment_ids),
            measurements=tuple(
                MeasurementInput(name=m.name, value=m.value, unit=m.unit, limit=m.limit)
                for m in self.measurements
            ),
        )


@strawberry.input(description="A joint meeting (联席会议) held on an escalated case.")
class JointMeetingInput:
    case_id: strawberry.ID
    held_on: date = strawberry.field(description="The day it was held.")
    participants: list[str] = strawberry.field(description="Who took part.")
    department_ids: list[strawberry.ID] = strawberry.field(
        description="The departments that join the case as co-handlers."
    )
    minutes: str = strawberry.field(description="The minutes.")
    decisions: list[str] = strawberry.field(default_factory=list, description="What was decided.")
    client_mutation_id: ClientMutationId = None

    def to_command(self) -> HoldJointMeeting:
        """The command this input asks for."""
        return HoldJointMeeting(
            case_id=_case_id(self.case_id),
            held_on=self.held_on,
            participants=tuple(self.participants),
            department_ids=tuple(parse_id(d, what="departmentIds") for d in self.department_ids),
            minutes=self.minutes,
            decisions=tuple(self.decisions),
        )


def _step(case_id: strawberry.ID, note: str | None) -> CaseStep:
    return CaseStep(case_id=_case_id(case_id), note=note)


@strawberry.type
class CaseMutation:
    @strawberry.mutation(
        description="Report a demand (signed-in callers within scope of the grid). The grid is "
        "given or found from the coordinates; attributes are checked against the category."
    )
    async def report_case(self, info: Info, input: ReportCaseInput) -> Case:
        return await _run(
            info.context,
            "reportCase",
            input.to_command(),
            handlers.report_case,
            input.client_mutation_id,
        )

    @strawberry.mutation(description="Accept a report as a case (立案): an officer within scope.")
    async def accept_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "acceptCase",
            _step(case_id, note),
            handlers.accept_case,
            client_mutation_id,
        )

    @strawberry.mutation(description="Refuse a report (不予立案) with a reason: an officer.")
    async def reject_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "rejectCase",
            _step(case_id, reason),
            handlers.reject_case,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Dispatch (派遣) an accepted or returned case: an officer. With no "
        "assignees it goes to the grid's full-time grid worker. The clock starts: the deadline "
        "is the category's working days for the priority after today."
    )
    async def dispatch_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        assignees: list[AssigneeInput] | None = None,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        command = DispatchCase(
            case_id=_case_id(case_id),
            assignees=tuple(a.to_assign() for a in assignees or ()),
            note=note,
        )
        return await _run(
            info.context, "dispatchCase", command, handlers.dispatch_case, client_mutation_id
        )

    @strawberry.mutation(
        description="Add co-handlers (协办) to a case in work, e.g. departments after an "
        "escalation: an officer. The clock stays."
    )
    async def add_co_handlers(
        self,
        info: Info,
        case_id: strawberry.ID,
        assignees: list[AssigneeInput],
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        command = AddCoHandlers(
            case_id=_case_id(case_id), assignees=tuple(a.to_assign() for a in assignees), note=note
        )
        return await _run(
            info.context, "addCoHandlers", command, handlers.add_co_handlers, client_mutation_id
        )

    @strawberry.mutation(
        description="Send a case back (回退) as not yours, with a reason, within 2 working days "
        "of dispatch: an assignee."
    )
    async def return_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "returnCase",
            _step(case_id, reason),
            handlers.return_case,
            client_mutation_id,
        )

    @strawberry.mutation(description="Start work on a dispatched case: an assignee (the handler).")
    async def start_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "startCase",
            _step(case_id, note),
            handlers.start_case,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Escalate (上报) one level: grid → community → subdistrict → district, with "
        "a reason: an assignee, or an officer at the case's level."
    )
    async def escalate_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "escalateCase",
            _step(case_id, reason),
            handlers.escalate_case,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Record a joint meeting (联席会议) on a case held at subdistrict level or "
        "above: an officer there. Its departments join as co-handlers."
    )
    async def hold_joint_meeting(self, info: Info, input: JointMeetingInput) -> Case:
        return await _run(
            info.context,
            "holdJointMeeting",
            input.to_command(),
            handlers.hold_joint_meeting,
            input.client_mutation_id,
        )

    @strawberry.mutation(
        description="Hand in the result (处理反馈) with evidence: text, files, measurements "
        "with their limits: an assignee."
    )
    async def resolve_case(self, info: Info, input: ResolveCaseInput) -> Case:
        return await _run(
            info.context,
            "resolveCase",
            input.to_command(),
            handlers.resolve_case,
            input.client_mutation_id,
        )

    @strawberry.mutation(
        description="Check the result on site (核查): a grid worker or officer other than the "
        "handler. Not passed (with a note) sends it back to work (返工)."
    )
    async def verify_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        passed: bool,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        command = VerifyCase(case_id=_case_id(case_id), passed=passed, note=note)
        return await _run(
            info.context, "verifyCase", command, handlers.verify_case, client_mutation_id
        )

    @strawberry.mutation(
        description="Record the return visit (回访): SATISFIED or BASICALLY_SATISFIED closes the "
        "case (结案); DISSATISFIED sends it back to work. An officer within scope."
    )
    async def close_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        satisfaction: Satisfaction,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        command = CloseCase(case_id=_case_id(case_id), satisfaction=satisfaction, note=note)
        return await _run(
            info.context, "closeCase", command, handlers.close_case, client_mutation_id
        )

    @strawberry.mutation(description="Reopen a closed case with a reason: an officer.")
    async def reopen_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "reopenCase",
            _step(case_id, reason),
            handlers.reopen_case,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Ask for more working days (延期, 1 to 30) with a reason: an assignee. "
        "One request waits at a time."
    )
    async def request_extension(
        self,
        info: Info,
        case_id: strawberry.ID,
        days: int,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        command = RequestExtension(case_id=_case_id(case_id), days=days, reason=reason)
        return await _run(
            info.context,
            "requestExtension",
            command,
            handlers.request_extension,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Approve the waiting extension: an officer at the case's level or above; "
        "each later extension needs a level above the one who approved the last."
    )
    async def approve_extension(
        self,
        info: Info,
        case_id: strawberry.ID,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "approveExtension",
            _step(case_id, note),
            handlers.approve_extension,
            client_mutation_id,
        )

    @strawberry.mutation(description="Refuse the waiting extension with a reason: an officer.")
    async def reject_extension(
        self,
        info: Info,
        case_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "rejectExtension",
            _step(case_id, reason),
            handlers.reject_extension,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Suspend (挂账) a case that cannot move for now, with a reason: an officer. "
        "The clock stops with the working days left."
    )
    async def suspend_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "suspendCase",
            _step(case_id, reason),
            handlers.suspend_case,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Resume a suspended case; its deadline is today plus the days it had left."
    )
    async def resume_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "resumeCase",
            _step(case_id, note),
            handlers.resume_case,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Order supervision (督办) of an overdue or repeatedly reworked case: a "
        "supervisor, or an officer above the case's level."
    )
    async def order_supervision(
        self,
        info: Info,
        case_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        return await _run(
            info.context,
            "orderSupervision",
            _step(case_id, reason),
            handlers.order_supervision,
            client_mutation_id,
        )

    @strawberry.mutation(
        description="Merge a case into another as its duplicate: an officer covering both. "
        "Its reporter is told through cases.case.merged."
    )
    async def merge_case(
        self,
        info: Info,
        case_id: strawberry.ID,
        into_case_id: strawberry.ID,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Case:
        command = MergeCase(
            case_id=_case_id(case_id),
            into_case_id=parse_id(into_case_id, what="intoCaseId"),
            note=note,
        )
        return await _run(
            info.context, "mergeCase", command, handlers.merge_case, client_mutation_id
        )
