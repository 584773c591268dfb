"""The cases subgraph schema: each area's root fields merged into one Query and Mutation."""

from __future__ import annotations

from strawberry.tools import merge_types

import cases.schema.enums  # noqa: F401 - registers the domain enums with their descriptions
from cases.schema.case_steps import CaseMutation
from cases.schema.cases import Case, CaseQuery, Department, Grid, Person
from cases.schema.catalogue import CatalogueMutation, CatalogueQuery
from cases.schema.duplicates import DuplicateQuery
from cases.schema.figures import FiguresQuery
from cases.schema.watches import WatchMutation, WatchQuery
from gridkit.graphql.authentication import RequireAuthentication
from gridkit.graphql.schema import SubgraphSchema

Query = merge_types("Query", (CaseQuery, CatalogueQuery, FiguresQuery, WatchQuery, DuplicateQuery))
Mutation = merge_types("Mutation", (CaseMutation, CatalogueMutation, WatchMutation))

# Cases hold residents' demands: signed-in callers only (composition's _service stays open).
schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    types=[Case, Grid, Person, Department],
    extensions=[RequireAuthentication],
)
