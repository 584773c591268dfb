"""A bounded load: a few concurrent clients posting one operation for a few seconds."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

import httpx

HEADERS = {"content-type": "application/json"}


@dataclass(frozen=True)
class Result:
    """What one measured run gave."""

    name: str
    target: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    bytes_per_answer: int
    errors: int

    @property
    def per_second(self) -> float:
        """Requests answered per second."""
        return self.requests / self.seconds if self.seconds else 0.0


async def measure(
    name: str,
    target: str,
    url: str,
    body: dict[str, Any],
    *,
    clients: int,
    seconds: float,
    warmup: int = 20,
) -> Result:
    """Post ``body`` to ``url`` from ``clients`` concurrent clients for ``seconds``."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30, headers=HEADERS) as http:
        sizes = []
        for _ in range(warmup):
            sizes.append(len((await http.post(url, json=body)).content))
        latencies: list[float] = []
        errors = 0
        deadline = time.perf_counter() + seconds

        async def client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                answer = await http.post(url, json=body)
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200 or b'"errors"' in answer.content[:20]:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return Result(
        name=name,
        target=target,
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=statistics.median(ordered) * 1000 if ordered else 0.0,
        p95_ms=ordered[int(len(ordered) * 0.95) - 1] * 1000 if ordered else 0.0,
        bytes_per_answer=max(sizes) if sizes else 0,
        errors=errors,
    )
