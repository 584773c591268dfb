"""Input types of the org mutations, each turned into a command.

In update inputs an omitted field stays as it is; ``null`` clears the fields
that may be empty (boundary, parent, grid) and is refused for the others.
"""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from gridkit.domain import UNCHANGED
from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given, nullable, nullable_id
from org import commands
from org.schema.enums import (
    DedicatedTo,
    DivisionLevel,
    GridKind,
    PartyOrganizationKind,
    StandardItem,
    StandardStatus,
    UnitKind,
)


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

    def to_command(self) -> commands.CreateDivision:
        """The command this input asks for."""
        return commands.CreateDivision(
            name=self.name,
            level=self.level,
            parent_id=parse_id(self.parent_id, what="parentId") if self.parent_id else None,
            code=self.code,
        )


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

    def to_command(self) -> commands.CreatePartyOrganization:
        """The command this input asks for."""
        return commands.CreatePartyOrganization(
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

    def to_command(self) -> commands.UpdatePartyOrganization:
        """The command this input asks for."""
        return commands.UpdatePartyOrganization(
            party_organization_id=parse_id(self.party_organization_id, what="partyOrganizationId"),
            name=given(self.name, "name"),
            parent_id=nullable_id(self.parent_id, "parentId"),
            grid_id=nullable_id(self.grid_id, "gridId"),
        )


@strawberry.input(description="A unit to register in a dedicated grid.")
class RegisterUnitInput:
    name: str = strawberry.field(description="Registered name.")
    kind: UnitKind = strawberry.field(description="Kind of unit.")
    credit_code: str = strawberry.field(description="18-character unified social credit code.")
    grid_id: strawberry.ID = strawberry.field(description="The dedicated grid.")

    def to_command(self) -> commands.RegisterUnit:
        """The command this input asks for."""
        return commands.RegisterUnit(
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

    def to_command(self) -> commands.UpdateUnit:
        """The command this input asks for."""
        grid_id = given(self.grid_id, "gridId")
        return commands.UpdateUnit(
            unit_id=parse_id(self.unit_id, what="unitId"),
            name=given(self.name, "name"),
            kind=given(self.kind, "kind"),
            credit_code=given(self.credit_code, "creditCode"),
            grid_id=grid_id if grid_id is UNCHANGED else parse_id(grid_id, what="gridId"),
        )
