"""Prometheus metrics shared by every process."""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterator

from prometheus_client import REGISTRY, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gridkit.messaging.consumer import EventConsumer
from gridkit.messaging.relay import OutboxRelay

REQUESTS = Counter(
    "pioneer_http_requests_total", "HTTP requests served.", ["service", "path", "status"]
)
LATENCY = Histogram(
    "pioneer_http_request_seconds", "Time to answer an HTTP request.", ["service", "path"]
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


class WorkerMetrics(Collector):
    """Counters kept by the relays and consumers of this process, read at scrape time.

    Workers are held weakly: one that has stopped drops out of the numbers.
    """

    def __init__(self) -> None:
        self._relays: weakref.WeakKeyDictionary[OutboxRelay, str] = weakref.WeakKeyDictionary()
        self._consumers: weakref.WeakKeyDictionary[EventConsumer, str] = weakref.WeakKeyDictionary()

    def track_relay(self, service: str, relay: OutboxRelay) -> None:
        """Export ``relay``'s counters under ``service``."""
        self._relays[relay] = service

    def track_consumer(self, service: str, consumer: EventConsumer) -> None:
        """Export ``consumer``'s counters under ``service``."""
        self._consumers[consumer] = service

    def collect(self) -> Iterator[Metric]:
        """The current values, summed per service (and consumer)."""
        published = CounterMetricFamily(
            "pioneer_outbox_published", "Events the relay published.", labels=["service"]
        )
        failures = CounterMetricFamily(
            "pioneer_outbox_publish_failures", "Failed publish attempts.", labels=["service"]
        )
        active = GaugeMetricFamily(
            "pioneer_outbox_relay_active", "1 while this process's relay leads.", labels=["service"]
        )
        for relay, service in list(self._relays.items()):
            published.add_metric([service], relay.published_total)
            failures.add_metric([service], relay.failures_total)
            active.add_metric([service], 1.0 if relay.is_active else 0.0)
        consumed = CounterMetricFamily(
            "pioneer_events_consumed",
            "Events seen by consumers, by outcome.",
            labels=["service", "consumer", "outcome"],
        )
        for consumer, service in list(self._consumers.items()):
            for outcome, value in (
                ("applied", consumer.applied_total),
                ("duplicate", consumer.duplicates_total),
                ("deferred", consumer.deferred_total),
                ("failed", consumer.failures_total),
                ("dead_lettered", consumer.dead_lettered_total),
            ):
                consumed.add_metric([service, consumer.name, outcome], value)
        yield from (published, failures, active, consumed)


WORKERS = WorkerMetrics()
REGISTRY.register(WORKERS)
