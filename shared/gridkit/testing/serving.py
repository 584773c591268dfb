"""ASGI apps served over real HTTP on free ports of 127.0.0.1, from a test.

One background thread runs every server on its own event loop, so synchronous
and asynchronous tests can use them and the test's own loop stays free. The
listening sockets are bound before the servers start: no other process can take
a port between choosing and listening.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import threading
import time
from collections.abc import Mapping
from types import FrameType, TracebackType
from typing import Literal, Self

import uvicorn
from starlette.types import ASGIApp

HOST = "127.0.0.1"


def stop_requested(*, exit_with_stdin: bool) -> threading.Event:
    """An event set on SIGTERM or SIGINT (and, with ``exit_with_stdin``, when standard input
    closes): what a fixture process serving until its parent is done waits on."""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if exit_with_stdin:

        def watch_stdin() -> None:
            sys.stdin.read()
            stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()
    return stop


class ServedApps:
    """Each app on its own free port; a context manager that starts and stops them all."""

    def __init__(
        self,
        apps: Mapping[str, ASGIApp],
        *,
        path: str = "/graphql",
        lifespan: Literal["auto", "on", "off"] = "auto",
        startup_timeout: float = 30.0,
        stop_timeout: float = 10.0,
    ) -> None:
        self._path = path
        self._startup_timeout = startup_timeout
        self._stop_timeout = stop_timeout
        self._servers = {
            name: uvicorn.Server(
                uvicorn.Config(app, log_level="warning", access_log=False, lifespan=lifespan)
            )
            for name, app in apps.items()
        }
        self._sockets = {name: _listening_socket() for name in apps}
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    @property
    def urls(self) -> dict[str, str]:
        """Where each app answers (``path`` on its port), by name."""
        return {
            name: f"http://{HOST}:{sock.getsockname()[1]}{self._path}"
            for name, sock in self._sockets.items()
        }

    def start(self) -> dict[str, str]:
        """Start every server and wait until all accept connections; return their URLs."""
        if self._thread is not None:
            raise RuntimeError("the servers are already running")
        self._thread = threading.Thread(target=self._run, name="served-apps", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self._startup_timeout
        while not all(server.started for server in self._servers.values()):
            if self._failure is not None or not self._thread.is_alive():
                self.stop()
                raise RuntimeError("a server failed to start") from self._failure
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"servers not serving within {self._startup_timeout:g}s")
            time.sleep(0.02)
        return self.urls

    def stop(self) -> None:
        """Stop every server and wait (boundedly) for the thread to end."""
        for server in self._servers.values():
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(self._stop_timeout)
            if self._thread.is_alive():
                for server in self._servers.values():
                    server.force_exit = True
                self._thread.join(self._stop_timeout)
        for sock in self._sockets.values():
            sock.close()
        self._thread = None

    def _run(self) -> None:
        async def serve_all() -> None:
            await asyncio.gather(
                *(
                    server.serve(sockets=[self._sockets[name]])
                    for name, server in self._servers.items()
                )
            )

        try:
            asyncio.run(serve_all())
        except BaseException as exc:  # reported to the starting thread, not lost in this one
            self._failure = exc

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    return sock
