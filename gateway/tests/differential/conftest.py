"""Session fixtures of the differential test: the fixture subgraphs and both gateways, running.

Three kinds of process serve on free ports of 127.0.0.1 for the whole session: the fixture
subgraphs (``python -m gwfixtures``), Apollo's gateway (``apollo_gateway.mjs``) and the gateway
under test. Each writes its output to a log file in the session's temporary folder (a pipe
nobody reads could fill up and stall it), is polled until it answers, and is always stopped at
the end. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import httpx
import pytest

from gridkit.devstack.probe import free_port
from gridkit.testing.federation import compose_with_apollo, find_npm_dir, require_apollo

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]
FIXTURES_DIR = HERE.parent / "fixtures"
APOLLO_SCRIPT = HERE / "apollo_gateway.mjs"
HOST = "127.0.0.1"

GATEWAY_CMD_ENV = "GATEWAY_UNDER_TEST_CMD"
"""Command line of the gateway under test; ``{supergraph}``, ``{host}`` and ``{port}`` in it are
replaced by the supergraph file, 127.0.0.1 and a free port."""

DEFAULT_GATEWAY_CMD = (
    f"{shlex.quote(sys.executable)} -m gateway --supergraph {{supergraph}} "
    "--host {host} --port {port}"
)
APOLLO_PACKAGES = ("@apollo/gateway", "@apollo/server", "graphql")

STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
REQUEST_TIMEOUT = 30.0
READY_QUERY = {"query": "{ __typename }"}


# --- reporting -------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``differential`` marker (``--strict-markers`` refuses unknown ones)."""
    config.addinivalue_line(
        "markers",
        "differential: compares the gateway's HTTP answers with Apollo Gateway's "
        "on the fixture subgraphs",
    )


class _Tally:
    """Outcomes of this run's differential items (one pytest run per process)."""

    def __init__(self) -> None:
        self.collected: set[str] = set()
        self.passed: set[str] = set()
        self.failed: set[str] = set()
        self.skip_reasons: set[str] = set()
        self.reported = False


_TALLY = _Tally()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Count the operations this run compares (after ``-k`` and ``-m`` deselected some)."""
    _TALLY.collected.update(
        item.nodeid for item in session.items if item.get_closest_marker("differential")
    )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Tally each operation's outcome for the summary line."""
    if report.nodeid not in _TALLY.collected:
        return
    _TALLY.reported = True
    if report.failed:
        _TALLY.failed.add(report.nodeid)
    elif report.skipped and isinstance(report.longrepr, tuple):
        _TALLY.skip_reasons.add(str(report.longrepr[2]).removeprefix("Skipped: "))
    elif report.passed and report.when == "call":
        _TALLY.passed.add(report.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print ``differential: N operations, M passed`` (and why nothing ran, if so)."""
    if not _TALLY.reported:  # e.g. --collect-only
        return
    line = f"differential: {len(_TALLY.collected)} operations, {len(_TALLY.passed)} passed"
    if _TALLY.failed:
        line += f", {len(_TALLY.failed)} failed"
    terminalreporter.write_sep("=", line, bold=True, red=bool(_TALLY.failed))
    for reason in sorted(_TALLY.skip_reasons):
        terminalreporter.write_line(f"differential skipped: {reason}", yellow=True)


# --- prerequisites ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def node_prerequisites() -> None:
    """Node with Apollo's composer and gateway must run (skipped with the reason, failing in CI)."""
    require_apollo(*APOLLO_PACKAGES, checking="the differential suite")


# --- processes -------------------------------------------------------------------------------


class ManagedProcess:
    """A child process whose output goes to a log file, stopped for sure by ``stop()``."""

    def __init__(
        self, name: str, argv: Sequence[str], log_dir: Path, env: Mapping[str, str]
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.log_path = log_dir / f"{name}.log"
        self._log: IO[bytes] = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.argv,
            cwd=REPO_ROOT,
            env=dict(env),
            stdin=subprocess.PIPE,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so stop() can signal its children too
        )

    def output(self) -> str:
        """Everything the process wrote so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_until(self, ready: Callable[[], bool], *, what: str, within: float) -> None:
        """Poll ``ready()`` until true; fail the test with the output on exit or timeout."""
        deadline = time.monotonic() + within
        while not ready():
            if self.process.poll() is not None:
                problem = f"exited with status {self.process.returncode} before {what}"
            elif time.monotonic() > deadline:
                problem = f"not {what} within {within:g}s"
            else:
                time.sleep(0.1)
                continue
            pytest.fail(
                f"{self.name} {problem}; command: {shlex.join(self.argv)}\n"
                f"--- output ({self.log_path.name}) ---\n{self.output()[-4000:]}",
                pytrace=False,
            )

    def stop(self) -> None:
        """Close stdin, then SIGTERM, then SIGKILL the process group, each with a bound."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            if self.process.poll() is None:
                self._signal(signal.SIGTERM)
                try:
                    self.process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self._signal(signal.SIGKILL)
                    self.process.wait(STOP_TIMEOUT)
        finally:
            self._log.close()

    def _signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)


def answers_graphql(url: str) -> Callable[[], bool]:
    """A readiness check: POST ``{ __typename }`` to ``url`` answers 200 with data."""

    def check() -> bool:
        try:
            response = httpx.post(url, json=READY_QUERY, timeout=2.0)
        except httpx.HTTPError:
            return False
        try:
            return response.status_code == 200 and "data" in response.json()
        except ValueError:
            return False

    return check


def _started(
    name: str, argv: Sequence[str], log_dir: Path, env: Mapping[str, str]
) -> ManagedProcess:
    try:
        return ManagedProcess(name, argv, log_dir, env)
    except OSError as exc:
        pytest.fail(f"cannot start {name} ({shlex.join(argv)}): {exc}", pytrace=False)


@pytest.fixture(scope="session")
def log_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the processes' logs and the supergraph go."""
    return tmp_path_factory.mktemp("differential")


@pytest.fixture(scope="session")
def subgraph_urls(node_prerequisites: None, log_dir: Path) -> Iterator[dict[str, str]]:
    """The fixture subgraphs, served by ``python -m gwfixtures``: routing URL by name."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FIXTURES_DIR), env.get("PYTHONPATH")]))
    argv = [sys.executable, "-m", "gwfixtures", "--exit-with-stdin"]
    process = _started("subgraphs", argv, log_dir, env)
    urls: dict[str, str] = {}

    def announced() -> bool:
        for line in process.output().splitlines():
            if line.startswith('{"subgraphs"'):
                try:
                    urls.update(json.loads(line)["subgraphs"])
                except ValueError:  # the line is still being written
                    return False
                return True
        return False

    try:
        process.wait_until(announced, what="serving", within=STARTUP_TIMEOUT)
        yield urls
    finally:
        process.stop()


@pytest.fixture(scope="session")
def supergraph_path(subgraph_urls: dict[str, str], log_dir: Path) -> Path:
    """The supergraph Apollo composes from each subgraph's ``_service { sdl }``."""
    subgraphs: dict[str, tuple[str, str]] = {}
    for name, url in subgraph_urls.items():
        response = httpx.post(url, json={"query": "{ _service { sdl } }"}, timeout=REQUEST_TIMEOUT)
        response.raise_for_status()
        subgraphs[name] = (url, response.json()["data"]["_service"]["sdl"])
    path = log_dir / "supergraph.graphql"
    path.write_text(compose_with_apollo(subgraphs), encoding="utf-8")
    return path


def _serve_gateway(name: str, command: str, supergraph: Path, log_dir: Path) -> Iterator[str]:
    port = free_port()
    filled = (
        command.replace("{supergraph}", shlex.quote(str(supergraph)))
        .replace("{host}", HOST)
        .replace("{port}", str(port))
    )
    env = dict(os.environ)
    npm_dir = find_npm_dir()
    if npm_dir is not None:
        env["PIONEER_NPM_DIR"] = str(npm_dir)  # the packages the prerequisites check found
    process = _started(name, shlex.split(filled), log_dir, env)
    url = f"http://{HOST}:{port}/graphql"
    try:
        process.wait_until(answers_graphql(url), what="answering", within=STARTUP_TIMEOUT)
        yield url
    finally:
        process.stop()


@pytest.fixture(scope="session")
def apollo_url(supergraph_path: Path, log_dir: Path) -> Iterator[str]:
    """Apollo's gateway (``@apollo/gateway`` behind ``@apollo/server``) over the supergraph."""
    command = (
        f"node {shlex.quote(str(APOLLO_SCRIPT))} --supergraph {{supergraph}} "
        "--host {host} --port {port} --exit-with-stdin"
    )
    yield from _serve_gateway("apollo-gateway", command, supergraph_path, log_dir)


@pytest.fixture(scope="session")
def gateway_url(supergraph_path: Path, log_dir: Path) -> Iterator[str]:
    """The gateway under test, started with ``$GATEWAY_UNDER_TEST_CMD`` or the CLI contract."""
    command = os.environ.get(GATEWAY_CMD_ENV) or DEFAULT_GATEWAY_CMD
    yield from _serve_gateway("gateway-under-test", command, supergraph_path, log_dir)


@pytest.fixture(scope="session")
def http() -> Iterator[httpx.Client]:
    """One HTTP client for every comparison."""
    with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
        yield client
