"""Each process's log configuration for uvicorn: gridkit's JSON lines (``gridkit.logs``).

Written under ``.data/logging/`` at every start and passed as ``--log-config``, so
uvicorn's own lines, from the first, are JSON lines like the application's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from gridkit.logs import log_config
from infra.dev.components import ROOT, Component

LOG_CONFIG_DIR = ROOT / ".data" / "logging"


def log_level(component: Component, environ: Mapping[str, str] = os.environ) -> str:
    """The level the component's settings read: ``<NAME>_LOG_LEVEL``, else ``LOG_LEVEL``."""
    return environ.get(f"{component.env_prefix}LOG_LEVEL") or environ.get("LOG_LEVEL") or "INFO"


def write_log_config(component: Component, directory: Path = LOG_CONFIG_DIR) -> Path:
    """Write the component's uvicorn log configuration; its path.

    Raises ``ValueError`` naming the variable's allowed values when the level is not one.
    """
    config = log_config(service=component.name, level=log_level(component))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{component.name}.json"
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path
