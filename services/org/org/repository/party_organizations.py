"""Party organisations (党组织) in storage: their repository for commands and their reads."""

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
from org.domain import (
    GridAlreadyHasPartyOrganization,
    PartyOrganization,
    PartyOrganizationNotFound,
)
from org.domain.kinds import PartyOrganizationKind
from org.repository.divisions import code_of
from org.repository.tables import DivisionRow, PartyOrganizationRow


def party_organization_from_row(row: PartyOrganizationRow) -> PartyOrganization:
    """The party organisation stored in ``row``."""
    return PartyOrganization(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        name=row.name,
        kind=PartyOrganizationKind(row.kind),
        parent_id=row.parent_id,
        grid_id=row.grid_id,
        division_id=row.division_id,
    )


def party_organization_values(organization: PartyOrganization) -> dict[str, Any]:
    """Columns of a party organisation besides id and version."""
    return {
        "name": organization.name,
        "kind": organization.kind.value,
        "parent_id": organization.parent_id,
        "grid_id": organization.grid_id,
        "division_id": organization.division_id,
    }


def party_organization_key(organization: PartyOrganization) -> list[str]:
    """The cursor key in :meth:`PartyOrganizationReads.list_party_organizations` (by name)."""
    return [organization.name, str(organization.id)]


class PartyOrganizationRepository(Repository[PartyOrganization, PartyOrganizationRow]):
    """Party committees, general branches, branches and groups, for commands."""

    row_type = PartyOrganizationRow

    def to_domain(self, row: PartyOrganizationRow) -> PartyOrganization:
        """The party organisation stored in ``row``."""
        return party_organization_from_row(row)

    def values(self, aggregate: PartyOrganization) -> dict[str, Any]:
        """Columns of a party organisation besides id and version."""
        return party_organization_values(aggregate)

    def not_found(self, aggregate_id: UUID) -> NotFound:
        """PARTY_ORGANIZATION_NOT_FOUND."""
        return PartyOrganizationNotFound.for_id(aggregate_id)

    def conflict(self, constraint: str | None, aggregate: PartyOrganization) -> DomainError | None:
        """A grid given a second organisation at the same moment: GRID_PARTY_ORGANIZATION_EXISTS."""
        if constraint == "uq_party_organizations_grid_id":
            return GridAlreadyHasPartyOrganization(
                f"Grid {aggregate.grid_id} is already served by another party organisation; "
                "a grid has one party organisation",
                grid_id=str(aggregate.grid_id),
            )
        return None

    async def serving(self, grid_id: UUID) -> PartyOrganization | None:
        """The party organisation that serves ``grid_id``, if any."""
        found = await self.load_where(
            select(PartyOrganizationRow).where(PartyOrganizationRow.grid_id == grid_id)
        )
        return found[0] if found else None

    async def ancestor_ids(self, organization_id: UUID) -> list[UUID]:
        """Ids above ``organization_id``, nearest first (the tree is a few levels deep)."""
        ids: list[UUID] = []
        current: UUID | None = organization_id
        while current is not None and current not in ids:
            parent = await self.session.scalar(
                select(PartyOrganizationRow.parent_id).where(PartyOrganizationRow.id == current)
            )
            if parent is not None:
                ids.append(parent)
            current = parent
        return ids


@dataclass(frozen=True)
class PartyOrganizationFilter:
    """Which party organisations to list."""

    within: UUID | None = None
    kind: PartyOrganizationKind | None = None
    parent_id: UUID | None = None
    name_contains: str | None = None


class PartyOrganizationReads:
    """Read-only queries of party organisations, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def party_organizations(self, ids: Sequence[UUID]) -> list[PartyOrganization | None]:
        """Party organisations by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(PartyOrganizationRow).where(PartyOrganizationRow.id.in_(ids))
            )
            found = {row.id: party_organization_from_row(row) for row in rows}
            return [found.get(i) for i in ids]

    async def list_party_organizations(
        self, where: PartyOrganizationFilter, page: PageRequest
    ) -> Page[PartyOrganization]:
        """A page of party organisations by name."""
        async with self._sessions() as session:
            statement = select(PartyOrganizationRow)
            if where.within is not None:
                code = await code_of(session, where.within)
                inside = select(DivisionRow.id).where(
                    DivisionRow.code.startswith(code, autoescape=True)
                )
                statement = statement.where(PartyOrganizationRow.division_id.in_(inside))
            if where.kind is not None:
                statement = statement.where(PartyOrganizationRow.kind == where.kind.value)
            if where.parent_id is not None:
                statement = statement.where(PartyOrganizationRow.parent_id == where.parent_id)
            if where.name_contains:
                statement = statement.where(
                    PartyOrganizationRow.name.icontains(where.name_contains, autoescape=True)
                )
            found = await fetch_page(
                session,
                statement,
                key=[PartyOrganizationRow.name, PartyOrganizationRow.id],
                request=page,
            )
            return replace(found, items=[party_organization_from_row(r) for r in found.items])
