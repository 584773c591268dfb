"""Calling a service's GraphQL endpoint from tests, in process, over real HTTP semantics."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
from asgi_lifespan import LifespanManager
from starlette.types import ASGIApp

from gridkit.auth import issue_dev_token
from gridkit.settings import ServiceSettings


class GraphQLClient:
    """Posts operations to ``/graphql`` as a given caller."""

    def __init__(self, http: httpx.AsyncClient, settings: ServiceSettings) -> None:
        self.http = http
        self._settings = settings
        self._token: str | None = None

    def as_caller(
        self,
        *roles: str,
        division: str = "",
        subject: str = "tester",
        name: str = "Test User",
        pii: bool = False,
        department: str | None = None,
        person: str | None = None,
    ) -> GraphQLClient:
        """A client that sends a dev token for a caller with ``roles`` (none: anonymous)."""
        other = GraphQLClient(self.http, self._settings)
        if roles:
            other._token = issue_dev_token(
                self._settings,
                subject=subject,
                name=name,
                roles=list(roles),
                division=division,
                pii=pii,
                department=department,
                person=person,
            )
        return other

    async def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The whole response body (``data`` and ``errors``)."""
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """``data`` of a response that must have no errors."""
        body = await self.execute(query, variables)
        assert "errors" not in body, body.get("errors")
        data: dict[str, Any] = body["data"]
        return data

    async def error(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The single error of a response that must fail."""
        body = await self.execute(query, variables)
        errors = body.get("errors")
        assert errors, f"expected an error, got {body}"
        assert len(errors) == 1, errors
        error: dict[str, Any] = errors[0]
        return error


@contextlib.asynccontextmanager
async def serve(app: ASGIApp) -> AsyncIterator[httpx.AsyncClient]:
    """Run ``app`` with its lifespan and yield an HTTP client talking to it in process."""
    async with LifespanManager(app, startup_timeout=30, shutdown_timeout=30) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
