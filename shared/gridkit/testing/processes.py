"""Real OS processes serving HTTP on 127.0.0.1, for tests that cross process boundaries.

A :class:`ServiceProcess` runs one command (a subgraph service under uvicorn, the
gateway) on a free port, in a process group of its own, its output appended to a
log file. Starting waits until the readiness endpoint answers 200; the process can
then be stopped (SIGTERM, then SIGKILL), killed abruptly (SIGKILL, as a crash or an
OOM kill would) and started again on the same port, which is what a fault test
needs. Whatever is still running when the interpreter exits is killed, so a test
run leaves no process behind.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from tempfile import mkdtemp
from types import TracebackType
from typing import Self

import httpx

from gridkit.devstack.probe import free_port
from gridkit.devstack.processes import log_tail

HOST = "127.0.0.1"
READY_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 10.0
START_ATTEMPTS = 3
POLL_SECONDS = 0.1
TAIL_LINES = 60

Command = Callable[[int], Sequence[str]]
"""The command line of a process, given the port it is to listen on."""

# What uvicorn (and so the gateway) prints when another program holds the port.
_PORT_TAKEN = "address already in use"

# Started and not yet stopped or killed here: the atexit hook and failing-test reports see them.
_started: dict[int, ServiceProcess] = {}


class ProcessStartError(RuntimeError):
    """A process exited or did not become ready in time; the message carries its output."""


class ServiceProcess:
    """One server process on ``127.0.0.1:<port>``, ready when ``ready_path`` answers 200.

    The port is chosen once (a free one unless given) and kept for the life of the
    object, so a restarted process answers where clients already point. Only the
    very first start moves to another port, when something took the chosen one
    between choosing and binding.
    """

    def __init__(
        self,
        name: str,
        command: Command,
        *,
        env: Mapping[str, str] | None = None,
        port_variables: Iterable[str] = (),
        port: int | None = None,
        log_dir: Path | None = None,
        cwd: Path | None = None,
        ready_path: str = "/readyz",
        ready_timeout: float = READY_TIMEOUT_SECONDS,
        stop_timeout: float = STOP_TIMEOUT_SECONDS,
    ) -> None:
        """Describe the process; nothing runs until :meth:`start`.

        ``env`` is added to this process's own environment; each of ``port_variables``
        (e.g. ``ORG_PORT``) is set to the port, so the child's settings agree with
        where it listens.
        """
        self.name = name
        self._command = command
        self._env = dict(env or {})
        self._port_variables = tuple(port_variables)
        self._port = port or free_port(HOST)
        self._port_pinned = port is not None
        self.log_path = (log_dir or Path(mkdtemp(prefix="gridkit-processes-"))) / f"{name}.log"
        self._cwd = cwd
        self.ready_path = ready_path
        self.ready_timeout = ready_timeout
        self.stop_timeout = stop_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._ended: subprocess.Popen[bytes] | None = None
        self._ports_tried = 1
        self._terminating = False
        self._last_answer = "no answer yet"

    # --- where it is -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The TCP port the process listens on."""
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://{HOST}:{self._port}"

    def url(self, path: str) -> str:
        """An address on the process, e.g. ``url("/metrics")``."""
        return f"{self.base_url}{path}"

    @property
    def graphql_url(self) -> str:
        """Its ``/graphql`` endpoint."""
        return self.url("/graphql")

    @property
    def pid(self) -> int | None:
        """Pid of the current (or last) process; ``None`` before the first start."""
        process = self._process or self._ended
        return None if process is None else process.pid

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def returncode(self) -> int | None:
        """Exit status of the last process once it ended (negative: killed by that signal)."""
        process = self._process or self._ended
        return None if process is None else process.poll()

    def command_line(self) -> list[str]:
        """The command as it runs on the current port."""
        return list(self._command(self._port))

    # --- its output --------------------------------------------------------------------------

    def output(self) -> str:
        """Everything the process wrote since the first start, restarts included."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def output_tail(self, lines: int = TAIL_LINES) -> str:
        """The last ``lines`` lines of its output, for an error message or a test report."""
        return log_tail(self.log_path, lines=lines)

    # --- life cycle --------------------------------------------------------------------------

    def launch(self) -> None:
        """Start the process without waiting for it; :meth:`wait_ready` waits.

        Launching several processes before waiting for any lets them start in parallel.
        """
        if self.running:
            raise RuntimeError(f"{self.name} is already running (pid {self.pid})")
        self._reap()
        command = self.command_line()
        env = {**os.environ, **self._env, "PYTHONUNBUFFERED": "1"}  # output reaches the log live
        env.update(dict.fromkeys(self._port_variables, str(self._port)))
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._mark(f"starting on port {self._port}: {shlex.join(command)}")
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                cwd=self._cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own group, so stop() and kill() reach any child it forks (uvicorn
                # workers), and a Ctrl-C in the terminal reaches only the test run, whose
                # finalizers then stop it in order instead of it dying mid-test.
                start_new_session=True,
            )
        self._terminating = False
        _started[id(self)] = self

    def wait_ready(self) -> None:
        """Block until ``ready_path`` answers 200.

        Raises :class:`ProcessStartError` with the output tail when the process exits
        first or ``ready_timeout`` seconds pass; it is killed then.
        """
        deadline = time.monotonic() + self.ready_timeout
        with httpx.Client(timeout=1.0) as http:
            while True:
                self._check_still_starting()
                try:
                    if self._is_ready(http.get(self.url(self.ready_path))):
                        return
                except httpx.TransportError as exc:
                    self._last_answer = f"{type(exc).__name__}: {exc}"
                self._give_up_after(deadline)
                time.sleep(POLL_SECONDS)

    async def wait_ready_async(self) -> None:
        """:meth:`wait_ready` for async tests: the event loop keeps running meanwhile."""
        # The bound is ready_timeout, not a caller's asyncio.timeout: running out of time
        # must still kill the process and report its output.
        deadline = time.monotonic() + self.ready_timeout
        async with httpx.AsyncClient(timeout=1.0) as http:
            while True:
                self._check_still_starting()
                try:
                    if self._is_ready(await http.get(self.url(self.ready_path))):
                        return
                except httpx.TransportError as exc:
                    self._last_answer = f"{type(exc).__name__}: {exc}"
                self._give_up_after(deadline)
                await asyncio.sleep(POLL_SECONDS)

    def start(self) -> None:
        """Launch the process and wait until it is ready (see :meth:`wait_ready`)."""
        self.launch()
        try:
            self.wait_ready()
        except BaseException:  # Ctrl-C or a timeout of the test: no half-started process
            self.kill()
            raise

    async def start_async(self) -> None:
        """Launch the process and wait until it is ready, without blocking the event loop."""
        self.launch()
        try:
            await self.wait_ready_async()
        except BaseException:  # cancelled, or failed: no half-started process
            self.kill()
            raise

    def terminate(self) -> None:
        """Ask the process to shut down (SIGTERM to its group) without waiting; see :meth:`stop`."""
        if self.running and not self._terminating:
            # Only once: uvicorn takes a second SIGTERM as "exit now, skip the shutdown".
            self._terminating = True
            self._signal_group(signal.SIGTERM)

    def stop(self, timeout: float | None = None) -> None:
        """Stop gracefully: SIGTERM to its group, SIGKILL after ``timeout`` seconds.

        A no-op when it is not running (it is still reaped and forgotten).
        """
        process = self._process
        grace = self.stop_timeout if timeout is None else timeout
        if process is not None and process.poll() is None:
            self.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                self._mark(f"still running {grace:g}s after SIGTERM; killing it")
                self._signal_group(signal.SIGKILL)
                process.wait(STOP_TIMEOUT_SECONDS)
            self._mark(f"stopped (exit status {process.returncode})")
        self._reap()

    def kill(self) -> None:
        """Kill the process at once with SIGKILL, as a crash would: no shutdown runs.

        Work in flight is cut off mid-way (a request answered or not, an outbox row
        published or not); :meth:`start` brings it back on the same port.
        """
        process = self._process
        if process is not None and process.poll() is None:
            self._signal_group(signal.SIGKILL)
            process.wait(STOP_TIMEOUT_SECONDS)
            self._mark("killed with SIGKILL")
        self._reap()

    def restart(self) -> None:
        """Stop the process if it runs, then start it again on the same port."""
        self.stop()
        self.start()

    async def restart_async(self) -> None:
        """:meth:`restart` for async tests (stopping blocks, at most ``stop_timeout``)."""
        self.stop()
        await self.start_async()

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

    def __repr__(self) -> str:
        state = "running" if self.running else "not running"
        return f"<ServiceProcess {self.name} {self.base_url} {state}>"

    # --- internals ---------------------------------------------------------------------------

    def _is_ready(self, response: httpx.Response) -> bool:
        self._last_answer = f"{response.status_code} {response.text[:500]}"
        if response.status_code != 200:
            return False
        # Served once from this port: clients now point at it, so it never moves again.
        self._port_pinned = True
        return True

    def _check_still_starting(self) -> None:
        """Return while the process runs; after an exit, relaunch on a new port or raise."""
        process = self._process
        if process is None:
            raise RuntimeError(f"{self.name} was not launched")
        if process.poll() is None:
            return
        if self._port_was_taken() and self._relaunch_on_another_port():
            return
        self._reap()
        raise ProcessStartError(
            f"{self.name} exited with status {process.returncode} before {self.ready_path} "
            f"answered 200; command: {shlex.join(self.command_line())}\n"
            f"--- last lines of {self.log_path} ---\n{self.output_tail()}"
        )

    def _give_up_after(self, deadline: float) -> None:
        if time.monotonic() < deadline:
            return
        self.kill()
        raise ProcessStartError(
            f"{self.name} not ready: {self.url(self.ready_path)} did not answer 200 in time "
            f"(last answer: {self._last_answer}); command: {shlex.join(self.command_line())}\n"
            f"--- last lines of {self.log_path} ---\n{self.output_tail()}"
        )

    def _port_was_taken(self) -> bool:
        return _PORT_TAKEN in self.output_tail(lines=10).lower()

    def _relaunch_on_another_port(self) -> bool:
        # Another program took the free port between choosing and binding it. A pinned
        # port (given, or already served from) stays: clients point at it.
        if self._port_pinned or self._ports_tried >= START_ATTEMPTS:
            return False
        self._ports_tried += 1
        self._reap()
        self._port = free_port(HOST)
        self.launch()
        return True

    def _signal_group(self, sig: signal.Signals) -> None:
        assert self._process is not None
        with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
            os.killpg(self._process.pid, sig)

    def _reap(self) -> None:
        """Forget the ended process, once, and take down any straggler of its group."""
        if self._process is not None and self._process.poll() is not None:
            # A worker whose parent died keeps the group alive (and maybe the port). Only
            # now, right after the end: much later the group's id could name another group.
            self._signal_group(signal.SIGKILL)
            self._ended, self._process = self._process, None
        _started.pop(id(self), None)

    def _mark(self, event: str) -> None:
        """A line in the log between the process's own, so a reader sees restarts and kills."""
        stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"=== {stamp} {self.name}: {event} ===\n")


def started_processes() -> list[ServiceProcess]:
    """Processes started and not yet stopped or killed here (including any that crashed)."""
    return list(_started.values())


def start_all(processes: Iterable[ServiceProcess]) -> None:
    """Start every process and wait until all are ready; they start in parallel.

    If one fails to start, every one of them is stopped before the error propagates.
    """
    chosen = list(processes)
    try:
        for process in chosen:
            process.launch()
        for process in chosen:
            process.wait_ready()
    except BaseException:
        stop_all(chosen)
        raise


def stop_all(processes: Iterable[ServiceProcess]) -> None:
    """Stop every process; they shut down in parallel, each killed if it overstays."""
    chosen = list(processes)
    for process in chosen:
        process.terminate()
    for process in chosen:
        process.stop()


@atexit.register
def _kill_leftovers() -> None:
    # A test run that ends without its finalizers (an error in the session, Ctrl-C twice)
    # must not leave servers holding ports and database connections.
    for process in started_processes():
        process.kill()
