"""Handlers for party-building assault teams (党建突击队)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID, uuid4

from gridkit.auth import Caller
from personnel.commands.assault_teams import (
    ActivateAssaultTeam,
    AddAssaultTeamMember,
    DisbandAssaultTeam,
    FormAssaultTeam,
    RemoveAssaultTeamMember,
    UpdateAssaultTeam,
)
from personnel.domain.assault_team import AssaultTeam
from personnel.domain.errors import PersonNotFound
from personnel.domain.text import optional_division_code
from personnel.handlers.access import require_personnel_admin
from personnel.unit_of_work import PersonnelUnitOfWork


async def form_assault_team(
    command: FormAssaultTeam, uow: PersonnelUnitOfWork, caller: Caller
) -> AssaultTeam:
    """Form a team of people on record; the leader is its first member."""
    require_personnel_admin(caller, optional_division_code(command.division_code))
    async with uow:
        team = AssaultTeam.form(
            id=uuid4(),
            name=command.name,
            mission=command.mission,
            key_task=command.key_task,
            starts_on=command.starts_on,
            leader_id=command.leader_id,
            ends_on=command.ends_on,
            member_ids=command.member_ids,
            division_code=command.division_code,
        )
        await _ensure_on_record(uow, team.member_ids)
        await uow.assault_teams.add(team)
        await uow.commit(created=team.id)
        return team


async def update_assault_team(
    command: UpdateAssaultTeam, uow: PersonnelUnitOfWork, caller: Caller
) -> AssaultTeam:
    """Change some of a team's details; moving it needs scope over both divisions."""
    async with uow:
        team = await uow.assault_teams.get(command.team_id, lock=True)
        require_personnel_admin(caller, team.division_code)
        changed = team.update(
            name=command.name,
            mission=command.mission,
            key_task=command.key_task,
            starts_on=command.starts_on,
            ends_on=command.ends_on,
            leader_id=command.leader_id,
            division_code=command.division_code,
        )
        if "division_code" in changed:
            require_personnel_admin(caller, team.division_code)
        if "leader_id" in changed:
            await _ensure_on_record(uow, [team.leader_id])
        await uow.assault_teams.save(team)
        await uow.commit()
        return team


async def activate_assault_team(
    command: ActivateAssaultTeam, uow: PersonnelUnitOfWork, caller: Caller
) -> AssaultTeam:
    """Put a forming team to work."""
    async with uow:
        team = await uow.assault_teams.get(command.team_id, lock=True)
        require_personnel_admin(caller, team.division_code)
        team.activate()
        await uow.assault_teams.save(team)
        await uow.commit()
        return team


async def add_assault_team_member(
    command: AddAssaultTeamMember, uow: PersonnelUnitOfWork, caller: Caller
) -> AssaultTeam:
    """Add a person on record to a team."""
    async with uow:
        team = await uow.assault_teams.get(command.team_id, lock=True)
        require_personnel_admin(caller, team.division_code)
        team.add_member(command.person_id)
        await _ensure_on_record(uow, [command.person_id])
        await uow.assault_teams.save(team)
        await uow.commit(created=team.id)  # a retry answers with the team, the member added once
        return team


async def remove_assault_team_member(
    command: RemoveAssaultTeamMember, uow: PersonnelUnitOfWork, caller: Caller
) -> AssaultTeam:
    """Take a person off a team (not its leader)."""
    async with uow:
        team = await uow.assault_teams.get(command.team_id, lock=True)
        require_personnel_admin(caller, team.division_code)
        team.remove_member(command.person_id)
        await uow.assault_teams.save(team)
        await uow.commit()
        return team


async def disband_assault_team(
    command: DisbandAssaultTeam, uow: PersonnelUnitOfWork, caller: Caller
) -> AssaultTeam:
    """Stand a team down; it stays on record."""
    async with uow:
        team = await uow.assault_teams.get(command.team_id, lock=True)
        require_personnel_admin(caller, team.division_code)
        team.disband(on=command.on, reason=command.reason)
        await uow.assault_teams.save(team)
        await uow.commit()
        return team


async def _ensure_on_record(uow: PersonnelUnitOfWork, person_ids: Iterable[UUID]) -> None:
    """Refuse anyone who is not a person on record."""
    wanted = list(person_ids)
    found = await uow.people.names(wanted)
    missing = next((person_id for person_id in wanted if person_id not in found), None)
    if missing is not None:
        raise PersonNotFound.for_id(missing)
