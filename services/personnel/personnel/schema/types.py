"""GraphQL object types of the personnel subgraph.

National ID and phone numbers are answered masked. A caller holding the PII
scope gets them in full, and every such read is written to the audit log
before the value leaves the service.
"""

from __future__ import annotations

from datetime import date
from typing import Self

import strawberry

from gridkit.audit import record_pii_read
from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection, PageRequest
from personnel.domain.assignment import GridAssignment as AssignmentModel
from personnel.domain.kinds import GridRole, MembershipStatus
from personnel.domain.team import holder, serving_on
from personnel.repository.people import NATIONAL_ID, PHONE
from personnel.repository.tables import MembershipRow, PersonRow
from personnel.schema.context import Info
from personnel.schema.enums import Gender


async def _reveal(info: Info, row: PersonRow, purpose: str, field: str) -> str | None:
    """The plain value for a PII caller (audited), the masked one for everyone else."""
    context = info.context
    encrypted = row.national_id_encrypted if purpose == NATIONAL_ID else row.phone_encrypted
    masked = row.national_id_masked if purpose == NATIONAL_ID else row.phone_masked
    if not context.caller.pii or encrypted is None:
        return masked
    async with context.sessions() as session:
        await record_pii_read(
            session,
            caller_subject=context.caller.subject or "anonymous",
            roles=sorted(context.caller.roles),
            purpose=purpose,
            entity_type="Person",
            entity_id=str(row.id),
            operation=f"Person.{field}",
        )
        await session.commit()  # the read is on record before the value leaves
    return context.protector.decrypt(encrypted, purpose=purpose)


@strawberry.federation.type(keys=["id"], description="A person (居民/党员/干部) on record.")
class Person:
    id: strawberry.ID
    name: str = strawberry.field(description="Name as on the resident ID card.")
    gender: Gender = strawberry.field(description="Gender as the ID records it.")
    birth_date: date = strawberry.field(description="Birth date as the ID records it.")
    address: str | None = strawberry.field(description="Home address.")
    division_code: str | None = strawberry.field(description="Division of residence.")
    row: strawberry.Private[PersonRow]

    @classmethod
    def from_row(cls, row: PersonRow) -> Self:
        """The GraphQL view of a stored person."""
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            gender=Gender(row.gender),
            birth_date=row.birth_date,
            address=row.address,
            division_code=row.division_code,
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        row = await info.context.people.load(parse_id(id))
        return cls.from_row(row) if row else None

    @strawberry.field(
        description="Resident ID number (身份证号), masked as 3701**********123X unless the "
        "caller holds the PII scope; full reads are audited."
    )
    async def national_id(self, info: Info) -> str:
        value = await _reveal(info, self.row, NATIONAL_ID, "nationalId")
        assert value is not None
        return value

    @strawberry.field(
        description="Mobile number, masked as 138****5678 unless the caller holds the PII "
        "scope; full reads are audited."
    )
    async def phone(self, info: Info) -> str | None:
        return await _reveal(info, self.row, PHONE, "phone")

    @strawberry.field(description="Party membership record (党员发展), if any.")
    async def membership(self, info: Info) -> PartyMembership | None:
        row = await info.context.memberships.load(self.row.id)
        return PartyMembership.from_row(row) if row else None

    @strawberry.field(description="Roles on grid teams, latest first (ended ones included).")
    async def assignments(self, info: Info) -> list[GridAssignment]:
        found = await info.context.assignments_of_people.load(self.row.id)
        return [GridAssignment.from_domain(a) for a in found]


@strawberry.type(description="One step of a membership's history.")
class MembershipStep:
    status: MembershipStatus = strawberry.field(description="The status reached.")
    on: date = strawberry.field(description="The day it was reached.")
    note: str | None = strawberry.field(description="Why, or the meeting that decided it.")


@strawberry.type(description="A person's party membership (党员发展) and its organisation.")
class PartyMembership:
    id: strawberry.ID
    status: MembershipStatus = strawberry.field(description="Where the person stands now.")
    row: strawberry.Private[MembershipRow]

    @classmethod
    def from_row(cls, row: MembershipRow) -> Self:
        """The GraphQL view of a stored membership."""
        return cls(id=strawberry.ID(str(row.id)), status=MembershipStatus(row.status), row=row)

    @strawberry.field(description="Whether the person is a probationary or full member.")
    def is_member(self) -> bool:
        return self.status.is_member

    @strawberry.field(description="The party organisation holding the membership.")
    def party_organization(self) -> PartyOrganization:
        return PartyOrganization(id=strawberry.ID(str(self.row.party_organization_id)))

    @strawberry.field(description="The history, oldest first.")
    async def steps(self, info: Info) -> list[MembershipStep]:
        rows = await info.context.membership_steps.load(self.row.id)
        return [
            MembershipStep(status=MembershipStatus(r.status), on=r.on, note=r.note) for r in rows
        ]


@strawberry.type(description="A person's role on a grid's team.")
class GridAssignment:
    id: strawberry.ID
    role: GridRole = strawberry.field(description="The role.")
    starts_on: date = strawberry.field(description="First day in the role.")
    ends_on: date | None = strawberry.field(description="First day no longer in the role.")
    end_reason: str | None = strawberry.field(description="Why it ended.")
    person_id: strawberry.Private[str]
    grid_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, assignment: AssignmentModel) -> Self:
        """The GraphQL view of an assignment."""
        return cls(
            id=strawberry.ID(str(assignment.id)),
            role=assignment.role,
            starts_on=assignment.starts_on,
            ends_on=assignment.ends_on,
            end_reason=assignment.end_reason,
            person_id=str(assignment.person_id),
            grid_id=str(assignment.grid_id),
        )

    @strawberry.field(description="Who holds the role.")
    async def person(self, info: Info) -> Person:
        row = await info.context.people.load(parse_id(self.person_id))
        assert row is not None
        return Person.from_row(row)

    @strawberry.field(description="The grid (resolved by the org subgraph).")
    def grid(self) -> Grid:
        return Grid(id=strawberry.ID(self.grid_id))


@strawberry.federation.type(keys=["id"], description="A grid, with its team from personnel.")
class Grid:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        """Any grid id: its team may be empty."""
        return cls(id=id)

    async def _serving(self, info: Info) -> list[AssignmentModel]:
        found = await info.context.assignments_of_grids.load(parse_id(self.id))
        return serving_on(found, info.context.today)

    async def _holder(self, info: Info, role: GridRole) -> Person | None:
        person_id = holder(await self._serving(info), role)
        if person_id is None:
            return None
        row = await info.context.people.load(person_id)
        return Person.from_row(row) if row else None

    @strawberry.field(description="Everyone serving on the grid's team today.")
    async def staff(self, info: Info) -> list[GridAssignment]:
        return [GridAssignment.from_domain(a) for a in await self._serving(info)]

    @strawberry.field(description="The grid leader (网格长).")
    async def leader(self, info: Info) -> Person | None:
        return await self._holder(info, GridRole.GRID_LEADER)

    @strawberry.field(description="The grid instructor (网格指导员).")
    async def instructor(self, info: Info) -> Person | None:
        return await self._holder(info, GridRole.GRID_INSTRUCTOR)

    @strawberry.field(description="The full-time grid worker (专职网格员), a party member.")
    async def full_time_worker(self, info: Info) -> Person | None:
        return await self._holder(info, GridRole.FULL_TIME_WORKER)

    @strawberry.field(description="The party-building instructor (党建指导员).")
    async def party_instructor(self, info: Info) -> Person | None:
        return await self._holder(info, GridRole.PARTY_INSTRUCTOR)


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
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        page = await info.context.reads.members_page(
            parse_id(self.id), request, members_only=not include_candidates
        )
        return Connection.build(
            page, request, key=lambda row: [row.name, str(row.id)], node=Person.from_row
        )
