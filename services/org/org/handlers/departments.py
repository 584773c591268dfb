"""Handlers for departments that handle cases."""

from __future__ import annotations

from uuid import UUID, uuid4

from gridkit.auth import Caller
from org.commands.departments import CreateDepartment, DissolveDepartment, UpdateDepartment
from org.domain import Department, ensure_department_name_free
from org.handlers.access import require_org_admin
from org.unit_of_work import OrgUnitOfWork


async def create_department(
    command: CreateDepartment, uow: OrgUnitOfWork, caller: Caller
) -> Department:
    """Set up a department; its name must be free among the division's active departments."""
    async with uow:
        division = await uow.divisions.get(command.division_id)
        require_org_admin(caller, division.code)
        parent = None
        if command.parent_id is not None:
            # Locked: a parent being dissolved at the same moment either waits for this
            # section and sees it, or is seen dissolved here.
            parent = await uow.departments.get(command.parent_id, lock=True)
            require_org_admin(caller, parent.division_code)
        unit = await uow.units.get(command.unit_id) if command.unit_id is not None else None
        department = Department.create(
            id=uuid4(),
            name=command.name,
            kind=command.kind,
            division=division,
            parent=parent,
            categories=command.categories,
            unit=unit,
            phone=command.phone,
        )
        await _ensure_name_free(uow, department)
        await uow.departments.add(department)
        await uow.commit(created=department.id)
        return department


async def created_department(department_id: UUID, uow: OrgUnitOfWork, caller: Caller) -> Department:
    """The department an earlier createDepartment set up, for its retry (access checked
    again)."""
    async with uow:
        department = await uow.departments.get(department_id)
        require_org_admin(caller, department.division_code)
        return department


async def update_department(
    command: UpdateDepartment, uow: OrgUnitOfWork, caller: Caller
) -> Department:
    """Rename a department, change the categories it takes or its phone."""
    async with uow:
        department = await uow.departments.get(command.department_id)
        require_org_admin(caller, department.division_code)
        changed = department.update(
            name=command.name, categories=command.categories, phone=command.phone
        )
        if "name" in changed:
            await _ensure_name_free(uow, department)
        await uow.departments.save(department)
        await uow.commit()
        return department


async def dissolve_department(
    command: DissolveDepartment, uow: OrgUnitOfWork, caller: Caller
) -> Department:
    """Dissolve a department whose sections are all dissolved."""
    async with uow:
        # Locked, as creating a section locks its parent: no section slips in meanwhile.
        department = await uow.departments.get(command.department_id, lock=True)
        require_org_admin(caller, department.division_code)
        department.dissolve(sections=await uow.departments.sections_of(department.id))
        await uow.departments.save(department)
        await uow.commit()
        return department


async def _ensure_name_free(uow: OrgUnitOfWork, department: Department) -> None:
    holder = await uow.departments.active_named(department.division_id, department.name)
    ensure_department_name_free(holder, department)
