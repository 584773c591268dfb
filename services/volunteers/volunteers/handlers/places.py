"""Handlers of org's and personnel's events: keep volunteers' views, and give every grid its
volunteer team.

Every grid has a volunteer team (党建引领网格化建设基本标准): the first event of a grid the
service sees makes its team, whether it says the grid was created or updated (a grid that
existed before the service started reading org's stream gets its team too), and later events
keep the team's name in step with the grid. The gridkit consumer applies each event once and in
its aggregate's order, in the transaction that also writes the inbox row; the unique index on a
grid's team holds "one per grid" even so.
"""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.contracts import org, personnel
from gridkit.events import CloudEvent
from volunteers.domain.grids_and_people import GridView, PersonView
from volunteers.domain.team import VolunteerTeam
from volunteers.repository.places import Places
from volunteers.unit_of_work import VolunteersUnitOfWork

PERSON_STATE_EVENTS: dict[str, type[personnel.PersonState]] = {
    model.event_type: model for model in (personnel.PersonRegistered, personnel.PersonUpdated)
}


async def apply_grid_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one grid up to date, and its team: made once, then following it."""
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
    await Places(session).put_grid(view, version=event.version or 0)
    async with VolunteersUnitOfWork(session) as uow:
        team = await uow.teams.of_grid(grid.grid_id, lock=True)
        if team is None:
            team = VolunteerTeam.for_grid(
                id=uuid4(),
                grid_id=grid.grid_id,
                grid_code=grid.code,
                grid_name=grid.name,
                at=event.time,
            )
            await uow.teams.add(team)
        else:
            team.follow_grid(grid_code=grid.code, grid_name=grid.name, at=event.time)
            await uow.teams.save(team)
        await uow.commit()


async def apply_person_event(session: AsyncSession, event: CloudEvent) -> None:
    """Bring the view of one person up to date (their name and masked numbers)."""
    model = PERSON_STATE_EVENTS.get(event.type)
    if model is None:
        return
    person = model.model_validate(event.data)
    view = PersonView(
        person_id=person.person_id,
        name=person.name,
        national_id_masked=person.national_id_masked,
        phone_masked=person.phone_masked,
        division_code=person.division_code,
    )
    await Places(session).put_person(view, version=event.version or 0)
