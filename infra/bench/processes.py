"""Starting the services the benchmark measures, each on a free local port."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping

import httpx

from gridkit.devstack.probe import free_port
from infra.dev.components import ROOT

HOST = "127.0.0.1"


@contextlib.contextmanager
def serving(app: str, env: Mapping[str, str], *, workers: int = 1) -> Iterator[str]:
    """Run ``app`` with uvicorn until the block ends; yields its ``/graphql`` URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", app, "--host", HOST, "--port", str(port),
        "--log-level", "warning", "--loop", "uvloop", "--http", "httptools",
        "--workers", str(workers),
    ]  # fmt: skip
    # WARNING for the apps too, which configure logging at start: no access line per request.
    quiet = {**os.environ, "LOG_LEVEL": "WARNING", **env}
    process = subprocess.Popen(command, cwd=ROOT, env=quiet)
    try:
        _wait_healthy(f"http://{HOST}:{port}/healthz", process)
        yield f"http://{HOST}:{port}/graphql"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode} before answering")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within 60 s")
