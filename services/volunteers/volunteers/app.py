"""Entry point of the volunteers service: ``uvicorn volunteers.app:app`` (port 4004)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from gridkit.auth import Caller
from gridkit.web.app import ServiceDefinition, create_app
from gridkit.web.runtime import Runtime
from volunteers.config import VolunteersSettings
from volunteers.consumer import SUBSCRIPTIONS
from volunteers.jobs import jobs
from volunteers.rest.certificates import certificates_router
from volunteers.schema.context import VolunteersContext
from volunteers.schema.schema import schema

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def build_app(settings: VolunteersSettings | None = None) -> FastAPI:
    """The volunteers service's ASGI app."""
    settings = settings or VolunteersSettings()

    def make_context(caller: Caller, runtime: Runtime) -> VolunteersContext:
        return VolunteersContext(caller=caller, sessions=runtime.sessions, settings=settings)

    return create_app(
        ServiceDefinition(
            settings=settings,
            schema=schema,
            migrations_dir=MIGRATIONS,
            make_context=make_context,
            subscriptions=SUBSCRIPTIONS,
            jobs=jobs(settings),
            routers=[certificates_router()],
        )
    )


app = build_app()


def run() -> None:
    """Serve with uvicorn on the configured host and port, logging JSON lines at LOG_LEVEL."""
    from gridkit.web.serving import serve

    serve("volunteers.app:app", VolunteersSettings())
