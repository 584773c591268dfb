"""Personnel's local views of org's grids and party organisations, kept from org's events."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.db import put_view
from personnel.domain.grid_view import GridView
from personnel.domain.kinds import GridStatus
from personnel.domain.party_organization_view import PartyOrganizationView
from personnel.repository.tables import GridViewRow, PartyOrganizationViewRow


def grid_view_from_row(row: GridViewRow) -> GridView:
    """The local view of one org grid."""
    return GridView(
        grid_id=row.id,
        code=row.code,
        name=row.name,
        status=GridStatus(row.status),
        division_id=row.division_id,
    )


def party_organization_view_from_row(row: PartyOrganizationViewRow) -> PartyOrganizationView:
    """The local view of one org party organisation."""
    return PartyOrganizationView(
        party_organization_id=row.id,
        name=row.name,
        kind=row.kind,
        division_id=row.division_id,
        parent_id=row.parent_id,
        grid_id=row.grid_id,
    )


class OrgViews:
    """Read and replace the views in the caller's transaction (a command's or a consumer's)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def grid(self, grid_id: UUID) -> GridView | None:
        """The view of a grid, if org ever announced it."""
        row = await self._session.get(GridViewRow, grid_id)
        return grid_view_from_row(row) if row else None

    async def party_organization(self, organization_id: UUID) -> PartyOrganizationView | None:
        """The view of a party organisation, if org ever announced it."""
        row = await self._session.get(PartyOrganizationViewRow, organization_id)
        return party_organization_view_from_row(row) if row else None

    async def put_grid(self, grid: GridView, *, version: int) -> None:
        """Make the view of ``grid`` what org says at ``version``."""
        await put_view(
            self._session,
            GridViewRow,
            grid.grid_id,
            code=grid.code,
            name=grid.name,
            status=grid.status.value,
            division_id=grid.division_id,
            version=version,
        )

    async def put_party_organization(
        self, organization: PartyOrganizationView, *, version: int
    ) -> None:
        """Make the view of ``organization`` what org says at ``version``."""
        await put_view(
            self._session,
            PartyOrganizationViewRow,
            organization.party_organization_id,
            name=organization.name,
            kind=organization.kind,
            division_id=organization.division_id,
            parent_id=organization.parent_id,
            grid_id=organization.grid_id,
            version=version,
        )
