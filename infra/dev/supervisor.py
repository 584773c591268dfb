"""The stack's processes: started together, their output prefixed, stopped together.

Each process runs in its own process group, so a Ctrl-C in the terminal
reaches only the launcher, which then stops everything in order: SIGTERM,
a grace period, SIGKILL for whatever is left.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from infra.dev.components import ROOT

STOP_TIMEOUT_SECONDS = 10.0
HEALTH_TIMEOUT_SECONDS = 60.0
LINE_LIMIT = 1024 * 1024  # a long JSON log line must not break the stream


def process_env(extra: dict[str, str]) -> dict[str, str]:
    """The launcher's environment plus ``extra``, with unbuffered output so lines arrive live."""
    return {**os.environ, "PYTHONUNBUFFERED": "1", **extra}


@dataclass(frozen=True)
class _Running:
    name: str
    process: asyncio.subprocess.Process
    pump: asyncio.Task[None]


class Supervisor:
    """Starts processes, shows their output, notices when one dies, stops them all."""

    def __init__(self, *, label_width: int = 10) -> None:
        self._label_width = label_width
        self._running: list[_Running] = []

    def say(self, text: str, *, name: str = "dev") -> None:
        """Print one line under a process's name (``dev`` for the launcher itself)."""
        print(f"{name:<{self._label_width}} | {text}", flush=True)

    async def start(self, name: str, args: Sequence[str], *, env: dict[str, str]) -> None:
        """Start a process from the repository root and stream its output."""
        process = await asyncio.create_subprocess_exec(
            *args,
            cwd=ROOT,
            env=process_env(env),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            process_group=0,
            limit=LINE_LIMIT,
        )
        assert process.stdout is not None
        pump = asyncio.create_task(self._pump(name, process.stdout), name=f"output of {name}")
        self._running.append(_Running(name=name, process=process, pump=pump))

    async def _pump(self, name: str, stream: asyncio.StreamReader) -> None:
        async for line in stream:
            self.say(line.decode(errors="replace").rstrip(), name=name)

    async def wait_healthy(self, name: str, url: str) -> bool:
        """Wait until ``url`` answers 200; False if the process exits or time runs out."""
        running = next(r for r in self._running if r.name == name)
        deadline = asyncio.get_running_loop().time() + HEALTH_TIMEOUT_SECONDS
        async with httpx.AsyncClient(timeout=1.0) as client:
            while running.process.returncode is None:
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get(url)).status_code == 200:
                        return True
                if asyncio.get_running_loop().time() > deadline:
                    self.say(f"{name} did not answer {url} within {HEALTH_TIMEOUT_SECONDS:.0f}s")
                    return False
                await asyncio.sleep(0.25)
        self.say(f"{name} exited with code {running.process.returncode} while starting")
        return False

    async def watch(self, stop: asyncio.Event) -> int:
        """Block until ``stop`` is set (0) or a process exits (its exit code, never 0)."""
        exits = {asyncio.create_task(r.process.wait()): r for r in self._running}
        stopped = asyncio.create_task(stop.wait())
        done, pending = await asyncio.wait([stopped, *exits], return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        if stopped in done:
            return 0
        casualty = exits[next(task for task in done if task in exits)]
        code = casualty.process.returncode or 0
        self.say(f"{casualty.name} exited with code {code}; stopping the stack")
        # As a shell reports it: 128 + signal number for a process killed by a signal.
        return 128 - code if code < 0 else code or 1

    async def stop_all(self) -> None:
        """Stop every process, the last started first; kill those that overstay."""
        for running in reversed(self._running):
            if running.process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    running.process.terminate()
        for running in reversed(self._running):
            try:
                await asyncio.wait_for(running.process.wait(), STOP_TIMEOUT_SECONDS)
            except TimeoutError:
                self.say(f"{running.name} ignored SIGTERM for {STOP_TIMEOUT_SECONDS:.0f}s; killing")
                with contextlib.suppress(ProcessLookupError):
                    running.process.kill()
                await running.process.wait()
            await running.pump  # the rest of its output
        self._running.clear()


def uvicorn_args(app: str, *, host: str, port: int, log_config: Path) -> list[str]:
    """The command serving one ASGI app with this Python's uvicorn, logging per ``log_config``."""
    return [
        sys.executable, "-m", "uvicorn", app,
        "--host", host, "--port", str(port),
        "--log-config", str(log_config),
        "--timeout-graceful-shutdown", "5",
    ]  # fmt: skip
