"""Cases in GraphQL: the ``Case`` entity with its timeline, and the entities it touches.

A case is read by whoever's scope covers its community, by the departments it is dispatched
to, and by the person who reported it; to anyone else it does not exist (``case`` answers
null). ``Grid``, ``Person`` and ``Department`` are other subgraphs' entities that cases extends
with their cases (and a grid with its figures).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Self, cast
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from cases.domain.assignment import Assignment as AssignmentModel
from cases.domain.case import Case as CaseModel
from cases.domain.duplicates import NewReport
from cases.domain.evidence import Evidence as EvidenceModel
from cases.domain.extension import Extension as ExtensionModel
from cases.domain.kinds import (
    ActorRole,
    AssigneeKind,
    CaseAction,
    CaseSource,
    CaseStatus,
    ExtensionStatus,
    Level,
    Priority,
    Satisfaction,
)
from cases.domain.oversight import JointMeeting as MeetingModel
from cases.domain.oversight import SupervisionOrder as SupervisionModel
from cases.domain.people import Actor
from cases.domain.periods import DivisionPlace, GridPlace, Period
from cases.domain.reading import ReadScope
from cases.domain.timeline import TimelineEntry as EntryModel
from cases.handlers.access import can_read, figures_reader
from cases.repository.cases import CaseFilter, case_key
from cases.schema.catalogue import CaseCategory
from cases.schema.context import Info
from cases.schema.duplicates import DuplicateSuggestion, suggestions
from cases.schema.figures import CaseFigures
from gridkit.auth import Caller
from gridkit.graphql.ids import parse_id, representation_ids
from gridkit.graphql.pagination import Connection, PageRequest

if TYPE_CHECKING:
    from cases.schema.watches import Watch


# Other subgraphs' entities


@strawberry.federation.type(keys=["id"], description="A person (from personnel), with their cases.")
class Person:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any person id: their cases are read when asked."""
        return cls(id=id)

    @strawberry.field(
        description="The cases this person reported that the caller may read, oldest first."
    )
    async def reported_cases(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Case]:
        where = CaseFilter(reporter_person_id=parse_id(self.id), visible=visibility(info))
        return await list_cases(info, where, first=first, after=after, last=last, before=before)

    @strawberry.field(
        description="The cases this person works on as the assigned grid worker, oldest first."
    )
    async def assigned_cases(
        self,
        info: Info,
        statuses: list[CaseStatus] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Case]:
        where = CaseFilter(
            assignee=(AssigneeKind.GRID_WORKER, str(parse_id(self.id))),
            statuses=statuses,
            visible=visibility(info),
        )
        return await list_cases(info, where, first=first, after=after, last=last, before=before)


@strawberry.federation.type(
    keys=["id"], description="An org department, with the cases dispatched to it."
)
class Department:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any department id: its cases are read when asked."""
        return cls(id=id)

    @strawberry.field(description="The cases dispatched to the department now, oldest first.")
    async def cases(
        self,
        info: Info,
        statuses: list[CaseStatus] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Case]:
        where = CaseFilter(
            assignee=(AssigneeKind.DEPARTMENT, str(parse_id(self.id))),
            statuses=statuses,
            visible=visibility(info),
        )
        return await list_cases(info, where, first=first, after=after, last=last, before=before)


@strawberry.federation.type(keys=["id"], description="A grid (from org), with its cases.")
class Grid:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any grid id: its cases are read when asked."""
        return cls(id=id)

    @strawberry.field(description="The grid's cases the caller may read, oldest first.")
    async def cases(
        self,
        info: Info,
        statuses: list[CaseStatus] | None = None,
        category: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Case]:
        where = CaseFilter(
            grid_ids=[parse_id(self.id)],
            statuses=statuses,
            category_code=category,
            visible=visibility(info),
        )
        return await list_cases(info, where, first=first, after=after, last=last, before=before)

    @strawberry.field(
        description="The grid's performance figures for a period (2026, 2026-Q2, 2026-06); "
        "staff whose scope covers the grid read them."
    )
    async def case_stats(self, info: Info, period: str) -> CaseFigures:
        figures_reader(info.context.caller)
        when = Period.parse(period)
        figures = await info.context.figure_reads.figures(GridPlace(parse_id(self.id)), when)
        return CaseFigures.from_domain(figures, when)


# The case and its parts


@strawberry.type(description="Who took a step, in which role.")
class CaseActor:
    name: str = strawberry.field(description="The name shown on the timeline.")
    role: ActorRole = strawberry.field(description="The capacity they acted in.")
    person_id: strawberry.ID | None = strawberry.field(
        description="Their record in personnel, for staff registered there."
    )
    acts_for: str | None = strawberry.field(
        description="The department id or community code they acted for, if any."
    )

    @classmethod
    def from_domain(cls, actor: Actor) -> Self:
        """The GraphQL view of an actor."""
        return cls(
            name=actor.name,
            role=actor.role,
            person_id=None if actor.person_id is None else strawberry.ID(str(actor.person_id)),
            acts_for=actor.acts_for,
        )

    @strawberry.field(description="The person (resolved by personnel), when registered.")
    def person(self) -> Person | None:
        return None if self.person_id is None else Person(id=self.person_id)


def _actor(actor: Actor | None) -> CaseActor | None:
    return None if actor is None else CaseActor.from_domain(actor)


@strawberry.type(description="One assignee of a case: a grid worker, a community or a department.")
class CaseAssignment:
    kind: AssigneeKind = strawberry.field(description="What ``ref`` names.")
    ref: str = strawberry.field(
        description="A person id, a community's division code or a department id."
    )
    name: str = strawberry.field(description="The assignee's name.")
    lead: bool = strawberry.field(description="Whether it leads (牵头) rather than co-handles.")
    since: datetime = strawberry.field(description="When it was assigned.")

    @classmethod
    def from_domain(cls, assignment: AssignmentModel) -> Self:
        """The GraphQL view of an assignment."""
        return cls(
            kind=assignment.kind,
            ref=assignment.ref,
            name=assignment.name,
            lead=assignment.lead,
            since=assignment.since,
        )

    @strawberry.field(description="The department (resolved by org), for a DEPARTMENT assignee.")
    def department(self) -> Department | None:
        if self.kind is not AssigneeKind.DEPARTMENT:
            return None
        return Department(id=strawberry.ID(self.ref))

    @strawberry.field(description="The person (resolved by personnel), for a GRID_WORKER.")
    def person(self) -> Person | None:
        if self.kind is not AssigneeKind.GRID_WORKER:
            return None
        return Person(id=strawberry.ID(self.ref))


@strawberry.type(description="A measurement handed in as evidence, against its limit.")
class Measurement:
    name: str = strawberry.field(description="What was measured, e.g. 轿厢噪声.")
    value: Decimal = strawberry.field(description="The value measured.")
    unit: str = strawberry.field(description="Its unit, e.g. dB.")
    limit: Decimal | None = strawberry.field(description="The limit it must not exceed.")
    within_limit: bool | None = strawberry.field(
        description="Whether the value keeps to the limit (null without a limit)."
    )


@strawberry.type(description="A file uploaded through POST /attachments.")
class CaseAttachment:
    id: strawberry.ID
    sha256: str = strawberry.field(description="SHA-256 of the bytes, hex.")
    content_type: str = strawberry.field(description="The type judged from the bytes.")
    size: int = strawberry.field(description="Bytes.")
    filename: str = strawberry.field(description="The file's name.")
    url: str = strawberry.field(description="Where to GET it (with the bearer token).")


@strawberry.type(description="What a handler handed in: text, files, measurements.")
class Evidence:
    text: str = strawberry.field(description="What was done and found.")
    attachment_ids: list[strawberry.ID] = strawberry.field(description="The files' ids.")
    measurements: list[Measurement] = strawberry.field(description="Measurements taken.")

    @classmethod
    def from_domain(cls, evidence: EvidenceModel) -> Self:
        """The GraphQL view of evidence."""
        return cls(
            text=evidence.text,
            attachment_ids=[strawberry.ID(str(a)) for a in evidence.attachment_ids],
            measurements=[
                Measurement(
                    name=m.name,
                    value=m.value,
                    unit=m.unit,
                    limit=m.limit,
                    within_limit=m.within_limit,
                )
                for m in evidence.measurements
            ],
        )

    @strawberry.field(description="The files, with their types and where to fetch them.")
    async def attachments(self, info: Info) -> list[CaseAttachment]:
        found = await info.context.attachments.load_many([parse_id(a) for a in self.attachment_ids])
        return [
            CaseAttachment(
                id=strawberry.ID(str(a.id)),
                sha256=a.sha256,
                content_type=a.content_type,
                size=a.size,
                filename=a.filename,
                url=f"/attachments/{a.id}",
            )
            for a in found
            if a is not None
        ]


@strawberry.type(description="A detail of a timeline step, as a key and a value.")
class TimelineDetail:
    key: str
    value: str


@strawberry.type(description="One step of a case's timeline: who, in which role, when, what.")
class TimelineEntry:
    at: datetime = strawberry.field(description="When the step was taken.")
    action: CaseAction = strawberry.field(description="What the step did.")
    status: CaseStatus = strawberry.field(description="The case's status after it.")
    actor: CaseActor = strawberry.field(description="Who took it.")
    note: str | None = strawberry.field(description="The note or reason given.")
    evidence: Evidence | None = strawberry.field(description="Evidence handed in with it.")
    details: list[TimelineDetail] = strawberry.field(
        description="What else it recorded (assignees, due dates, levels ...)."
    )

    @classmethod
    def from_domain(cls, entry: EntryModel) -> Self:
        """The GraphQL view of a timeline entry."""
        return cls(
            at=entry.at,
            action=entry.action,
            status=entry.status,
            actor=CaseActor.from_domain(entry.actor),
            note=entry.note,
            evidence=None if entry.evidence is None else Evidence.from_domain(entry.evidence),
            details=[TimelineDetail(key=k, value=v) for k, v in sorted(entry.details.items())],
        )


@strawberry.type(description="A request for more working days (延期) and its decision.")
class CaseExtension:
    sequence: int = strawberry.field(description="1 for the first request, 2 for the next ...")
    days: int = strawberry.field(description="Working days asked for.")
    reason: str = strawberry.field(description="Why.")
    status: ExtensionStatus = strawberry.field(description="Where it stands.")
    requested_by: CaseActor = strawberry.field(description="Who asked.")
    requested_at: datetime = strawberry.field(description="When.")
    decided_by: CaseActor | None = strawberry.field(description="Who decided.")
    decided_at: datetime | None = strawberry.field(description="When.")
    decision_note: str | None = strawberry.field(description="The approver's note or refusal.")

    @classmethod
    def from_domain(cls, extension: ExtensionModel) -> Self:
        """The GraphQL view of an extension request."""
        return cls(
            sequence=extension.sequence,
            days=extension.days,
            reason=extension.reason,
            status=extension.status,
            requested_by=CaseActor.from_domain(extension.requested_by),
            requested_at=extension.requested_at,
            decided_by=_actor(extension.decided_by),
            decided_at=extension.decided_at,
            decision_note=extension.decision_note,
        )


@strawberry.type(description="A supervision order (督办) on an overdue or reworked case.")
class SupervisionOrder:
    ordered_on: date = strawberry.field(description="The day it was given.")
    by: CaseActor = strawberry.field(description="Who gave it.")
    reason: str = strawberry.field(description="Why.")

    @classmethod
    def from_domain(cls, order: SupervisionModel) -> Self:
        """The GraphQL view of a supervision order."""
        return cls(
            ordered_on=order.ordered_on, by=CaseActor.from_domain(order.by), reason=order.reason
        )


@strawberry.type(description="A joint meeting (联席会议) held on an escalated case.")
class JointMeeting:
    held_on: date = strawberry.field(description="The day it was held.")
    convened_by: CaseActor = strawberry.field(description="Who convened it.")
    participants: list[str] = strawberry.field(description="Who took part.")
    department_ids: list[strawberry.ID] = strawberry.field(
        description="The departments that joined the case."
    )
    minutes: str = strawberry.field(description="The minutes.")
    decisions: list[str] = strawberry.field(description="What was decided.")

    @classmethod
    def from_domain(cls, meeting: MeetingModel) -> Self:
        """The GraphQL view of a joint meeting."""
        return cls(
            held_on=meeting.held_on,
            convened_by=CaseActor.from_domain(meeting.convened_by),
            participants=list(meeting.participants),
            department_ids=[strawberry.ID(d.ref) for d in meeting.departments],
            minutes=meeting.minutes,
            decisions=list(meeting.decisions),
        )

    @strawberry.field(description="The departments (resolved by org).")
    def departments(self) -> list[Department]:
        return [Department(id=ref) for ref in self.department_ids]


@strawberry.type(description="Where a case is: an address, and a point when known (WGS-84).")
class CaseLocation:
    address: str
    longitude: float | None
    latitude: float | None


@strawberry.type(description="A reporter who left only a phone number (masked here).")
class AnonymousReporter:
    name: str | None = strawberry.field(description="The name they gave, if any.")
    phone: str = strawberry.field(description="The phone, masked: 138****5678.")


@strawberry.federation.type(
    keys=["id"],
    description="A resident's demand (诉求) through the closed loop: reported in a grid, "
    "accepted, dispatched, handled, verified, closed after the return visit, maybe watched.",
)
class Case:
    id: strawberry.ID
    number: str = strawberry.field(description="Readable and unique per year: 2026-000123.")
    title: str = strawberry.field(description="What it is about, in a line.")
    description: str = strawberry.field(description="The demand in the reporter's words.")
    category_code: str = strawberry.field(description="The category's code.")
    attributes: JSON = strawberry.field(
        description="The category's attributes as reported (code → value)."
    )
    priority: Priority = strawberry.field(description="How urgent it is.")
    source: CaseSource = strawberry.field(description="Where it came from.")
    location: CaseLocation = strawberry.field(description="Where it is.")
    division_code: str = strawberry.field(description="The community (社区/村) of its grid.")
    status: CaseStatus = strawberry.field(description="Where it stands in the loop.")
    level: Level = strawberry.field(description="The level holding it.")
    reported_at: datetime = strawberry.field(description="When it was reported.")
    dispatched_at: datetime | None = strawberry.field(description="When it was last dispatched.")
    due_on: date | None = strawberry.field(
        description="The deadline (a working day; extensions included)."
    )
    warned_on: date | None = strawberry.field(
        description="When the yellow warning was given (the working day before the deadline)."
    )
    overdue_on: date | None = strawberry.field(
        description="When the red flag was raised (the first day after the deadline)."
    )
    closed_at: datetime | None = strawberry.field(description="When it closed (结案).")
    on_time: bool | None = strawberry.field(
        description="Whether it closed by its deadline (null until it closes)."
    )
    rework_count: int = strawberry.field(description="Times it was sent back to work (返工).")
    reopen_count: int = strawberry.field(description="Times it was reopened after closing.")
    satisfaction: Satisfaction | None = strawberry.field(
        description="The latest return visit's answer (回访)."
    )
    model: strawberry.Private[CaseModel]

    @classmethod
    def from_domain(cls, case: CaseModel) -> Self:
        """The GraphQL view of a case."""
        location = case.location
        return cls(
            id=strawberry.ID(str(case.id)),
            number=str(case.number),
            title=case.title,
            description=case.description,
            category_code=case.category_code,
            attributes=cast(JSON, dict(case.attributes)),
            priority=case.priority,
            source=case.source,
            location=CaseLocation(
                address=location.address,
                longitude=location.longitude,
                latitude=location.latitude,
            ),
            division_code=case.division_code,
            status=case.status,
            level=case.level,
            reported_at=case.reported_at,
            dispatched_at=case.dispatched_at,
            due_on=case.due_on,
            warned_on=case.warned_on,
            overdue_on=case.overdue_on,
            closed_at=case.closed_at,
            on_time=case.on_time,
            rework_count=case.rework_count,
            reopen_count=case.reopen_count,
            satisfaction=case.satisfaction,
            model=case,
        )

    @classmethod
    async def resolve_references(
        cls, info: Info, representations: list[dict[str, Any]]
    ) -> list[Case | Exception | None]:
        """Entity lookup for the gateway: cases the caller may read, in one query."""
        ids = representation_ids(representations)
        known = [i for i in ids if isinstance(i, UUID)]
        found = dict(zip(known, await info.context.cases.load_many(known), strict=True))
        caller = info.context.caller
        return [i if isinstance(i, Exception) else readable(caller, found[i]) for i in ids]

    @strawberry.field(description="Whether the deadline has passed today and the case is open.")
    def is_overdue(self, info: Info) -> bool:
        return self.model.is_overdue(info.context.now.today)

    @strawberry.field(description="The category (from the catalogue).")
    async def category(self, info: Info) -> CaseCategory | None:
        category = await info.context.categories.load(self.category_code)
        return CaseCategory.from_domain(category) if category else None

    @strawberry.field(description="The grid it was reported in (resolved by org).")
    def grid(self) -> Grid:
        return Grid(id=strawberry.ID(str(self.model.grid_id)))

    @strawberry.field(description="The reporter (resolved by personnel), when registered.")
    def reporter(self) -> Person | None:
        person = self.model.reporter.person_id
        return None if person is None else Person(id=strawberry.ID(str(person)))

    @strawberry.field(description="An anonymous reporter, phone masked.")
    def anonymous_reporter(self) -> AnonymousReporter | None:
        contact = self.model.reporter.contact
        if contact is None:
            return None
        return AnonymousReporter(name=contact.name, phone=contact.masked_phone)

    @strawberry.field(description="Who handles it now; one leads (牵头), the others co-handle.")
    def assignments(self) -> list[CaseAssignment]:
        return [CaseAssignment.from_domain(a) for a in self.model.assignments]

    @strawberry.field(description="Who started work on it: the handler.")
    def handler(self) -> CaseActor | None:
        return _actor(self.model.handler)

    @strawberry.field(description="Who handed in the result.")
    def resolver(self) -> CaseActor | None:
        return _actor(self.model.resolver)

    @strawberry.field(description="Every step, oldest first: who, in which role, when, what.")
    def timeline(self) -> list[TimelineEntry]:
        return [TimelineEntry.from_domain(entry) for entry in self.model.timeline]

    @strawberry.field(description="Extension requests (延期), oldest first.")
    def extensions(self) -> list[CaseExtension]:
        return [CaseExtension.from_domain(e) for e in self.model.extensions]

    @strawberry.field(description="Supervision orders (督办), oldest first.")
    def supervision_orders(self) -> list[SupervisionOrder]:
        return [SupervisionOrder.from_domain(o) for o in self.model.supervision_orders]

    @strawberry.field(description="Joint meetings (联席会议), oldest first.")
    def joint_meetings(self) -> list[JointMeeting]:
        return [JointMeeting.from_domain(m) for m in self.model.joint_meetings]

    @strawberry.field(description="The case it was merged into, as a duplicate.")
    async def duplicate_of(self, info: Info) -> Case | None:
        target = self.model.duplicate_of
        if target is None:
            return None
        return readable(info.context.caller, await info.context.cases.load(target))

    @strawberry.field(
        description="Open cases of the same category, near and recent, that this one may "
        "repeat (merge a real duplicate with mergeCase), nearest first."
    )
    async def possible_duplicates(self, info: Info) -> list[DuplicateSuggestion]:
        case = self.model
        report = NewReport(
            category_code=case.category_code, location=case.location, reported_at=case.reported_at
        )
        return await suggestions(info, report, excluding=self.id)

    @strawberry.field(description="Follow-up watches (持续关注) after closing, oldest first.")
    async def watches(
        self, info: Info
    ) -> list[Annotated[Watch, strawberry.lazy("cases.schema.watches")]]:
        from cases.schema.watches import Watch

        return [
            Watch.from_domain(w) for w in await info.context.watches_of_cases.load(self.model.id)
        ]


def readable(caller: Caller, case: CaseModel | None) -> Case | None:
    """The GraphQL case, if the caller may read it (otherwise it does not exist to them)."""
    if case is None or not can_read(caller, case):
        return None
    return Case.from_domain(case)


def visibility(info: Info) -> ReadScope:
    """The cases the caller may read, as a list's filter."""
    return info.context.visibility()


async def list_cases(
    info: Info,
    where: CaseFilter,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Case]:
    """One page of cases for a connection field."""
    request = PageRequest.from_args(first=first, after=after, last=last, before=before, info=info)
    page = await info.context.case_reads.list_cases(where, request)
    return Connection.build(page, request, key=case_key, node=Case.from_domain)


@strawberry.input(description="What a list of cases is narrowed to; all given must hold.")
class CaseFilterInput:
    division_code: str | None = strawberry.field(
        default=None, description="Cases in this district, subdistrict or community."
    )
    grid_id: strawberry.ID | None = strawberry.field(default=None, description="Cases of a grid.")
    statuses: list[CaseStatus] | None = strawberry.field(
        default=None, description="Cases in any of these statuses."
    )
    category: str | None = strawberry.field(default=None, description="A category's code.")
    priority: Priority | None = strawberry.field(default=None, description="One priority.")
    overdue: bool = strawberry.field(
        default=False, description="Only cases past their deadline today and still open."
    )
    reported_from: datetime | None = strawberry.field(
        default=None, description="Reported at or after."
    )
    reported_before: datetime | None = strawberry.field(
        default=None, description="Reported before."
    )

    def to_filter(self, info: Info) -> CaseFilter:
        """The repository's filter, within what the caller may see."""
        place = DivisionPlace.parse(self.division_code) if self.division_code else None
        return CaseFilter(
            division_prefix=place.code if place else None,
            grid_ids=[parse_id(self.grid_id, what="gridId")] if self.grid_id else None,
            statuses=self.statuses,
            category_code=self.category,
            priority=self.priority,
            overdue_on=info.context.now.today if self.overdue else None,
            reported_from=self.reported_from,
            reported_before=self.reported_before,
            visible=visibility(info),
        )


@strawberry.type
class CaseQuery:
    @strawberry.field(
        description="A case by id; null when it does not exist or lies outside "
        "what the caller may read."
    )
    async def case(self, info: Info, id: strawberry.ID) -> Case | None:
        return readable(info.context.caller, await info.context.cases.load(parse_id(id)))

    @strawberry.field(description="A case by its number, e.g. 2026-000123.")
    async def case_by_number(self, info: Info, number: str) -> Case | None:
        return readable(info.context.caller, await info.context.case_reads.by_number(number))

    @strawberry.field(
        description="Cases the caller may read, in the order they were reported (``last`` "
        "pages from the newest). Relay pagination."
    )
    async def cases(
        self,
        info: Info,
        filter: CaseFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Case]:
        where = (filter or CaseFilterInput()).to_filter(info)
        return await list_cases(info, where, first=first, after=after, last=last, before=before)
