"""Handlers for grid teams ("1+1+1+N")."""

from __future__ import annotations

from uuid import uuid4

from gridkit.auth import Caller
from personnel.commands.teams import AssignToGrid, EndAssignment
from personnel.domain.assignment import GridAssignment
from personnel.domain.errors import GridNotFound
from personnel.handlers.access import require_personnel_admin
from personnel.unit_of_work import PersonnelUnitOfWork


async def assign_to_grid(
    command: AssignToGrid, uow: PersonnelUnitOfWork, caller: Caller
) -> GridAssignment:
    """Give a person a role on a grid, within the team rules."""
    async with uow:
        grid = await uow.org_views.grid(command.grid_id)
        if grid is None:
            raise GridNotFound.for_id(command.grid_id)
        require_personnel_admin(caller, grid.code)
        person = await uow.people.get(command.person_id)
        team = await uow.assignments.of_grid(command.grid_id)  # locked: one holder per role
        membership = await uow.memberships.of_person(person.id)
        assignment = GridAssignment.start(
            id=uuid4(),
            person_id=person.id,
            role=command.role,
            grid_id=command.grid_id,
            grid=grid,
            starts_on=command.starts_on,
            team=team,
            membership_status=membership.status if membership else None,
            names={
                **await uow.people.names(a.person_id for a in team),
                person.id: person.name,
            },
        )
        await uow.assignments.add(assignment)
        await uow.commit(created=assignment.id)
        return assignment


async def end_assignment(
    command: EndAssignment, uow: PersonnelUnitOfWork, caller: Caller
) -> GridAssignment:
    """End a person's role on a grid."""
    async with uow:
        assignment = await uow.assignments.get(command.assignment_id)
        grid = await uow.org_views.grid(assignment.grid_id)
        require_personnel_admin(caller, grid.code if grid else None)
        assignment.end(on=command.on, reason=command.reason)
        await uow.assignments.save(assignment)
        await uow.commit()
        return assignment
