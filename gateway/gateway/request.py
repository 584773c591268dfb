"""Reading a GraphQL-over-HTTP request body the way Apollo Server 5 reads it.

The checks run in Apollo Server's order and refuse a body with its words: first the shape of the
body and of each member, then the automatic persisted query extension, then the query itself.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from gateway.operations import RequestError

__all__ = [
    "PERSISTED_QUERIES",
    "PersistedQueries",
    "bad_request",
    "persisted_query_to_register",
    "query_sha256",
    "read_request",
]


def bad_request(message: str, *, status: int = 400) -> RequestError:
    """A request refused before it is parsed (``BAD_REQUEST``)."""
    return RequestError(
        [{"message": message, "extensions": {"code": "BAD_REQUEST"}}], status=status
    )


class PersistedQueries:
    """Automatic persisted queries: query texts by SHA-256, least recently used out first.

    Bounded by the total length of the stored texts, as Apollo Server's in-memory cache is.
    """

    def __init__(self, max_chars: int = 30 * 2**20) -> None:
        self.max_chars = max_chars
        self._queries: OrderedDict[str, str] = OrderedDict()
        self._chars = 0

    def get(self, sha256: str) -> str | None:
        """The query registered under ``sha256``, if any."""
        query = self._queries.get(sha256)
        if query is not None:
            self._queries.move_to_end(sha256)
        return query

    def register(self, sha256: str, query: str) -> None:
        """Remember ``query`` under its hash."""
        previous = self._queries.pop(sha256, None)
        if previous is not None:
            self._chars -= len(previous)
        self._queries[sha256] = query
        self._chars += len(query)
        while self._chars > self.max_chars and self._queries:
            _, dropped = self._queries.popitem(last=False)
            self._chars -= len(dropped)


PERSISTED_QUERIES = PersistedQueries()
"""The process's persisted queries (each worker keeps its own, like Apollo Server's)."""

_DOCUMENT_OBJECT = (
    "GraphQL queries must be strings. It looks like you're sending the internal graphql-js "
    "representation of a parsed query in your request instead of a request in the GraphQL query "
    "language. You can convert an AST to a string using the `print` function from `graphql`, or "
    "use a client like `apollo-client` which converts the internal representation to a string "
    "for you."
)


def _falsy(value: Any) -> bool:
    """JavaScript's falsiness for a JSON value."""
    return (
        value is None
        or value is False
        or value == ""
        or (isinstance(value, int | float) and not isinstance(value, bool) and value == 0)
    )


def _check_members(body: dict[str, Any]) -> None:
    query = body.get("query")
    if not _falsy(query) and not isinstance(query, str):
        if isinstance(query, dict) and query.get("kind") == "Document":
            raise bad_request(_DOCUMENT_OBJECT)
        raise bad_request("GraphQL queries must be strings.")
    for member in ("variables", "extensions"):
        if isinstance(body.get(member), str):
            raise bad_request(
                f"`{member}` in a POST body should be provided as an object, not a recursively "
                "JSON-encoded string."
            )
    for member in ("extensions", "variables"):
        if body.get(member) is not None and not isinstance(body[member], dict):
            raise bad_request(f"`{member}` in a POST body must be an object if provided.")
    name = body.get("operationName")
    if name is not None and not isinstance(name, str):
        raise bad_request("`operationName` in a POST body must be a string if provided.")


_NOT_PERSISTED = object()


def _persisted_query_hash(extensions: Any) -> Any:
    """The hash of a version 1 ``persistedQuery`` extension; ``_NOT_PERSISTED`` without one."""
    if not isinstance(extensions, dict) or _falsy(extensions.get("persistedQuery")):
        return _NOT_PERSISTED
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise RequestError(
            [
                {
                    "message": "Unsupported persisted query version",
                    "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                }
            ]
        )
    return persisted.get("sha256Hash")


def query_sha256(query: str) -> str:
    """The hex SHA-256 of a query's text, as persisted queries name it."""
    return hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()


def persisted_query_to_register(body: Any) -> tuple[str, str] | None:
    """(hash, query) when ``body`` sends a query together with its matching persisted hash.

    Apollo Server stores such a query once it has parsed and validated.
    """
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return None
    try:
        sha256 = _persisted_query_hash(body.get("extensions"))
    except RequestError:
        return None
    if sha256 is _NOT_PERSISTED or sha256 != query_sha256(body["query"]):
        return None
    return sha256, body["query"]


def read_request(body: Any) -> tuple[str, str | None, Any, Any]:
    """Query, operation name, raw variables and extensions; refuses malformed bodies.

    The operation name is returned as sent: ``""`` names no operation, as with Apollo.
    """
    if isinstance(body, list):
        raise bad_request("Operation batching disabled.")
    if not isinstance(body, dict) or not body:
        raise bad_request("POST body missing, invalid Content-Type, or JSON object has no keys.")
    _check_members(body)
    query = body.get("query") if isinstance(body.get("query"), str) else None
    extensions = body.get("extensions")
    sha256 = _persisted_query_hash(extensions)
    if sha256 is not _NOT_PERSISTED:
        if query is None:
            query = PERSISTED_QUERIES.get(str(sha256))
            if query is None:
                raise RequestError(
                    [
                        {
                            "message": "PersistedQueryNotFound",
                            "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
                        }
                    ],
                    status=200,
                )
        elif sha256 != query_sha256(query):
            raise RequestError(
                [
                    {
                        "message": "provided sha does not match query",
                        "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                    }
                ]
            )
    if not query:
        raise bad_request(
            "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension."
        )
    return query, body.get("operationName"), body.get("variables"), extensions
