"""Handlers for grids, their standards checklist, micro-positions and proxy-service list.

Every change locks the grid's row for its transaction: its parts are rewritten
with it, so two changes to one grid run one after the other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar
from uuid import UUID, uuid4

from gridkit.auth import Caller
from org.commands.grids import (
    AddMicroPosition,
    AddProxyServiceItem,
    ConfirmStandard,
    CreateGrid,
    RemoveMicroPosition,
    RemoveProxyServiceItem,
    RetireGrid,
    UpdateGrid,
    UpdateMicroPosition,
    UpdateProxyServiceItem,
)
from org.domain import Grid
from org.domain.grid_services import MicroPosition, ProxyServiceItem
from org.domain.standards import StandardConfirmation
from org.handlers.access import require_org_admin
from org.unit_of_work import OrgUnitOfWork

T = TypeVar("T")


async def create_grid(command: CreateGrid, uow: OrgUnitOfWork, caller: Caller) -> Grid:
    """Draw a grid in a community or village; the service assigns its 15-digit code."""
    async with uow:
        # The lock on the community serialises code allocation within it.
        community = await uow.divisions.get(command.division_id, lock=True)
        require_org_admin(caller, community.code)
        grid = Grid.create(
            id=uuid4(),
            name=command.name,
            kind=command.kind,
            division=community,
            dedicated_to=command.dedicated_to,
            taken_codes=await uow.grids.codes_in(community.code),
            boundary=command.boundary,
            households=command.households,
            residents=command.residents,
        )
        await uow.grids.add(grid)
        await uow.commit(created=grid.id)
        return grid


async def created_grid(grid_id: UUID, uow: OrgUnitOfWork, caller: Caller) -> Grid:
    """The grid an earlier createGrid made, for its retry (access checked again)."""
    async with uow:
        return await _administered_grid(uow, caller, grid_id)


async def update_grid(command: UpdateGrid, uow: OrgUnitOfWork, caller: Caller) -> Grid:
    """Change some of a grid's fields; an update that changes nothing publishes nothing."""
    async with uow:
        grid = await _administered_grid(uow, caller, command.grid_id, lock=True)
        grid.update(
            name=command.name,
            kind=command.kind,
            dedicated_to=command.dedicated_to,
            boundary=command.boundary,
            households=command.households,
            residents=command.residents,
        )
        await uow.grids.save(grid)
        await uow.commit()
        return grid


async def retire_grid(command: RetireGrid, uow: OrgUnitOfWork, caller: Caller) -> Grid:
    """Take a grid out of service for good."""
    async with uow:
        grid = await _administered_grid(uow, caller, command.grid_id, lock=True)
        grid.retire(command.reason)
        await uow.grids.save(grid)
        await uow.commit()
        return grid


async def confirm_standard(
    command: ConfirmStandard, uow: OrgUnitOfWork, caller: Caller
) -> StandardConfirmation:
    """Confirm one checklist item; the caller is recorded as who confirmed it."""
    return await _change_grid(
        uow,
        caller,
        command.grid_id,
        lambda grid: grid.confirm_standard(
            command.item,
            command.status,
            evidence=command.evidence,
            confirmed_by=caller.name or caller.subject or "unknown",
            at=datetime.now(UTC),
        ),
    )


async def add_micro_position(
    command: AddMicroPosition, uow: OrgUnitOfWork, caller: Caller
) -> MicroPosition:
    """Open a micro-position in a grid."""
    async with uow:
        grid = await _administered_grid(uow, caller, command.grid_id, lock=True)
        position = grid.add_micro_position(
            id=uuid4(),
            name=command.name,
            address=command.address,
            opening_hours=command.opening_hours,
        )
        await uow.grids.save(grid)
        await uow.commit(created=position.id)
        return position


async def added_micro_position(
    grid_id: UUID, micro_position_id: UUID, uow: OrgUnitOfWork, caller: Caller
) -> MicroPosition:
    """The micro-position an earlier addMicroPosition opened, for its retry (access checked)."""
    async with uow:
        grid = await _administered_grid(uow, caller, grid_id)
        return grid.micro_position(micro_position_id)


async def update_micro_position(
    command: UpdateMicroPosition, uow: OrgUnitOfWork, caller: Caller
) -> MicroPosition:
    """Change a micro-position."""
    return await _change_grid(
        uow,
        caller,
        command.grid_id,
        lambda grid: grid.update_micro_position(
            command.micro_position_id,
            name=command.name,
            address=command.address,
            opening_hours=command.opening_hours,
        ),
    )


async def remove_micro_position(
    command: RemoveMicroPosition, uow: OrgUnitOfWork, caller: Caller
) -> MicroPosition:
    """Close a micro-position."""
    return await _change_grid(
        uow,
        caller,
        command.grid_id,
        lambda grid: grid.remove_micro_position(command.micro_position_id),
    )


async def add_proxy_service_item(
    command: AddProxyServiceItem, uow: OrgUnitOfWork, caller: Caller
) -> ProxyServiceItem:
    """Add an item to a grid's proxy-service list."""
    async with uow:
        grid = await _administered_grid(uow, caller, command.grid_id, lock=True)
        item = grid.add_proxy_service_item(
            id=uuid4(),
            name=command.name,
            description=command.description,
            responsible_department=command.responsible_department,
            time_limit_working_days=command.time_limit_working_days,
        )
        await uow.grids.save(grid)
        await uow.commit(created=item.id)
        return item


async def added_proxy_service_item(
    grid_id: UUID, item_id: UUID, uow: OrgUnitOfWork, caller: Caller
) -> ProxyServiceItem:
    """The item an earlier addProxyServiceItem added, for its retry (access checked again)."""
    async with uow:
        grid = await _administered_grid(uow, caller, grid_id)
        return grid.proxy_service_item(item_id)


async def update_proxy_service_item(
    command: UpdateProxyServiceItem, uow: OrgUnitOfWork, caller: Caller
) -> ProxyServiceItem:
    """Change an item of a grid's proxy-service list."""
    return await _change_grid(
        uow,
        caller,
        command.grid_id,
        lambda grid: grid.update_proxy_service_item(
            command.item_id,
            name=command.name,
            description=command.description,
            responsible_department=command.responsible_department,
            time_limit_working_days=command.time_limit_working_days,
        ),
    )


async def remove_proxy_service_item(
    command: RemoveProxyServiceItem, uow: OrgUnitOfWork, caller: Caller
) -> ProxyServiceItem:
    """Take an item off a grid's proxy-service list."""
    return await _change_grid(
        uow, caller, command.grid_id, lambda grid: grid.remove_proxy_service_item(command.item_id)
    )


async def _change_grid(
    uow: OrgUnitOfWork, caller: Caller, grid_id: UUID, change: Callable[[Grid], T]
) -> T:
    """Load a grid for the caller, apply ``change`` and commit it with its events."""
    async with uow:
        grid = await _administered_grid(uow, caller, grid_id, lock=True)
        result = change(grid)
        await uow.grids.save(grid)
        await uow.commit()
        return result


async def _administered_grid(
    uow: OrgUnitOfWork, caller: Caller, grid_id: UUID, *, lock: bool = False
) -> Grid:
    """The grid, once the caller is found to administer it (locked for a change when ``lock``)."""
    grid = await uow.grids.get(grid_id, lock=lock)
    require_org_admin(caller, grid.code)
    return grid
