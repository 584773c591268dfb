"""Volunteers' local views of org's grids and personnel's people.

Consumers write them from events in the consumer's transaction; commands and reads read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.db import put_view
from volunteers.domain.grids_and_people import GridView, PersonView
from volunteers.repository.tables import GridViewRow, PersonViewRow


def _grid(row: GridViewRow) -> GridView:
    return GridView(
        grid_id=row.id, code=row.code, name=row.name, status=row.status, division_id=row.division_id
    )


def _person(row: PersonViewRow) -> PersonView:
    return PersonView(
        person_id=row.id,
        name=row.name,
        national_id_masked=row.national_id_masked,
        phone_masked=row.phone_masked,
        division_code=row.division_code,
    )


class Places:
    """Read and replace the views in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def grid(self, grid_id: UUID) -> GridView | None:
        """The view of a grid, if org ever announced it."""
        row = await self._session.get(GridViewRow, grid_id)
        return _grid(row) if row else None

    async def people(self, person_ids: Iterable[UUID]) -> dict[UUID, PersonView]:
        """The views of the people named that personnel announced, by id."""
        ids = list(dict.fromkeys(person_ids))
        if not ids:
            return {}
        rows = await self._session.scalars(select(PersonViewRow).where(PersonViewRow.id.in_(ids)))
        return {row.id: _person(row) for row in rows}

    async def put_grid(self, grid: GridView, *, version: int) -> None:
        """Replace the view of one grid."""
        await put_view(
            self._session,
            GridViewRow,
            grid.grid_id,
            code=grid.code,
            name=grid.name,
            status=grid.status,
            division_id=grid.division_id,
            version=version,
        )

    async def put_person(self, person: PersonView, *, version: int) -> None:
        """Replace the view of one person."""
        await put_view(
            self._session,
            PersonViewRow,
            person.person_id,
            name=person.name,
            national_id_masked=person.national_id_masked,
            phone_masked=person.phone_masked,
            division_code=person.division_code,
            version=version,
        )
