"""A real process logs JSON lines at its LOG_LEVEL, uvicorn's own lines and access log included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from gridkit.devstack.probe import free_port

# Runs as uvicorn would leave logging (a --log-config file applied, or nothing), then
# configures logging as the app factory's lifespan does, from the service's settings.
LEVELS_SCRIPT = """
import logging, logging.config, sys
from typing import ClassVar
from gridkit.logs import configure_logging, log_config
from gridkit.settings import ServiceSettings

class DemoSettings(ServiceSettings):
    service_name: ClassVar[str] = "demo"

if sys.argv[1] == "after-log-config-file":
    logging.config.dictConfig(log_config(service="demo", level="INFO"))
settings = DemoSettings()
configure_logging(service=settings.service_name, level=settings.log_level)
relay = logging.getLogger("gridkit.messaging.relay")
relay.info("relay holds the leadership lock")
relay.warning("relay lost its NATS connection")
"""

DEMO_APP = """
import logging
from typing import ClassVar
from fastapi import FastAPI
from pydantic_settings import SettingsConfigDict
from gridkit.settings import ServiceSettings
from gridkit.web.request_id import RequestIdMiddleware
from gridkit.web.serving import serve

class DemoSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DEMO_", extra="ignore", frozen=True)
    service_name: ClassVar[str] = "demo"

app = FastAPI()
app.add_middleware(RequestIdMiddleware)

@app.get("/ping")
async def ping() -> dict[str, str]:
    logging.getLogger("demo.ping").info("pinged")
    return {"answer": "pong"}

if __name__ == "__main__":
    serve("demo_app:app", DemoSettings())
"""


Command = Callable[[Path, int], list[str]]


def json_lines(output: str) -> list[dict[str, Any]]:
    """Every line of ``output`` parsed: one that is not a JSON object fails the test."""
    parsed = []
    for line in output.splitlines():
        if line.strip():
            value = json.loads(line)
            assert isinstance(value, dict), line
            parsed.append(value)
    return parsed


def environment(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("LOG_LEVEL")}
    return {**env, "PYTHONUNBUFFERED": "1", **variables}


@pytest.mark.parametrize("start", ["bare", "after-log-config-file"])
def test_log_level_warning_suppresses_info_lines(start: str) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", LEVELS_SCRIPT, start],
        env=environment(LOG_LEVEL="WARNING"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = json_lines(finished.stdout)
    # Once: one handler, even where a config file installed it before the app configured.
    assert [line["message"] for line in lines] == ["relay lost its NATS connection"]
    assert lines[0]["level"] == "WARNING"
    assert {line["service"] for line in lines} == {"demo"}
    assert finished.stderr == ""


def serve_command(tmp_path: Path, port: int) -> list[str]:
    """As a service's ``run()`` starts it: ``gridkit.web.serving.serve`` (port from settings)."""
    return [sys.executable, "demo_app.py"]


def uvicorn_command(tmp_path: Path, port: int) -> list[str]:
    """As the dev launcher and the service image start uvicorn: with a --log-config file."""
    config = subprocess.run(
        [sys.executable, "-m", "gridkit.logs", "demo"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    (tmp_path / "log-config.json").write_text(config, encoding="utf-8")
    return [
        sys.executable, "-m", "uvicorn", "demo_app:app", "--port", str(port),
        "--log-config", "log-config.json",
    ]  # fmt: skip


@pytest.mark.parametrize("command", [serve_command, uvicorn_command], ids=["serve", "uvicorn-cli"])
def test_uvicorn_writes_its_own_lines_and_access_log_as_json_lines(
    tmp_path: Path, command: Command
) -> None:
    (tmp_path / "demo_app.py").write_text(DEMO_APP, encoding="utf-8")
    port = free_port()
    output = run_until_answered(
        command(tmp_path, port),
        cwd=tmp_path,
        env=environment(DEMO_PORT=str(port), LOG_LEVEL="INFO"),
        url=f"http://127.0.0.1:{port}/ping",
        headers={"X-Request-Id": "trace-42"},
    )

    lines = json_lines(output)
    assert any(
        line["logger"] == "uvicorn.error" and line["message"].startswith("Started server process")
        for line in lines
    ), lines
    [pinged] = [line for line in lines if line["logger"] == "demo.ping"]
    assert pinged["message"] == "pinged"
    assert pinged["request_id"] == "trace-42"
    [access] = [line for line in lines if line["logger"] == "uvicorn.access"]
    assert access["request_id"] == "trace-42"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/ping", 200)
    assert {line["service"] for line in lines} == {"demo"}


def run_until_answered(
    command: Sequence[str], *, cwd: Path, env: dict[str, str], url: str, headers: dict[str, str]
) -> str:
    """Start ``command``, GET ``url`` once it answers, stop the process; all it printed."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"exited early: {process.communicate()[0]}"
            assert time.monotonic() < deadline, "did not answer within 30 s"
            try:
                if httpx.get(url, headers=headers, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
    finally:
        process.terminate()
    output, _ = process.communicate(timeout=15)
    return output
