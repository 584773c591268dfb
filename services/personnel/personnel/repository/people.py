"""People and their party membership in storage, for commands and for reads.

National ID and phone numbers are stored encrypted (AES-GCM, key from
settings), next to a keyed hash for exact lookup and uniqueness and the masked
form every default read shows. The plain values exist only in a ``Person``
while a command runs, and in one audited reveal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Select, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from gridkit.db import Record
from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from gridkit.pii import PiiProtector
from gridkit.repository import Repository
from gridkit.uow import UnitOfWork
from personnel.domain.errors import MembershipNotFound, PersonNotFound
from personnel.domain.kinds import Gender, GridRole, MembershipStatus
from personnel.domain.membership import MembershipStep, PartyMembership
from personnel.domain.national_id import NationalId
from personnel.domain.person import Person
from personnel.domain.person_record import PersonRecord
from personnel.domain.personal_number import PersonalNumber
from personnel.repository.tables import AssignmentRow, MembershipRow, MembershipStepRow, PersonRow

NATIONAL_ID = PersonalNumber.NATIONAL_ID.value
PHONE = PersonalNumber.PHONE.value


def person_record(row: PersonRow | Record) -> PersonRecord:
    """The person stored in ``row`` (a mapped row or a record of its columns) as reads
    show them: personal numbers masked."""
    return PersonRecord(
        id=row.id,
        name=row.name,
        gender=Gender(row.gender),
        birth_date=row.birth_date,
        address=row.address,
        division_code=row.division_code,
        national_id_masked=row.national_id_masked,
        phone_masked=row.phone_masked,
    )


def person_key(person: PersonRecord) -> list[str]:
    """The cursor key of a person in the pages of :class:`PeopleReads` (by name)."""
    return [person.name, str(person.id)]


class PersonRepository(Repository[Person, PersonRow]):
    """People, for commands: the personal numbers decrypted on load, protected on save."""

    row_type = PersonRow

    def __init__(self, uow: UnitOfWork, protector: PiiProtector) -> None:
        super().__init__(uow)
        self._protector = protector

    def to_domain(self, row: PersonRow) -> Person:
        """The person stored in ``row``, personal numbers decrypted."""
        return Person(
            id=row.id,
            version=row.version,
            persisted_version=row.version,
            name=row.name,
            gender=Gender(row.gender),
            birth_date=row.birth_date,
            national_id=NationalId(
                self._protector.decrypt(row.national_id_encrypted, purpose=NATIONAL_ID)
            ),
            phone=self._protector.decrypt(row.phone_encrypted, purpose=PHONE)
            if row.phone_encrypted
            else None,
            address=row.address,
            division_code=row.division_code,
        )

    def values(self, person: Person) -> dict[str, Any]:
        """The columns of ``person``: personal numbers encrypted, indexed and masked."""
        protect = self._protector
        national_id = person.national_id.value
        phone = person.phone
        return {
            "name": person.name,
            "gender": person.gender.value,
            "birth_date": person.birth_date,
            "national_id_encrypted": protect.encrypt(national_id, purpose=NATIONAL_ID),
            "national_id_index": protect.blind_index(national_id, purpose=NATIONAL_ID),
            "national_id_masked": person.national_id_masked,
            "phone_encrypted": protect.encrypt(phone, purpose=PHONE) if phone else None,
            "phone_index": protect.blind_index(phone, purpose=PHONE) if phone else None,
            "phone_masked": person.phone_masked,
            "address": person.address,
            "division_code": person.division_code,
        }

    def not_found(self, aggregate_id: UUID) -> PersonNotFound:
        """PERSON_NOT_FOUND."""
        return PersonNotFound.for_id(aggregate_id)

    async def with_national_id(self, national_id: NationalId) -> Person | None:
        """The person holding ``national_id``, found by its keyed hash."""
        index = self._protector.blind_index(national_id.value, purpose=NATIONAL_ID)
        found = await self.load_where(select(PersonRow).where(PersonRow.national_id_index == index))
        return found[0] if found else None

    async def names(self, person_ids: Iterable[UUID]) -> dict[UUID, str]:
        """Names of people, for messages."""
        rows = await self.session.execute(
            select(PersonRow.id, PersonRow.name).where(PersonRow.id.in_(list(person_ids)))
        )
        return {row.id: row.name for row in rows}

    async def personal_number(self, person_id: UUID, number: PersonalNumber) -> str | None:
        """One of a person's numbers in full (``None`` when none is on record).

        Decrypts that one number only; PERSON_NOT_FOUND for an unknown person.
        """
        column = (
            PersonRow.national_id_encrypted
            if number is PersonalNumber.NATIONAL_ID
            else PersonRow.phone_encrypted
        )
        found = (
            await self.session.execute(select(column).where(PersonRow.id == person_id))
        ).first()
        if found is None:
            raise self.not_found(person_id)
        sealed: bytes | None = found[0]
        return None if sealed is None else self._protector.decrypt(sealed, purpose=number.value)


def membership_from_row(row: MembershipRow, steps: Iterable[MembershipStepRow]) -> PartyMembership:
    """The membership stored in ``row`` with its history (``steps`` in order)."""
    return PartyMembership(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        person_id=row.person_id,
        status=MembershipStatus(row.status),
        party_organization_id=row.party_organization_id,
        steps=[
            MembershipStep(
                status=MembershipStatus(step.status),
                on=step.on,
                note=step.note,
                probation_until=step.probation_until,
            )
            for step in steps
        ],
    )


async def with_history(
    session: AsyncSession, rows: Sequence[MembershipRow]
) -> list[PartyMembership]:
    """The memberships in ``rows`` with their histories, read in one query for all of them."""
    steps = await session.scalars(
        select(MembershipStepRow)
        .where(MembershipStepRow.membership_id.in_([row.id for row in rows]))
        .order_by(MembershipStepRow.membership_id, MembershipStepRow.position)
    )
    of_membership: dict[UUID, list[MembershipStepRow]] = {}
    for step in steps:
        of_membership.setdefault(step.membership_id, []).append(step)
    return [membership_from_row(row, of_membership.get(row.id, [])) for row in rows]


class MembershipRepository(Repository[PartyMembership, MembershipRow]):
    """Party memberships with their history, for commands."""

    row_type = MembershipRow

    def to_domain(self, row: MembershipRow) -> PartyMembership:
        """The membership in ``row`` alone; loads read its history too (:meth:`to_domain_many`)."""
        return membership_from_row(row, ())

    async def to_domain_many(self, rows: Sequence[MembershipRow]) -> list[PartyMembership]:
        """The memberships in ``rows`` with their histories."""
        return await with_history(self.session, rows)

    def values(self, membership: PartyMembership) -> dict[str, Any]:
        """The columns of ``membership``'s own row."""
        return {
            "person_id": membership.person_id,
            "status": membership.status.value,
            "party_organization_id": membership.party_organization_id,
        }

    def not_found(self, aggregate_id: UUID) -> MembershipNotFound:
        """MEMBERSHIP_NOT_FOUND."""
        return MembershipNotFound.for_id(aggregate_id)

    async def write_parts(self, membership: PartyMembership) -> None:
        """Rewrite the membership's history."""
        await self.session.execute(
            delete(MembershipStepRow).where(MembershipStepRow.membership_id == membership.id)
        )
        await self.session.execute(
            insert(MembershipStepRow),
            [
                {
                    "membership_id": membership.id,
                    "position": position,
                    "status": step.status.value,
                    "on": step.on,
                    "note": step.note,
                    "probation_until": step.probation_until,
                }
                for position, step in enumerate(membership.steps)
            ],
        )

    async def of_person(self, person_id: UUID) -> PartyMembership | None:
        """The person's membership record, if any, locked for the transaction."""
        found = await self.load_where(
            select(MembershipRow).where(MembershipRow.person_id == person_id), lock=True
        )
        return found[0] if found else None


@dataclass(frozen=True)
class PersonFilter:
    """Which people to list."""

    serving_on: date
    """The day a grid or role filter asks about: who holds the role on it."""
    division_code: str | None = None
    grid_id: UUID | None = None
    role: GridRole | None = None
    membership_status: MembershipStatus | None = None
    name_prefix: str | None = None


class PeopleReads:
    """Read-only queries of people and memberships, each in its own short transaction.

    People come back as :class:`PersonRecord`: their personal numbers masked.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def people(self, ids: Sequence[UUID]) -> list[PersonRecord | None]:
        """People by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(PersonRow).where(PersonRow.id.in_(ids)))
            found = {row.id: person_record(row) for row in rows}
        return [found.get(i) for i in ids]

    async def person(self, person_id: UUID) -> PersonRecord:
        """One person, or PERSON_NOT_FOUND."""
        [found] = await self.people([person_id])
        if found is None:
            raise PersonNotFound.for_id(person_id)
        return found

    async def list_people(self, where: PersonFilter, page: PageRequest) -> Page[PersonRecord]:
        """A page of people by name."""
        statement = select(PersonRow)
        if where.division_code:
            statement = statement.where(
                PersonRow.division_code.startswith(where.division_code, autoescape=True)
            )
        if where.name_prefix:
            statement = statement.where(
                PersonRow.name.startswith(where.name_prefix, autoescape=True)
            )
        if where.grid_id is not None or where.role is not None:
            serving = select(AssignmentRow.person_id).where(serving_on_day(where.serving_on))
            if where.grid_id is not None:
                serving = serving.where(AssignmentRow.grid_id == where.grid_id)
            if where.role is not None:
                serving = serving.where(AssignmentRow.role == where.role.value)
            statement = statement.where(PersonRow.id.in_(serving))
        if where.membership_status is not None:
            statement = statement.where(
                PersonRow.id.in_(
                    select(MembershipRow.person_id).where(
                        MembershipRow.status == where.membership_status.value
                    )
                )
            )
        return await self._page(statement, page)

    async def members_page(
        self, organization_id: UUID, page: PageRequest, *, members_only: bool
    ) -> Page[PersonRecord]:
        """A page of the people whose membership a party organisation holds, by name."""
        held = select(MembershipRow.person_id).where(
            MembershipRow.party_organization_id == organization_id
        )
        if members_only:
            held = held.where(
                MembershipRow.status.in_([s.value for s in MembershipStatus if s.is_member])
            )
        return await self._page(select(PersonRow).where(PersonRow.id.in_(held)), page)

    async def memberships(self, person_ids: Sequence[UUID]) -> list[PartyMembership | None]:
        """Each person's membership record with its history, if any."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(MembershipRow).where(MembershipRow.person_id.in_(person_ids))
            )
            found = {m.person_id: m for m in await with_history(session, list(rows))}
        return [found.get(i) for i in person_ids]

    async def membership(self, membership_id: UUID) -> PartyMembership:
        """One membership record with its history, or MEMBERSHIP_NOT_FOUND."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(MembershipRow).where(MembershipRow.id == membership_id)
            )
            found = await with_history(session, list(rows))
        if not found:
            raise MembershipNotFound.for_id(membership_id)
        return found[0]

    async def _page(self, statement: Select[Any], page: PageRequest) -> Page[PersonRecord]:
        async with self._sessions() as session:
            found = await fetch_page(
                session, statement, key=[PersonRow.name, PersonRow.id], request=page
            )
        return Page(
            items=[person_record(row) for row in found.items],
            has_more=found.has_more,
            total=found.total,
        )


def serving_on_day(day: date) -> ColumnElement[bool]:
    """Assignments in force on ``day`` (as :meth:`GridAssignment.is_active_on` has it)."""
    return (AssignmentRow.starts_on <= day) & (
        AssignmentRow.ends_on.is_(None) | (AssignmentRow.ends_on > day)
    )
