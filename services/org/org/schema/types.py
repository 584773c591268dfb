"""GraphQL object types of the org subgraph, built from domain objects.

Entities (``@key(fields: "id")``) resolve references through the request's
DataLoaders, so a gateway asking for a thousand grids costs one query.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Self, cast

import strawberry
from strawberry.scalars import JSON

from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection, PageRequest
from org import domain
from org.domain.compliance import DERIVED_ITEMS, GridFacts
from org.domain.grid_services import MicroPosition as MicroPositionModel
from org.domain.grid_services import ProxyServiceItem as ProxyServiceItemModel
from org.repository.reads import DivisionFilter, GridFilter, PartyOrganizationFilter, UnitFilter
from org.schema.context import Info
from org.schema.enums import (
    DedicatedTo,
    DivisionLevel,
    GridKind,
    GridStatus,
    PartyOrganizationKind,
    StandardItem,
    StandardStatus,
    UnitKind,
)

PAGE_ARGS = "Relay pagination: 'first'/'after' forwards, 'last'/'before' backwards."


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
        return [Division.from_domain(d) for d in await info.context.reads.ancestors(division)]

    @strawberry.field(description="The divisions right below, in code order. " + PAGE_ARGS)
    async def children(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Division]:
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        page = await info.context.reads.list_divisions(
            DivisionFilter(parent_id=parse_id(self.id)), request
        )
        return Connection.build(page, request, key=_code_key, node=Division.from_domain)

    @strawberry.field(description="Grids anywhere in this division's subtree. " + PAGE_ARGS)
    async def grids(
        self,
        info: Info,
        status: GridStatus | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Grid]:
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        page = await info.context.reads.list_grids(
            GridFilter(within=parse_id(self.id), status=status), request
        )
        return Connection.build(page, request, key=_code_key, node=Grid.from_domain)


@strawberry.type(description="One item of a grid's standards checklist.")
class StandardCheck:
    item: StandardItem = strawberry.field(description="The checklist item.")
    status: StandardStatus = strawberry.field(
        description="Whether the grid meets it now (derived items judged from the data)."
    )
    derived: bool = strawberry.field(
        description="True for items judged from data (party organisation, micro-position, "
        "proxy-service list) rather than from a confirmation."
    )
    confirmed_status: StandardStatus | None = strawberry.field(
        description="What was last confirmed by hand, if ever."
    )
    evidence: str | None = strawberry.field(description="What shows the item is met.")
    confirmed_by: str | None = strawberry.field(description="Who confirmed it.")
    confirmed_at: datetime | None = strawberry.field(description="When it was confirmed.")

    @classmethod
    def from_domain(cls, confirmation: domain.standards.StandardConfirmation) -> Self:
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


@strawberry.type(description="A party-mass activity micro-position (党群活动微阵地).")
class MicroPosition:
    id: strawberry.ID
    name: str = strawberry.field(description="Name, unique within the grid.")
    address: str = strawberry.field(description="Where it is.")
    opening_hours: str = strawberry.field(description="When it is open, as posted.")

    @classmethod
    def from_domain(cls, position: MicroPositionModel) -> Self:
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
    def from_domain(cls, item: ProxyServiceItemModel) -> Self:
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

    @classmethod
    def from_domain(cls, grid: domain.Grid) -> Self:
        """The GraphQL view of a grid."""
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
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.grids.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The community or village the grid lies in.")
    async def division(self, info: Info) -> Division:
        found = await info.context.divisions.load(parse_id(self.division_id))
        assert found is not None  # a grid's division cannot be deleted
        return Division.from_domain(found)

    @strawberry.field(description="The party organisation serving the grid, if any.")
    async def party_organization(self, info: Info) -> PartyOrganization | None:
        found = await info.context.party_organization_of_grid.load(parse_id(self.id))
        return PartyOrganization.from_domain(found) if found else None

    @strawberry.field(description="The ten checklist items, each with its current status.")
    async def standards(self, info: Info) -> list[StandardCheck]:
        facts, confirmed = await self._facts(info)
        return [
            StandardCheck(
                item=item,
                status=StandardStatus.MET if facts.meets(item) else StandardStatus.NOT_MET,
                derived=item in DERIVED_ITEMS,
                confirmed_status=confirmed[item].status if item in confirmed else None,
                evidence=confirmed[item].evidence if item in confirmed else None,
                confirmed_by=confirmed[item].confirmed_by if item in confirmed else None,
                confirmed_at=confirmed[item].confirmed_at if item in confirmed else None,
            )
            for item in domain.standards.StandardItem
        ]

    @strawberry.field(description="True when the grid meets all ten checklist items.")
    async def compliant(self, info: Info) -> bool:
        facts, _ = await self._facts(info)
        return not facts.missing_items()

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
    ) -> Connection[Unit]:
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        page = await info.context.reads.list_units(UnitFilter(grid_id=parse_id(self.id)), request)
        return Connection.build(page, request, key=_name_key, node=Unit.from_domain)

    async def _facts(
        self, info: Info
    ) -> tuple[GridFacts, dict[domain.standards.StandardItem, _Confirmation]]:
        grid_id = parse_id(self.id)
        context = info.context
        organization, confirmed, positions, items = await asyncio.gather(
            context.party_organization_of_grid.load(grid_id),
            context.standards.load(grid_id),
            context.micro_positions.load(grid_id),
            context.proxy_service_items.load(grid_id),
        )
        facts = GridFacts(
            grid_id=grid_id,
            code=self.code,
            name=self.name,
            kind=domain.kinds.GridKind(self.kind),
            division_id=parse_id(self.division_id),
            status=domain.kinds.GridStatus(self.status),
            has_party_organization=organization is not None,
            confirmed={item: c.status for item, c in confirmed.items()},
            micro_position_count=len(positions),
            proxy_service_item_count=len(items),
        )
        return facts, confirmed


_Confirmation = domain.standards.StandardConfirmation


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
        found = await info.context.grids.load(parse_id(self.grid_id))
        return Grid.from_domain(found) if found else None

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
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        page = await info.context.reads.list_party_organizations(
            PartyOrganizationFilter(parent_id=parse_id(self.id)), request
        )
        return Connection.build(page, request, key=_name_key, node=PartyOrganization.from_domain)


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
        found = await info.context.grids.load(parse_id(self.grid_id))
        assert found is not None
        return Grid.from_domain(found)


def _code_key(item: domain.Division | domain.Grid) -> list[str]:
    return [item.code]


def _name_key(item: domain.PartyOrganization | domain.Unit) -> list[str]:
    return [item.name, str(item.id)]


# Types referenced by string annotations above resolve in this module.
__all__ = [
    "Division",
    "Grid",
    "MicroPosition",
    "PartyOrganization",
    "ProxyServiceItem",
    "StandardCheck",
    "Unit",
]
