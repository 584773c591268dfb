"""Server processes for tests: ready on /readyz, stopped, killed and restarted on their port."""

from __future__ import annotations

import contextlib
import socket
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from gridkit.devstack.processes import is_alive
from gridkit.settings import ServiceSettings
from gridkit.testing import (
    ProcessStartError,
    ServiceProcess,
    settings_environment,
    start_all,
    started_processes,
    stop_all,
)

# A stand-in for a service: answers /readyz with $READY_STATUS, /env/<NAME> with a variable,
# and /child with the pid of a child it keeps running (to see that a stop takes it down too).
SERVER = r"""
import os, subprocess, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

if os.environ.get("EXIT_AT_ONCE"):
    print("boom: refusing to start", flush=True)
    sys.exit(3)
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/readyz":
            status, body = int(os.environ.get("READY_STATUS", "200")), "ready"
        elif self.path.startswith("/env/"):
            status, body = 200, os.environ.get(self.path[5:], "")
        elif self.path == "/child":
            status, body = 200, str(child.pid)
        else:
            status, body = 404, "no"
        self.send_response(status)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass

try:
    server = HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
except OSError as exc:
    print(f"ERROR: [Errno {exc.errno}] error while attempting to bind: {exc}", flush=True)
    sys.exit(1)
print("serving", flush=True)
server.serve_forever()
"""


def server_command(port: int) -> Sequence[str]:
    return [sys.executable, "-c", SERVER, str(port)]


def toy(
    log_dir: Path,
    *,
    env: dict[str, str] | None = None,
    port: int | None = None,
    ready_timeout: float = 15.0,
) -> ServiceProcess:
    """A stand-in server process, not started yet."""
    return ServiceProcess(
        "toy",
        server_command,
        env=env,
        port_variables=["TOY_PORT"],
        port=port,
        log_dir=log_dir,
        ready_timeout=ready_timeout,
    )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServiceProcess]:
    process = toy(tmp_path)
    process.start()
    yield process
    process.stop()


def get(process: ServiceProcess, path: str) -> str:
    return httpx.get(process.url(path), timeout=5).text


def test_a_started_process_is_ready_and_knows_its_port(server: ServiceProcess) -> None:
    assert server.running
    assert get(server, "/readyz") == "ready"
    assert get(server, "/env/TOY_PORT") == str(server.port)
    assert server in started_processes()


def test_a_killed_process_comes_back_on_the_same_port(server: ServiceProcess) -> None:
    port, first_pid = server.port, server.pid
    server.kill()
    assert not server.running
    assert server.returncode == -9
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url("/readyz"), timeout=2)

    server.start()
    assert server.port == port
    assert server.pid != first_pid
    assert get(server, "/readyz") == "ready"
    log = server.output()
    assert "killed with SIGKILL" in log
    assert log.count("starting on port") == 2


async def test_a_restart_keeps_the_port_without_blocking_the_loop(
    server: ServiceProcess,
) -> None:
    port = server.port
    await server.restart_async()
    assert server.port == port
    async with httpx.AsyncClient() as http:
        assert (await http.get(server.url("/readyz"))).text == "ready"


def test_stopping_takes_down_the_children_too(server: ServiceProcess) -> None:
    child = int(get(server, "/child"))
    server.stop()
    assert not server.running
    assert server not in started_processes()
    assert wait_for(lambda: not is_alive(child))


def test_a_process_that_exits_while_starting_fails_with_its_output(tmp_path: Path) -> None:
    process = toy(tmp_path, env={"EXIT_AT_ONCE": "1"})
    with pytest.raises(ProcessStartError, match="exited with status 3") as failure:
        process.start()
    assert "boom: refusing to start" in str(failure.value)
    assert process not in started_processes()


def test_a_process_that_never_gets_ready_is_killed_after_the_timeout(tmp_path: Path) -> None:
    process = toy(tmp_path, env={"READY_STATUS": "503"}, ready_timeout=1.5)
    started = time.monotonic()
    with pytest.raises(ProcessStartError, match="did not answer 200 in time") as failure:
        process.start()
    assert time.monotonic() - started < 10
    assert "last answer: 503" in str(failure.value)
    assert not process.running


def test_a_taken_port_moves_the_first_start_elsewhere(tmp_path: Path) -> None:
    process = toy(tmp_path)
    taken = process.port
    with listening(taken):
        process.start()
    try:
        assert process.port != taken
        assert get(process, "/readyz") == "ready"
    finally:
        process.stop()


def test_a_given_port_is_never_moved(tmp_path: Path) -> None:
    with listening(0) as port:
        process = toy(tmp_path, port=port)
        with pytest.raises(ProcessStartError, match="exited with status 1"):
            process.start()
    assert process.port == port


def test_start_all_stops_the_others_when_one_fails(tmp_path: Path) -> None:
    good = toy(tmp_path / "good")
    bad = toy(tmp_path / "bad", env={"EXIT_AT_ONCE": "1"})
    with pytest.raises(ProcessStartError):
        start_all([good, bad])
    assert not good.running
    assert not bad.running


def test_stop_all_stops_every_process(tmp_path: Path) -> None:
    processes = [toy(tmp_path / "a"), toy(tmp_path / "b")]
    start_all(processes)
    stop_all(processes)
    assert not any(process.running for process in processes)


class DemoSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DEMO_", extra="ignore", frozen=True)
    service_name: ClassVar[str] = "demo"
    subgraphs: dict[str, str] = Field(default_factory=dict)
    verify: bool = True


def test_settings_become_the_variables_they_are_read_back_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = DemoSettings(
        env="test",
        database_url="postgresql+asyncpg://postgres@127.0.0.1:5432/demo_x",
        events_namespace="t1234_e2e",
        jwt_secret=SecretStr("s3cret"),
        subgraphs={"org": "http://127.0.0.1:1/graphql"},
        verify=False,
        relay_poll_seconds=0.25,
    )
    env = settings_environment(settings)
    assert env["DEMO_JWT_SECRET"] == "s3cret"
    assert env["DEMO_ENV"] == "test"
    # The shell's shared variables must not win over the ones written for the process.
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://live/stack")
    monkeypatch.setenv("EVENTS_NAMESPACE", "")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert DemoSettings() == settings


def wait_for(condition: Callable[[], bool], within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@contextlib.contextmanager
def listening(port: int) -> Iterator[int]:
    """Something else listening on ``port`` (0: any free one) for the span of the block."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", port))
        sock.listen()
        yield int(sock.getsockname()[1])
