"""Queries and mutations of the personnel subgraph: parse input, call one handler."""

from __future__ import annotations

from datetime import date

import strawberry

from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given, nullable
from gridkit.graphql.pagination import Connection, PageRequest
from personnel import commands
from personnel.handlers import people, teams
from personnel.repository.reads import PersonFilter
from personnel.schema.context import Info
from personnel.schema.enums import Gender, GridRole, MembershipStatus
from personnel.schema.types import GridAssignment, PartyMembership, Person


@strawberry.type(description="One grid's team on the report's day.")
class GridStaffingLine:
    grid_id: strawberry.ID = strawberry.field(description="The grid.")
    code: str = strawberry.field(description="Its 15-digit code.")
    name: str = strawberry.field(description="Its name.")
    complete: bool = strawberry.field(description="Leader, instructor and full-time worker serve.")
    missing: list[GridRole] = strawberry.field(description="The roles of 1+1+1 it lacks.")
    grid_workers: int = strawberry.field(description="How many grid workers (the N) serve.")
    has_party_instructor: bool = strawberry.field(description="A party-building instructor serves.")


@strawberry.type(description="Complete teams among one community's (or village's) grids.")
class DivisionStaffingLine:
    division_id: strawberry.ID = strawberry.field(description="The community or village.")
    grids: int = strawberry.field(description="Its active grids.")
    complete: int = strawberry.field(description="Those with a complete team.")
    rate: float = strawberry.field(description="complete / grids.")


@strawberry.type(description="How many grids have a complete 1+1+1+N team, and what is missing.")
class StaffingReport:
    on: date = strawberry.field(description="The day the report describes.")
    total_grids: int = strawberry.field(description="Active grids counted.")
    complete: int = strawberry.field(
        description="Grids with leader, instructor and full-time worker."
    )
    rate: float = strawberry.field(description="complete / totalGrids.")
    incomplete_grid_codes: list[str] = strawberry.field(description="Grids missing a role.")
    grids: list[GridStaffingLine] = strawberry.field(description="Every active grid, by code.")
    divisions: list[DivisionStaffingLine] = strawberry.field(
        description="Per community or village, in the order of their grids' codes."
    )


@strawberry.type
class Query:
    @strawberry.field(description="A person by id.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        row = await info.context.people.load(parse_id(id))
        return Person.from_row(row) if row else None

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
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        where = PersonFilter(
            division_code=info.context.caller.narrow(division_code),
            grid_id=parse_id(grid_id, what="gridId") if grid_id else None,
            role=role,
            membership_status=membership_status,
            name_prefix=name_prefix,
        )
        page = await info.context.reads.list_people(where, request)
        return Connection.build(
            page, request, key=lambda row: [row.name, str(row.id)], node=Person.from_row
        )

    @strawberry.field(description="Team staffing of the grids under a division code (all without).")
    async def staffing_report(
        self, info: Info, division_code: str | None = None, on: date | None = None
    ) -> StaffingReport:
        report = await info.context.reads.staffing(division_code, on or info.context.today)
        return StaffingReport(
            on=report.on,
            total_grids=report.total_grids,
            complete=report.complete,
            rate=report.rate,
            incomplete_grid_codes=[g.code for g in report.grids if not g.complete],
            grids=[
                GridStaffingLine(
                    grid_id=strawberry.ID(str(g.grid_id)),
                    code=g.code,
                    name=g.name,
                    complete=g.complete,
                    missing=list(g.missing),
                    grid_workers=g.grid_worker_count,
                    has_party_instructor=g.has_party_instructor,
                )
                for g in report.grids
            ],
            divisions=[
                DivisionStaffingLine(
                    division_id=strawberry.ID(str(d.division_id)),
                    grids=d.grids,
                    complete=d.complete,
                    rate=d.rate,
                )
                for d in report.divisions
            ],
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


@strawberry.input(description="Changes to a person; omitted fields stay, null clears.")
class UpdatePersonInput:
    person_id: strawberry.ID
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="Mobile number.")
    address: str | None = strawberry.field(default=strawberry.UNSET, description="Home address.")
    division_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="Division of residence."
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Register a person; one person per national ID number.")
    async def register_person(self, info: Info, input: RegisterPersonInput) -> Person:
        context = info.context
        person = await people.register_person(
            commands.RegisterPerson(
                name=input.name,
                national_id=input.national_id,
                gender=input.gender,
                birth_date=input.birth_date,
                phone=input.phone,
                address=input.address,
                division_code=input.division_code,
            ),
            context.unit_of_work(),
            context.caller,
            today=context.today,
        )
        row = await context.people.load(person.id)
        assert row is not None
        return Person.from_row(row)

    @strawberry.mutation(description="Change some of a person's particulars.")
    async def update_person(self, info: Info, input: UpdatePersonInput) -> Person:
        context = info.context
        person = await people.update_person(
            commands.UpdatePerson(
                person_id=parse_id(input.person_id, what="personId"),
                name=given(input.name, "name"),
                phone=nullable(input.phone),
                address=nullable(input.address),
                division_code=nullable(input.division_code),
            ),
            context.unit_of_work(),
            context.caller,
        )
        context.people.clear_all()  # the row changed in this request
        row = await context.people.load(person.id)
        assert row is not None
        return Person.from_row(row)

    @strawberry.mutation(description="Open a membership record (application, or later status).")
    async def open_membership(
        self,
        info: Info,
        person_id: strawberry.ID,
        party_organization_id: strawberry.ID,
        status: MembershipStatus,
        since: date,
        note: str | None = None,
    ) -> PartyMembership:
        context = info.context
        membership = await people.open_membership(
            commands.OpenMembership(
                person_id=parse_id(person_id, what="personId"),
                party_organization_id=parse_id(party_organization_id, what="partyOrganizationId"),
                status=status,
                since=since,
                note=note,
            ),
            context.unit_of_work(),
            context.caller,
        )
        row = await context.memberships.load(membership.person_id)
        assert row is not None
        return PartyMembership.from_row(row)

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
            commands.ChangeMembershipStatus(
                person_id=parse_id(person_id, what="personId"),
                status=status,
                on=on,
                note=note,
                probation_until=probation_until,
            ),
            context.unit_of_work(),
            context.caller,
        )
        row = await context.memberships.load(membership.person_id)
        assert row is not None
        return PartyMembership.from_row(row)

    @strawberry.mutation(description="Give a person a role on a grid's team (1+1+1+N rules).")
    async def assign_to_grid(
        self,
        info: Info,
        person_id: strawberry.ID,
        grid_id: strawberry.ID,
        role: GridRole,
        starts_on: date,
    ) -> GridAssignment:
        context = info.context
        assignment = await teams.assign_to_grid(
            commands.AssignToGrid(
                person_id=parse_id(person_id, what="personId"),
                grid_id=parse_id(grid_id, what="gridId"),
                role=role,
                starts_on=starts_on,
            ),
            context.unit_of_work(),
            context.caller,
        )
        return GridAssignment.from_domain(assignment)

    @strawberry.mutation(description="End a role on a grid's team.")
    async def end_assignment(
        self, info: Info, id: strawberry.ID, on: date, reason: str
    ) -> GridAssignment:
        context = info.context
        assignment = await teams.end_assignment(
            commands.EndAssignment(assignment_id=parse_id(id), on=on, reason=reason),
            context.unit_of_work(),
            context.caller,
        )
        return GridAssignment.from_domain(assignment)
