"""Handlers for units in dedicated grids."""

from __future__ import annotations

from uuid import UUID, uuid4

from gridkit.auth import Caller
from gridkit.domain import UNCHANGED, Unchanged
from org.commands.units import RegisterUnit, UpdateUnit
from org.domain import Grid, Unit, UnitCreditCodeTaken
from org.domain.credit_code import normalize_credit_code
from org.handlers.access import require_org_admin
from org.unit_of_work import OrgUnitOfWork


async def register_unit(command: RegisterUnit, uow: OrgUnitOfWork, caller: Caller) -> Unit:
    """Register a unit; one unit per unified social credit code."""
    async with uow:
        grid = await uow.grids.get(command.grid_id, lock=True)
        require_org_admin(caller, grid.code)
        unit = Unit.register(
            id=uuid4(),
            name=command.name,
            kind=command.kind,
            credit_code=command.credit_code,
            grid=grid,
        )
        await _ensure_credit_code_free(uow, unit)
        await uow.units.add(unit)
        await uow.commit(created=unit.id)
        return unit


async def registered_unit(unit_id: UUID, uow: OrgUnitOfWork, caller: Caller) -> Unit:
    """The unit an earlier registerUnit registered, for its retry (access checked again)."""
    async with uow:
        unit = await uow.units.get(unit_id)
        grid = await uow.grids.get(unit.grid_id)
        require_org_admin(caller, grid.code)
        return unit


async def update_unit(command: UpdateUnit, uow: OrgUnitOfWork, caller: Caller) -> Unit:
    """Change some of a unit's fields."""
    async with uow:
        unit = await uow.units.get(command.unit_id)
        current_grid = await uow.grids.get(unit.grid_id, lock=True)
        require_org_admin(caller, current_grid.code)
        grid: Grid | Unchanged = UNCHANGED
        if command.grid_id is not UNCHANGED:
            new_grid = await uow.grids.get(command.grid_id, lock=True)
            require_org_admin(caller, new_grid.code)
            grid = new_grid
        unit.update(
            name=command.name, kind=command.kind, credit_code=command.credit_code, grid=grid
        )
        if command.credit_code is not UNCHANGED:
            await _ensure_credit_code_free(uow, unit)
        await uow.units.save(unit)
        await uow.commit()
        return unit


async def _ensure_credit_code_free(uow: OrgUnitOfWork, unit: Unit) -> None:
    holder = await uow.units.with_credit_code(normalize_credit_code(unit.credit_code))
    if holder is not None and holder.id != unit.id:
        raise UnitCreditCodeTaken(
            f"Credit code {unit.credit_code} is already registered to {holder.name}",
            credit_code=unit.credit_code,
            unit_id=str(holder.id),
        )
