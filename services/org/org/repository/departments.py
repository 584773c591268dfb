"""Departments (部门) that handle cases, in storage: their repository for commands and their
reads."""

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
from org.domain import Department, DepartmentNameTaken, DepartmentNotFound
from org.domain.kinds import DepartmentKind, DepartmentStatus
from org.repository.tables import DepartmentRow

ACTIVE = DepartmentStatus.ACTIVE.value


def department_from_row(row: DepartmentRow) -> Department:
    """The department stored in ``row``."""
    return Department(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        name=row.name,
        kind=DepartmentKind(row.kind),
        parent_id=row.parent_id,
        division_id=row.division_id,
        division_code=row.division_code,
        categories=tuple(row.categories),
        unit_id=row.unit_id,
        phone=row.phone,
        status=DepartmentStatus(row.status),
    )


def department_values(department: Department) -> dict[str, Any]:
    """Columns of a department besides id and version."""
    return {
        "name": department.name,
        "kind": department.kind.value,
        "parent_id": department.parent_id,
        "division_id": department.division_id,
        "division_code": department.division_code,
        "categories": list(department.categories),
        "unit_id": department.unit_id,
        "phone": department.phone,
        "status": department.status.value,
    }


def department_key(department: Department) -> list[str]:
    """The cursor key of a department in :meth:`DepartmentReads.list_departments` (by name)."""
    return [department.name, str(department.id)]


class DepartmentRepository(Repository[Department, DepartmentRow]):
    """Bureaus, subdistrict offices, sections and outside parties, for commands."""

    row_type = DepartmentRow

    def to_domain(self, row: DepartmentRow) -> Department:
        """The department stored in ``row``."""
        return department_from_row(row)

    def values(self, aggregate: Department) -> dict[str, Any]:
        """Columns of a department besides id and version."""
        return department_values(aggregate)

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """DEPARTMENT_NOT_FOUND."""
        return DepartmentNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: Department) -> DomainError | None:
        """A name another active department of the division took at the same moment:
        DEPARTMENT_NAME_TAKEN."""
        if constraint == "uq_departments_active_name":
            return DepartmentNameTaken(
                f"{aggregate.name} is already the name of an active department of division "
                f"{aggregate.division_code}",
                name=aggregate.name,
                division_code=aggregate.division_code,
            )
        return None

    async def active_named(self, division_id: UUID, name: str) -> Department | None:
        """The active department of ``division_id`` called ``name``, if any."""
        found = await self.load_where(
            select(DepartmentRow).where(
                DepartmentRow.division_id == division_id,
                DepartmentRow.name == name,
                DepartmentRow.status == ACTIVE,
            )
        )
        return found[0] if found else None

    async def sections_of(self, department_id: UUID) -> list[Department]:
        """The sections of a department, active and dissolved."""
        return await self.load_where(
            select(DepartmentRow).where(DepartmentRow.parent_id == department_id)
        )

    async def in_subtree(self, code: str) -> list[Department]:
        """Every department serving a division under ``code``, locked for re-coding."""
        inside = DepartmentRow.division_code.startswith(code, autoescape=True)
        return await self.load_where(select(DepartmentRow).where(inside), lock=True)


@dataclass(frozen=True)
class DepartmentFilter:
    """Which departments to list."""

    division_code: str | None = None
    """The division served, or one inside it (codes nest by prefix)."""
    kind: DepartmentKind | None = None
    category: str | None = None
    """A case category code the department takes."""
    status: DepartmentStatus | None = None
    parent_id: UUID | None = None


class DepartmentReads:
    """Read-only queries of departments, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def departments(self, ids: Sequence[UUID]) -> list[Department | None]:
        """Departments by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(DepartmentRow).where(DepartmentRow.id.in_(ids)))
            found = {row.id: department_from_row(row) for row in rows}
            return [found.get(i) for i in ids]

    async def sections(self, parent_ids: Sequence[UUID]) -> list[list[Department]]:
        """The sections of each department asked, by name, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(DepartmentRow)
                .where(DepartmentRow.parent_id.in_(parent_ids))
                .order_by(DepartmentRow.name, DepartmentRow.id)
            )
            by_parent: dict[UUID, list[Department]] = {}
            for row in rows:
                if row.parent_id is not None:  # always: the query asks for a parent
                    by_parent.setdefault(row.parent_id, []).append(department_from_row(row))
            return [by_parent.get(i, []) for i in parent_ids]

    async def list_departments(
        self, where: DepartmentFilter, page: PageRequest
    ) -> Page[Department]:
        """A page of departments by name."""
        async with self._sessions() as session:
            statement = select(DepartmentRow)
            if where.division_code is not None:
                statement = statement.where(
                    DepartmentRow.division_code.startswith(where.division_code, autoescape=True)
                )
            if where.kind is not None:
                statement = statement.where(DepartmentRow.kind == where.kind.value)
            if where.category is not None:
                statement = statement.where(DepartmentRow.categories.contains([where.category]))
            if where.status is not None:
                statement = statement.where(DepartmentRow.status == where.status.value)
            if where.parent_id is not None:
                statement = statement.where(DepartmentRow.parent_id == where.parent_id)
            found = await fetch_page(
                session, statement, key=[DepartmentRow.name, DepartmentRow.id], request=page
            )
            return replace(found, items=[department_from_row(row) for row in found.items])
