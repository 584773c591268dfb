"""Entry point of the personnel service: ``uvicorn personnel.app:app`` (port 4002)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from gridkit.auth import Caller
from gridkit.clock import local_today
from gridkit.pii import PiiProtector
from gridkit.web.app import ServiceDefinition, create_app
from gridkit.web.runtime import Runtime
from personnel.config import PersonnelSettings
from personnel.consumer import subscriptions
from personnel.jobs import jobs
from personnel.schema.context import PersonnelContext
from personnel.schema.schema import schema

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def build_app(settings: PersonnelSettings | None = None) -> FastAPI:
    """The personnel service's ASGI app."""
    settings = settings or PersonnelSettings()
    protector = PiiProtector.from_settings(settings)

    def make_context(caller: Caller, runtime: Runtime) -> PersonnelContext:
        return PersonnelContext(
            caller=caller,
            sessions=runtime.sessions,
            protector=protector,
            today=local_today(settings.timezone),
        )

    return create_app(
        ServiceDefinition(
            settings=settings,
            schema=schema,
            migrations_dir=MIGRATIONS,
            make_context=make_context,
            subscriptions=subscriptions(settings),
            jobs=jobs(settings),
        )
    )


app = build_app()


def run() -> None:
    """Serve with uvicorn on the configured host and port, logging JSON lines at LOG_LEVEL."""
    from gridkit.web.serving import serve

    serve("personnel.app:app", PersonnelSettings())
