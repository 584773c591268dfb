"""Handlers of org's and personnel's events: keep cases' views of grids, departments and
grid workers.

A case is reported in a grid (found from its location through the grids' boundaries), goes by
default to that grid's full-time grid worker, and may be dispatched to departments; the service
never reads org's or personnel's database. The gridkit consumer applies each event once and in
its aggregate's order, in the transaction that also writes the inbox row.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from cases.domain.places import DepartmentView, GridView, GridWorkerView
from cases.repository.places import Places
from gridkit.contracts import org, personnel
from gridkit.events import CloudEvent

DEPARTMENT_STATE_EVENTS: dict[str, type[org.DepartmentState]] = {
    model.event_type: model
    for model in (org.DepartmentCreated, org.DepartmentUpdated, org.DepartmentDissolved)
}

ASSIGNMENT_STATE_EVENTS: dict[str, type[personnel.AssignmentState]] = {
    model.event_type: model for model in (personnel.AssignmentStarted, personnel.AssignmentEnded)
}


async def apply_grid_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one grid up to date (standards, micro-positions ... change nothing)."""
    model = org.GRID_STATE_EVENTS.get(event.type)
    if model is None:
        return
    grid = model.model_validate(event.data)
    view = GridView(
        grid_id=grid.grid_id,
        code=grid.code,
        name=grid.name,
        status=grid.status,
        division_id=grid.division_id,
    )
    await Places(session).put_grid(view, boundary=grid.boundary, version=event.version or 0)


async def apply_department_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one department up to date."""
    model = DEPARTMENT_STATE_EVENTS.get(event.type)
    if model is None:
        return
    department = model.model_validate(event.data)
    view = DepartmentView(
        department_id=department.department_id,
        name=department.name,
        kind=department.kind,
        division_code=department.division_code,
        categories=tuple(department.categories),
        status=department.status,
        parent_id=department.parent_id,
    )
    await Places(session).put_department(
        view, division_id=department.division_id, version=event.version or 0
    )


async def apply_assignment_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one grid assignment up to date (started or ended)."""
    model = ASSIGNMENT_STATE_EVENTS.get(event.type)
    if model is None:
        return
    assignment = model.model_validate(event.data)
    view = GridWorkerView(
        assignment_id=assignment.assignment_id,
        grid_id=assignment.grid_id,
        person_id=assignment.person_id,
        role=assignment.role,
        starts_on=assignment.starts_on,
        ends_on=assignment.ends_on,
    )
    await Places(session).put_grid_worker(view, version=event.version or 0)
