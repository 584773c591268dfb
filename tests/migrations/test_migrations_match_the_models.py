"""Every service's migrations build exactly the tables its models describe, and undo them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from gridkit.migrations import check, downgrade, upgrade
from gridkit.testing.database import DatabaseFactory

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted(path.parent.name for path in ROOT.glob("services/*/alembic.ini"))


def test_every_service_has_migrations() -> None:
    assert {"org", "personnel"} <= set(SERVICES)


@pytest.mark.parametrize("service", SERVICES)
async def test_migrations_leave_nothing_for_autogenerate(
    service: str, database_factory: DatabaseFactory
) -> None:
    alembic_ini = ROOT / "services" / service / "alembic.ini"
    url = await database_factory(f"migrations_{service}")
    await asyncio.to_thread(upgrade, alembic_ini, url)

    await asyncio.to_thread(check, alembic_ini, url)  # raises when a model has no migration

    await asyncio.to_thread(downgrade, alembic_ini, url)
    await asyncio.to_thread(upgrade, alembic_ini, url)  # every step can be undone and redone
