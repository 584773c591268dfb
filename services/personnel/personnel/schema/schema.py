"""The personnel subgraph schema: each area's root fields merged into one Query and Mutation."""

from __future__ import annotations

from strawberry.tools import merge_types

from gridkit.graphql.authentication import RequireAuthentication
from gridkit.graphql.schema import SubgraphSchema
from personnel.schema import operations
from personnel.schema.assault_teams import AssaultTeamMutation, AssaultTeamQuery
from personnel.schema.cadre import CadreMutation, CadreQuery
from personnel.schema.transfers import TransferMutation, TransferQuery
from personnel.schema.types import Grid, PartyOrganization

Query = merge_types("Query", (operations.Query, TransferQuery, CadreQuery, AssaultTeamQuery))
Mutation = merge_types(
    "Mutation", (operations.Mutation, TransferMutation, CadreMutation, AssaultTeamMutation)
)

# Personal records answer signed-in callers only (composition's _service stays open).
schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    types=[Grid, PartyOrganization],
    extensions=[RequireAuthentication],
)
