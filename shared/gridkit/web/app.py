"""The app factory every service uses: /graphql, /healthz, /readyz, /metrics.

A service describes itself with a :class:`ServiceDefinition`; the factory
builds the runtime (database engine, NATS link), runs the background workers
(outbox relay, consumers) for the life of the app, and wires the caller from
the bearer token into every GraphQL request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from strawberry.schema import BaseSchema

from gridkit.auth import Caller, TokenVerifier
from gridkit.db import create_engine, create_session_factory
from gridkit.errors import Unauthenticated
from gridkit.graphql.context import RequestContext
from gridkit.idempotency import purge_expired
from gridkit.jobs import PeriodicJob
from gridkit.logs import configure_logging
from gridkit.messaging.link import NatsLink
from gridkit.migrations import at_head
from gridkit.settings import ServiceSettings
from gridkit.web.collector import tune_for_requests
from gridkit.web.graphql_router import SubgraphRouter
from gridkit.web.metrics import RequestMetrics
from gridkit.web.request_id import RequestIdMiddleware
from gridkit.web.runtime import Runtime, Worker
from gridkit.web.workers import Subscription, consumers_for, run_relay

log = logging.getLogger("gridkit.web")


async def _purge_idempotency_keys(runtime: Runtime) -> int:
    async with runtime.sessions() as session:
        purged = await purge_expired(session)
        await session.commit()
    return purged


PURGE_IDEMPOTENCY_KEYS = PeriodicJob(
    "purge-idempotency-keys", timedelta(hours=1), _purge_idempotency_keys
)
"""Every service forgets its expired idempotency keys."""

ROUTES = frozenset({"/graphql", "/healthz", "/readyz", "/metrics"})


@dataclass(frozen=True)
class ServiceDefinition:
    """Everything the app factory needs to know about a service.

    Every service runs its outbox relay; ``subscriptions`` add consumers of other
    services' events and ``workers`` any other background loop.
    """

    settings: ServiceSettings
    schema: BaseSchema
    migrations_dir: Path
    make_context: Callable[[Caller, Runtime], RequestContext]
    subscriptions: Sequence[Subscription] = field(default_factory=tuple)
    jobs: Sequence[PeriodicJob] = field(default_factory=tuple)
    workers: Sequence[Worker] = field(default_factory=tuple)

    def all_workers(self) -> list[Worker]:
        """The relay, one consumer per subscription, the periodic jobs (each on one replica),
        the purge of expired idempotency keys, and the extra workers."""
        jobs = [*self.jobs, PURGE_IDEMPOTENCY_KEYS]
        return [
            run_relay,
            *consumers_for(self.subscriptions),
            *(job.worker() for job in jobs),
            *self.workers,
        ]


def create_app(service: ServiceDefinition) -> FastAPI:
    """Build the FastAPI app of a service."""
    settings = service.settings
    verifier = TokenVerifier(settings)
    state: dict[str, Runtime] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # For a plain `uvicorn org.app:app`; a no-op where logging is configured already.
        configure_logging(service=settings.service_name, level=settings.log_level)
        engine = create_engine(settings.database_url)
        runtime = Runtime(
            settings=settings,
            engine=engine,
            sessions=create_session_factory(engine),
            nats=NatsLink(settings.nats_url, name=f"pioneer-{settings.service_name}"),
        )
        state["runtime"] = runtime
        tune_for_requests()
        runtime.nats.start()
        stop = asyncio.Event()
        tasks = [
            asyncio.create_task(_supervised(worker, runtime, stop))
            for worker in service.all_workers()
        ]
        try:
            yield
        finally:
            stop.set()
            if tasks:
                _, pending = await asyncio.wait(tasks, timeout=10)
                for task in pending:
                    task.cancel()
            await runtime.nats.close()
            await engine.dispose()

    app = FastAPI(
        title=f"Pioneer Grid {settings.service_name}",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(RequestMetrics, service=settings.service_name, paths=ROUTES)
    app.add_middleware(RequestIdMiddleware)  # outermost: every line of the request has its id

    async def context_getter(request: Request) -> RequestContext:
        caller = verifier.caller_from_header(request.headers.get("authorization"))
        context = service.make_context(caller, state["runtime"])
        context.idempotency_header = request.headers.get("idempotency-key")
        context.idempotency_ttl = timedelta(hours=settings.idempotency_ttl_hours)
        return context

    app.include_router(
        SubgraphRouter(service.schema, context_getter=context_getter), prefix="/graphql"
    )

    @app.exception_handler(Unauthenticated)
    async def unauthenticated(_: Request, exc: Unauthenticated) -> JSONResponse:
        body = {"errors": [{"message": exc.message, "extensions": {"code": exc.code}}]}
        return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Alive: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        """Ready: database reachable, migrations at head, NATS connected."""
        checks = await _readiness(state["runtime"], service.migrations_dir)
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    @app.get("/metrics")
    async def metrics() -> Response:
        """Prometheus metrics in the text exposition format."""
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return app


async def _readiness(runtime: Runtime, migrations_dir: Path) -> dict[str, str]:
    checks: dict[str, str] = {}
    try:
        async with runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
        up_to_date = await at_head(runtime.engine, migrations_dir)
        checks["migrations"] = "ok" if up_to_date else "pending migrations"
    except Exception as exc:  # readiness reports, it never raises
        checks["database"] = f"unreachable: {type(exc).__name__}"
        checks["migrations"] = "unknown"
    checks["nats"] = "ok" if runtime.nats.connected else "not connected"
    return checks


async def _supervised(worker: Worker, runtime: Runtime, stop: asyncio.Event) -> None:
    """Run a worker; if it crashes, log and restart it after a pause."""
    while not stop.is_set():
        try:
            await worker(runtime, stop)
            return
        except Exception:
            log.exception("background worker %s crashed; restarting", _name(worker))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=2)


def _name(worker: Any) -> str:
    return getattr(worker, "__qualname__", repr(worker))
