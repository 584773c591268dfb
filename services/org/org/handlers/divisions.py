"""Handlers for the division tree."""

from __future__ import annotations

from uuid import UUID, uuid4

from gridkit.auth import Caller
from org.commands.divisions import CreateDivision, MoveDivision, RenameDivision
from org.domain import Division, DivisionCodeTaken
from org.domain.subtree import move_division
from org.handlers.access import require_org_admin
from org.unit_of_work import OrgUnitOfWork


async def create_division(command: CreateDivision, uow: OrgUnitOfWork, caller: Caller) -> Division:
    """Add a division under its parent (a district needs no parent)."""
    async with uow:
        parent = None
        if command.parent_id is not None:
            parent = await uow.divisions.get(command.parent_id, lock=True)
        require_org_admin(caller, parent.code if parent else (command.code or ""))
        taken = await uow.divisions.child_codes(parent.code) if parent else []
        division = Division.create(
            id=uuid4(),
            name=command.name,
            level=command.level,
            parent=parent,
            code=command.code,
            taken_codes=taken,
        )
        if parent is None and await uow.divisions.code_exists(division.code):
            raise DivisionCodeTaken(
                f"A division with code {division.code} already exists", code=division.code
            )
        await uow.divisions.add(division)
        await uow.commit(created=division.id)
        return division


async def created_division(division_id: UUID, uow: OrgUnitOfWork, caller: Caller) -> Division:
    """The division an earlier createDivision made, for its retry (access checked again)."""
    async with uow:
        division = await uow.divisions.get(division_id)
        require_org_admin(caller, division.code)
        return division


async def rename_division(command: RenameDivision, uow: OrgUnitOfWork, caller: Caller) -> Division:
    """Give a division a new name."""
    async with uow:
        division = await uow.divisions.get(command.division_id, lock=True)
        require_org_admin(caller, division.code)
        division.rename(command.name)
        await uow.divisions.save(division)
        await uow.commit()
        return division


async def move_division_to(command: MoveDivision, uow: OrgUnitOfWork, caller: Caller) -> Division:
    """Move a division under a new parent; its subtree, grids and departments take the new
    code."""
    async with uow:
        division = await uow.divisions.get(command.division_id, lock=True)
        new_parent = await uow.divisions.get(command.new_parent_id, lock=True)
        require_org_admin(caller, division.code)
        require_org_admin(caller, new_parent.code)
        descendants = await uow.divisions.below(division.code)
        grids = await uow.grids.in_subtree(division.code)
        departments = await uow.departments.in_subtree(division.code)
        move_division(
            division,
            new_parent,
            descendants=descendants,
            grids=grids,
            departments=departments,
            code=command.code,
            taken_codes=await uow.divisions.child_codes(new_parent.code),
        )
        await uow.divisions.save(division, *descendants)
        await uow.grids.save(*grids)
        await uow.departments.save(*departments)
        await uow.commit()
        return division
