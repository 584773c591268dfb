"""HTTP-level refusals: CSRF prevention, methods, GET rules and the empty operation name.

None of these requests reaches a subgraph: each is refused, or selects only ``__typename``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from gateway.request import query_sha256
from gateway.server import create_app
from gateway.service import Gateway
from gateway.supergraph.model import Supergraph


@pytest.fixture
async def client(grid_supergraph: Supergraph) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the gateway app over the grid supergraph, served in process."""

    async def load() -> Gateway:
        return Gateway(grid_supergraph)

    async with LifespanManager(create_app(load)) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            yield http


PREFLIGHT = {"apollo-require-preflight": "true"}


def answer(response: Any) -> tuple[int, Any]:
    """Status and JSON body of a response."""
    return response.status_code, response.json()


def bad_request(message: str, status: int = 400) -> tuple[int, Any]:
    """An Apollo Server refusal."""
    return status, {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}


async def test_a_simple_request_without_a_preflight_header_is_refused_as_csrf(
    client: httpx.AsyncClient,
) -> None:
    status, body = answer(await client.get("/graphql", params={"query": "{ __typename }"}))
    assert status == 400
    assert body["errors"][0]["message"].startswith(
        "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF)."
    )
    text_post = await client.post(
        "/graphql", content='{"query": "{ __typename }"}', headers={"content-type": "text/plain"}
    )
    assert text_post.status_code == 400


async def test_a_get_with_a_preflight_header_runs(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "{ __typename }"}, headers=PREFLIGHT)
    assert answer(response) == (200, {"data": {"__typename": "Query"}})


async def test_a_mutation_sent_with_get_is_refused_with_405(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql", params={"query": "mutation { __typename }"}, headers=PREFLIGHT
    )
    assert answer(response) == bad_request(
        "GET requests only support query operations, not mutation operations", 405
    )
    assert response.headers["allow"] == "POST"


async def test_get_search_parameters_are_checked(client: httpx.AsyncClient) -> None:
    repeated = await client.get("/graphql?query=a&query=b", headers=PREFLIGHT)
    assert answer(repeated) == bad_request(
        "The 'query' search parameter may only be specified once."
    )
    invalid = await client.get(
        "/graphql", params={"query": "{ a }", "variables": "{x"}, headers=PREFLIGHT
    )
    assert answer(invalid) == bad_request("The variables search parameter contains invalid JSON.")
    not_object = await client.get(
        "/graphql", params={"query": "{ a }", "extensions": "[1]"}, headers=PREFLIGHT
    )
    assert answer(not_object) == bad_request(
        "The extensions search parameter should contain a JSON-encoded object."
    )


async def test_other_methods_are_refused_with_405(client: httpx.AsyncClient) -> None:
    response = await client.put("/graphql", json={"query": "{ __typename }"})
    assert answer(response) == bad_request("Apollo Server supports only GET/POST requests.", 405)
    assert response.headers["allow"] == "GET, POST"


async def test_a_body_that_is_not_json_is_missing(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", content="{ __typename }", headers={"content-type": "application/graphql"}
    )
    assert answer(response) == bad_request(
        "POST body missing, invalid Content-Type, or JSON object has no keys."
    )


async def test_an_empty_operation_name_runs_but_cannot_be_answered(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/graphql", json={"query": "{ __typename }", "operationName": ""})
    assert answer(response) == (
        500,
        {
            "errors": [
                {
                    "message": "Unexpected error: Apollo Server did not resolve an operation but "
                    "execute did not return errors",
                    "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                }
            ]
        },
    )


async def test_an_empty_operation_name_turns_the_first_variable_error_into_resolution_failure(
    client: httpx.AsyncClient,
) -> None:
    body = {
        "query": "query ($a: Boolean!, $b: Boolean!) { __typename @include(if: $a) "
        "x: __typename @skip(if: $b) }",
        "operationName": "",
    }
    assert answer(await client.post("/graphql", json=body)) == (
        400,
        {
            "errors": [
                {
                    "message": 'Variable "$a" of required type "Boolean!" was not provided.',
                    "locations": [{"line": 1, "column": 8}],
                    "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"},
                }
            ]
        },
    )


async def test_a_query_sent_with_its_hash_is_then_found_by_the_hash(
    client: httpx.AsyncClient,
) -> None:
    query = "{ __typename, other: __typename }"
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": query_sha256(query)}}
    only_hash = {"extensions": extensions}
    not_found = await client.post("/graphql", json=only_hash)
    assert not_found.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = await client.post("/graphql", json={"query": query, "extensions": extensions})
    assert registered.status_code == 200
    assert answer(await client.post("/graphql", json=only_hash)) == (
        200,
        {"data": {"__typename": "Query", "other": "Query"}},
    )


async def test_an_invalid_query_sent_with_its_hash_is_not_stored(client: httpx.AsyncClient) -> None:
    query = "{ nope }"
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": query_sha256(query)}}
    invalid = await client.post("/graphql", json={"query": query, "extensions": extensions})
    assert invalid.status_code == 400
    only_hash = await client.post("/graphql", json={"extensions": extensions})
    assert only_hash.json()["errors"][0]["message"] == "PersistedQueryNotFound"
