"""The project's services and the gateway, each a real process on a free local port.

Tests query the gateway over HTTP with a bearer token, as a frontend does; the
services hear each other's events through the real NATS. Every process is started
once per session (start-up is most of the suite's time) on a fresh database and
this run's own streams, so a live stack on the same machine (``make up`` on ports
4000-4004) is never touched.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from pydantic import SecretStr

from cases.config import CasesSettings
from cases.handlers.catalogue import load_standard_catalogue
from cases.unit_of_work import CasesUnitOfWork
from gateway.config import GatewaySettings
from gridkit.auth import issue_dev_token
from gridkit.db import create_engine, create_session_factory
from gridkit.migrations import upgrade
from gridkit.pii import PiiProtector
from gridkit.settings import DEV_ONLY_JWT_SECRET
from gridkit.testing import (
    DatabaseFactory,
    ServiceProcess,
    gateway_process,
    service_process,
    start_all,
    stop_all,
)
from org.config import OrgSettings
from personnel.config import PersonnelSettings
from volunteers.config import VolunteersSettings

ROOT = Path(__file__).resolve().parents[2]

# A subgraph request may wait on a database under load; a frontend would wait as long.
REQUEST_TIMEOUT_SECONDS = 30.0


@pytest.fixture(scope="session")
def e2e_namespace(events_namespace: str, jetstream: object) -> str:
    """Streams of their own: only these services' events flow between them.

    Depending on ``jetstream`` makes the plugin delete these streams at the end too.
    """
    return f"{events_namespace}_e2e"


@pytest.fixture(scope="session")
def shared_settings(nats_server_url: str, e2e_namespace: str) -> dict[str, Any]:
    """What every process of the run agrees on.

    One JWT secret, pinned here rather than taken from the developer's shell, so
    the gateway and both services verify the same token the tests sign.
    """
    return {
        "env": "test",
        "nats_url": nats_server_url,
        "events_namespace": e2e_namespace,
        "jwt_secret": SecretStr(DEV_ONLY_JWT_SECRET),
        "jwt_jwks_url": "",
    }


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def org_settings(
    database_factory: DatabaseFactory, shared_settings: dict[str, Any]
) -> OrgSettings:
    """The org service on a fresh database of its own."""
    url = await database_factory("e2e_org")
    await asyncio.to_thread(upgrade, ROOT / "services" / "org" / "alembic.ini", url)
    return OrgSettings(database_url=url, **shared_settings)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def personnel_settings(
    database_factory: DatabaseFactory, shared_settings: dict[str, Any]
) -> PersonnelSettings:
    """The personnel service on a fresh database of its own, hearing org's events."""
    url = await database_factory("e2e_personnel")
    await asyncio.to_thread(upgrade, ROOT / "services" / "personnel" / "alembic.ini", url)
    return PersonnelSettings(database_url=url, **shared_settings)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def cases_settings(
    database_factory: DatabaseFactory,
    shared_settings: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> CasesSettings:
    """The cases service on a fresh database of its own with the standard catalogue, hearing
    org's grids and departments and personnel's grid assignments."""
    url = await database_factory("e2e_cases")
    await asyncio.to_thread(upgrade, ROOT / "services" / "cases" / "alembic.ini", url)
    settings = CasesSettings(
        database_url=url, blob_dir=str(tmp_path_factory.mktemp("e2e-blobs")), **shared_settings
    )
    engine = create_engine(url, pool_size=1)
    try:
        await load_standard_catalogue(
            CasesUnitOfWork(create_session_factory(engine), PiiProtector.from_settings(settings))
        )
    finally:
        await engine.dispose()
    return settings


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def volunteers_settings(
    database_factory: DatabaseFactory, shared_settings: dict[str, Any]
) -> VolunteersSettings:
    """The volunteers service on a fresh database of its own, hearing org's grids and
    personnel's people."""
    url = await database_factory("e2e_volunteers")
    await asyncio.to_thread(upgrade, ROOT / "services" / "volunteers" / "alembic.ini", url)
    return VolunteersSettings(database_url=url, **shared_settings)


@pytest.fixture(scope="session")
def gateway_settings(shared_settings: dict[str, Any]) -> GatewaySettings:
    """The gateway's own settings: the same secret, so it verifies the tests' tokens."""
    return GatewaySettings(**shared_settings)


@pytest.fixture(scope="session")
def process_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where each process's output goes (a failing test's report shows the last lines)."""
    return tmp_path_factory.mktemp("processes")


@pytest.fixture(scope="session")
def subgraph_services(
    org_settings: OrgSettings,
    personnel_settings: PersonnelSettings,
    cases_settings: CasesSettings,
    volunteers_settings: VolunteersSettings,
    process_logs: Path,
) -> Iterator[dict[str, ServiceProcess]]:
    """org, personnel, cases and volunteers under uvicorn, started side by side, by subgraph
    name."""
    services = {
        "org": service_process("org.app:app", settings=org_settings, log_dir=process_logs),
        "personnel": service_process(
            "personnel.app:app", settings=personnel_settings, log_dir=process_logs
        ),
        "cases": service_process("cases.app:app", settings=cases_settings, log_dir=process_logs),
        "volunteers": service_process(
            "volunteers.app:app", settings=volunteers_settings, log_dir=process_logs
        ),
    }
    start_all(services.values())
    try:
        yield services
    finally:
        stop_all(services.values())


@pytest.fixture(scope="session")
def org_service(subgraph_services: dict[str, ServiceProcess]) -> ServiceProcess:
    """The org process: ``kill()`` and ``start()`` it to test a crash (same port, same data)."""
    return subgraph_services["org"]


@pytest.fixture(scope="session")
def personnel_service(subgraph_services: dict[str, ServiceProcess]) -> ServiceProcess:
    """The personnel process."""
    return subgraph_services["personnel"]


@pytest.fixture(scope="session")
def gateway_service(
    subgraph_services: dict[str, ServiceProcess],
    gateway_settings: GatewaySettings,
    process_logs: Path,
) -> Iterator[ServiceProcess]:
    """The gateway process, composing the running subgraphs at its start."""
    urls = {name: service.graphql_url for name, service in subgraph_services.items()}
    with gateway_process(urls, settings=gateway_settings, log_dir=process_logs) as gateway:
        yield gateway


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def gateway(gateway_service: ServiceProcess) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client bound to the gateway: ``await gateway.post("/graphql", json=...)``."""
    async with httpx.AsyncClient(
        base_url=gateway_service.base_url, timeout=REQUEST_TIMEOUT_SECONDS
    ) as client:
        yield client


@pytest.fixture(scope="session")
def subgraph_sdls(subgraph_services: dict[str, ServiceProcess]) -> dict[str, tuple[str, str]]:
    """Each subgraph's name, URL and SDL, as the gateway fetches them."""
    found: dict[str, tuple[str, str]] = {}
    with httpx.Client(timeout=REQUEST_TIMEOUT_SECONDS) as http:
        for name, service in subgraph_services.items():
            answer = http.post(service.graphql_url, json={"query": "{ _service { sdl } }"})
            found[name] = (service.graphql_url, answer.json()["data"]["_service"]["sdl"])
    return found


@pytest.fixture(scope="session")
def admin_headers(gateway_settings: GatewaySettings) -> dict[str, str]:
    """Headers of a district-wide admin (the gateway verifies and forwards the token)."""
    token = issue_dev_token(gateway_settings, subject="e2e", name="E2E", roles=["ADMIN"])
    return {"authorization": f"Bearer {token}"}
