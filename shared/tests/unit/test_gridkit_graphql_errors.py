"""Every GraphQL error leaves with a code; internals never reach the client."""

from __future__ import annotations

import strawberry

from gridkit.errors import NotFound
from gridkit.graphql.schema import SubgraphSchema


class ThingNotFound(NotFound):
    code = "THING_NOT_FOUND"


@strawberry.type
class Query:
    @strawberry.field(description="Fails as the domain refuses.")
    def missing(self) -> str:
        raise ThingNotFound("Thing 7 does not exist", id="7")

    @strawberry.field(description="Fails as a bug does.")
    def broken(self) -> str:
        raise RuntimeError("password=hunter2 in the connection string")


schema = SubgraphSchema(query=Query)


async def test_a_domain_error_keeps_its_message_and_code() -> None:
    result = await schema.execute("{ missing }")
    assert result.errors is not None
    error = result.errors[0].formatted
    assert error["message"] == "Thing 7 does not exist"
    assert error["extensions"] == {"code": "THING_NOT_FOUND", "details": {"id": "7"}}
    assert error["path"] == ["missing"]


async def test_an_unexpected_error_is_masked() -> None:
    result = await schema.execute("{ broken }")
    assert result.errors is not None
    error = result.errors[0].formatted
    assert "hunter2" not in error["message"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}


async def test_validation_and_parse_errors_get_apollo_codes() -> None:
    invalid = await schema.execute("{ nope }")
    assert invalid.errors is not None
    assert invalid.errors[0].formatted["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    unparsable = await schema.execute("{ missing")
    assert unparsable.errors is not None
    assert unparsable.errors[0].formatted["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
