"""Handlers for people and their party membership."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from gridkit.auth import Caller
from personnel.commands import ChangeMembershipStatus, OpenMembership, RegisterPerson, UpdatePerson
from personnel.domain.errors import MembershipNotFound
from personnel.domain.membership import PartyMembership, ensure_no_membership
from personnel.domain.person import Person, ensure_national_id_free
from personnel.handlers.access import require_personnel_admin
from personnel.unit_of_work import PersonnelUnitOfWork


async def register_person(
    command: RegisterPerson, uow: PersonnelUnitOfWork, caller: Caller, *, today: date
) -> Person:
    """Register a person; one person per national ID number."""
    require_personnel_admin(caller, command.division_code)
    async with uow:
        person = Person.register(
            id=uuid4(),
            name=command.name,
            national_id=command.national_id,
            today=today,
            gender=command.gender,
            birth_date=command.birth_date,
            phone=command.phone,
            address=command.address,
            division_code=command.division_code,
        )
        ensure_national_id_free(await uow.people.with_national_id(person.national_id))
        await uow.people.save(person)
        await uow.commit()
        return person


async def update_person(command: UpdatePerson, uow: PersonnelUnitOfWork, caller: Caller) -> Person:
    """Change some of a person's particulars."""
    async with uow:
        person = await uow.people.get(command.person_id, lock=True)
        require_personnel_admin(caller, person.division_code)
        person.update(
            name=command.name,
            phone=command.phone,
            address=command.address,
            division_code=command.division_code,
        )
        await uow.people.save(person)
        await uow.commit()
        return person


async def open_membership(
    command: OpenMembership, uow: PersonnelUnitOfWork, caller: Caller
) -> PartyMembership:
    """Open a person's membership record: an application, or someone already on the way."""
    async with uow:
        person = await uow.people.get(command.person_id)
        require_personnel_admin(caller, person.division_code)
        ensure_no_membership(await uow.memberships.of_person(person.id))
        membership = PartyMembership.open(
            id=uuid4(),
            person=person,
            party_organization_id=command.party_organization_id,
            status=command.status,
            since=command.since,
            note=command.note,
        )
        await uow.memberships.save(membership)
        await uow.commit()
        return membership


async def change_membership_status(
    command: ChangeMembershipStatus, uow: PersonnelUnitOfWork, caller: Caller
) -> PartyMembership:
    """Take the next step of a person's membership lifecycle."""
    async with uow:
        person = await uow.people.get(command.person_id)
        require_personnel_admin(caller, person.division_code)
        membership = await uow.memberships.of_person(person.id)
        if membership is None:
            raise MembershipNotFound(
                f"{person.name} has no party membership record; open one first",
                person_id=str(person.id),
            )
        membership.change_status(
            command.status,
            on=command.on,
            note=command.note,
            probation_until=command.probation_until,
        )
        await uow.memberships.save(membership)
        await uow.commit()
        return membership
