"""Throwaway databases for a test session, and clean tables for each test."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import MetaData, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

ADMIN_DATABASE = "postgres"


def admin_url(url: str) -> str:
    """The asyncpg URL of the server's ``postgres`` database, from any URL of that server."""
    parsed = make_url(url).set(drivername="postgresql+asyncpg", database=ADMIN_DATABASE)
    return parsed.render_as_string(hide_password=False)


def database_url(url: str, database: str) -> str:
    """``url`` pointed at ``database`` on the same server."""
    return make_url(url).set(database=database).render_as_string(hide_password=False)


class DatabaseFactory:
    """Creates uniquely named databases on one server and drops them all at the end.

    Names carry ``prefix`` and a random part, so parallel runs and a live
    stack on the same server never meet.
    """

    def __init__(self, server_url: str, *, prefix: str = "gridkit_test") -> None:
        self.server_url = admin_url(server_url)
        self.prefix = prefix
        self.created: list[str] = []

    async def __call__(self, label: str = "db") -> str:
        """Create a fresh database and return its ``postgresql+asyncpg`` URL."""
        name = f"{self.prefix}_{label}_{secrets.token_hex(4)}".lower()[:63]
        await self._execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return database_url(self.server_url, name)

    async def drop_all(self) -> None:
        """Drop every database this factory created, even with connections still open."""
        while self.created:
            name = self.created.pop()
            await self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    async def _execute(self, statement: str) -> None:
        # CREATE/DROP DATABASE refuse to run inside a transaction block.
        engine = create_async_engine(
            self.server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        try:
            async with engine.connect() as conn:
                await conn.execute(text(statement))
        finally:
            await engine.dispose()


async def truncate_all(engine: AsyncEngine, metadata: MetaData | Iterable[MetaData]) -> None:
    """Empty every table of ``metadata`` (one or several) and restart their identities."""
    collections = [metadata] if isinstance(metadata, MetaData) else list(metadata)
    tables = [table for collection in collections for table in collection.sorted_tables]
    if not tables:
        return
    quote = engine.dialect.identifier_preparer.format_table
    names = ", ".join(quote(table) for table in tables)
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
