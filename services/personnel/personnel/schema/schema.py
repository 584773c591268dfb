"""The personnel subgraph schema: each area's root fields merged into one Query and Mutation."""

from __future__ import annotations

from strawberry.tools import merge_types

from gridkit.graphql.authentication import RequireAuthentication
from gridkit.graphql.schema import SubgraphSchema
from personnel.schema.assault_teams import AssaultTeamMutation, AssaultTeamQuery
from personnel.schema.cadre import CadreMutation, CadreQuery
from personnel.schema.people import PartyOrganization, PeopleMutation, PeopleQuery
from personnel.schema.teams import Grid, TeamMutation, TeamQuery
from personnel.schema.transfers import TransferMutation, TransferQuery

Query = merge_types("Query", (PeopleQuery, TeamQuery, TransferQuery, CadreQuery, AssaultTeamQuery))
Mutation = merge_types(
    "Mutation", (PeopleMutation, TeamMutation, TransferMutation, CadreMutation, AssaultTeamMutation)
)

# Personal records answer signed-in callers only (composition's _service stays open).
schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    types=[Grid, PartyOrganization],
    extensions=[RequireAuthentication],
)
