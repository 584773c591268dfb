"""A person as reads show them: their particulars with the personal numbers masked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from personnel.domain.kinds import Gender
from personnel.domain.person import Person
from personnel.domain.personal_number import PersonalNumber

__all__ = ["PersonRecord"]


@dataclass(frozen=True, kw_only=True)
class PersonRecord:
    """A person on record, for display: never a plain national ID or phone number.

    The full numbers are revealed only to a caller with the PII scope, one audited
    read at a time; this record carries the masks every other caller sees.
    """

    id: UUID
    name: str
    gender: Gender
    birth_date: date
    address: str | None
    division_code: str | None
    """Code of the division the person lives in."""
    national_id_masked: str
    """``3701**********123X``."""
    phone_masked: str | None
    """``138****5678``; ``None`` when no phone is on record."""

    @classmethod
    def of(cls, person: Person) -> PersonRecord:
        """The record of a person a command just loaded or wrote."""
        return cls(
            id=person.id,
            name=person.name,
            gender=person.gender,
            birth_date=person.birth_date,
            address=person.address,
            division_code=person.division_code,
            national_id_masked=person.national_id_masked,
            phone_masked=person.phone_masked,
        )

    def masked(self, number: PersonalNumber) -> str | None:
        """The masked form of one of the person's numbers (``None``: not on record)."""
        if number is PersonalNumber.NATIONAL_ID:
            return self.national_id_masked
        return self.phone_masked
