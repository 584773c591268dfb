"""The project's own services, served on free local ports, behind the gateway."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from gateway.composition import SubgraphSource, compose
from gateway.service import Gateway
from gateway.supergraph.parse import parse_supergraph
from gridkit.auth import issue_dev_token
from gridkit.migrations import upgrade
from gridkit.testing.database import DatabaseFactory
from gridkit.testing.serving import ServedApps
from org.config import OrgSettings
from org.app import build_app
from personnel.config import PersonnelSettings
from personnel.app import build_app as build_personnel_app

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def e2e_namespace(events_namespace: str, jetstream: object) -> str:
    """Streams of their own: only these services' events flow between them.

    Depending on ``jetstream`` makes the plugin delete these streams at the end too.
    """
    return f"{events_namespace}_e2e"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def org_settings(
    database_factory: DatabaseFactory, nats_server_url: str, e2e_namespace: str
) -> OrgSettings:
    """The org service on a fresh database of its own."""
    url = await database_factory("e2e_org")
    await asyncio.to_thread(upgrade, ROOT / "services" / "org" / "alembic.ini", url)
    return OrgSettings(
        env="test", database_url=url, nats_url=nats_server_url, events_namespace=e2e_namespace
    )


@pytest.fixture(scope="session")
def org_url(org_settings: OrgSettings) -> Iterator[str]:
    """Where the org subgraph answers."""
    with ServedApps({"org": build_app(org_settings)}) as served:
        yield served.urls["org"]


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def personnel_settings(
    database_factory: DatabaseFactory, nats_server_url: str, e2e_namespace: str
) -> PersonnelSettings:
    """The personnel service on a fresh database of its own, hearing org's events."""
    url = await database_factory("e2e_personnel")
    await asyncio.to_thread(upgrade, ROOT / "services" / "personnel" / "alembic.ini", url)
    return PersonnelSettings(
        env="test", database_url=url, nats_url=nats_server_url, events_namespace=e2e_namespace
    )


@pytest.fixture(scope="session")
def personnel_url(personnel_settings: PersonnelSettings) -> Iterator[str]:
    """Where the personnel subgraph answers."""
    with ServedApps({"personnel": build_personnel_app(personnel_settings)}) as served:
        yield served.urls["personnel"]


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def subgraph_sdls(org_url: str, personnel_url: str) -> dict[str, tuple[str, str]]:
    """Each subgraph's name, URL and SDL, as the gateway fetches them."""
    found: dict[str, tuple[str, str]] = {}
    async with httpx.AsyncClient() as http:
        for name, url in (("org", org_url), ("personnel", personnel_url)):
            answer = await http.post(url, json={"query": "{ _service { sdl } }"})
            found[name] = (url, answer.json()["data"]["_service"]["sdl"])
    return found


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def gateway(subgraph_sdls: dict[str, tuple[str, str]]) -> AsyncIterator[Gateway]:
    """The gateway over the project's subgraphs, composed in Python from their SDL."""
    sources = [
        SubgraphSource(name=name, url=url, sdl=sdl) for name, (url, sdl) in subgraph_sdls.items()
    ]
    served = Gateway(parse_supergraph(compose(sources)))
    yield served
    await served.close()


@pytest.fixture(scope="session")
def admin_headers(org_settings: OrgSettings) -> dict[str, str]:
    """Headers of a district-wide admin (the gateway forwards the token)."""
    token = issue_dev_token(org_settings, subject="e2e", name="E2E", roles=["ADMIN"])
    return {"authorization": f"Bearer {token}"}
