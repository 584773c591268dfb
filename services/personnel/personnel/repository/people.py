"""People in storage: national ID and phone encrypted, indexed by keyed hash, masked copies.

The plain values exist only in the domain object while a command runs; the
database holds ciphertext (AES-GCM, key from settings), a keyed hash for exact
lookup and uniqueness, and the masked form every default read shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import select

from gridkit.persistence import store
from gridkit.pii import PiiProtector
from gridkit.uow import UnitOfWork
from personnel.domain.errors import PersonNotFound
from personnel.domain.kinds import Gender
from personnel.domain.national_id import NationalId
from personnel.domain.person import Person
from personnel.repository.tables import PersonRow

NATIONAL_ID = "national_id"
PHONE = "phone"


def person_values(person: Person, protector: PiiProtector) -> dict[str, Any]:
    """Columns of a person besides id and version, personal numbers protected."""
    national_id = person.national_id.value
    phone = person.phone
    return {
        "name": person.name,
        "gender": person.gender.value,
        "birth_date": person.birth_date,
        "national_id_encrypted": protector.encrypt(national_id, purpose=NATIONAL_ID),
        "national_id_index": protector.blind_index(national_id, purpose=NATIONAL_ID),
        "national_id_masked": person.national_id_masked,
        "phone_encrypted": protector.encrypt(phone, purpose=PHONE) if phone else None,
        "phone_index": protector.blind_index(phone, purpose=PHONE) if phone else None,
        "phone_masked": person.phone_masked,
        "address": person.address,
        "division_code": person.division_code,
    }


def person_from_row(row: PersonRow, protector: PiiProtector) -> Person:
    """The person stored in ``row``, personal numbers decrypted (commands only)."""
    return Person(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        name=row.name,
        gender=Gender(row.gender),
        birth_date=row.birth_date,
        national_id=NationalId(protector.decrypt(row.national_id_encrypted, purpose=NATIONAL_ID)),
        phone=protector.decrypt(row.phone_encrypted, purpose=PHONE)
        if row.phone_encrypted
        else None,
        address=row.address,
        division_code=row.division_code,
    )


class PersonRepository:
    """People, for commands."""

    def __init__(self, uow: UnitOfWork, protector: PiiProtector) -> None:
        self._uow = uow
        self._protector = protector

    async def get(self, person_id: UUID, *, lock: bool = False) -> Person:
        """The person, or PERSON_NOT_FOUND."""
        statement = select(PersonRow).where(PersonRow.id == person_id)
        if lock:
            statement = statement.with_for_update()
        row = await self._uow.session.scalar(statement)
        if row is None:
            raise PersonNotFound.for_id(person_id)
        person = person_from_row(row, self._protector)
        self._uow.track(person)
        return person

    async def with_national_id(self, national_id: NationalId) -> Person | None:
        """The person holding ``national_id``, found by its keyed hash."""
        index = self._protector.blind_index(national_id.value, purpose=NATIONAL_ID)
        row = await self._uow.session.scalar(
            select(PersonRow).where(PersonRow.national_id_index == index)
        )
        return person_from_row(row, self._protector) if row else None

    async def names(self, person_ids: Iterable[UUID]) -> dict[UUID, str]:
        """Names of people, for messages."""
        rows = await self._uow.session.execute(
            select(PersonRow.id, PersonRow.name).where(PersonRow.id.in_(list(person_ids)))
        )
        return {row.id: row.name for row in rows}

    async def save(self, person: Person) -> None:
        """Insert or update a person."""
        self._uow.track(person)
        await store(self._uow.session, PersonRow, person, person_values(person, self._protector))
