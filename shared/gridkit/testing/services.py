"""Pioneer Grid's own processes for tests: a subgraph service under uvicorn, the gateway.

Each process is configured the way production configures it, through environment
variables with its prefix (``ORG_DATABASE_URL`` ...). The test builds the settings
object it wants (``OrgSettings(env="test", database_url=..., events_namespace=...)``)
and the process reads exactly those values back: every field is written under the
prefix, and prefixed variables win over the shared ones, so nothing of the
developer's shell (a ``DATABASE_URL`` of a live stack, ports 4000-4004) leaks in.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import SecretBytes, SecretStr
from pydantic_core import to_jsonable_python

from gridkit.settings import ServiceSettings
from gridkit.testing.processes import HOST, READY_TIMEOUT_SECONDS, ServiceProcess

# uvicorn's default waits for open connections without bound; a stop must not.
GRACEFUL_SHUTDOWN_SECONDS = 5


def env_prefix(settings: ServiceSettings) -> str:
    """The prefix of the settings' variables, e.g. ``ORG_``."""
    return str(settings.model_config.get("env_prefix", ""))


def settings_environment(settings: ServiceSettings) -> dict[str, str]:
    """``settings`` as the prefixed variables from which its class reads the same values.

    Secrets are written in clear (a child process needs them); a field that is
    ``None`` is left out, so its default applies.
    """
    prefix = env_prefix(settings)
    env: dict[str, str] = {}
    for field in type(settings).model_fields:
        value = _variable_value(getattr(settings, field))
        if value is not None:
            env[f"{prefix}{field}".upper()] = value
    return env


def service_process(
    app: str,
    *,
    settings: ServiceSettings,
    name: str | None = None,
    port: int | None = None,
    log_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    ready_timeout: float = READY_TIMEOUT_SECONDS,
) -> ServiceProcess:
    """A subgraph service, ``python -m uvicorn <app> --host 127.0.0.1 --port <port>``.

    ``app`` is the ASGI app as uvicorn takes it (``org.app:app``); the process reads
    ``settings`` (its ``<PREFIX>PORT`` set to the port) plus ``env``, which wins. It is
    ready when ``/readyz`` answers 200: database reachable, migrations at head, NATS
    connected. Not started yet: call ``start()`` or use it as a context manager.
    """

    def command(listening_on: int) -> Sequence[str]:
        return [
            sys.executable, "-m", "uvicorn", app,
            "--host", HOST, "--port", str(listening_on),
            "--timeout-graceful-shutdown", str(GRACEFUL_SHUTDOWN_SECONDS),
        ]  # fmt: skip

    return ServiceProcess(
        name or settings.service_name,
        command,
        env={**settings_environment(settings), **(env or {})},
        port_variables=[f"{env_prefix(settings)}PORT"],
        port=port,
        log_dir=log_dir,
        ready_timeout=ready_timeout,
    )


def gateway_process(
    subgraphs: Mapping[str, str],
    *,
    settings: ServiceSettings,
    name: str = "gateway",
    port: int | None = None,
    log_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    ready_timeout: float = READY_TIMEOUT_SECONDS,
) -> ServiceProcess:
    """The gateway, ``python -m gateway --subgraph name=url ... --host 127.0.0.1 --port <port>``.

    ``subgraphs`` maps each subgraph's name to its ``/graphql`` URL; they must answer
    before it starts, since it composes their SDL at start-up. ``settings`` are the
    gateway's own (``GatewaySettings(env="test")``): its JWT secret must be the one
    the tokens are signed with. Ready when ``/readyz`` answers 200 (supergraph loaded).
    """

    def command(listening_on: int) -> Sequence[str]:
        arguments = [sys.executable, "-m", "gateway"]
        for subgraph, url in subgraphs.items():
            arguments += ["--subgraph", f"{subgraph}={url}"]
        return [*arguments, "--host", HOST, "--port", str(listening_on)]

    return ServiceProcess(
        name,
        command,
        env={**settings_environment(settings), **(env or {})},
        port_variables=[f"{env_prefix(settings)}PORT"],
        port=port,
        log_dir=log_dir,
        ready_timeout=ready_timeout,
    )


def _variable_value(value: Any) -> str | None:
    """How pydantic-settings reads a value back: strings as they are, the rest as JSON."""
    if value is None:
        return None
    if isinstance(value, SecretStr | SecretBytes):
        value = value.get_secret_value()
    if isinstance(value, bytes):
        return value.decode()
    plain = to_jsonable_python(value)
    return plain if isinstance(plain, str) else json.dumps(plain)
