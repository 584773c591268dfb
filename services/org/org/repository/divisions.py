"""The division tree (行政区划) in storage: its repository for commands and its reads."""

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
from org.domain import Division, DivisionCodeTaken, DivisionNotFound
from org.domain.levels import DivisionLevel
from org.repository.tables import DivisionRow


def division_from_row(row: DivisionRow) -> Division:
    """The division stored in ``row``."""
    return Division(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        code=row.code,
        name=row.name,
        level=DivisionLevel(row.level),
        parent_id=row.parent_id,
    )


def division_values(division: Division) -> dict[str, Any]:
    """Columns of a division besides id and version."""
    return {
        "code": division.code,
        "name": division.name,
        "level": division.level.value,
        "parent_id": division.parent_id,
    }


async def code_of(session: AsyncSession, division_id: UUID) -> str:
    """The code of a division (the prefix of its subtree), or DIVISION_NOT_FOUND."""
    code = await session.scalar(select(DivisionRow.code).where(DivisionRow.id == division_id))
    if code is None:
        raise DivisionNotFound.for_id(division_id)
    return code


def division_key(division: Division) -> list[str]:
    """The cursor key of a division in :meth:`DivisionReads.list_divisions` (code order)."""
    return [division.code]


class DivisionRepository(Repository[Division, DivisionRow]):
    """Divisions of the administrative tree, for commands."""

    row_type = DivisionRow

    def to_domain(self, row: DivisionRow) -> Division:
        """The division stored in ``row``."""
        return division_from_row(row)

    def values(self, aggregate: Division) -> dict[str, Any]:
        """Columns of a division besides id and version."""
        return division_values(aggregate)

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """DIVISION_NOT_FOUND."""
        return DivisionNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: Division) -> DomainError | None:
        """Two districts given one code at the same moment: DIVISION_CODE_TAKEN."""
        if constraint == "uq_divisions_code":
            return DivisionCodeTaken(
                f"Division code {aggregate.code} is already in use", code=aggregate.code
            )
        return None

    async def child_codes(self, parent_code: str) -> list[str]:
        """Codes already used right below ``parent_code``."""
        length = len(parent_code) + 3
        rows = await self.session.scalars(
            select(DivisionRow.code).where(
                DivisionRow.code.startswith(parent_code, autoescape=True),
                DivisionRow.code != parent_code,
            )
        )
        return [code for code in rows if len(code) == length]

    async def code_exists(self, code: str) -> bool:
        """Whether any division already has ``code``."""
        found = await self.session.scalar(select(DivisionRow.id).where(DivisionRow.code == code))
        return found is not None

    async def below(self, code: str) -> list[Division]:
        """Every division strictly inside the subtree of ``code``, locked for moving."""
        return await self.load_where(
            select(DivisionRow).where(
                DivisionRow.code.startswith(code, autoescape=True), DivisionRow.code != code
            ),
            lock=True,
        )


@dataclass(frozen=True)
class DivisionFilter:
    """Which divisions to list."""

    within: UUID | None = None
    level: DivisionLevel | None = None
    parent_id: UUID | None = None
    code_prefix: str | None = None
    name_contains: str | None = None


class DivisionReads:
    """Read-only queries of divisions, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def divisions(self, ids: Sequence[UUID]) -> list[Division | None]:
        """Divisions by id, in the order asked (None where unknown)."""
        async with self._sessions() as session:
            rows = await session.scalars(select(DivisionRow).where(DivisionRow.id.in_(ids)))
            found = {row.id: division_from_row(row) for row in rows}
            return [found.get(i) for i in ids]

    async def division_by_code(self, code: str) -> Division | None:
        """The division with ``code``."""
        async with self._sessions() as session:
            row = await session.scalar(select(DivisionRow).where(DivisionRow.code == code))
            return division_from_row(row) if row else None

    async def list_divisions(self, where: DivisionFilter, page: PageRequest) -> Page[Division]:
        """A page of divisions in code order."""
        async with self._sessions() as session:
            statement = select(DivisionRow)
            if where.within is not None:
                code = await code_of(session, where.within)
                statement = statement.where(DivisionRow.code.startswith(code, autoescape=True))
            if where.level is not None:
                statement = statement.where(DivisionRow.level == where.level.value)
            if where.parent_id is not None:
                statement = statement.where(DivisionRow.parent_id == where.parent_id)
            if where.code_prefix:
                statement = statement.where(
                    DivisionRow.code.startswith(where.code_prefix, autoescape=True)
                )
            if where.name_contains:
                statement = statement.where(
                    DivisionRow.name.icontains(where.name_contains, autoescape=True)
                )
            found = await fetch_page(session, statement, key=[DivisionRow.code], request=page)
            return replace(found, items=[division_from_row(row) for row in found.items])

    async def ancestors(self, division: Division) -> list[Division]:
        """The divisions above ``division``, from the district down."""
        prefixes = [division.code[:n] for n in (6, 9) if n < len(division.code)]
        async with self._sessions() as session:
            rows = await session.scalars(
                select(DivisionRow).where(DivisionRow.code.in_(prefixes)).order_by(DivisionRow.code)
            )
            return [division_from_row(row) for row in rows]
