"""Units (驻区单位) of dedicated grids in GraphQL: the Unit entity, its queries and mutations."""

from __future__ import annotations

from typing import Self

import strawberry

from gridkit.domain import UNCHANGED
from gridkit.graphql.idempotency import client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from org import domain
from org.commands.units import RegisterUnit, UpdateUnit
from org.handlers import units as handlers
from org.repository.units import UnitFilter, unit_key
from org.schema.arguments import PAGE_ARGS
from org.schema.context import Info
from org.schema.enums import UnitKind
from org.schema.grids import Grid


@strawberry.federation.type(
    keys=["id"], description="An enterprise, public unit or 两新 organisation in a dedicated grid."
)
class Unit:
    id: strawberry.ID
    name: str = strawberry.field(description="Registered name.")
    kind: UnitKind = strawberry.field(description="Kind of unit.")
    credit_code: str = strawberry.field(
        description="18-character unified social credit code (统一社会信用代码)."
    )
    grid_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, unit: domain.Unit) -> Self:
        """The GraphQL view of a unit."""
        return cls(
            id=strawberry.ID(str(unit.id)),
            name=unit.name,
            kind=unit.kind,
            credit_code=unit.credit_code,
            grid_id=str(unit.grid_id),
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.units.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The dedicated grid the unit is in.")
    async def grid(self, info: Info) -> Grid:
        found = await Grid.load(info, parse_id(self.grid_id))
        assert found is not None  # a unit's grid cannot be deleted
        return found


@strawberry.input(description="A unit to register in a dedicated grid.")
class RegisterUnitInput:
    name: str = strawberry.field(description="Registered name.")
    kind: UnitKind = strawberry.field(description="Kind of unit.")
    credit_code: str = strawberry.field(description="18-character unified social credit code.")
    grid_id: strawberry.ID = strawberry.field(description="The dedicated grid.")
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> RegisterUnit:
        """The command this input asks for."""
        return RegisterUnit(
            name=self.name,
            kind=self.kind,
            credit_code=self.credit_code,
            grid_id=parse_id(self.grid_id, what="gridId"),
        )


@strawberry.input(description="Changes to a unit; omitted fields stay as they are.")
class UpdateUnitInput:
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    kind: UnitKind | None = strawberry.field(default=strawberry.UNSET, description="New kind.")
    credit_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="New credit code."
    )
    grid_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Another dedicated grid."
    )

    def to_command(self) -> UpdateUnit:
        """The command this input asks for."""
        grid_id = given(self.grid_id, "gridId")
        return UpdateUnit(
            unit_id=parse_id(self.unit_id, what="unitId"),
            name=given(self.name, "name"),
            kind=given(self.kind, "kind"),
            credit_code=given(self.credit_code, "creditCode"),
            grid_id=grid_id if grid_id is UNCHANGED else parse_id(grid_id, what="gridId"),
        )


@strawberry.type
class UnitQuery:
    @strawberry.field(description="A unit by id.")
    async def unit(self, info: Info, id: strawberry.ID) -> Unit | None:
        found = await info.context.units.load(parse_id(id, what="id"))
        return Unit.from_domain(found) if found else None

    @strawberry.field(description="Units by name, filtered. " + PAGE_ARGS)
    async def units(
        self,
        info: Info,
        grid_id: strawberry.ID | None = None,
        kind: UnitKind | None = None,
        name_contains: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Unit]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = UnitFilter(
            grid_id=parse_id(grid_id, what="gridId") if grid_id else None,
            kind=kind,
            name_contains=name_contains,
        )
        page = await info.context.unit_reads.list_units(where, request)
        return Connection.build(page, request, key=unit_key, node=Unit.from_domain)


@strawberry.type
class UnitMutation:
    @strawberry.mutation(description="Register a unit in a dedicated grid.")
    async def register_unit(self, info: Info, input: RegisterUnitInput) -> Unit:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("registerUnit", command, input.client_mutation_id)
        unit = await apply_once(
            lambda: handlers.register_unit(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=lambda unit_id: handlers.registered_unit(
                unit_id, context.unit_of_work(), context.caller
            ),
        )
        return Unit.from_domain(unit)

    @strawberry.mutation(description="Change some of a unit's fields.")
    async def update_unit(self, info: Info, input: UpdateUnitInput) -> Unit:
        context = info.context
        unit = await handlers.update_unit(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return Unit.from_domain(unit)
