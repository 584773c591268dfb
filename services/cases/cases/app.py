"""Entry point of the cases service: ``uvicorn cases.app:app`` (port 4003)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI

from cases.config import CasesSettings
from cases.consumer import SUBSCRIPTIONS
from cases.domain.duplicates import DuplicatePolicy
from cases.jobs import jobs
from cases.rest.attachments import attachments_router
from cases.rest.open311 import open311_router
from cases.schema.context import CasesContext
from cases.schema.schema import schema
from gridkit.auth import Caller
from gridkit.blobs import blob_store_from_settings
from gridkit.pii import PiiProtector
from gridkit.uploads import EVIDENCE, UploadPolicy
from gridkit.web.app import ServiceDefinition, create_app
from gridkit.web.runtime import Runtime

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def build_app(settings: CasesSettings | None = None) -> FastAPI:
    """The cases service's ASGI app."""
    settings = settings or CasesSettings()
    protector = PiiProtector.from_settings(settings)
    blobs = blob_store_from_settings(settings)
    evidence = UploadPolicy(max_bytes=settings.attachment_max_bytes, allowed=EVIDENCE.allowed)
    duplicates = DuplicatePolicy(
        radius_m=settings.duplicate_radius_m,
        window=timedelta(days=settings.duplicate_window_days),
    )

    def make_context(caller: Caller, runtime: Runtime) -> CasesContext:
        return CasesContext(
            caller=caller,
            sessions=runtime.sessions,
            protector=protector,
            timezone=settings.timezone,
            duplicate_policy=duplicates,
        )

    return create_app(
        ServiceDefinition(
            settings=settings,
            schema=schema,
            migrations_dir=MIGRATIONS,
            make_context=make_context,
            subscriptions=SUBSCRIPTIONS,
            jobs=jobs(settings),
            routers=[attachments_router(evidence, blobs), open311_router(settings, protector)],
        )
    )


app = build_app()


def run() -> None:
    """Serve with uvicorn on the configured host and port, logging JSON lines at LOG_LEVEL."""
    from gridkit.web.serving import serve

    serve("cases.app:app", CasesSettings())
