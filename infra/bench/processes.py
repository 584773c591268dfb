"""Starting what the benchmark measures, each on a free local port, each in its own process group.

A server that fails to start, or a bench that stops half-way (an error, Ctrl-C), never leaves a
process behind: each one runs in a process group of its own, and leaving the ``with`` block
stops the whole group (SIGTERM, a grace period, then SIGKILL).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO

import httpx

from gridkit.devstack.probe import free_port
from infra.dev.components import ROOT

HOST = "127.0.0.1"
START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Served:
    """A running server: where it answers GraphQL, and the process that serves it."""

    url: str
    pid: int


class StartError(RuntimeError):
    """A server exited, or did not answer in time; the message says which and why."""


@contextlib.contextmanager
def running(
    name: str,
    command: Sequence[str],
    *,
    env: Mapping[str, str],
    ready: Callable[[], bool],
    output: IO[bytes] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` in its own process group until the block ends, once ``ready()`` holds.

    ``output`` receives the process's standard output and error (the terminal's when ``None``).
    Raises :class:`StartError` when the process exits or is not ready within a minute.
    """
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT if output is not None else None,
        process_group=0,
    )
    try:
        _wait_ready(name, process, ready)
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started by :func:`running`, and everything in its process group."""
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
    else:  # the leader is gone; children it left in the group (uvicorn workers) go too
        _signal_group(process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


@contextlib.contextmanager
def serving(app: str, env: Mapping[str, str], *, workers: int = 1) -> Iterator[Served]:
    """Run the ASGI ``app`` with uvicorn until the block ends.

    With one worker uvicorn serves in its own process, so :attr:`Served.pid` is the process a
    profiler attaches to.
    """
    port = free_port(HOST)
    command = [
        sys.executable, "-m", "uvicorn", app, "--host", HOST, "--port", str(port),
        "--log-level", "warning", "--loop", "uvloop", "--http", "httptools",
        "--workers", str(workers),
    ]  # fmt: skip
    # WARNING for the apps too, which configure logging at start: no access line per request.
    quiet = {**os.environ, "LOG_LEVEL": "WARNING", **env}
    health = f"http://{HOST}:{port}/healthz"
    with running(app, command, env=quiet, ready=lambda: _answers(health)) as process:
        yield Served(url=f"http://{HOST}:{port}/graphql", pid=process.pid)


def _answers(url: str) -> bool:
    """Whether ``url`` answers 200 to a GET."""
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(url, timeout=1).status_code == 200
    return False


def _wait_ready(name: str, process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StartError(f"{name} exited with {process.returncode} before answering")
        if ready():
            return
        time.sleep(0.2)
    raise StartError(f"{name} did not answer within {START_TIMEOUT_SECONDS:.0f} s")
