"""The division tree (行政区划) in GraphQL: the Division entity, its queries and mutations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from gridkit.graphql.idempotency import client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from org import domain
from org.commands.divisions import CreateDivision, MoveDivision, RenameDivision
from org.handlers import divisions as handlers
from org.repository.divisions import DivisionFilter, division_key
from org.repository.grids import GridFilter, grid_key
from org.schema.arguments import PAGE_ARGS
from org.schema.context import Info
from org.schema.enums import DivisionLevel, GridStatus

if TYPE_CHECKING:
    from org.schema.grids import Grid


@strawberry.federation.type(keys=["id"], description="A division of the district (行政区划).")
class Division:
    id: strawberry.ID
    code: str = strawberry.field(
        description="Hierarchical code: 6 digits for a district, +3 per level below."
    )
    name: str = strawberry.field(description="Official name, e.g. 洪家楼街道.")
    level: DivisionLevel = strawberry.field(description="Place in the tree.")
    parent_id: strawberry.Private[strawberry.ID | None]

    @classmethod
    def from_domain(cls, division: domain.Division) -> Self:
        """The GraphQL view of a division."""
        return cls(
            id=strawberry.ID(str(division.id)),
            code=division.code,
            name=division.name,
            level=division.level,
            parent_id=strawberry.ID(str(division.parent_id)) if division.parent_id else None,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.divisions.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The division right above (none for a district).")
    async def parent(self, info: Info) -> Division | None:
        if self.parent_id is None:
            return None
        found = await info.context.divisions.load(parse_id(self.parent_id))
        return Division.from_domain(found) if found else None

    @strawberry.field(description="The divisions above, from the district down.")
    async def ancestors(self, info: Info) -> list[Division]:
        division = await info.context.divisions.load(parse_id(self.id))
        if division is None:
            return []
        above = await info.context.division_reads.ancestors(division)
        return [Division.from_domain(d) for d in above]

    @strawberry.field(description="The divisions right below, in code order. " + PAGE_ARGS)
    async def children(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Division]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.division_reads.list_divisions(
            DivisionFilter(parent_id=parse_id(self.id)), request
        )
        return Connection.build(page, request, key=division_key, node=Division.from_domain)

    @strawberry.field(description="Grids anywhere in this division's subtree. " + PAGE_ARGS)
    async def grids(
        self,
        info: Info,
        status: GridStatus | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[Grid, strawberry.lazy("org.schema.grids")]]:
        from org.schema.grids import Grid  # here: org.schema.grids imports this module

        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.grid_reads.list_grids(
            GridFilter(within=parse_id(self.id), status=status), request
        )
        return Connection.build(page, request, key=grid_key, node=Grid.from_overview)


@strawberry.input(description="A new division.")
class CreateDivisionInput:
    name: str = strawberry.field(description="Official name.")
    level: DivisionLevel = strawberry.field(description="Level in the tree.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The parent (omit for a district)."
    )
    code: str | None = strawberry.field(
        default=None,
        description="A district's 6-digit code; below it the 3-digit local code "
        "(omit to take the next free one).",
    )
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> CreateDivision:
        """The command this input asks for."""
        return CreateDivision(
            name=self.name,
            level=self.level,
            parent_id=parse_id(self.parent_id, what="parentId") if self.parent_id else None,
            code=self.code,
        )


@strawberry.type
class DivisionQuery:
    @strawberry.field(description="A division by id.")
    async def division(self, info: Info, id: strawberry.ID) -> Division | None:
        found = await info.context.divisions.load(parse_id(id, what="id"))
        return Division.from_domain(found) if found else None

    @strawberry.field(description="A division by its administrative code.")
    async def division_by_code(self, info: Info, code: str) -> Division | None:
        found = await info.context.division_reads.division_by_code(code)
        return Division.from_domain(found) if found else None

    @strawberry.field(
        description="Divisions in code order, filtered; 'within' limits to a subtree. " + PAGE_ARGS
    )
    async def divisions(
        self,
        info: Info,
        within: strawberry.ID | None = None,
        level: DivisionLevel | None = None,
        code_prefix: str | None = None,
        name_contains: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Division]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = DivisionFilter(
            within=parse_id(within, what="within") if within else None,
            level=level,
            code_prefix=code_prefix,
            name_contains=name_contains,
        )
        page = await info.context.division_reads.list_divisions(where, request)
        return Connection.build(page, request, key=division_key, node=Division.from_domain)


@strawberry.type
class DivisionMutation:
    @strawberry.mutation(description="Add a district, subdistrict/town or community/village.")
    async def create_division(self, info: Info, input: CreateDivisionInput) -> Division:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("createDivision", command, input.client_mutation_id)
        division = await apply_once(
            lambda: handlers.create_division(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=lambda division_id: handlers.created_division(
                division_id, context.unit_of_work(), context.caller
            ),
        )
        return Division.from_domain(division)

    @strawberry.mutation(description="Give a division a new name.")
    async def rename_division(self, info: Info, id: strawberry.ID, name: str) -> Division:
        context = info.context
        command = RenameDivision(division_id=parse_id(id), name=name)
        division = await handlers.rename_division(command, context.unit_of_work(), context.caller)
        return Division.from_domain(division)

    @strawberry.mutation(
        description="Move a division under another parent. It gets a new code (optionally "
        "the given 3-digit local code), and so do every division and grid below it."
    )
    async def move_division(
        self, info: Info, id: strawberry.ID, new_parent_id: strawberry.ID, code: str | None = None
    ) -> Division:
        context = info.context
        command = MoveDivision(
            division_id=parse_id(id),
            new_parent_id=parse_id(new_parent_id, what="newParentId"),
            code=code,
        )
        division = await handlers.move_division_to(command, context.unit_of_work(), context.caller)
        return Division.from_domain(division)
