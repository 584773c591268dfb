"""Cases' local views of org's grids and departments and personnel's grid assignments.

Consumers write them from events in the consumer's transaction; commands read them in theirs.
Finding the grid of a location filters by bounding box in SQL, then tests the few candidates'
polygons exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from shapely import Point
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cases.domain.places import FULL_TIME_WORKER, DepartmentView, GridView, GridWorkerView
from cases.repository.tables import DepartmentViewRow, GridViewRow, GridWorkerViewRow
from gridkit.db import put_view


def _grid(row: GridViewRow) -> GridView:
    return GridView(
        grid_id=row.id, code=row.code, name=row.name, status=row.status, division_id=row.division_id
    )


def _department(row: DepartmentViewRow) -> DepartmentView:
    return DepartmentView(
        department_id=row.id,
        name=row.name,
        kind=row.kind,
        division_code=row.division_code,
        categories=tuple(row.categories),
        status=row.status,
        parent_id=row.parent_id,
    )


def _worker(row: GridWorkerViewRow) -> GridWorkerView:
    return GridWorkerView(
        assignment_id=row.id,
        grid_id=row.grid_id,
        person_id=row.person_id,
        role=row.role,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
    )


def _bounds(boundary: dict[str, Any] | None) -> dict[str, float | None]:
    if not boundary:
        return dict.fromkeys(("min_longitude", "min_latitude", "max_longitude", "max_latitude"))
    west, south, east, north = shape(boundary).bounds
    return {
        "min_longitude": west,
        "min_latitude": south,
        "max_longitude": east,
        "max_latitude": north,
    }


class Places:
    """Read and replace the views in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def grid(self, grid_id: UUID) -> GridView | None:
        """The view of a grid, if org ever announced it."""
        row = await self._session.get(GridViewRow, grid_id)
        return _grid(row) if row else None

    async def grid_at(self, longitude: float, latitude: float) -> GridView | None:
        """The grid whose boundary holds the point: an active one (the smallest code if they
        overlap), else a retired one, so that the caller can say the grid there is retired
        rather than that there is none."""
        rows = await self._session.scalars(
            select(GridViewRow)
            .where(
                GridViewRow.min_longitude <= longitude,
                GridViewRow.max_longitude >= longitude,
                GridViewRow.min_latitude <= latitude,
                GridViewRow.max_latitude >= latitude,
            )
            .order_by(GridViewRow.status != "ACTIVE", GridViewRow.code)
        )
        point = Point(longitude, latitude)
        for row in rows:
            if row.boundary and shape(row.boundary).intersects(point):
                return _grid(row)
        return None

    async def department(self, department_id: UUID) -> DepartmentView | None:
        """The view of a department, if org ever announced it."""
        row = await self._session.get(DepartmentViewRow, department_id)
        return _department(row) if row else None

    async def departments(self, department_ids: Sequence[UUID]) -> dict[UUID, DepartmentView]:
        """The known departments among ``department_ids``, by id."""
        rows = await self._session.scalars(
            select(DepartmentViewRow).where(DepartmentViewRow.id.in_(department_ids))
        )
        return {row.id: _department(row) for row in rows}

    async def full_time_worker(self, grid_id: UUID, on: date) -> UUID | None:
        """The person who is the grid's full-time grid worker (专职网格员) on ``on``."""
        rows = await self._session.scalars(
            select(GridWorkerViewRow).where(
                GridWorkerViewRow.grid_id == grid_id, GridWorkerViewRow.role == FULL_TIME_WORKER
            )
        )
        serving = (worker for worker in map(_worker, rows) if worker.serves_on(on))
        return next((worker.person_id for worker in serving), None)

    async def put_grid(
        self, grid: GridView, *, boundary: dict[str, Any] | None, version: int
    ) -> None:
        """Make the view of ``grid`` what org says at ``version``."""
        await put_view(
            self._session,
            GridViewRow,
            grid.grid_id,
            code=grid.code,
            name=grid.name,
            status=grid.status,
            division_id=grid.division_id,
            boundary=boundary,
            version=version,
            **_bounds(boundary),
        )

    async def put_department(
        self, department: DepartmentView, *, division_id: UUID, version: int
    ) -> None:
        """Make the view of ``department`` what org says at ``version``."""
        await put_view(
            self._session,
            DepartmentViewRow,
            department.department_id,
            name=department.name,
            kind=department.kind,
            parent_id=department.parent_id,
            division_id=division_id,
            division_code=department.division_code,
            categories=list(department.categories),
            status=department.status,
            version=version,
        )

    async def put_grid_worker(self, worker: GridWorkerView, *, version: int) -> None:
        """Make the view of one grid assignment what personnel says at ``version``."""
        await put_view(
            self._session,
            GridWorkerViewRow,
            worker.assignment_id,
            grid_id=worker.grid_id,
            person_id=worker.person_id,
            role=worker.role,
            starts_on=worker.starts_on,
            ends_on=worker.ends_on,
            version=version,
        )
