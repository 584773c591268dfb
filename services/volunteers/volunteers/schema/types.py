"""The volunteers subgraph's types: teams, volunteers, activities with shifts and sign-ups,
service records and certificates, and the entities of other services it extends."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Self
from uuid import UUID

import strawberry

from gridkit.errors import Forbidden
from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection, PageRequest
from volunteers.domain import certificate as certificates
from volunteers.domain.activity import Activity as ActivityModel
from volunteers.domain.kinds import (
    ActivityCategory,
    ActivityStatus,
    CheckMethod,
    CorrectionStatus,
    EntryKind,
    MembershipStatus,
    SignupStatus,
    TeamKind,
    VolunteerStatus,
)
from volunteers.domain.service_record import ServiceRecord as RecordModel
from volunteers.domain.shift import Shift as ShiftModel
from volunteers.domain.shift import Signup as SignupModel
from volunteers.domain.team import Membership as MembershipModel
from volunteers.domain.team import VolunteerTeam as TeamModel
from volunteers.domain.volunteer import Volunteer as VolunteerModel
from volunteers.handlers import access
from volunteers.repository.reads import ActivityFilter, activity_key
from volunteers.schema.context import Info


def _id(value: UUID | None) -> strawberry.ID | None:
    return strawberry.ID(str(value)) if value is not None else None


# Other services' entities, extended here


@strawberry.federation.type(keys=["id"], description="A person (from personnel), as a volunteer.")
class Person:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any person id: their volunteering is read when asked."""
        return cls(id=id)

    @strawberry.field(description="Their volunteer registration (志愿者), if they registered.")
    async def volunteer_profile(self, info: Info) -> Volunteer | None:
        person = parse_id(self.id)
        if not access.may_read_volunteer(info.context.caller, person):
            return None  # another's record: as if there were none
        found = await info.context.volunteer_of_person.load(person)
        return Volunteer.from_domain(found) if found else None

    @strawberry.field(
        description="Hours of service recorded for them from `from` to `to` (both days "
        "counted; either left out: no bound), corrected hours counted."
    )
    async def service_hours(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> Decimal:
        person = parse_id(self.id)
        if not access.may_read_volunteer(info.context.caller, person):
            raise Forbidden("A volunteer's hours are theirs and staff's to read.")
        return await info.context.hours_of_person(from_, to).load(person)


@strawberry.federation.type(keys=["id"], description="A grid (from org), with its volunteers.")
class Grid:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any grid id: its team and activities are read when asked."""
        return cls(id=id)

    @strawberry.field(description="The grid's own volunteer team (网格志愿服务队).")
    async def volunteer_team(self, info: Info) -> VolunteerTeam | None:
        found = await info.context.grid_team.load(parse_id(self.id))
        return VolunteerTeam.from_domain(found) if found else None

    @strawberry.field(description="The grid's activities, by start time.")
    async def activities(
        self,
        info: Info,
        status: list[ActivityStatus] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Activity]:
        where = ActivityFilter(grid_ids=[parse_id(self.id)], statuses=status or ())
        return await activity_connection(info, where, first=first, after=after)


@strawberry.federation.type(keys=["id"], description="A case (from cases), with its activities.")
class Case:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any case id: the activities answering it are read when asked."""
        return cls(id=id)

    @strawberry.field(description="Volunteer activities organised to answer this case.")
    async def activities(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Activity]:
        where = ActivityFilter(case_ids=[parse_id(self.id)])
        return await activity_connection(info, where, first=first, after=after)


async def activity_connection(
    info: Info, where: ActivityFilter, *, first: int | None, after: str | None
) -> Connection[Activity]:
    """A page of activities as a connection."""
    request = PageRequest.from_args(first=first, after=after, info=info)
    page = await info.context.reads.activity_page(where, request)
    return Connection.build(page, request, key=activity_key, node=Activity.from_domain)


# Teams


@strawberry.type(name="TeamMembership", description="A volunteer's place in a team.")
class Membership:
    volunteer_id: strawberry.Private[UUID]
    person_id: strawberry.Private[UUID]
    leader_ids: strawberry.Private[tuple[UUID, ...]]
    status: MembershipStatus = strawberry.field(description="Asked, member, refused or gone.")
    requested_at: datetime = strawberry.field(description="When they (last) asked to join.")
    joined_at: datetime | None = strawberry.field(description="When they became a member.")
    rejection_reason: str | None = strawberry.field(description="Why a leader said no.")

    @classmethod
    def from_domain(cls, membership: MembershipModel, team: TeamModel) -> Self:
        """The GraphQL view of a membership of ``team``."""
        return cls(
            volunteer_id=membership.volunteer_id,
            person_id=membership.person_id,
            leader_ids=team.leader_ids,
            status=membership.status,
            requested_at=membership.requested_at,
            joined_at=membership.joined_at,
            rejection_reason=membership.rejection_reason,
        )

    @strawberry.field(description="The volunteer: for them, the team's leaders and staff.")
    async def volunteer(self, info: Info) -> Volunteer | None:
        caller = info.context.caller
        if not access.may_read_volunteer(caller, self.person_id, also=self.leader_ids):
            return None
        found = await info.context.volunteer.load(self.volunteer_id)
        return Volunteer.from_domain(found) if found else None


@strawberry.federation.type(keys=["id"], description="A volunteer team (志愿服务队).")
class VolunteerTeam:
    id: strawberry.ID
    name: str = strawberry.field(description="e.g. 香溢紫郡第一网格志愿服务队.")
    kind: TeamKind = strawberry.field(description="Grid, skill or unit team.")
    grid_id: strawberry.Private[UUID | None]
    skill: str | None = strawberry.field(description="A skill team's skill code.")
    description: str | None = strawberry.field(description="What the team does.")
    approval_required: bool = strawberry.field(
        description="Whether joining waits for a leader's approval."
    )
    leader_ids: strawberry.Private[tuple[UUID, ...]]
    memberships: strawberry.Private[list[MembershipModel]]
    team: strawberry.Private[TeamModel]

    @classmethod
    def from_domain(cls, team: TeamModel) -> Self:
        """The GraphQL view of a team."""
        return cls(
            id=strawberry.ID(str(team.id)),
            name=team.name,
            kind=team.kind,
            grid_id=team.grid_id,
            skill=team.skill,
            description=team.description,
            approval_required=team.approval_required,
            leader_ids=team.leader_ids,
            memberships=list(team.memberships),
            team=team,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.team.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The grid a grid team belongs to (or a team serves).")
    def grid(self) -> Grid | None:
        return Grid(id=strawberry.ID(str(self.grid_id))) if self.grid_id else None

    @strawberry.field(description="The leaders (队长), as people of personnel.")
    def leaders(self) -> list[Person]:
        return [Person(id=strawberry.ID(str(person))) for person in self.leader_ids]

    @strawberry.field(description="Members, and requests waiting for a leader, oldest first.")
    def members(self, status: MembershipStatus | None = None) -> list[Membership]:
        return [
            Membership.from_domain(m, self.team)
            for m in self.memberships
            if (m.status is status if status else m.status is MembershipStatus.ACTIVE)
        ]

    @strawberry.field(description="How many volunteers are members now.")
    def member_count(self) -> int:
        return sum(1 for m in self.memberships if m.status is MembershipStatus.ACTIVE)


# Volunteers


@strawberry.type(description="A training taken, award received or evaluation given.")
class ProfileEntry:
    kind: EntryKind = strawberry.field(description="Training, award or evaluation.")
    on: date = strawberry.field(description="The day.")
    title: str = strawberry.field(description="e.g. 2026年社区急救员培训, 优秀志愿者.")
    content: str | None = strawberry.field(description="The details.")
    given_by: str = strawberry.field(description="Who trained, awarded or evaluated.")


@strawberry.federation.type(keys=["id"], description="A registered volunteer (志愿者).")
class Volunteer:
    id: strawberry.ID
    number: str = strawberry.field(description="Volunteer number (志愿者编号), V37011200000123.")
    person_id: strawberry.Private[UUID]
    skills: list[str] = strawberry.field(description="Skill codes, e.g. FIRST_AID.")
    availability: str | None = strawberry.field(description="When they can serve.")
    status: VolunteerStatus = strawberry.field(description="Active, suspended or left.")
    registered_at: datetime = strawberry.field(description="When they registered.")
    entries: list[ProfileEntry] = strawberry.field(
        description="Trainings, awards and evaluations (培训、表彰、评价)."
    )

    @classmethod
    def from_domain(cls, volunteer: VolunteerModel) -> Self:
        """The GraphQL view of a volunteer."""
        return cls(
            id=strawberry.ID(str(volunteer.id)),
            number=str(volunteer.number),
            person_id=volunteer.person_id,
            skills=list(volunteer.skill_list),
            availability=volunteer.availability,
            status=volunteer.status,
            registered_at=volunteer.registered_at,
            entries=[
                ProfileEntry(
                    kind=e.kind, on=e.on, title=e.title, content=e.content, given_by=e.given_by
                )
                for e in volunteer.entries
            ],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.volunteer.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The person (name and contact come from personnel).")
    def person(self) -> Person:
        return Person(id=strawberry.ID(str(self.person_id)))

    @strawberry.field(description="Their service records (志愿服务记录), by day.")
    async def service_records(self, info: Info) -> list[ServiceRecord]:
        records = await info.context.records_of_volunteer.load(parse_id(self.id))
        return [ServiceRecord.from_domain(record) for record in records]


# Activities


@strawberry.type(description="Where an activity takes place.")
class ActivityPlace:
    micro_position_id: strawberry.ID | None = strawberry.field(
        description="A party-mass activity micro-position (党群活动微阵地) in org."
    )
    address: str | None = strawberry.field(description="The address as people write it.")


@strawberry.type(description="A volunteer's sign-up for a shift (报名).")
class Signup:
    id: strawberry.ID
    volunteer_id: strawberry.Private[UUID]
    person_id: strawberry.Private[UUID]
    organiser_id: strawberry.Private[UUID]
    status: SignupStatus = strawberry.field(description="Where the sign-up stands.")
    sequence: int = strawberry.field(description="Order of sign-up within the shift, from 1.")
    signed_up_at: datetime = strawberry.field(description="When they signed up.")
    confirmed_at: datetime | None = strawberry.field(description="When they got a place.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    checked_in_at: datetime | None = strawberry.field(description="Check-in (签到).")
    check_in_method: CheckMethod | None = strawberry.field(description="How they checked in.")
    checked_out_at: datetime | None = strawberry.field(description="Check-out (签退).")
    check_out_method: CheckMethod | None = strawberry.field(description="How they checked out.")
    hours: Decimal | None = strawberry.field(
        description="Hours from check-in to check-out, once checked out."
    )
    waitlist_position: int | None = strawberry.field(
        description="Place on the waitlist, from 1, while waitlisted."
    )

    @classmethod
    def from_domain(
        cls, signup: SignupModel, activity: ActivityModel, *, waitlist_position: int | None
    ) -> Self:
        """The GraphQL view of a sign-up of ``activity``, at its place on the waitlist."""
        return cls(
            id=strawberry.ID(str(signup.id)),
            volunteer_id=signup.volunteer_id,
            person_id=signup.person_id,
            organiser_id=activity.organiser_id,
            status=signup.status,
            sequence=signup.sequence,
            signed_up_at=signup.signed_up_at,
            confirmed_at=signup.confirmed_at,
            cancelled_at=signup.cancelled_at,
            checked_in_at=signup.checked_in_at,
            check_in_method=signup.check_in_method,
            checked_out_at=signup.checked_out_at,
            check_out_method=signup.check_out_method,
            hours=signup.hours,
            waitlist_position=waitlist_position,
        )

    @strawberry.field(description="The volunteer: for them, the organiser and staff.")
    async def volunteer(self, info: Info) -> Volunteer | None:
        caller = info.context.caller
        if not access.may_read_volunteer(caller, self.person_id, also=(self.organiser_id,)):
            return None
        found = await info.context.volunteer.load(self.volunteer_id)
        return Volunteer.from_domain(found) if found else None


@strawberry.type(description="A shift of an activity, with its places and sign-ups.")
class Shift:
    id: strawberry.ID
    label: str | None = strawberry.field(description="A name for people: 上午班.")
    starts_at: datetime = strawberry.field(description="When it starts.")
    ends_at: datetime = strawberry.field(description="When it ends.")
    needed: int = strawberry.field(description="Volunteers needed: its places.")
    waitlist_limit: int = strawberry.field(description="How many may wait; 0: no waitlist.")
    required_skills: list[str] = strawberry.field(description="Skills it needs.")
    places_left: int = strawberry.field(description="Places not taken.")
    signups: list[Signup] = strawberry.field(description="Every sign-up, in sign-up order.")

    @classmethod
    def from_domain(cls, shift: ShiftModel, activity: ActivityModel) -> Self:
        """The GraphQL view of a shift."""
        # Places on the waitlist worked out once, not once per sign-up.
        waiting = {signup.id: place for place, signup in enumerate(shift.waitlist, start=1)}
        return cls(
            id=strawberry.ID(str(shift.id)),
            label=shift.label,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            needed=shift.needed,
            waitlist_limit=shift.waitlist_limit,
            required_skills=sorted(activity.skills_for(shift)),
            places_left=shift.places_left,
            signups=[
                Signup.from_domain(signup, activity, waitlist_position=waiting.get(signup.id))
                for signup in shift.signups
            ],
        )


@strawberry.federation.type(keys=["id"], description="A volunteer activity (志愿服务活动).")
class Activity:
    id: strawberry.ID
    title: str = strawberry.field(description="e.g. 电梯维修期间帮扶老人上下楼.")
    description: str = strawberry.field(description="What volunteers will do.")
    category: ActivityCategory = strawberry.field(description="The field it serves in.")
    grid_id: strawberry.Private[UUID]
    place: ActivityPlace = strawberry.field(description="Where it takes place.")
    starts_at: datetime = strawberry.field(description="When it starts.")
    ends_at: datetime = strawberry.field(description="When it ends.")
    organiser_id: strawberry.Private[UUID]
    team_id: strawberry.Private[UUID | None]
    case_id: strawberry.Private[UUID | None]
    required_skills: list[str] = strawberry.field(description="Skills every shift needs.")
    status: ActivityStatus = strawberry.field(description="Where it stands.")
    shifts: list[Shift] = strawberry.field(description="Its shifts, by start time.")
    cancel_reason: str | None = strawberry.field(description="Why it was cancelled.")

    @classmethod
    def from_domain(cls, activity: ActivityModel) -> Self:
        """The GraphQL view of an activity."""
        return cls(
            id=strawberry.ID(str(activity.id)),
            title=activity.title,
            description=activity.description,
            category=activity.category,
            grid_id=activity.grid_id,
            place=ActivityPlace(
                micro_position_id=_id(activity.place.micro_position_id),
                address=activity.place.address,
            ),
            starts_at=activity.starts_at,
            ends_at=activity.ends_at,
            organiser_id=activity.organiser_id,
            team_id=activity.team_id,
            case_id=activity.case_id,
            required_skills=sorted(activity.required_skills),
            status=activity.status,
            shifts=[Shift.from_domain(shift, activity) for shift in activity.shifts],
            cancel_reason=activity.cancel_reason,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.activity.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The grid it serves.")
    def grid(self) -> Grid:
        return Grid(id=strawberry.ID(str(self.grid_id)))

    @strawberry.field(description="The organiser (组织者), who records its service hours.")
    def organiser(self) -> Person:
        return Person(id=strawberry.ID(str(self.organiser_id)))

    @strawberry.field(description="The case (诉求) it answers, if any.")
    def case(self) -> Case | None:
        return Case(id=strawberry.ID(str(self.case_id))) if self.case_id else None

    @strawberry.field(description="The team that runs it, if one does.")
    async def team(self, info: Info) -> VolunteerTeam | None:
        if self.team_id is None:
            return None
        found = await info.context.team.load(self.team_id)
        return VolunteerTeam.from_domain(found) if found else None


# Service records and certificates


@strawberry.type(description="One version of a service record: the original, or a correction.")
class RecordVersion:
    number: int = strawberry.field(description="1 for the original.")
    hours: Decimal = strawberry.field(description="Hours served.")
    content: str = strawberry.field(description="What the volunteer did (服务内容).")
    made_at: datetime = strawberry.field(description="When it was recorded or corrected.")
    reason: str | None = strawberry.field(description="Why it was corrected.")


@strawberry.type(description="A volunteer's request to correct a record (更正申请).")
class Correction:
    number: int = strawberry.field(description="1 for the first request.")
    requested_at: datetime = strawberry.field(description="When it was asked for.")
    reason: str = strawberry.field(description="Why, in the volunteer's words.")
    hours: Decimal | None = strawberry.field(description="The hours asked for.")
    content: str | None = strawberry.field(description="The content asked for.")
    status: CorrectionStatus = strawberry.field(description="Pending, applied or rejected.")
    decision_note: str | None = strawberry.field(description="The organiser's words.")


@strawberry.federation.type(
    keys=["id"], description="A service record (志愿服务记录) with every version it had."
)
class ServiceRecord:
    id: strawberry.ID
    volunteer_id: strawberry.Private[UUID]
    activity_id: strawberry.Private[UUID]
    activity_title: str = strawberry.field(description="The activity, as it was titled.")
    served_on: date = strawberry.field(description="The day of the service.")
    hours: Decimal = strawberry.field(description="Hours in force (after corrections).")
    content: str = strawberry.field(description="What was done, in force.")
    versions: list[RecordVersion] = strawberry.field(description="Original first.")
    corrections: list[Correction] = strawberry.field(description="Requests, oldest first.")

    @classmethod
    def from_domain(cls, record: RecordModel) -> Self:
        """The GraphQL view of a service record."""
        return cls(
            id=strawberry.ID(str(record.id)),
            volunteer_id=record.volunteer_id,
            activity_id=record.activity_id,
            activity_title=record.activity_title,
            served_on=record.served_on,
            hours=record.hours,
            content=record.content,
            versions=[
                RecordVersion(
                    number=v.number,
                    hours=v.hours,
                    content=v.content,
                    made_at=v.made_at,
                    reason=v.reason,
                )
                for v in record.versions
            ],
            corrections=[
                Correction(
                    number=c.number,
                    requested_at=c.requested_at,
                    reason=c.reason,
                    hours=c.hours,
                    content=c.content,
                    status=c.status,
                    decision_note=c.decision_note,
                )
                for c in record.corrections
            ],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway."""
        found = await info.context.record.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The activity served in.")
    async def activity(self, info: Info) -> Activity | None:
        found = await info.context.activity.load(self.activity_id)
        return Activity.from_domain(found) if found else None


@strawberry.type(description="A line of a certificate: a day's service.")
class CertificateLine:
    date: date = strawberry.field(description="The day.")
    content: str = strawberry.field(description="What was done.")
    hours: Decimal = strawberry.field(description="Hours.")


@strawberry.type(description="A service certificate (志愿服务证明) as issued.")
class Certificate:
    number: str = strawberry.field(description="证明编号, e.g. ZYFW-2026-000123.")
    issued_on: date = strawberry.field(description="The date of issue.")
    volunteer_name: str = strawberry.field(description="The volunteer's name.")
    masked_id_number: str = strawberry.field(description="ID number, masked.")
    volunteer_number: str = strawberry.field(description="Volunteer number.")
    period_start: date = strawberry.field(description="First day certified.")
    period_end: date = strawberry.field(description="Last day certified.")
    total_hours: Decimal = strawberry.field(description="累计服务时长.")
    lines: list[CertificateLine] = strawberry.field(description="The service, by day.")
    issuing_team: str = strawberry.field(description="出具证明的组织.")
    person_in_charge: str = strawberry.field(description="负责人.")
    verification_url: str = strawberry.field(description="Where anyone verifies it (its QR).")
    pdf_path: str = strawberry.field(description="GET this path for the PDF (signed in).")

    @classmethod
    def from_domain(cls, issued: certificates.ServiceCertificate) -> Self:
        """The GraphQL view of a certificate."""
        return cls(
            number=str(issued.number),
            issued_on=issued.issued_on,
            volunteer_name=issued.volunteer_name,
            masked_id_number=issued.masked_id_number,
            volunteer_number=issued.volunteer_number,
            period_start=issued.period.start,
            period_end=issued.period.end,
            total_hours=issued.total_hours,
            lines=[
                CertificateLine(date=line.date, content=line.content, hours=line.hours)
                for line in issued.service_lines
            ],
            issuing_team=issued.issuing_team,
            person_in_charge=issued.person_in_charge,
            verification_url=issued.verification_url,
            pdf_path=f"/certificates/{issued.number}.pdf",
        )
