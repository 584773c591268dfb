"""Alembic, shared: the body of every service's ``migrations/env.py`` and the head check.

Each service keeps its own migration scripts; how they run is written once here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from alembic import context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, pool
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from gridkit.idempotency import metadata as idempotency_metadata
from gridkit.messaging.tables import metadata as messaging_metadata


def run_env(
    service_metadata: MetaData, settings_url: str, *, extra: Sequence[MetaData] = ()
) -> None:
    """Run Alembic for a service: its own tables plus the messaging and idempotency tables.

    The URL comes from the service settings unless the caller of :func:`upgrade`
    passed one (tests migrate their own throw-away databases this way). ``extra``
    adds shared tables a service opts into, such as ``gridkit.audit.audit_metadata``.
    """
    database_url = str(context.config.attributes.get("database_url") or settings_url)
    target = [service_metadata, messaging_metadata, idempotency_metadata, *extra]
    if context.is_offline_mode():
        context.configure(url=database_url, target_metadata=target, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    def migrate(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=target, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def main() -> None:
        engine = create_async_engine(database_url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(main())


def script_directory(migrations_dir: Path) -> ScriptDirectory:
    """The service's migration scripts."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return ScriptDirectory.from_config(config)


async def at_head(engine: AsyncEngine, migrations_dir: Path) -> bool:
    """True when the database has every migration of the service applied."""
    heads = set(script_directory(migrations_dir).get_heads())

    def current(connection: Connection) -> set[str]:
        return set(MigrationContext.configure(connection).get_current_heads())

    async with engine.connect() as connection:
        return await connection.run_sync(current) == heads


def _config(alembic_ini: Path, database_url: str) -> Config:
    config = Config(str(alembic_ini))
    config.set_main_option("script_location", str(alembic_ini.parent / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(alembic_ini: Path, database_url: str) -> None:
    """Apply every migration (blocking; run it in a worker thread from async code)."""
    from alembic import command

    command.upgrade(_config(alembic_ini, database_url), "head")


def downgrade(alembic_ini: Path, database_url: str, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (blocking)."""
    from alembic import command

    command.downgrade(_config(alembic_ini, database_url), revision)


def check(alembic_ini: Path, database_url: str) -> None:
    """Raise unless the migrated database matches the service's models (``alembic check``)."""
    from alembic import command

    command.check(_config(alembic_ini, database_url))
