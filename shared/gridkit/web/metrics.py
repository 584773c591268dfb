"""Prometheus metrics shared by every process."""

from __future__ import annotations

import time

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = Counter(
    "pioneer_http_requests_total", "HTTP requests served.", ["service", "path", "status"]
)
LATENCY = Histogram(
    "pioneer_http_request_seconds", "Time to answer an HTTP request.", ["service", "path"]
)
OUTBOX_PUBLISHED = Counter(
    "pioneer_outbox_published_total", "Events the relay published.", ["service"]
)
OUTBOX_FAILURES = Counter(
    "pioneer_outbox_publish_failures_total", "Failed publish attempts.", ["service"]
)
EVENTS_CONSUMED = Counter(
    "pioneer_events_consumed_total",
    "Events handled by consumers.",
    ["service", "consumer", "outcome"],
)


class RequestMetrics:
    """ASGI middleware counting requests and their latency per route path."""

    def __init__(self, app: ASGIApp, *, service: str, paths: frozenset[str]) -> None:
        self.app = app
        self.service = service
        self.paths = paths  # anything else is "other", so scanners cannot blow up the label set

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Time the request and count it by status."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"] if scope["path"] in self.paths else "other"
        status = 500
        started = time.perf_counter()

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            LATENCY.labels(self.service, path).observe(time.perf_counter() - started)
            REQUESTS.labels(self.service, path, str(status)).inc()
