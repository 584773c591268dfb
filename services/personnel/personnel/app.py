"""Entry point of the personnel service: ``uvicorn personnel.app:app`` (port 4002)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI

from gridkit.auth import Caller
from gridkit.pii import PiiProtector
from gridkit.web.app import ServiceDefinition, create_app
from gridkit.web.runtime import Runtime
from personnel.config import PersonnelSettings
from personnel.grid_events import GRID_SUBSCRIPTION
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
            today=datetime.now(UTC).date(),
        )

    return create_app(
        ServiceDefinition(
            settings=settings,
            schema=schema,
            migrations_dir=MIGRATIONS,
            make_context=make_context,
            subscriptions=[GRID_SUBSCRIPTION],
        )
    )


app = build_app()


def run() -> None:
    """Serve with uvicorn on the configured host and port."""
    import uvicorn

    settings = PersonnelSettings()
    uvicorn.run("personnel.app:app", host=settings.host, port=settings.port, log_level="info")
