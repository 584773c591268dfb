"""The org subgraph schema: each area's root fields merged into one Query and Mutation."""

from __future__ import annotations

from strawberry.tools import merge_types

from gridkit.graphql.schema import SubgraphSchema
from org.schema.compliance import ComplianceQuery
from org.schema.departments import DepartmentMutation, DepartmentQuery
from org.schema.divisions import DivisionMutation, DivisionQuery
from org.schema.grids import GridMutation, GridQuery
from org.schema.party_organizations import PartyOrganizationMutation, PartyOrganizationQuery
from org.schema.units import UnitMutation, UnitQuery

Query = merge_types(
    "Query",
    (
        DivisionQuery,
        GridQuery,
        PartyOrganizationQuery,
        UnitQuery,
        DepartmentQuery,
        ComplianceQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (DivisionMutation, GridMutation, PartyOrganizationMutation, UnitMutation, DepartmentMutation),
)

schema = SubgraphSchema(query=Query, mutation=Mutation)
