"""A bounded load: a few concurrent clients posting one GraphQL operation for a few seconds.

The clients share one pooled aiohttp session (one keep-alive connection per client), the
lightest load generator at hand: on a small machine the clients share the cores with the
servers they measure. Every answer is checked: a status other than 200, a body that is not
JSON, or a body with GraphQL ``errors`` counts as an error, and the first one is kept.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson

REQUEST_TIMEOUT_SECONDS = 30.0
WARMUP_REQUESTS = 20
WARMUP_SECONDS = 1.0


@dataclass(frozen=True)
class Request:
    """One GraphQL request, encoded once and posted as often as the load needs."""

    url: str
    query: str
    variables: Mapping[str, Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    extensions: Mapping[str, Any] | None = None

    @property
    def body(self) -> bytes:
        """The JSON body."""
        document: dict[str, Any] = {"query": self.query}
        if self.variables is not None:
            document["variables"] = self.variables
        if self.extensions is not None:
            document["extensions"] = self.extensions
        return orjson.dumps(document)

    @property
    def all_headers(self) -> dict[str, str]:
        """Its headers, with the JSON content type."""
        return {"content-type": "application/json", **self.headers}


@dataclass(frozen=True)
class Result:
    """What one measured run gave."""

    name: str
    target: str
    clients: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    bytes_per_answer: int
    errors: int
    first_error: str | None = None

    @property
    def per_second(self) -> float:
        """Requests answered per second."""
        return self.requests / self.seconds if self.seconds else 0.0


class AnswerError(RuntimeError):
    """A one-off request got an error answer; the message shows it."""


def session(clients: int) -> aiohttp.ClientSession:
    """A pooled session with one keep-alive connection per client."""
    connector = aiohttp.TCPConnector(limit=clients, limit_per_host=clients)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
    return aiohttp.ClientSession(connector=connector, timeout=timeout)


async def fetch(http: aiohttp.ClientSession, request: Request) -> dict[str, Any]:
    """Post ``request`` once; the answer (``data``, maybe ``extensions``).

    Raises :class:`AnswerError` on an error answer.
    """
    status, content = await _post(http, request, request.body, request.all_headers)
    problem = _problem(status, content)
    if problem is not None:
        raise AnswerError(f"{request.url}: {problem}")
    answer: dict[str, Any] = orjson.loads(content)
    return answer


async def measure(
    name: str,
    target: str,
    request: Request,
    *,
    clients: int,
    seconds: float,
) -> Result:
    """Post ``request`` from ``clients`` concurrent clients for ``seconds``, after a warm-up.

    The warm-up (at most 20 requests, at most about a second) lets each server fill its caches
    and pools; errors in it count like any other. Each client stops starting requests at the
    deadline, so a run lasts ``seconds`` plus at most one request's time.
    """
    body, headers = request.body, request.all_headers
    errors = 0
    first_error: str | None = None
    largest = 0
    latencies: list[float] = []

    def check(status: int, content: bytes) -> None:
        nonlocal errors, first_error, largest
        largest = max(largest, len(content))
        problem = _problem(status, content)
        if problem is not None:
            errors += 1
            first_error = first_error or problem

    async with session(clients) as http:
        warmup_ends = time.perf_counter() + WARMUP_SECONDS
        for _ in range(WARMUP_REQUESTS):
            check(*await _post(http, request, body, headers))
            if time.perf_counter() > warmup_ends:
                break
        deadline = time.perf_counter() + seconds

        async def client() -> None:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                status, content = await _post(http, request, body, headers)
                latencies.append(time.perf_counter() - started)
                check(status, content)

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return Result(
        name=name,
        target=target,
        clients=clients,
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=_percentile(latencies, 0.50) * 1000,
        p95_ms=_percentile(latencies, 0.95) * 1000,
        bytes_per_answer=largest,
        errors=errors,
        first_error=first_error,
    )


async def _post(
    http: aiohttp.ClientSession, request: Request, body: bytes, headers: Mapping[str, str]
) -> tuple[int, bytes]:
    """Status and body of one POST; a transport failure comes back as status 0."""
    try:
        async with http.post(request.url, data=body, headers=headers) as answer:
            return answer.status, await answer.read()
    except (aiohttp.ClientError, TimeoutError) as error:
        return 0, f"{type(error).__name__}: {error}".encode()


def _problem(status: int, content: bytes) -> str | None:
    """Why an answer does not count as a success, or ``None`` when it does."""
    if status != 200:
        return f"HTTP {status}: {_excerpt(content)}" if status else _excerpt(content)
    try:
        document = orjson.loads(content)
    except orjson.JSONDecodeError:
        return f"not JSON: {_excerpt(content)}"
    if not isinstance(document, dict) or "data" not in document:
        return f"no data: {_excerpt(content)}"
    if document.get("errors"):
        return f"GraphQL errors: {_excerpt(orjson.dumps(document['errors']))}"
    return None


def _excerpt(content: bytes, limit: int = 300) -> str:
    text = content.decode(errors="replace")
    return text if len(text) <= limit else text[:limit] + " …"


def _percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (the median for 0.5); 0 when there are no values."""
    if not values:
        return 0.0
    if share == 0.5:
        return statistics.median(values)
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]
