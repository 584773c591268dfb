"""Request bodies are refused in Apollo Server's order and words."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.operations import RequestError
from gateway.request import PersistedQueries, query_sha256, read_request


def refusal(body: Any) -> tuple[int, list[dict[str, Any]]]:
    """Status and errors of the refusal of ``body``."""
    with pytest.raises(RequestError) as raised:
        read_request(body)
    return raised.value.status, raised.value.errors


def bad_request(message: str) -> tuple[int, list[dict[str, Any]]]:
    """A 400 ``BAD_REQUEST`` answer."""
    return 400, [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]


EMPTY = "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "Operation batching disabled."),
        ({}, "POST body missing, invalid Content-Type, or JSON object has no keys."),
        ({"variables": {}}, EMPTY),
        ({"query": ""}, EMPTY),
        ({"query": 0}, EMPTY),
        ({"query": {"me": "name"}}, "GraphQL queries must be strings."),
        (
            {"query": "{ a }", "variables": "{}"},
            "`variables` in a POST body should be provided as "
            "an object, not a recursively JSON-encoded string.",
        ),
        (
            {"query": "{ a }", "variables": [1]},
            "`variables` in a POST body must be an object if provided.",
        ),
        (
            {"query": "{ a }", "extensions": 1},
            "`extensions` in a POST body must be an object if provided.",
        ),
        (
            {"query": "{ a }", "operationName": 7},
            "`operationName` in a POST body must be a string if provided.",
        ),
    ],
)
def test_malformed_bodies_are_refused_with_apollo_server_words(body: Any, message: str) -> None:
    assert refusal(body) == bad_request(message)


def test_extensions_are_checked_before_variables() -> None:
    body = {"query": "{ a }", "variables": [1], "extensions": [1]}
    assert refusal(body)[1][0]["message"].startswith("`extensions`")


def test_a_whitespace_query_is_left_for_the_parser() -> None:
    assert read_request({"query": "   "})[0] == "   "


def test_null_members_count_as_absent() -> None:
    body = {"query": "{ a }", "variables": None, "operationName": None, "extensions": None}
    assert read_request(body) == ("{ a }", None, None, None)


def test_an_empty_operation_name_is_kept() -> None:
    assert read_request({"query": "{ a }", "operationName": ""})[1] == ""


def test_an_unknown_persisted_query_answers_200_not_found() -> None:
    body = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}}
    assert refusal(body) == (
        200,
        [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ],
    )


def test_a_persisted_query_of_another_version_is_refused() -> None:
    body = {"query": "{ a }", "extensions": {"persistedQuery": {"version": 2}}}
    assert refusal(body) == (
        400,
        [
            {
                "message": "Unsupported persisted query version",
                "extensions": {"code": "INTERNAL_SERVER_ERROR"},
            }
        ],
    )


def test_a_hash_that_does_not_match_the_query_is_refused() -> None:
    body = {"query": "{ a }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "x"}}}
    assert refusal(body)[1][0]["message"] == "provided sha does not match query"


def test_a_registered_persisted_query_is_found_by_its_hash() -> None:
    from gateway.request import PERSISTED_QUERIES

    query = "{ registered }"
    PERSISTED_QUERIES.register(query_sha256(query), query)
    body = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": query_sha256(query)}}}
    assert read_request(body)[0] == query


def test_persisted_queries_forget_the_least_recently_used_beyond_their_size() -> None:
    store = PersistedQueries(max_chars=10)
    store.register("a", "12345")
    store.register("b", "12345")
    assert store.get("a") == "12345"
    store.register("c", "12345")
    assert (store.get("a"), store.get("b"), store.get("c")) == ("12345", None, "12345")
