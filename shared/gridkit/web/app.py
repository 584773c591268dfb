"""The app factory every service uses: /graphql, /healthz, /readyz, /metrics.

A service describes itself with a :class:`ServiceDefinition`; the factory
builds the runtime (database engine, NATS link), runs the background workers
(outbox relay, consumers) for the life of the app, and wires the caller from
the bearer token into every GraphQL request.

A service may add HTTP routes of its own (an upload endpoint, a file download)
as FastAPI routers in ``ServiceDefinition.routers``. They reach the caller and
the runtime through :mod:`gridkit.web.dependencies`, and their errors answer one
JSON shape, ``{"error": {"code": ..., "message": ..., "details": {...}}}``: a coded
:class:`~gridkit.errors.DomainError` with its status (400 invalid input, 401, 403,
404, 409, 413 too large), a malformed request with 400 ``BAD_USER_INPUT``, anything
unexpected logged and answered 500 ``INTERNAL_SERVER_ERROR`` without its details.
/graphql keeps GraphQL's own error format.
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

from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.schema import BaseSchema

from gridkit.auth import Caller, TokenVerifier
from gridkit.db import create_engine, create_session_factory
from gridkit.errors import (
    ConcurrentUpdate,
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthenticated,
)
from gridkit.graphql.context import RequestContext
from gridkit.graphql.errors import INTERNAL
from gridkit.idempotency import purge_expired
from gridkit.jobs import PeriodicJob
from gridkit.logs import configure_logging
from gridkit.messaging.link import NatsLink
from gridkit.migrations import at_head
from gridkit.settings import ServiceSettings
from gridkit.uploads import AttachmentTooLarge
from gridkit.web import dependencies
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
"""The paths every service serves; a service's own routers may not take them."""

GRAPHQL_PATH = "/graphql"

HTTP_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (ConcurrentUpdate, 409),
    (AttachmentTooLarge, 413),
    (InvalidInput, 400),
)
"""The HTTP status of a coded error, by its class (the first that matches); others are 400."""

INTERNAL_MESSAGE = "Internal error. It has been logged; please try again later."


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
    routers: Sequence[APIRouter] = field(default_factory=tuple)
    """The service's own HTTP routes beside /graphql (uploads, downloads), included as they
    are; their parameters can be :data:`~gridkit.web.dependencies.CallerDep` and
    :data:`~gridkit.web.dependencies.RuntimeDep`."""

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
    own_paths = _literal_paths(service.routers)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # For a plain `uvicorn org.app:app`; a no-op where logging is configured already.
        configure_logging(service=settings.service_name, level=settings.log_level)
        engine = create_engine(settings.database_url)
        runtime = Runtime(
            settings=settings,
            engine=engine,
            sessions=create_session_factory(engine),
            nats=NatsLink(settings.nats_url, name=f"pioneer-{settings.service_name}"),
        )
        dependencies.attach_runtime(app, runtime)
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
    dependencies.install(app, TokenVerifier(settings))
    app.add_middleware(UnexpectedErrors)  # inside the metrics: they count its 500s
    app.add_middleware(RequestMetrics, service=settings.service_name, paths=ROUTES | own_paths)
    app.add_middleware(RequestIdMiddleware)  # outermost: every line of the request has its id

    async def context_getter(request: Request) -> RequestContext:
        caller = dependencies.caller(request)
        context = service.make_context(caller, dependencies.runtime(request))
        context.idempotency_header = request.headers.get("idempotency-key")
        context.idempotency_ttl = timedelta(hours=settings.idempotency_ttl_hours)
        return context

    app.include_router(
        SubgraphRouter(service.schema, context_getter=context_getter), prefix="/graphql"
    )

    app.add_exception_handler(DomainError, _coded_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Alive: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        """Ready: database reachable, migrations at head, NATS connected."""
        checks = await _readiness(dependencies.runtime(request), service.migrations_dir)
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    @app.get("/metrics")
    async def metrics() -> Response:
        """Prometheus metrics in the text exposition format."""
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    # After the built-in routes, so that those answer first whatever a router declares.
    for router in service.routers:
        app.include_router(router)
    return app


def http_status(error: DomainError) -> int:
    """The HTTP status that answers ``error`` (see :data:`HTTP_STATUS`)."""
    return next((status for kind, status in HTTP_STATUS if isinstance(error, kind)), 400)


def error_response(
    code: str, message: str, details: dict[str, Any], *, status_code: int
) -> JSONResponse:
    """The error body of a service's own routes: ``{"error": {code, message, details}}``."""
    body = {"error": {"code": code, "message": message, "details": jsonable_encoder(details)}}
    headers = {"WWW-Authenticate": "Bearer"} if status_code == 401 else None
    return JSONResponse(body, status_code=status_code, headers=headers)


class UnexpectedErrors:
    """ASGI middleware: an uncaught exception in a service's own route is logged and
    answers a 500 error body that names no internals.

    /graphql is left alone: strawberry answers its own errors.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request; turn an exception raised before the answer began into a 500."""
        if scope["type"] != "http" or _is_graphql(scope["path"]):
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            if started:
                raise  # too late for an error body: the server logs it and drops the connection
            log.exception("unexpected error answering %s %s", scope["method"], scope["path"])
            response = error_response(INTERNAL, INTERNAL_MESSAGE, {}, status_code=500)
            await response(scope, receive, send)


async def _coded_error(request: Request, exc: DomainError) -> JSONResponse:
    status_code = http_status(exc)
    if not _is_graphql(request.scope["path"]):
        return error_response(exc.code, exc.message, exc.details, status_code=status_code)
    # Raised before GraphQL ran (the token, in the context getter): GraphQL's own shape.
    extensions: dict[str, Any] = {"code": exc.code}
    if exc.details:
        extensions["details"] = jsonable_encoder(exc.details)
    body = {"errors": [{"message": exc.message, "extensions": extensions}]}
    headers = {"WWW-Authenticate": "Bearer"} if status_code == 401 else None
    return JSONResponse(body, status_code=status_code, headers=headers)


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    if _is_graphql(request.scope["path"]):
        return await request_validation_exception_handler(request, exc)
    problems = [
        {"field": ".".join(str(part) for part in error["loc"]), "message": error["msg"]}
        for error in exc.errors()
    ]
    message = "The request is not valid: " + "; ".join(
        f"{problem['field']}: {problem['message']}" for problem in problems
    )
    return error_response(InvalidInput.code, message, {"problems": problems}, status_code=400)


def _is_graphql(path: str) -> bool:
    return path == GRAPHQL_PATH or path.startswith(f"{GRAPHQL_PATH}/")


def _literal_paths(routers: Sequence[APIRouter]) -> frozenset[str]:
    """The fixed paths of ``routers`` (metrics label those; templated ones count as "other").

    Refuses a router that would take a path every service serves.
    """
    paths = set()
    for router in routers:
        for route in router.routes:
            path = getattr(route, "path", None)
            if not isinstance(path, str):
                continue
            if path in ROUTES or _is_graphql(path):
                raise ValueError(f"a service's router cannot take {path}: gridkit serves it")
            if "{" not in path:
                paths.add(path)
    return frozenset(paths)


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
