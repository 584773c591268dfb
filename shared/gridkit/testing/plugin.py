"""The gridkit pytest plugin: real PostgreSQL and NATS for every test suite.

Registered as a ``pytest11`` entry point, so any suite in the workspace gets
these fixtures without importing anything. The servers come from
``TEST_DATABASE_URL`` / ``DATABASE_URL`` and ``NATS_URL`` (local defaults);
when one does not answer, the dev stack starts an embedded one under
``<rootdir>/.data/test``. Everything a run creates is unique to it (database
names, the events namespace) and removed at the end, so runs never meet each
other or a live stack on the same servers.
"""

from __future__ import annotations

import secrets
import signal
import threading
from collections.abc import AsyncIterator, Generator
from pathlib import Path
from types import FrameType

import nats
import pytest
import pytest_asyncio
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from pydantic_settings import BaseSettings, SettingsConfigDict

from gridkit.testing.database import DatabaseFactory, admin_url
from gridkit.testing.processes import started_processes
from gridkit.testing.streams import delete_namespace_streams

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
DEFAULT_NATS_URL = "nats://127.0.0.1:4222"


class ServerEnvironment(BaseSettings):
    """Where the test servers are, read from the environment."""

    model_config = SettingsConfigDict(extra="ignore")

    test_database_url: str = ""
    database_url: str = ""
    nats_url: str = DEFAULT_NATS_URL


def _data_dir(config: pytest.Config) -> Path:
    return config.rootpath / ".data" / "test"


def pytest_sessionstart(session: pytest.Session) -> None:
    """SIGTERM (a cancelled CI job, a ``kill``) ends the run as Ctrl-C does.

    By default it ends Python at once: no finalizer runs, and the run leaves its
    server processes, databases and streams behind. As an interruption, pytest
    tears every fixture down first.
    """
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"stopped by {signal.Signals(signum).name}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failing test's report shows the last output of every server process it ran against.

    The answer a test saw through the gateway rarely says why a service failed; the
    service's own log usually does.
    """
    report = yield
    if report.failed:
        for process in started_processes():
            title = f"{process.name} output, last lines ({process.log_path})"
            report.sections.append((title, process.output_tail()))
    return report


@pytest.fixture(scope="session")
def postgres_server_url(request: pytest.FixtureRequest) -> str:
    """Admin URL (``postgresql+asyncpg://.../postgres``) of the test PostgreSQL server."""
    from gridkit.devstack.servers import ensure_postgres  # only test runs need the dev stack

    env = ServerEnvironment()
    url = admin_url(env.test_database_url or env.database_url or DEFAULT_POSTGRES_URL)
    return admin_url(ensure_postgres(url, data_dir=_data_dir(request.config)))


@pytest.fixture(scope="session")
def nats_server_url(request: pytest.FixtureRequest) -> str:
    """URL of the test NATS server (JetStream enabled)."""
    from gridkit.devstack.servers import ensure_nats

    return ensure_nats(ServerEnvironment().nats_url, data_dir=_data_dir(request.config))


@pytest.fixture(scope="session")
def events_namespace() -> str:
    """This run's events namespace, e.g. ``t1a2b3c4``.

    Its streams are ``T1A2B3C4_ORG`` on ``t1a2b3c4.org.>`` and so on.
    """
    return f"t{secrets.token_hex(4)}"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def database_factory(postgres_server_url: str) -> AsyncIterator[DatabaseFactory]:
    """``await database_factory("org")`` creates a fresh database and returns its URL.

    Every database it created is dropped when the session ends.
    """
    factory = DatabaseFactory(postgres_server_url)
    try:
        yield factory
    finally:
        await factory.drop_all()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def nats_connection(nats_server_url: str) -> AsyncIterator[NATS]:
    """One NATS connection shared by the session."""
    connection = await nats.connect(nats_server_url, name="gridkit-tests", connect_timeout=5)
    try:
        yield connection
    finally:
        await connection.close()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def jetstream(
    nats_connection: NATS, events_namespace: str
) -> AsyncIterator[JetStreamContext]:
    """JetStream on the session's connection; this run's streams are deleted at the end."""
    js = nats_connection.jetstream()
    try:
        yield js
    finally:
        await delete_namespace_streams(js, events_namespace)
