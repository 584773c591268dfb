"""Get the stack's backing services ready: servers, one database per service, migrations.

``DATABASE_URL`` names the PostgreSQL *server* (its database part is ignored);
each service gets its own database on it. When nothing answers at the
configured URLs, embedded servers are started under ``.data/`` and reused by
later runs (``make clean`` stops them).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import asyncpg
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

from gridkit.devstack import ensure_nats, ensure_postgres
from infra.dev.components import GATEWAY, ROOT, Component
from infra.dev.supervisor import process_env

DATA_DIR = ROOT / ".data"

Say = Callable[[str], None]


class DevSettings(BaseSettings):
    """Where the dev stack looks for PostgreSQL and NATS first."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    nats_url: str = "nats://127.0.0.1:4222"


class SetupError(RuntimeError):
    """The stack cannot be prepared; the message says why."""


@dataclass(frozen=True)
class Stack:
    """The servers the stack runs on, and the environment each process gets."""

    server_url: str
    nats_url: str

    def database_url(self, database: str) -> str:
        """URL of one database on the server, for SQLAlchemy with asyncpg."""
        url = make_url(self.server_url).set(drivername="postgresql+asyncpg", database=database)
        return url.render_as_string(hide_password=False)

    def env_for(self, component: Component) -> dict[str, str]:
        """Variables one service reads (its prefixed settings, and the shared ones)."""
        env = {"NATS_URL": self.nats_url, f"{component.env_prefix}PORT": str(component.port)}
        if component.database is not None:
            env[f"{component.env_prefix}DATABASE_URL"] = self.database_url(component.database)
        return env

    def env_for_all(self, components: Iterable[Component]) -> dict[str, str]:
        """Variables for a tool that talks to every service's database (seed, bench)."""
        env = {"DATABASE_URL": self.server_url}
        for component in components:
            env.update(self.env_for(component))
        return env

    def gateway_env(self, subgraphs: Iterable[Component]) -> dict[str, str]:
        """Variables of the gateway: which subgraphs to compose, as a JSON object."""
        urls = {subgraph.name: subgraph.url("/graphql") for subgraph in subgraphs}
        return {**self.env_for(GATEWAY), "GATEWAY_SUBGRAPHS": json.dumps(urls)}


def ensure_servers(settings: DevSettings, *, say: Say) -> Stack:
    """The configured servers when they answer, else embedded ones under ``.data/``."""
    server_url = ensure_postgres(settings.database_url, data_dir=DATA_DIR)
    nats_url = ensure_nats(settings.nats_url, data_dir=DATA_DIR)
    say(f"PostgreSQL {_describe(server_url, settings.database_url)}")
    say(f"NATS       {_describe(nats_url, settings.nats_url)}")
    return Stack(server_url=server_url, nats_url=nats_url)


async def create_databases(stack: Stack, components: Iterable[Component], *, say: Say) -> None:
    """Create each component's database unless it exists."""
    admin_url = make_url(stack.server_url).set(drivername="postgresql", database="postgres")
    connection = await asyncpg.connect(admin_url.render_as_string(hide_password=False))
    try:
        for component in components:
            name = component.database
            if name is None:
                continue
            if await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                continue
            try:
                # Identifiers cannot be bound as parameters; the names come from our own table.
                await connection.execute(f'CREATE DATABASE "{name}"')
            except asyncpg.DuplicateDatabaseError:
                continue  # created meanwhile by another run
            say(f"created database {name}")
    finally:
        await connection.close()


async def migrate(stack: Stack, component: Component, *, say: Say) -> None:
    """Bring the component's database to the newest Alembic revision."""
    ini = component.alembic_ini
    if not (ROOT / ini).is_file():
        say(f"{component.name}: no {ini} yet, no migrations to run")
        return
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "head",
        cwd=ROOT,
        env=process_env(stack.env_for(component)),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    if process.returncode != 0:
        raise SetupError(
            f"{component.name}: migrations failed ({process.returncode}):\n"
            + output.decode(errors="replace")
        )
    say(f"{component.name}: migrations at head")


async def prepare(settings: DevSettings, services: list[Component], *, say: Say) -> Stack:
    """Servers answering, each service's database created and migrated to head."""
    stack = await asyncio.to_thread(ensure_servers, settings, say=say)
    await create_databases(stack, services, say=say)
    for service in services:
        await migrate(stack, service, say=say)
    return stack


def _shown(url: str) -> str:
    """A URL for the terminal: any password hidden."""
    if url.startswith("postgres"):
        return make_url(url).render_as_string(hide_password=True)
    return url


def _describe(used: str, configured: str) -> str:
    if used == configured:
        return f"at {_shown(used)}"
    return f"embedded at {_shown(used)} (none answers at {_shown(configured)})"
