"""The standards compliance report (达标情况) in GraphQL: its types and its query."""

from __future__ import annotations

from typing import Self

import strawberry

from gridkit.graphql.ids import parse_id
from org.domain import DivisionNotFound, compliance
from org.schema.context import Info
from org.schema.enums import GridKind, StandardItem


@strawberry.type(description="How many grids meet one checklist item.")
class ItemCompliance:
    item: StandardItem = strawberry.field(description="The checklist item.")
    met: int = strawberry.field(description="Active grids that meet it.")
    rate: float = strawberry.field(description="met / total active grids (0 when there are none).")


@strawberry.type(description="Number of active grids of one kind.")
class GridKindCount:
    kind: GridKind = strawberry.field(description="Residential or dedicated.")
    count: int = strawberry.field(description="Active grids of that kind.")


@strawberry.type(description="A grid that falls short, with what it lacks.")
class GridShortfall:
    grid_id: strawberry.ID = strawberry.field(description="Id of the grid.")
    code: str = strawberry.field(description="Code of the grid.")
    name: str = strawberry.field(description="Name of the grid.")
    kind: GridKind = strawberry.field(description="Kind of the grid.")
    missing: list[StandardItem] = strawberry.field(description="Items it does not meet.")


@strawberry.type(description="Standards compliance of the active grids in a division's subtree.")
class ComplianceReport:
    division_code: str | None = strawberry.field(
        description="Division reported on (null: the whole system)."
    )
    total_grids: int = strawberry.field(description="Active grids counted.")
    grids_by_kind: list[GridKindCount] = strawberry.field(description="Counts per kind.")
    grids_with_party_organization: int = strawberry.field(
        description="Grids served by a party organisation."
    )
    party_organization_rate: float = strawberry.field(
        description="Share of grids served by a party organisation."
    )
    items: list[ItemCompliance] = strawberry.field(description="Per-item counts and rates.")
    fully_compliant: int = strawberry.field(description="Grids that meet all ten items.")
    fully_compliant_rate: float = strawberry.field(description="fullyCompliant / totalGrids.")
    shortfalls: list[GridShortfall] = strawberry.field(
        description="The grids that fall short, in code order."
    )

    @classmethod
    def from_domain(cls, report: compliance.ComplianceReport) -> Self:
        """The GraphQL view of a computed report."""
        total = report.total_grids
        return cls(
            division_code=report.division_code,
            total_grids=total,
            grids_by_kind=[
                GridKindCount(kind=kind, count=count)
                for kind, count in report.grids_by_kind.items()
            ],
            grids_with_party_organization=report.grids_with_party_organization,
            party_organization_rate=report.grids_with_party_organization / total if total else 0.0,
            items=[ItemCompliance(item=i.item, met=i.met, rate=i.rate) for i in report.items],
            fully_compliant=report.fully_compliant,
            fully_compliant_rate=report.fully_compliant_rate,
            shortfalls=[
                GridShortfall(
                    grid_id=strawberry.ID(str(s.grid_id)),
                    code=s.code,
                    name=s.name,
                    kind=s.kind,
                    missing=list(s.missing),
                )
                for s in report.shortfalls
            ],
        )


@strawberry.type
class ComplianceQuery:
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
        facts = await info.context.compliance_reads.compliance_facts(
            division.id if division else None
        )
        report = compliance.compliance_report(
            facts, division_code=division.code if division else None
        )
        return ComplianceReport.from_domain(report)
