"""Entry point of the org service: ``uvicorn org.app:app`` (port 4001)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from gridkit.auth import Caller
from gridkit.web.app import ServiceDefinition, create_app
from gridkit.web.runtime import Runtime
from org.config import OrgSettings
from org.consumer import SUBSCRIPTIONS
from org.schema.context import OrgContext
from org.schema.schema import schema

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def make_context(caller: Caller, runtime: Runtime) -> OrgContext:
    """The context of one GraphQL request."""
    return OrgContext(caller=caller, sessions=runtime.sessions)


def build_app(settings: OrgSettings | None = None) -> FastAPI:
    """The org service's ASGI app."""
    return create_app(
        ServiceDefinition(
            settings=settings or OrgSettings(),
            schema=schema,
            migrations_dir=MIGRATIONS,
            make_context=make_context,
            subscriptions=SUBSCRIPTIONS,
        )
    )


app = build_app()


def run() -> None:
    """Serve with uvicorn on the configured host and port, logging JSON lines at LOG_LEVEL."""
    from gridkit.web.serving import serve

    serve("org.app:app", OrgSettings())
