"""Serving a process with uvicorn, its lines logged the gridkit way."""

from __future__ import annotations

from typing import Any

import uvicorn

from gridkit.logs import log_config
from gridkit.settings import ServiceSettings


def serve(app: str, settings: ServiceSettings, **options: Any) -> None:
    """Run ``app`` (``"org.app:app"``) with uvicorn on the settings' host and port until stopped.

    Every line, uvicorn's included, is a JSON line at the settings' ``LOG_LEVEL``
    (see :mod:`gridkit.logs`). ``options`` go to :func:`uvicorn.run` as they are
    (``workers=2``, ``loop="uvloop"`` ...).
    """
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=log_config(service=settings.service_name, level=settings.log_level),
        **options,
    )
