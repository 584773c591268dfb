"""The volunteers subgraph schema: its root fields, and the entities it owns and extends."""

from __future__ import annotations

from strawberry.tools import merge_types

import volunteers.schema.enums  # noqa: F401 - registers the domain enums with their descriptions
from gridkit.graphql.authentication import RequireAuthentication
from gridkit.graphql.schema import SubgraphSchema
from volunteers.schema.drafts import DraftMutation
from volunteers.schema.figures import FiguresQuery
from volunteers.schema.mutations import VolunteersMutation
from volunteers.schema.profiles import ProfileMutation
from volunteers.schema.queries import VolunteersQuery
from volunteers.schema.types import (
    Activity,
    Case,
    Grid,
    Person,
    ServiceRecord,
    Volunteer,
    VolunteerTeam,
)

# Volunteers' records are people's: signed-in callers only (composition's _service stays open;
# certificates are verified by number over plain HTTP, /certificates/{number}).
Query = merge_types("Query", (VolunteersQuery, FiguresQuery))

Mutation = merge_types("Mutation", (VolunteersMutation, DraftMutation, ProfileMutation))

schema = SubgraphSchema(
    query=Query,
    mutation=Mutation,
    types=[VolunteerTeam, Volunteer, Activity, ServiceRecord, Grid, Person, Case],
    extensions=[RequireAuthentication],
)
