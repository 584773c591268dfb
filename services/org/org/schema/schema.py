"""The org subgraph schema."""

from __future__ import annotations

from gridkit.graphql.schema import SubgraphSchema
from org.schema.mutations import Mutation
from org.schema.queries import Query

schema = SubgraphSchema(query=Query, mutation=Mutation)
