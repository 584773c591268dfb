"""Handlers for party organisations."""

from __future__ import annotations

from uuid import UUID, uuid4

from gridkit.auth import Caller
from gridkit.domain import UNCHANGED, Unchanged
from org.commands.party_organizations import CreatePartyOrganization, UpdatePartyOrganization
from org.domain import Grid, PartyOrganization
from org.domain.party_organization import ensure_grid_has_no_party_organization
from org.handlers.access import require_org_admin
from org.unit_of_work import OrgUnitOfWork


async def create_party_organization(
    command: CreatePartyOrganization, uow: OrgUnitOfWork, caller: Caller
) -> PartyOrganization:
    """Set up a party organisation; a grid it serves may have no other."""
    async with uow:
        division = await uow.divisions.get(command.division_id)
        require_org_admin(caller, division.code)
        parent = None
        if command.parent_id is not None:
            parent = await uow.party_organizations.get(command.parent_id)
        grid = None
        if command.grid_id is not None:
            # Locked: one organisation per grid.
            grid = await uow.grids.get(command.grid_id, lock=True)
            require_org_admin(caller, grid.code)
            ensure_grid_has_no_party_organization(
                await uow.party_organizations.serving(grid.id), grid
            )
        organization = PartyOrganization.create(
            id=uuid4(),
            name=command.name,
            kind=command.kind,
            division=division,
            parent=parent,
            grid=grid,
        )
        await uow.party_organizations.add(organization)
        await uow.commit(created=organization.id)
        return organization


async def created_party_organization(
    organization_id: UUID, uow: OrgUnitOfWork, caller: Caller
) -> PartyOrganization:
    """The organisation an earlier createPartyOrganization set up, for its retry (access
    checked again)."""
    async with uow:
        organization = await uow.party_organizations.get(organization_id)
        division = await uow.divisions.get(organization.division_id)
        require_org_admin(caller, division.code)
        return organization


async def update_party_organization(
    command: UpdatePartyOrganization, uow: OrgUnitOfWork, caller: Caller
) -> PartyOrganization:
    """Rename, re-parent or re-assign a party organisation to another grid."""
    async with uow:
        organization = await uow.party_organizations.get(command.party_organization_id)
        division = await uow.divisions.get(organization.division_id)
        require_org_admin(caller, division.code)
        parent: PartyOrganization | Unchanged | None = UNCHANGED
        ancestors: list[UUID] = []
        if command.parent_id is not UNCHANGED:
            parent = None
            if command.parent_id is not None:
                parent = await uow.party_organizations.get(command.parent_id)
                ancestors = await uow.party_organizations.ancestor_ids(parent.id)
        grid: Grid | Unchanged | None = UNCHANGED
        if command.grid_id is not UNCHANGED:
            grid = None
            if command.grid_id is not None:
                new_grid = await uow.grids.get(command.grid_id, lock=True)
                require_org_admin(caller, new_grid.code)
                ensure_grid_has_no_party_organization(
                    await uow.party_organizations.serving(new_grid.id),
                    new_grid,
                    except_for=organization.id,
                )
                grid = new_grid
        organization.update(
            name=command.name, parent=parent, parent_ancestor_ids=ancestors, grid=grid
        )
        await uow.party_organizations.save(organization)
        await uow.commit()
        return organization
