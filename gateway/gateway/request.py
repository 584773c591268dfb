"""Reading a GraphQL-over-HTTP request body."""

from __future__ import annotations

from typing import Any

from gateway.operations import RequestError


def read_request(body: Any) -> tuple[str, str | None, Any, Any]:
    """Query, operation name, raw variables and extensions; refuses malformed bodies."""
    if not isinstance(body, dict):
        raise RequestError(
            [
                {
                    "message": "The request body must be a JSON object.",
                    "extensions": {"code": "BAD_REQUEST"},
                }
            ]
        )
    query = body.get("query")
    if not isinstance(query, str) or not query.strip():
        raise RequestError(
            [
                {
                    "message": "GraphQL operations must contain a non-empty `query`.",
                    "extensions": {"code": "BAD_REQUEST"},
                }
            ]
        )
    name = body.get("operationName")
    if name is not None and not isinstance(name, str):
        raise RequestError(
            [
                {
                    "message": "`operationName` must be a string.",
                    "extensions": {"code": "BAD_REQUEST"},
                }
            ]
        )
    return query, name or None, body.get("variables"), body.get("extensions")
