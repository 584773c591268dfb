"""Read operations of the org subgraph."""

from __future__ import annotations

import strawberry

from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection, PageRequest
from org.domain import DivisionNotFound
from org.domain.compliance import compliance_report
from org.domain.geometry import check_position
from org.repository.reads import DivisionFilter, GridFilter, PartyOrganizationFilter, UnitFilter
from org.schema.context import Info
from org.schema.enums import DivisionLevel, GridKind, GridStatus, PartyOrganizationKind, UnitKind
from org.schema.reports import ComplianceReport
from org.schema.types import PAGE_ARGS, Division, Grid, PartyOrganization, Unit


@strawberry.type
class Query:
    @strawberry.field(description="A division by id.")
    async def division(self, info: Info, id: strawberry.ID) -> Division | None:
        found = await info.context.divisions.load(parse_id(id, what="id"))
        return Division.from_domain(found) if found else None

    @strawberry.field(description="A division by its administrative code.")
    async def division_by_code(self, info: Info, code: str) -> Division | None:
        found = await info.context.reads.division_by_code(code)
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
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        where = DivisionFilter(
            within=parse_id(within, what="within") if within else None,
            level=level,
            code_prefix=code_prefix,
            name_contains=name_contains,
        )
        page = await info.context.reads.list_divisions(where, request)
        return Connection.build(page, request, key=lambda d: [d.code], node=Division.from_domain)

    @strawberry.field(description="A grid by id.")
    async def grid(self, info: Info, id: strawberry.ID) -> Grid | None:
        found = await info.context.grids.load(parse_id(id, what="id"))
        return Grid.from_domain(found) if found else None

    @strawberry.field(description="A grid by its 15-digit code.")
    async def grid_by_code(self, info: Info, code: str) -> Grid | None:
        found = await info.context.reads.grid_by_code(code)
        return Grid.from_domain(found) if found else None

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
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        where = GridFilter(
            within=parse_id(within, what="within") if within else None,
            kind=kind,
            status=status,
            code_prefix=code_prefix,
            name_contains=name_contains,
        )
        page = await info.context.reads.list_grids(where, request)
        return Connection.build(page, request, key=lambda g: [g.code], node=Grid.from_domain)

    @strawberry.field(
        description="The active grid whose boundary contains the point (WGS 84), if any."
    )
    async def grid_at(self, info: Info, longitude: float, latitude: float) -> Grid | None:
        check_position(longitude, latitude)
        found = await info.context.reads.grid_at(longitude, latitude)
        return Grid.from_domain(found) if found else None

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
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        where = PartyOrganizationFilter(
            within=parse_id(within, what="within") if within else None,
            kind=kind,
            parent_id=parse_id(parent_id, what="parentId") if parent_id else None,
            name_contains=name_contains,
        )
        page = await info.context.reads.list_party_organizations(where, request)
        return Connection.build(
            page, request, key=lambda o: [o.name, str(o.id)], node=PartyOrganization.from_domain
        )

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
        request = PageRequest.from_args(first=first, after=after, last=last, before=before)
        where = UnitFilter(
            grid_id=parse_id(grid_id, what="gridId") if grid_id else None,
            kind=kind,
            name_contains=name_contains,
        )
        page = await info.context.reads.list_units(where, request)
        return Connection.build(
            page, request, key=lambda u: [u.name, str(u.id)], node=Unit.from_domain
        )

    @strawberry.field(
        description="Standards compliance of the active grids in a community, subdistrict or "
        "district (all grids when divisionId is omitted)."
    )
    async def compliance_report(
        self, info: Info, division_id: strawberry.ID | None = None
    ) -> ComplianceReport:
        division = None
        if division_id is not None:
            division = await info.context.divisions.load(parse_id(division_id, what="divisionId"))
            if division is None:
                raise DivisionNotFound.for_id(parse_id(division_id))
        facts = await info.context.reads.compliance_facts(division.id if division else None)
        report = compliance_report(facts, division_code=division.code if division else None)
        return ComplianceReport.from_domain(report)
