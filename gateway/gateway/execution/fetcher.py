"""HTTP to the subgraphs: one pooled keep-alive client per subgraph."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
import orjson

FORWARDED_HEADERS = ("authorization", "accept-language", "x-request-id", "traceparent")
"""Client headers passed on to subgraphs (they verify the token again)."""


class SubgraphError(Exception):
    """A subgraph could not be reached or did not answer with GraphQL."""

    def __init__(self, service: str, message: str) -> None:
        super().__init__(message)
        self.service = service
        self.message = message


class SubgraphClient:
    """Posts operations to one subgraph over a pool of keep-alive connections."""

    def __init__(self, name: str, url: str, *, timeout_seconds: float, pool_size: int) -> None:
        self.name = name
        self.url = url
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._pool_size = pool_size
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, keepalive_timeout=30)
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=self._timeout,
                json_serialize=lambda value: orjson.dumps(value).decode(),
            )
        return self._session

    async def post(
        self, query: str, variables: Mapping[str, Any], headers: Mapping[str, str]
    ) -> dict[str, Any]:
        """The subgraph's JSON answer to one operation."""
        body = orjson.dumps({"query": query, "variables": variables})
        send = {"content-type": "application/json", "accept": "application/json", **headers}
        try:
            async with self._open().post(self.url, data=body, headers=send) as response:
                raw = await response.read()
                status = response.status
        except TimeoutError as exc:
            raise SubgraphError(self.name, "the subgraph did not answer in time") from exc
        except aiohttp.ClientError as exc:
            raise SubgraphError(self.name, f"the subgraph could not be reached: {exc}") from exc
        try:
            answer = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise SubgraphError(
                self.name, f"the subgraph answered HTTP {status} without JSON"
            ) from exc
        if not isinstance(answer, dict) or ("data" not in answer and "errors" not in answer):
            raise SubgraphError(self.name, f"the subgraph answered HTTP {status} without GraphQL")
        return answer

    async def close(self) -> None:
        """Close the pool."""
        if self._session is not None:
            await self._session.close()
