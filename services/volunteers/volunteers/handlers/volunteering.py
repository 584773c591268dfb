"""Commands on volunteers and teams: registering, joining, approving, leading.

Each handler opens the unit of work it is given, loads what the step needs (locked when it
changes), lets the domain decide, saves and commits; the events go out through the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from uuid import UUID, uuid4

from gridkit.auth import Caller
from gridkit.domain import UNCHANGED, Unchanged
from volunteers.domain.errors import VolunteerAlreadyRegistered, VolunteerNotFound
from volunteers.domain.kinds import EntryKind, TeamKind
from volunteers.domain.team import Membership, VolunteerTeam
from volunteers.domain.volunteer import Volunteer
from volunteers.domain.volunteer_number import VolunteerNumber
from volunteers.handlers import access
from volunteers.unit_of_work import VolunteersUnitOfWork


async def register_volunteer(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    district_code: str,
    at: datetime,
    person_id: UUID | None = None,
    skills: Iterable[str] = (),
    availability: str | None = None,
) -> Volunteer:
    """Register a person as a volunteer (志愿者注册): the caller, or anyone when staff do it."""
    person = access.acting_person(caller, "register as a volunteer", for_person=person_id)
    async with uow:
        if await uow.volunteers.of_person(person) is not None:
            raise VolunteerAlreadyRegistered(
                f"Person {person} is registered as a volunteer already", person_id=str(person)
            )
        number = VolunteerNumber(
            district_code=district_code, sequence=await uow.volunteers.next_sequence()
        )
        volunteer = Volunteer.register(
            id=uuid4(),
            person_id=person,
            number=number,
            at=at,
            skills=skills,
            availability=availability,
        )
        await uow.volunteers.add(volunteer)
        await uow.commit(created=volunteer.id)
        return volunteer


async def form_team(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    name: str,
    kind: TeamKind,
    at: datetime,
    skill: str | None = None,
    unit_id: UUID | None = None,
    grid_id: UUID | None = None,
    description: str | None = None,
    leader_ids: Iterable[UUID] = (),
    approval_required: bool = True,
) -> VolunteerTeam:
    """Form a skill or unit team (专业/单位志愿服务队); staff only."""
    by = access.staff(caller, "form a volunteer team")
    async with uow:
        team = VolunteerTeam.form(
            id=uuid4(),
            name=name,
            kind=kind,
            at=at,
            by=by,
            skill=skill,
            unit_id=unit_id,
            grid_id=grid_id,
            description=description,
            leader_ids=leader_ids,
            approval_required=approval_required,
        )
        await uow.teams.add(team)
        await uow.commit(created=team.id)
        return team


async def appoint_team_leader(
    uow: VolunteersUnitOfWork, caller: Caller, *, team_id: UUID, person_id: UUID, at: datetime
) -> VolunteerTeam:
    """Make a person a leader (队长) of the team; staff only."""
    by = access.staff(caller, "appoint a team leader")
    async with uow:
        team = await uow.teams.get(team_id, lock=True)
        team.appoint_leader(person_id=person_id, at=at, by=by)
        await uow.teams.save(team)
        await uow.commit(created=team.id)
        return team


async def join_team(
    uow: VolunteersUnitOfWork, caller: Caller, *, team_id: UUID, at: datetime
) -> tuple[VolunteerTeam, Membership]:
    """The caller, a registered volunteer, asks to join the team (member at once, or pending)."""
    person = access.person_of(caller, "join a volunteer team")
    async with uow:
        volunteer = await own_volunteer(uow, person)
        team = await uow.teams.get(team_id, lock=True)
        membership = team.request_to_join(volunteer=volunteer, at=at)
        await uow.teams.save(team)
        await uow.commit(created=team.id)
        return team, membership


async def decide_join_request(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    team_id: UUID,
    volunteer_id: UUID,
    approve: bool,
    at: datetime,
    reason: str | None = None,
) -> tuple[VolunteerTeam, Membership]:
    """A team leader approves or rejects a pending request (the domain checks the leader)."""
    leader = access.person_of(caller, "decide a request to join")
    async with uow:
        team = await uow.teams.get(team_id, lock=True)
        if approve:
            membership = team.approve(volunteer_id=volunteer_id, by=leader, at=at)
        else:
            membership = team.reject(volunteer_id=volunteer_id, by=leader, at=at, reason=reason)
        await uow.teams.save(team)
        await uow.commit(created=team.id)
        return team, membership


async def leave_team(
    uow: VolunteersUnitOfWork, caller: Caller, *, team_id: UUID, at: datetime
) -> tuple[VolunteerTeam, Membership]:
    """The caller leaves the team, or withdraws their pending request."""
    person = access.person_of(caller, "leave a volunteer team")
    async with uow:
        volunteer = await own_volunteer(uow, person)
        team = await uow.teams.get(team_id, lock=True)
        membership = team.leave(volunteer_id=volunteer.id, at=at)
        await uow.teams.save(team)
        await uow.commit(created=team.id)
        return team, membership


async def own_volunteer(
    uow: VolunteersUnitOfWork, person: UUID, *, lock: bool = False
) -> Volunteer:
    """The person's volunteer registration, or VOLUNTEER_NOT_FOUND saying to register."""
    volunteer = await uow.volunteers.of_person(person, lock=lock)
    if volunteer is None:
        raise VolunteerNotFound(
            f"Person {person} is not registered as a volunteer; register first",
            person_id=str(person),
        )
    return volunteer


async def update_profile(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    at: datetime,
    skills: Iterable[str] | Unchanged = UNCHANGED,
    availability: str | Unchanged | None = UNCHANGED,
) -> Volunteer:
    """The caller changes their own skills or availability."""
    person = access.person_of(caller, "change your volunteer profile")
    async with uow:
        volunteer = await own_volunteer(uow, person, lock=True)
        volunteer.update_profile(at=at, skills=skills, availability=availability, by=person)
        await uow.volunteers.save(volunteer)
        await uow.commit(created=volunteer.id)
        return volunteer


async def add_profile_entry(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    volunteer_id: UUID,
    kind: EntryKind,
    on: date,
    title: str,
    given_by: str,
    at: datetime,
    content: str | None = None,
) -> Volunteer:
    """Staff enter a training, award or evaluation (培训、表彰、评价) in a volunteer's record."""
    access.staff(caller, "enter a training, award or evaluation")
    by = access.person_of(caller, "enter a training, award or evaluation")
    async with uow:
        volunteer = await uow.volunteers.get(volunteer_id, lock=True)
        volunteer.add_entry(
            id=uuid4(),
            kind=kind,
            on=on,
            title=title,
            given_by=given_by,
            recorded_by=by,
            at=at,
            content=content,
        )
        await uow.volunteers.save(volunteer)
        await uow.commit(created=volunteer.id)
        return volunteer


async def set_volunteer_standing(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    volunteer_id: UUID,
    suspend: bool,
    at: datetime,
    reason: str | None = None,
) -> Volunteer:
    """Staff suspend a volunteer (saying why) or reinstate a suspended one."""
    access.staff(caller, "suspend or reinstate a volunteer")
    by = access.person_of(caller, "suspend or reinstate a volunteer")
    async with uow:
        volunteer = await uow.volunteers.get(volunteer_id, lock=True)
        if suspend:
            volunteer.suspend(by=by, reason=reason or "", at=at)
        else:
            volunteer.reinstate(by=by, at=at)
        await uow.volunteers.save(volunteer)
        await uow.commit(created=volunteer.id)
        return volunteer
