"""The personnel service's view of grids, kept from org's ``org.grid.*`` events.

Assignments need to know whether a grid exists and is active; the service
never reads org's database, so it keeps the few facts it needs, applied once
per event and in each grid's order by the gridkit consumer.
"""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.contracts import org as contracts
from gridkit.events import CloudEvent
from gridkit.web.workers import Subscription
from personnel.repository.tables import GridViewRow

GRID_STATE_EVENTS: dict[str, type[contracts.GridState]] = {
    contracts.GridCreated.event_type: contracts.GridCreated,
    contracts.GridUpdated.event_type: contracts.GridUpdated,
    contracts.GridRetired.event_type: contracts.GridRetired,
}


async def apply_grid_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the local view of one grid up to date (other grid events change nothing here)."""
    model = GRID_STATE_EVENTS.get(event.type)
    if model is None:
        return  # standards, micro-positions ...: not personnel's concern
    grid = model.model_validate(event.data)
    values = {
        "code": grid.code,
        "name": grid.name,
        "status": grid.status,
        "division_id": grid.division_id,
        "version": event.version or 0,
    }
    statement = insert(GridViewRow).values(id=grid.grid_id, **values)
    await session.execute(
        statement.on_conflict_do_update(index_elements=[GridViewRow.id], set_=values)
    )


GRID_SUBSCRIPTION = Subscription(
    name="personnel-org-grids",
    source_service="org",
    filter_subject="org.grid.>",
    handler=apply_grid_event,
)
"""Every event of every grid, in order (the filter takes all of the grid aggregate's events)."""
