"""Units (驻区单位) of dedicated grids in storage: their repository for commands and their reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.errors import DomainError, NotFound
from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from gridkit.repository import Repository
from org.domain import Unit, UnitCreditCodeTaken, UnitNotFound
from org.domain.kinds import UnitKind
from org.repository.tables import UnitRow


def unit_from_row(row: UnitRow) -> Unit:
    """The unit stored in ``row``."""
    return Unit(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        name=row.name,
        kind=UnitKind(row.kind),
        credit_code=row.credit_code,
        grid_id=row.grid_id,
    )


def unit_values(unit: Unit) -> dict[str, Any]:
    """Columns of a unit besides id and version."""
    return {
        "name": unit.name,
        "kind": unit.kind.value,
        "credit_code": unit.credit_code,
        "grid_id": unit.grid_id,
    }


def unit_key(unit: Unit) -> list[str]:
    """The cursor key of a unit in :meth:`UnitReads.list_units` (by name)."""
    return [unit.name, str(unit.id)]


class UnitRepository(Repository[Unit, UnitRow]):
    """Units registered in dedicated grids, for commands."""

    row_type = UnitRow

    def to_domain(self, row: UnitRow) -> Unit:
        """The unit stored in ``row``."""
        return unit_from_row(row)

    def values(self, aggregate: Unit) -> dict[str, Any]:
        """Columns of a unit besides id and version."""
        return unit_values(aggregate)

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """UNIT_NOT_FOUND."""
        return UnitNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: Unit) -> DomainError | None:
        """A credit code registered twice at the same moment: UNIT_CREDIT_CODE_TAKEN."""
        if constraint == "uq_units_credit_code":
            return UnitCreditCodeTaken(
                f"Credit code {aggregate.credit_code} is already registered to another unit",
                credit_code=aggregate.credit_code,
            )
        return None

    async def with_credit_code(self, credit_code: str) -> Unit | None:
        """The unit registered under ``credit_code``, if any."""
        found = await self.load_where(select(UnitRow).where(UnitRow.credit_code == credit_code))
        return found[0] if found else None


@dataclass(frozen=True)
class UnitFilter:
    """Which units to list."""

    grid_id: UUID | None = None
    kind: UnitKind | None = None
    name_contains: str | None = None


class UnitReads:
    """Read-only queries of units, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def units(self, ids: Sequence[UUID]) -> list[Unit | None]:
        """Units by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(UnitRow).where(UnitRow.id.in_(ids)))
            found = {row.id: unit_from_row(row) for row in rows}
            return [found.get(i) for i in ids]

    async def list_units(self, where: UnitFilter, page: PageRequest) -> Page[Unit]:
        """A page of units by name."""
        async with self._sessions() as session:
            statement = select(UnitRow)
            if where.grid_id is not None:
                statement = statement.where(UnitRow.grid_id == where.grid_id)
            if where.kind is not None:
                statement = statement.where(UnitRow.kind == where.kind.value)
            if where.name_contains:
                statement = statement.where(
                    UnitRow.name.icontains(where.name_contains, autoescape=True)
                )
            found = await fetch_page(
                session, statement, key=[UnitRow.name, UnitRow.id], request=page
            )
            return replace(found, items=[unit_from_row(row) for row in found.items])
