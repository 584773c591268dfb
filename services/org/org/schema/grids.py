"""Grids (网格) in GraphQL: the Grid entity with its checklist, micro-positions and
proxy-service list, its queries and mutations.

Entities (``@key(fields: "id")``) resolve references through the request's
DataLoaders, so a gateway asking for a thousand grids costs one query.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self, cast
from uuid import UUID

import strawberry
from strawberry.scalars import JSON

from gridkit.graphql.idempotency import client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given, nullable
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from org import domain
from org.commands import grids as commands
from org.domain.compliance import DERIVED_ITEMS
from org.domain.geometry import check_position
from org.domain.grid_overview import ChecklistLine, GridOverview
from org.handlers import grids as handlers
from org.repository.grids import GridFilter, grid_key
from org.repository.units import UnitFilter, unit_key
from org.schema.arguments import PAGE_ARGS
from org.schema.context import Info
from org.schema.divisions import Division
from org.schema.enums import DedicatedTo, GridKind, GridStatus, StandardItem, StandardStatus

if TYPE_CHECKING:
    from org.schema.party_organizations import PartyOrganization
    from org.schema.units import Unit

_Confirmation = domain.standards.StandardConfirmation


@strawberry.type(description="One item of a grid's standards checklist.")
class StandardCheck:
    item: StandardItem = strawberry.field(description="The checklist item.")
    status: StandardStatus = strawberry.field(
        description="Whether the grid meets it now (derived items judged from the data)."
    )
    derived: bool = strawberry.field(
        description="True for items judged from data (party organisation, volunteer team "
        "from the volunteers service, micro-position, proxy-service list) rather than from a "
        "confirmation."
    )
    confirmed_status: StandardStatus | None = strawberry.field(
        description="What was last confirmed by hand, if ever."
    )
    evidence: str | None = strawberry.field(description="What shows the item is met.")
    confirmed_by: str | None = strawberry.field(description="Who confirmed it.")
    confirmed_at: datetime | None = strawberry.field(description="When it was confirmed.")

    @classmethod
    def from_line(cls, line: ChecklistLine) -> StandardCheck:
        """The GraphQL view of one line of a grid's checklist."""
        confirmation = line.confirmation
        if confirmation is None:
            # Never confirmed: the same check for every grid (lines are values; checks unchanged).
            shared = _UNCONFIRMED_CHECKS.get(line)
            if shared is None:
                shared = _UNCONFIRMED_CHECKS[line] = cls(
                    item=line.item,
                    status=line.status,
                    derived=line.derived,
                    confirmed_status=None,
                    evidence=None,
                    confirmed_by=None,
                    confirmed_at=None,
                )
            return shared
        return cls(
            item=line.item,
            status=line.status,
            derived=line.derived,
            confirmed_status=confirmation.status,
            evidence=confirmation.evidence,
            confirmed_by=confirmation.confirmed_by,
            confirmed_at=confirmation.confirmed_at,
        )

    @classmethod
    def from_domain(cls, confirmation: _Confirmation) -> Self:
        """The check as just confirmed (derived items are judged later, on read)."""
        return cls(
            item=confirmation.item,
            status=confirmation.status,
            derived=confirmation.item in DERIVED_ITEMS,
            confirmed_status=confirmation.status,
            evidence=confirmation.evidence,
            confirmed_by=confirmation.confirmed_by,
            confirmed_at=confirmation.confirmed_at,
        )


_UNCONFIRMED_CHECKS: dict[ChecklistLine, StandardCheck] = {}
_NEVER_CONFIRMED_STANDARDS: dict[tuple[ChecklistLine, ...], list[StandardCheck]] = {}


@strawberry.type(description="A party-mass activity micro-position (党群活动微阵地).")
class MicroPosition:
    id: strawberry.ID
    name: str = strawberry.field(description="Name, unique within the grid.")
    address: str = strawberry.field(description="Where it is.")
    opening_hours: str = strawberry.field(description="When it is open, as posted.")

    @classmethod
    def from_domain(cls, position: domain.MicroPosition) -> Self:
        """The GraphQL view of a micro-position."""
        return cls(
            id=strawberry.ID(str(position.id)),
            name=position.name,
            address=position.address,
            opening_hours=position.opening_hours,
        )


@strawberry.type(description="A matter grid staff handle for residents (代办服务事项).")
class ProxyServiceItem:
    id: strawberry.ID
    name: str = strawberry.field(description="Name, unique within the grid.")
    description: str = strawberry.field(description="What the service covers.")
    responsible_department: str = strawberry.field(description="The department that decides.")
    time_limit_working_days: int = strawberry.field(description="Promised time, working days.")

    @classmethod
    def from_domain(cls, item: domain.ProxyServiceItem) -> Self:
        """The GraphQL view of a proxy-service item."""
        return cls(
            id=strawberry.ID(str(item.id)),
            name=item.name,
            description=item.description,
            responsible_department=item.responsible_department,
            time_limit_working_days=item.time_limit_working_days,
        )


@strawberry.federation.type(keys=["id"], description="A grid (网格), the cell of governance.")
class Grid:
    id: strawberry.ID
    code: str = strawberry.field(description="15 digits: community code + 3-digit sequence.")
    name: str = strawberry.field(description="Name of the grid.")
    kind: GridKind = strawberry.field(description="Residential or dedicated.")
    dedicated_to: DedicatedTo | None = strawberry.field(
        description="What a dedicated grid serves (null for residential grids)."
    )
    households: int = strawberry.field(description="Households in the grid.")
    residents: int = strawberry.field(description="Residents in the grid.")
    status: GridStatus = strawberry.field(description="ACTIVE or RETIRED.")
    retired_reason: str | None = strawberry.field(description="Why it was retired.")
    boundary: JSON | None = strawberry.field(
        description="GeoJSON Polygon or MultiPolygon in WGS 84 (longitude, latitude)."
    )
    division_id: strawberry.Private[str]
    overview: strawberry.Private[GridOverview]

    @classmethod
    def from_overview(cls, overview: GridOverview) -> Self:
        """The GraphQL view of a grid, with what its nested fields show already at hand."""
        grid = overview.grid
        return cls(
            id=strawberry.ID(str(grid.id)),
            code=grid.code,
            name=grid.name,
            kind=grid.kind,
            dedicated_to=grid.dedicated_to,
            households=grid.households,
            residents=grid.residents,
            status=grid.status,
            retired_reason=grid.retired_reason,
            boundary=cast(JSON, grid.boundary),
            division_id=str(grid.division_id),
            overview=overview,
        )

    @classmethod
    async def load(cls, info: Info, grid_id: UUID) -> Self | None:
        """The grid, batched with the other grids the request asks for at the same level."""
        found = await info.context.grids.load(grid_id)
        return cls.from_overview(found) if found else None

    @classmethod
    async def changed(cls, info: Info, grid: domain.Grid) -> Self:
        """The grid as a command left it, read afresh (the request's loaders may be older)."""
        found = (await info.context.grid_reads.grids([grid.id]))[0]
        if found is None:
            raise domain.GridNotFound.for_id(grid.id)
        return cls.from_overview(found)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        return await cls.load(info, parse_id(id))

    @strawberry.field(description="The community or village the grid lies in.")
    def division(self) -> Division:
        return Division.from_domain(self.overview.division)

    @strawberry.field(description="The party organisation serving the grid, if any.")
    def party_organization(
        self,
    ) -> Annotated[PartyOrganization, strawberry.lazy("org.schema.party_organizations")] | None:
        from org.schema.party_organizations import PartyOrganization  # it imports this module

        found = self.overview.party_organization
        return PartyOrganization.from_domain(found) if found else None

    @strawberry.field(description="The ten checklist items, each with its current status.")
    def standards(self) -> list[StandardCheck]:
        lines = self.overview.checklist
        if not self.overview.confirmations:
            # A checklist never confirmed is shared by grids alike; so are its checks.
            shown = _NEVER_CONFIRMED_STANDARDS.get(lines)
            if shown is None:
                shown = _NEVER_CONFIRMED_STANDARDS[lines] = [
                    StandardCheck.from_line(line) for line in lines
                ]
            return shown
        return [StandardCheck.from_line(line) for line in lines]

    @strawberry.field(description="True when the grid meets all ten checklist items.")
    def compliant(self) -> bool:
        return self.overview.compliant

    @strawberry.field(description="The party-mass activity micro-positions, by name.")
    async def micro_positions(self, info: Info) -> list[MicroPosition]:
        found = await info.context.micro_positions.load(parse_id(self.id))
        return [MicroPosition.from_domain(p) for p in found]

    @strawberry.field(description="The proxy-service list (代办服务事项表), by name.")
    async def proxy_service_items(self, info: Info) -> list[ProxyServiceItem]:
        found = await info.context.proxy_service_items.load(parse_id(self.id))
        return [ProxyServiceItem.from_domain(i) for i in found]

    @strawberry.field(description="Units registered in this dedicated grid. " + PAGE_ARGS)
    async def units(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Annotated[Unit, strawberry.lazy("org.schema.units")]]:
        from org.schema.units import Unit  # it imports this module

        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        page = await info.context.unit_reads.list_units(
            UnitFilter(grid_id=parse_id(self.id)), request
        )
        return Connection.build(page, request, key=unit_key, node=Unit.from_domain)


@strawberry.input(description="A new grid; the service assigns its code.")
class CreateGridInput:
    division_id: strawberry.ID = strawberry.field(description="Its community or village.")
    name: str = strawberry.field(description="Name of the grid.")
    kind: GridKind = strawberry.field(description="Residential or dedicated.")
    dedicated_to: DedicatedTo | None = strawberry.field(
        default=None, description="Required for a dedicated grid."
    )
    boundary: JSON | None = strawberry.field(
        default=None, description="GeoJSON Polygon or MultiPolygon."
    )
    households: int = strawberry.field(default=0, description="Households in the grid.")
    residents: int = strawberry.field(default=0, description="Residents in the grid.")
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> commands.CreateGrid:
        """The command this input asks for."""
        return commands.CreateGrid(
            division_id=parse_id(self.division_id, what="divisionId"),
            name=self.name,
            kind=self.kind,
            dedicated_to=self.dedicated_to,
            boundary=self.boundary,
            households=self.households,
            residents=self.residents,
        )


@strawberry.input(description="Changes to a grid; omitted fields stay as they are.")
class UpdateGridInput:
    grid_id: strawberry.ID = strawberry.field(description="The grid to change.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    kind: GridKind | None = strawberry.field(default=strawberry.UNSET, description="New kind.")
    dedicated_to: DedicatedTo | None = strawberry.field(
        default=strawberry.UNSET, description="What it serves (null for residential)."
    )
    boundary: JSON | None = strawberry.field(
        default=strawberry.UNSET, description="New boundary (null removes it)."
    )
    households: int | None = strawberry.field(default=strawberry.UNSET, description="Households.")
    residents: int | None = strawberry.field(default=strawberry.UNSET, description="Residents.")

    def to_command(self) -> commands.UpdateGrid:
        """The command this input asks for."""
        return commands.UpdateGrid(
            grid_id=parse_id(self.grid_id, what="gridId"),
            name=given(self.name, "name"),
            kind=given(self.kind, "kind"),
            dedicated_to=nullable(self.dedicated_to),
            boundary=nullable(self.boundary),
            households=given(self.households, "households"),
            residents=given(self.residents, "residents"),
        )


@strawberry.input(description="Confirm one standards checklist item of a grid.")
class ConfirmStandardInput:
    grid_id: strawberry.ID = strawberry.field(description="The grid.")
    item: StandardItem = strawberry.field(description="The checklist item.")
    status: StandardStatus = strawberry.field(description="MET (needs evidence) or NOT_MET.")
    evidence: str | None = strawberry.field(default=None, description="What shows it is met.")

    def to_command(self) -> commands.ConfirmStandard:
        """The command this input asks for."""
        return commands.ConfirmStandard(
            grid_id=parse_id(self.grid_id, what="gridId"),
            item=self.item,
            status=self.status,
            evidence=self.evidence,
        )


@strawberry.input(description="A new micro-position (党群活动微阵地) in a grid.")
class AddMicroPositionInput:
    grid_id: strawberry.ID = strawberry.field(description="The grid.")
    name: str = strawberry.field(description="Name, unique within the grid.")
    address: str = strawberry.field(description="Where it is.")
    opening_hours: str = strawberry.field(default="", description="When it is open.")
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> commands.AddMicroPosition:
        """The command this input asks for."""
        return commands.AddMicroPosition(
            grid_id=parse_id(self.grid_id, what="gridId"),
            name=self.name,
            address=self.address,
            opening_hours=self.opening_hours,
        )


@strawberry.input(description="Changes to a micro-position; omitted fields stay as they are.")
class UpdateMicroPositionInput:
    grid_id: strawberry.ID = strawberry.field(description="The grid.")
    micro_position_id: strawberry.ID = strawberry.field(description="The micro-position.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    address: str | None = strawberry.field(default=strawberry.UNSET, description="New address.")
    opening_hours: str | None = strawberry.field(
        default=strawberry.UNSET, description="New opening hours."
    )

    def to_command(self) -> commands.UpdateMicroPosition:
        """The command this input asks for."""
        return commands.UpdateMicroPosition(
            grid_id=parse_id(self.grid_id, what="gridId"),
            micro_position_id=parse_id(self.micro_position_id, what="microPositionId"),
            name=given(self.name, "name"),
            address=given(self.address, "address"),
            opening_hours=given(self.opening_hours, "openingHours"),
        )


@strawberry.input(description="A new item of a grid's proxy-service list (代办服务事项).")
class AddProxyServiceItemInput:
    grid_id: strawberry.ID = strawberry.field(description="The grid.")
    name: str = strawberry.field(description="Name, unique within the grid.")
    responsible_department: str = strawberry.field(description="The department that decides.")
    time_limit_working_days: int = strawberry.field(description="Promised time (1-365).")
    description: str = strawberry.field(default="", description="What the service covers.")
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> commands.AddProxyServiceItem:
        """The command this input asks for."""
        return commands.AddProxyServiceItem(
            grid_id=parse_id(self.grid_id, what="gridId"),
            name=self.name,
            responsible_department=self.responsible_department,
            time_limit_working_days=self.time_limit_working_days,
            description=self.description,
        )


@strawberry.input(description="Changes to a proxy-service item; omitted fields stay as they are.")
class UpdateProxyServiceItemInput:
    grid_id: strawberry.ID = strawberry.field(description="The grid.")
    item_id: strawberry.ID = strawberry.field(description="The item.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="New description."
    )
    responsible_department: str | None = strawberry.field(
        default=strawberry.UNSET, description="New department."
    )
    time_limit_working_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="New time limit."
    )

    def to_command(self) -> commands.UpdateProxyServiceItem:
        """The command this input asks for."""
        return commands.UpdateProxyServiceItem(
            grid_id=parse_id(self.grid_id, what="gridId"),
            item_id=parse_id(self.item_id, what="itemId"),
            name=given(self.name, "name"),
            description=given(self.description, "description"),
            responsible_department=given(self.responsible_department, "responsibleDepartment"),
            time_limit_working_days=given(self.time_limit_working_days, "timeLimitWorkingDays"),
        )


@strawberry.type
class GridQuery:
    @strawberry.field(description="A grid by id.")
    async def grid(self, info: Info, id: strawberry.ID) -> Grid | None:
        return await Grid.load(info, parse_id(id, what="id"))

    @strawberry.field(description="A grid by its 15-digit code.")
    async def grid_by_code(self, info: Info, code: str) -> Grid | None:
        found = await info.context.grid_reads.grid_by_code(code)
        return Grid.from_overview(found) if found else None

    @strawberry.field(
        description="Grids in code order, filtered; 'within' limits to a division's subtree. "
        + PAGE_ARGS
    )
    async def grids(
        self,
        info: Info,
        within: strawberry.ID | None = None,
        kind: GridKind | None = None,
        status: GridStatus | None = None,
        code_prefix: str | None = None,
        name_contains: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Grid]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = GridFilter(
            within=parse_id(within, what="within") if within else None,
            kind=kind,
            status=status,
            code_prefix=code_prefix,
            name_contains=name_contains,
        )
        page = await info.context.grid_reads.list_grids(where, request)
        return Connection.build(page, request, key=grid_key, node=Grid.from_overview)

    @strawberry.field(
        description="The active grid whose boundary contains the point (WGS 84), if any."
    )
    async def grid_at(self, info: Info, longitude: float, latitude: float) -> Grid | None:
        check_position(longitude, latitude)
        found = await info.context.grid_reads.grid_at(longitude, latitude)
        return Grid.from_overview(found) if found else None


@strawberry.type
class GridMutation:
    @strawberry.mutation(description="Draw a grid in a community or village.")
    async def create_grid(self, info: Info, input: CreateGridInput) -> Grid:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("createGrid", command, input.client_mutation_id)
        grid = await apply_once(
            lambda: handlers.create_grid(command, context.unit_of_work().once(key), context.caller),
            replay=lambda grid_id: handlers.created_grid(
                grid_id, context.unit_of_work(), context.caller
            ),
        )
        return await Grid.changed(info, grid)

    @strawberry.mutation(description="Change some of a grid's fields.")
    async def update_grid(self, info: Info, input: UpdateGridInput) -> Grid:
        context = info.context
        grid = await handlers.update_grid(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return await Grid.changed(info, grid)

    @strawberry.mutation(description="Retire a grid for good; it keeps its code and history.")
    async def retire_grid(self, info: Info, id: strawberry.ID, reason: str) -> Grid:
        context = info.context
        command = commands.RetireGrid(grid_id=parse_id(id), reason=reason)
        grid = await handlers.retire_grid(command, context.unit_of_work(), context.caller)
        return await Grid.changed(info, grid)

    @strawberry.mutation(
        description="Confirm a standards checklist item as met or not met. A derived item's "
        "confirmation is kept on record, but the item is still judged from the data."
    )
    async def confirm_standard(self, info: Info, input: ConfirmStandardInput) -> StandardCheck:
        context = info.context
        confirmation = await handlers.confirm_standard(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return StandardCheck.from_domain(confirmation)

    @strawberry.mutation(description="Open a micro-position in a grid.")
    async def add_micro_position(self, info: Info, input: AddMicroPositionInput) -> MicroPosition:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("addMicroPosition", command, input.client_mutation_id)
        position = await apply_once(
            lambda: handlers.add_micro_position(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=lambda position_id: handlers.added_micro_position(
                command.grid_id, position_id, context.unit_of_work(), context.caller
            ),
        )
        return MicroPosition.from_domain(position)

    @strawberry.mutation(description="Change a micro-position.")
    async def update_micro_position(
        self, info: Info, input: UpdateMicroPositionInput
    ) -> MicroPosition:
        context = info.context
        position = await handlers.update_micro_position(
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
        removed = await handlers.remove_micro_position(
            command, context.unit_of_work(), context.caller
        )
        return MicroPosition.from_domain(removed)

    @strawberry.mutation(description="Add an item to a grid's proxy-service list.")
    async def add_proxy_service_item(
        self, info: Info, input: AddProxyServiceItemInput
    ) -> ProxyServiceItem:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("addProxyServiceItem", command, input.client_mutation_id)
        item = await apply_once(
            lambda: handlers.add_proxy_service_item(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=lambda item_id: handlers.added_proxy_service_item(
                command.grid_id, item_id, context.unit_of_work(), context.caller
            ),
        )
        return ProxyServiceItem.from_domain(item)

    @strawberry.mutation(description="Change an item of a grid's proxy-service list.")
    async def update_proxy_service_item(
        self, info: Info, input: UpdateProxyServiceItemInput
    ) -> ProxyServiceItem:
        context = info.context
        item = await handlers.update_proxy_service_item(
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
        removed = await handlers.remove_proxy_service_item(
            command, context.unit_of_work(), context.caller
        )
        return ProxyServiceItem.from_domain(removed)
