"""Write operations of the org subgraph: parse input, call one handler, map the result.

Every mutation needs a bearer token with the ORG_ADMIN (or ADMIN) role whose
division scope covers what it changes. Refused input changes nothing.
"""

from __future__ import annotations

import strawberry

from gridkit.graphql.ids import parse_id
from org import commands
from org.handlers import divisions, grids, party_organizations, units
from org.schema.context import Info
from org.schema.inputs import (
    AddMicroPositionInput,
    AddProxyServiceItemInput,
    ConfirmStandardInput,
    CreateDivisionInput,
    CreateGridInput,
    CreatePartyOrganizationInput,
    RegisterUnitInput,
    UpdateGridInput,
    UpdateMicroPositionInput,
    UpdatePartyOrganizationInput,
    UpdateProxyServiceItemInput,
    UpdateUnitInput,
)
from org.schema.types import (
    Division,
    Grid,
    MicroPosition,
    PartyOrganization,
    ProxyServiceItem,
    StandardCheck,
    Unit,
)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Add a district, subdistrict/town or community/village.")
    async def create_division(self, info: Info, input: CreateDivisionInput) -> Division:
        context = info.context
        division = await divisions.create_division(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return Division.from_domain(division)

    @strawberry.mutation(description="Give a division a new name.")
    async def rename_division(self, info: Info, id: strawberry.ID, name: str) -> Division:
        context = info.context
        command = commands.RenameDivision(division_id=parse_id(id), name=name)
        division = await divisions.rename_division(command, context.unit_of_work(), context.caller)
        return Division.from_domain(division)

    @strawberry.mutation(
        description="Move a division under another parent. It gets a new code (optionally "
        "the given 3-digit local code), and so do every division and grid below it."
    )
    async def move_division(
        self, info: Info, id: strawberry.ID, new_parent_id: strawberry.ID, code: str | None = None
    ) -> Division:
        context = info.context
        command = commands.MoveDivision(
            division_id=parse_id(id),
            new_parent_id=parse_id(new_parent_id, what="newParentId"),
            code=code,
        )
        division = await divisions.move_division_to(command, context.unit_of_work(), context.caller)
        return Division.from_domain(division)

    @strawberry.mutation(description="Draw a grid in a community or village.")
    async def create_grid(self, info: Info, input: CreateGridInput) -> Grid:
        context = info.context
        grid = await grids.create_grid(input.to_command(), context.unit_of_work(), context.caller)
        return Grid.from_domain(grid)

    @strawberry.mutation(description="Change some of a grid's fields.")
    async def update_grid(self, info: Info, input: UpdateGridInput) -> Grid:
        context = info.context
        grid = await grids.update_grid(input.to_command(), context.unit_of_work(), context.caller)
        return Grid.from_domain(grid)

    @strawberry.mutation(description="Retire a grid for good; it keeps its code and history.")
    async def retire_grid(self, info: Info, id: strawberry.ID, reason: str) -> Grid:
        context = info.context
        command = commands.RetireGrid(grid_id=parse_id(id), reason=reason)
        grid = await grids.retire_grid(command, context.unit_of_work(), context.caller)
        return Grid.from_domain(grid)

    @strawberry.mutation(description="Confirm a standards checklist item as met or not met.")
    async def confirm_standard(self, info: Info, input: ConfirmStandardInput) -> StandardCheck:
        context = info.context
        confirmation = await grids.confirm_standard(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return StandardCheck.from_domain(confirmation)

    @strawberry.mutation(description="Open a micro-position in a grid.")
    async def add_micro_position(self, info: Info, input: AddMicroPositionInput) -> MicroPosition:
        context = info.context
        position = await grids.add_micro_position(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return MicroPosition.from_domain(position)

    @strawberry.mutation(description="Change a micro-position.")
    async def update_micro_position(
        self, info: Info, input: UpdateMicroPositionInput
    ) -> MicroPosition:
        context = info.context
        position = await grids.update_micro_position(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return MicroPosition.from_domain(position)

    @strawberry.mutation(description="Close a micro-position; returns what was removed.")
    async def remove_micro_position(
        self, info: Info, grid_id: strawberry.ID, micro_position_id: strawberry.ID
    ) -> MicroPosition:
        context = info.context
        command = commands.RemoveMicroPosition(
            grid_id=parse_id(grid_id, what="gridId"),
            micro_position_id=parse_id(micro_position_id, what="microPositionId"),
        )
        removed = await grids.remove_micro_position(command, context.unit_of_work(), context.caller)
        return MicroPosition.from_domain(removed)

    @strawberry.mutation(description="Add an item to a grid's proxy-service list.")
    async def add_proxy_service_item(
        self, info: Info, input: AddProxyServiceItemInput
    ) -> ProxyServiceItem:
        context = info.context
        item = await grids.add_proxy_service_item(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return ProxyServiceItem.from_domain(item)

    @strawberry.mutation(description="Change an item of a grid's proxy-service list.")
    async def update_proxy_service_item(
        self, info: Info, input: UpdateProxyServiceItemInput
    ) -> ProxyServiceItem:
        context = info.context
        item = await grids.update_proxy_service_item(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return ProxyServiceItem.from_domain(item)

    @strawberry.mutation(description="Take an item off a grid's proxy-service list.")
    async def remove_proxy_service_item(
        self, info: Info, grid_id: strawberry.ID, item_id: strawberry.ID
    ) -> ProxyServiceItem:
        context = info.context
        command = commands.RemoveProxyServiceItem(
            grid_id=parse_id(grid_id, what="gridId"), item_id=parse_id(item_id, what="itemId")
        )
        removed = await grids.remove_proxy_service_item(
            command, context.unit_of_work(), context.caller
        )
        return ProxyServiceItem.from_domain(removed)

    @strawberry.mutation(description="Set up a party organisation (a grid has at most one).")
    async def create_party_organization(
        self, info: Info, input: CreatePartyOrganizationInput
    ) -> PartyOrganization:
        context = info.context
        organization = await party_organizations.create_party_organization(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return PartyOrganization.from_domain(organization)

    @strawberry.mutation(description="Rename, re-parent or re-assign a party organisation.")
    async def update_party_organization(
        self, info: Info, input: UpdatePartyOrganizationInput
    ) -> PartyOrganization:
        context = info.context
        organization = await party_organizations.update_party_organization(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return PartyOrganization.from_domain(organization)

    @strawberry.mutation(description="Register a unit in a dedicated grid.")
    async def register_unit(self, info: Info, input: RegisterUnitInput) -> Unit:
        context = info.context
        unit = await units.register_unit(input.to_command(), context.unit_of_work(), context.caller)
        return Unit.from_domain(unit)

    @strawberry.mutation(description="Change some of a unit's fields.")
    async def update_unit(self, info: Info, input: UpdateUnitInput) -> Unit:
        context = info.context
        unit = await units.update_unit(input.to_command(), context.unit_of_work(), context.caller)
        return Unit.from_domain(unit)
