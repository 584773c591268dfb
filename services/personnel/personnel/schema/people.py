"""People and their party membership in GraphQL, with the members of a party organisation.

National ID and phone numbers are answered masked. A caller holding the PII
scope gets them in full through the reveal handler, which writes every such
read to the audit log before the value leaves the service.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Self, cast
from uuid import UUID

import strawberry

from gridkit.graphql.idempotency import ClientMutationId, client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given, nullable
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from personnel.commands.people import (
    ChangeMembershipStatus,
    OpenMembership,
    RegisterPerson,
    UpdatePerson,
)
from personnel.domain.errors import PersonNotFound
from personnel.domain.membership import MembershipStep as StepModel
from personnel.domain.membership import PartyMembership as MembershipModel
from personnel.domain.person_record import PersonRecord
from personnel.domain.personal_number import PersonalNumber
from personnel.handlers import people
from personnel.repository.people import PersonFilter, person_key
from personnel.schema.context import Info
from personnel.schema.enums import Gender, GridRole, MembershipStatus

if TYPE_CHECKING:
    from personnel.schema.teams import GridAssignment

TEAMS = "personnel.schema.teams"
"""Grid assignments live with the grid teams, whose types build on :class:`Person`."""


Reveal = Callable[[PersonRecord, PersonalNumber, str], Awaitable[str | None]]
"""Reads one of a person's full numbers for the caller, audited (``field`` names the field)."""


def reveal_for(info: Info) -> Reveal | None:
    """How the caller reads full numbers: ``None`` without the PII scope (masks only)."""
    context = info.context
    if not context.caller.pii:
        return None

    async def reveal(person: PersonRecord, number: PersonalNumber, field: str) -> str | None:
        return await people.reveal_personal_number(
            person.id, number, context.caller, context.unit_of_work(), operation=f"Person.{field}"
        )

    return reveal


@strawberry.federation.type(keys=["id"], description="A person (居民/党员/干部) on record.")
class Person:
    id: strawberry.ID
    name: str = strawberry.field(description="Name as on the resident ID card.")
    gender: Gender = strawberry.field(description="Gender as the ID records it.")
    birth_date: date = strawberry.field(description="Birth date as the ID records it.")
    address: str | None = strawberry.field(description="Home address.")
    division_code: str | None = strawberry.field(description="Division of residence.")
    record: strawberry.Private[PersonRecord]
    reveal: strawberry.Private[Reveal | None]

    @classmethod
    def shown_to(cls, info: Info, person: PersonRecord) -> Self:
        """The GraphQL view of a person on record, as the request's caller may see them."""
        return cls.with_reveal(reveal_for(info), person)

    @classmethod
    def with_reveal(cls, reveal: Reveal | None, person: PersonRecord) -> Self:
        """The view of ``person`` whose full numbers ``reveal`` reads (masks when ``None``)."""
        return cls(
            id=strawberry.ID(str(person.id)),
            name=person.name,
            gender=person.gender,
            birth_date=person.birth_date,
            address=person.address,
            division_code=person.division_code,
            record=person,
            reveal=reveal,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        person = await info.context.people.load(parse_id(id))
        return cls.shown_to(info, person) if person else None

    # Masks are plain values. For the PII scope a field hands back its audited read unawaited:
    # graphql-core awaits what a resolver returns, and every other caller keeps a plain field.

    @strawberry.field(
        description="Resident ID number (身份证号), masked as 3701**********123X unless the "
        "caller holds the PII scope; full reads are audited."
    )
    def national_id(self) -> str:
        if self.reveal is None:
            return self.record.national_id_masked
        return cast(str, self._full_national_id(self.reveal))

    async def _full_national_id(self, reveal: Reveal) -> str:
        number = await reveal(self.record, PersonalNumber.NATIONAL_ID, "nationalId")
        return self.record.national_id_masked if number is None else number

    @strawberry.field(
        description="Mobile number, masked as 138****5678 unless the caller holds the PII "
        "scope; full reads are audited."
    )
    def phone(self) -> str | None:
        masked = self.record.phone_masked
        if masked is None or self.reveal is None:
            return masked
        return cast(str | None, self.reveal(self.record, PersonalNumber.PHONE, "phone"))

    @strawberry.field(description="Party membership record (党员发展), if any.")
    async def membership(self, info: Info) -> PartyMembership | None:
        membership = await info.context.memberships.load(self.record.id)
        return PartyMembership.from_domain(membership) if membership else None

    @strawberry.field(description="Roles on grid teams, latest first (ended ones included).")
    async def assignments(
        self, info: Info
    ) -> list[Annotated[GridAssignment, strawberry.lazy(TEAMS)]]:
        from personnel.schema.teams import GridAssignment  # here: the teams module imports this one

        found = await info.context.assignments_of_people.load(self.record.id)
        return [GridAssignment.of(a, self.record, self.reveal) for a in found]


async def load_person(info: Info, person_id: UUID) -> Person:
    """The person a record, letter or team names (people on record are never deleted)."""
    person = await info.context.people.load(person_id)
    if person is None:
        raise PersonNotFound.for_id(person_id)
    return Person.shown_to(info, person)


@strawberry.type(description="One step of a membership's history.")
class MembershipStep:
    status: MembershipStatus = strawberry.field(description="The status reached.")
    on: date = strawberry.field(description="The day it was reached.")
    note: str | None = strawberry.field(description="Why, or the meeting that decided it.")

    @classmethod
    def from_domain(cls, step: StepModel) -> Self:
        """The GraphQL view of a step."""
        return cls(status=step.status, on=step.on, note=step.note)


@strawberry.type(description="A person's party membership (党员发展) and its organisation.")
class PartyMembership:
    id: strawberry.ID
    status: MembershipStatus = strawberry.field(description="Where the person stands now.")
    membership: strawberry.Private[MembershipModel]

    @classmethod
    def from_domain(cls, membership: MembershipModel) -> Self:
        """The GraphQL view of a membership."""
        return cls(
            id=strawberry.ID(str(membership.id)), status=membership.status, membership=membership
        )

    @strawberry.field(description="Whether the person is a probationary or full member.")
    def is_member(self) -> bool:
        return self.status.is_member

    @strawberry.field(description="The party organisation holding the membership.")
    def party_organization(self) -> PartyOrganization:
        return PartyOrganization(id=strawberry.ID(str(self.membership.party_organization_id)))

    @strawberry.field(description="The history, oldest first.")
    def steps(self) -> list[MembershipStep]:
        return [MembershipStep.from_domain(step) for step in self.membership.steps]


@strawberry.federation.type(keys=["id"], description="A party organisation, with its members.")
class PartyOrganization:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any party organisation id: its member list may be empty."""
        return cls(id=id)

    @strawberry.field(
        description="People whose membership this organisation holds, by name: party members "
        "(probationary and full) unless includeCandidates also lists applicants, activists and "
        "development targets. Relay pagination."
    )
    async def members(
        self,
        info: Info,
        include_candidates: bool = False,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Person]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.people_reads.members_page(
            parse_id(self.id), request, members_only=not include_candidates
        )
        return Connection.build(
            page, request, key=person_key, node=lambda person: Person.shown_to(info, person)
        )


@strawberry.type
class PeopleQuery:
    @strawberry.field(description="A person by id.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        person = await info.context.people.load(parse_id(id))
        return Person.shown_to(info, person) if person else None

    @strawberry.field(
        description="People by name, filtered; a caller with a division scope sees the people "
        "of that division only. Relay pagination."
    )
    async def people(
        self,
        info: Info,
        division_code: str | None = None,
        grid_id: strawberry.ID | None = None,
        role: GridRole | None = None,
        membership_status: MembershipStatus | None = None,
        name_prefix: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Person]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = PersonFilter(
            serving_on=info.context.today,
            division_code=info.context.caller.narrow(division_code),
            grid_id=parse_id(grid_id, what="gridId") if grid_id else None,
            role=role,
            membership_status=membership_status,
            name_prefix=name_prefix,
        )
        page = await info.context.people_reads.list_people(where, request)
        return Connection.build(
            page, request, key=person_key, node=lambda person: Person.shown_to(info, person)
        )


@strawberry.input(description="A person to register, by their resident ID card.")
class RegisterPersonInput:
    name: str
    national_id: str = strawberry.field(description="18-character resident ID number.")
    gender: Gender | None = strawberry.field(default=None, description="Must agree with the ID.")
    birth_date: date | None = strawberry.field(default=None, description="Must agree with the ID.")
    phone: str | None = None
    address: str | None = None
    division_code: str | None = None
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> RegisterPerson:
        """The command this input asks for."""
        return RegisterPerson(
            name=self.name,
            national_id=self.national_id,
            gender=self.gender,
            birth_date=self.birth_date,
            phone=self.phone,
            address=self.address,
            division_code=self.division_code,
        )


@strawberry.input(description="Changes to a person; omitted fields stay, null clears.")
class UpdatePersonInput:
    person_id: strawberry.ID
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="Mobile number.")
    address: str | None = strawberry.field(default=strawberry.UNSET, description="Home address.")
    division_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="Division of residence."
    )

    def to_command(self) -> UpdatePerson:
        """The command this input asks for."""
        return UpdatePerson(
            person_id=parse_id(self.person_id, what="personId"),
            name=given(self.name, "name"),
            phone=nullable(self.phone),
            address=nullable(self.address),
            division_code=nullable(self.division_code),
        )


def _open_membership(
    person_id: strawberry.ID,
    party_organization_id: strawberry.ID,
    status: MembershipStatus,
    since: date,
    note: str | None,
) -> OpenMembership:
    """The command openMembership's arguments ask for."""
    return OpenMembership(
        person_id=parse_id(person_id, what="personId"),
        party_organization_id=parse_id(party_organization_id, what="partyOrganizationId"),
        status=status,
        since=since,
        note=note,
    )


def _change_membership_status(
    person_id: strawberry.ID,
    status: MembershipStatus,
    on: date,
    note: str | None,
    probation_until: date | None,
) -> ChangeMembershipStatus:
    """The command changeMembershipStatus's arguments ask for."""
    return ChangeMembershipStatus(
        person_id=parse_id(person_id, what="personId"),
        status=status,
        on=on,
        note=note,
        probation_until=probation_until,
    )


@strawberry.type
class PeopleMutation:
    @strawberry.mutation(description="Register a person; one person per national ID number.")
    async def register_person(self, info: Info, input: RegisterPersonInput) -> Person:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("registerPerson", command, input.client_mutation_id)
        person = await apply_once(
            lambda: people.register_person(
                command, context.unit_of_work().once(key), context.caller, today=context.today
            ),
            replay=context.people_reads.person,
        )
        return Person.shown_to(info, person)

    @strawberry.mutation(description="Change some of a person's particulars.")
    async def update_person(self, info: Info, input: UpdatePersonInput) -> Person:
        context = info.context
        person = await people.update_person(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return Person.shown_to(info, person)

    @strawberry.mutation(description="Open a membership record (application, or later status).")
    async def open_membership(
        self,
        info: Info,
        person_id: strawberry.ID,
        party_organization_id: strawberry.ID,
        status: MembershipStatus,
        since: date,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> PartyMembership:
        context = info.context
        command = _open_membership(person_id, party_organization_id, status, since, note)
        key = context.idempotency_key("openMembership", command, client_mutation_id)
        membership = await apply_once(
            lambda: people.open_membership(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=context.people_reads.membership,
        )
        return PartyMembership.from_domain(membership)

    @strawberry.mutation(description="Take the next step of a membership's lifecycle.")
    async def change_membership_status(
        self,
        info: Info,
        person_id: strawberry.ID,
        status: MembershipStatus,
        on: date,
        note: str | None = None,
        probation_until: date | None = None,
    ) -> PartyMembership:
        context = info.context
        membership = await people.change_membership_status(
            _change_membership_status(person_id, status, on, note, probation_until),
            context.unit_of_work(),
            context.caller,
        )
        return PartyMembership.from_domain(membership)
