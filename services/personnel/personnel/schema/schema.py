"""The personnel subgraph schema."""

from __future__ import annotations

from gridkit.graphql.schema import SubgraphSchema
from personnel.schema.operations import Mutation, Query
from personnel.schema.types import Grid, PartyOrganization

schema = SubgraphSchema(query=Query, mutation=Mutation, types=[Grid, PartyOrganization])
