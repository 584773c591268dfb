"""Server processes that outlive the call that started them.

An embedded server is started detached (its own session, output to a log
file) so the next test run or ``make up`` finds it again and reuses it instead
of paying the start-up again. A lock file serialises callers sharing a data
directory, so two of them never start two servers on the same files.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")

# Children started by this process, kept so they are reaped (no zombies) when stopped here.
_children: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class ServerState:
    """Where a detached server was started: its pid and TCP port."""

    pid: int
    port: int

    @classmethod
    def read(cls, path: Path) -> ServerState | None:
        """The state written by :meth:`write`, or ``None`` if there is none readable."""
        try:
            raw = json.loads(path.read_text())
            return cls(pid=int(raw["pid"]), port=int(raw["port"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        """Record the state atomically, so a reader never sees half a file."""
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps({"pid": self.pid, "port": self.port}))
        partial.replace(path)


@contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the data directory's lock for the duration of the block."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_alive(pid: int) -> bool:
    """True while ``pid`` is a running process (a zombie is not running)."""
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        # An orphan whose parent does not reap it lingers as a zombie; it is gone all the same.
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def runs_program(pid: int, program: str) -> bool:
    """True when ``pid`` is alive and, where ``/proc`` can tell, runs ``program``.

    Guards against a pid recorded long ago now belonging to something else.
    """
    if not is_alive(pid):
        return False
    if not (_PROC / "self").exists():
        return True  # no procfs (macOS): trust the recorded pid
    try:
        cmdline = (_PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return False
    return program.encode() in cmdline


def spawn_detached(args: Sequence[str], *, log_file: Path) -> subprocess.Popen[bytes]:
    """Start a server in its own session, its output appended to ``log_file``.

    Its own session keeps a Ctrl-C meant for the caller away from the server,
    and no inherited pipe keeps a caller's output (a CI log) open.
    """
    with log_file.open("ab") as log:
        child = subprocess.Popen(
            list(args),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _children[child.pid] = child
    return child


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.05) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass; return whether it held."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def stop_process(pid: int, *, sig: signal.Signals = signal.SIGTERM, timeout: float = 15) -> None:
    """Ask ``pid`` to stop with ``sig``, wait, and kill it if it does not stop in time."""
    with suppress(ProcessLookupError):
        os.kill(pid, sig)
    if not wait_until(lambda: not is_alive(pid), timeout=timeout, interval=0.1):
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not is_alive(pid), timeout=5, interval=0.1)
    child = _children.pop(pid, None)
    if child is not None:
        child.wait(timeout=5)


def log_tail(path: Path, *, lines: int = 20) -> str:
    """The last lines of a log file, for error messages."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])
