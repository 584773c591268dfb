"""Handlers for people and their party membership, and the audited reveal of personal numbers."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from gridkit.audit import record_pii_read
from gridkit.auth import Caller
from personnel.commands.people import (
    ChangeMembershipStatus,
    OpenMembership,
    RegisterPerson,
    UpdatePerson,
)
from personnel.domain.assignment import end_full_time_work_of_non_member
from personnel.domain.errors import MembershipNotFound
from personnel.domain.membership import PartyMembership, ensure_no_membership
from personnel.domain.party_organization_view import known_party_organization
from personnel.domain.person import Person, ensure_national_id_free
from personnel.domain.person_record import PersonRecord
from personnel.domain.personal_number import PersonalNumber
from personnel.handlers.access import require_personnel_admin, require_pii_scope
from personnel.unit_of_work import PersonnelUnitOfWork


async def register_person(
    command: RegisterPerson, uow: PersonnelUnitOfWork, caller: Caller, *, today: date
) -> PersonRecord:
    """Register a person; one person per national ID number. Answers their masked record."""
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
        await uow.people.add(person)
        await uow.commit(created=person.id)
        return PersonRecord.of(person)


async def update_person(
    command: UpdatePerson, uow: PersonnelUnitOfWork, caller: Caller
) -> PersonRecord:
    """Change some of a person's particulars. Answers their masked record."""
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
        return PersonRecord.of(person)


async def open_membership(
    command: OpenMembership, uow: PersonnelUnitOfWork, caller: Caller
) -> PartyMembership:
    """Open a person's membership record: an application, or someone already on the way."""
    async with uow:
        person = await uow.people.get(command.person_id)
        require_personnel_admin(caller, person.division_code)
        ensure_no_membership(await uow.memberships.of_person(person.id))
        known_party_organization(
            await uow.org_views.party_organization(command.party_organization_id),
            command.party_organization_id,
        )
        membership = PartyMembership.open(
            id=uuid4(),
            person=person,
            party_organization_id=command.party_organization_id,
            status=command.status,
            since=command.since,
            note=command.note,
        )
        await uow.memberships.add(membership)
        await uow.commit(created=membership.id)
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
        # A full-time grid worker must be a member: the role ends in the same transaction.
        ended = end_full_time_work_of_non_member(
            await uow.assignments.of_person(person.id), status=membership.status, on=command.on
        )
        await uow.assignments.save(*ended)
        await uow.commit()
        return membership


async def reveal_personal_number(
    person_id: UUID,
    number: PersonalNumber,
    caller: Caller,
    uow: PersonnelUnitOfWork,
    *,
    operation: str,
) -> str | None:
    """One of a person's numbers in full, for a caller holding the PII scope.

    The read is written to the audit log and committed before the value is
    returned, so no plain number leaves the service unrecorded. A number that is
    not on record (no phone) reveals nothing and is not audited. ``operation``
    names what asked for it, e.g. ``Person.nationalId``.
    """
    require_pii_scope(caller)
    async with uow:
        value = await uow.people.personal_number(person_id, number)
        if value is None:
            return None
        await record_pii_read(
            uow.session,
            caller_subject=caller.subject or "anonymous",
            roles=sorted(caller.roles),
            purpose=number.value,
            entity_type="Person",
            entity_id=str(person_id),
            operation=operation,
        )
        await uow.commit()
    return value
