"""Party organisations (党组织) in GraphQL: the PartyOrganization entity, its queries and
mutations."""

from __future__ import annotations

from typing import Self

import strawberry

from gridkit.graphql.idempotency import client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given, nullable_id
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from org import domain
from org.commands.party_organizations import CreatePartyOrganization, UpdatePartyOrganization
from org.handlers import party_organizations as handlers
from org.repository.party_organizations import PartyOrganizationFilter, party_organization_key
from org.schema.arguments import PAGE_ARGS
from org.schema.context import Info
from org.schema.divisions import Division
from org.schema.enums import PartyOrganizationKind
from org.schema.grids import Grid


@strawberry.federation.type(
    keys=["id"], description="A party committee, general branch, branch or group (党组织)."
)
class PartyOrganization:
    id: strawberry.ID
    name: str = strawberry.field(description="Name, e.g. 某社区第一网格党支部.")
    kind: PartyOrganizationKind = strawberry.field(description="Kind of organisation.")
    parent_id: strawberry.Private[str | None]
    grid_id: strawberry.Private[str | None]
    division_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, organization: domain.PartyOrganization) -> Self:
        """The GraphQL view of a party organisation."""
        return cls(
            id=strawberry.ID(str(organization.id)),
            name=organization.name,
            kind=organization.kind,
            parent_id=str(organization.parent_id) if organization.parent_id else None,
            grid_id=str(organization.grid_id) if organization.grid_id else None,
            division_id=str(organization.division_id),
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.party_organizations.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The organisation it reports to, if any.")
    async def parent(self, info: Info) -> PartyOrganization | None:
        if self.parent_id is None:
            return None
        found = await info.context.party_organizations.load(parse_id(self.parent_id))
        return PartyOrganization.from_domain(found) if found else None

    @strawberry.field(description="The grid it serves, if any.")
    async def grid(self, info: Info) -> Grid | None:
        if self.grid_id is None:
            return None
        return await Grid.load(info, parse_id(self.grid_id))

    @strawberry.field(description="The division it belongs to.")
    async def division(self, info: Info) -> Division:
        found = await info.context.divisions.load(parse_id(self.division_id))
        assert found is not None
        return Division.from_domain(found)

    @strawberry.field(description="Organisations reporting to this one, by name. " + PAGE_ARGS)
    async def children(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[PartyOrganization]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.party_organization_reads.list_party_organizations(
            PartyOrganizationFilter(parent_id=parse_id(self.id)), request
        )
        return Connection.build(
            page, request, key=party_organization_key, node=PartyOrganization.from_domain
        )


@strawberry.input(description="A new party organisation.")
class CreatePartyOrganizationInput:
    name: str = strawberry.field(description="Name.")
    kind: PartyOrganizationKind = strawberry.field(description="Kind.")
    division_id: strawberry.ID = strawberry.field(description="The division it belongs to.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The organisation it reports to."
    )
    grid_id: strawberry.ID | None = strawberry.field(
        default=None, description="The grid it serves (a grid has at most one)."
    )
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> CreatePartyOrganization:
        """The command this input asks for."""
        return CreatePartyOrganization(
            name=self.name,
            kind=self.kind,
            division_id=parse_id(self.division_id, what="divisionId"),
            parent_id=parse_id(self.parent_id, what="parentId") if self.parent_id else None,
            grid_id=parse_id(self.grid_id, what="gridId") if self.grid_id else None,
        )


@strawberry.input(description="Changes to a party organisation; omitted fields stay as they are.")
class UpdatePartyOrganizationInput:
    party_organization_id: strawberry.ID = strawberry.field(description="The organisation.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="New parent (null: top level)."
    )
    grid_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Grid it serves (null: none)."
    )

    def to_command(self) -> UpdatePartyOrganization:
        """The command this input asks for."""
        return UpdatePartyOrganization(
            party_organization_id=parse_id(self.party_organization_id, what="partyOrganizationId"),
            name=given(self.name, "name"),
            parent_id=nullable_id(self.parent_id, "parentId"),
            grid_id=nullable_id(self.grid_id, "gridId"),
        )


@strawberry.type
class PartyOrganizationQuery:
    @strawberry.field(description="A party organisation by id.")
    async def party_organization(self, info: Info, id: strawberry.ID) -> PartyOrganization | None:
        found = await info.context.party_organizations.load(parse_id(id, what="id"))
        return PartyOrganization.from_domain(found) if found else None

    @strawberry.field(description="Party organisations by name, filtered. " + PAGE_ARGS)
    async def party_organizations(
        self,
        info: Info,
        within: strawberry.ID | None = None,
        kind: PartyOrganizationKind | None = None,
        parent_id: strawberry.ID | None = None,
        name_contains: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[PartyOrganization]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = PartyOrganizationFilter(
            within=parse_id(within, what="within") if within else None,
            kind=kind,
            parent_id=parse_id(parent_id, what="parentId") if parent_id else None,
            name_contains=name_contains,
        )
        page = await info.context.party_organization_reads.list_party_organizations(where, request)
        return Connection.build(
            page, request, key=party_organization_key, node=PartyOrganization.from_domain
        )


@strawberry.type
class PartyOrganizationMutation:
    @strawberry.mutation(description="Set up a party organisation (a grid has at most one).")
    async def create_party_organization(
        self, info: Info, input: CreatePartyOrganizationInput
    ) -> PartyOrganization:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("createPartyOrganization", command, input.client_mutation_id)
        organization = await apply_once(
            lambda: handlers.create_party_organization(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=lambda organization_id: handlers.created_party_organization(
                organization_id, context.unit_of_work(), context.caller
            ),
        )
        return PartyOrganization.from_domain(organization)

    @strawberry.mutation(description="Rename, re-parent or re-assign a party organisation.")
    async def update_party_organization(
        self, info: Info, input: UpdatePartyOrganizationInput
    ) -> PartyOrganization:
        context = info.context
        organization = await handlers.update_party_organization(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return PartyOrganization.from_domain(organization)
