"""People (人员): residents, grid staff, cadres and party members alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged, mask_phone
from personnel.domain.dates import add_years
from personnel.domain.errors import (
    InvalidDate,
    NationalIdBirthDateMismatch,
    NationalIdGenderMismatch,
    NationalIdTaken,
)
from personnel.domain.events import PersonEvent, PersonRegistered, PersonUpdated
from personnel.domain.kinds import Gender
from personnel.domain.national_id import NationalId
from personnel.domain.phone import normalize_phone
from personnel.domain.text import clean_name, optional_division_code, optional_text

__all__ = ["Gender", "Person", "ensure_national_id_free"]

ADDRESS_MAX_LENGTH = 200

_E = TypeVar("_E", bound=PersonEvent)


@dataclass(kw_only=True)
class Person(Aggregate):
    """A person with the particulars of their resident ID card.

    ``national_id`` and ``phone`` are plain here and nowhere else: storage keeps
    them encrypted, events and default reads carry them masked.
    """

    aggregate_type: ClassVar[str] = "person"

    name: str
    gender: Gender
    birth_date: date
    national_id: NationalId
    phone: str | None = field(default=None, repr=False)
    address: str | None = None
    division_code: str | None = None
    """Code of the community or village (or higher division) the person lives in."""

    @classmethod
    def register(
        cls,
        *,
        id: UUID,
        name: str,
        national_id: str | NationalId,
        today: date,
        gender: Gender | None = None,
        birth_date: date | None = None,
        phone: str | None = None,
        address: str | None = None,
        division_code: str | None = None,
    ) -> Person:
        """Register a person; gender and birth date, when given, must agree with the ID.

        Left out, they are read from the ID number. The number must be free
        (check with :func:`ensure_national_id_free` first).
        """
        clean = clean_name(name, label="Name")
        number = (
            national_id
            if isinstance(national_id, NationalId)
            else NationalId.parse(national_id, today=today)
        )
        born = number.birth_date if birth_date is None else birth_date
        if born > today:
            raise InvalidDate(
                f"A birth date of {born.isoformat()} is after today ({today.isoformat()})",
                birth_date=born.isoformat(),
            )
        _check_against_id(number, gender=gender, birth_date=born)
        person = cls(
            id=id,
            name=clean,
            gender=number.gender,
            birth_date=born,
            national_id=number,
            phone=None if phone is None else _optional_phone(phone),
            address=optional_text(address, label="Address", max_length=ADDRESS_MAX_LENGTH),
            division_code=optional_division_code(division_code),
        )
        person.record(person._event(PersonRegistered))
        return person

    @property
    def national_id_masked(self) -> str:
        """The ID number for display: ``3701**********123X``."""
        return self.national_id.masked

    @property
    def phone_masked(self) -> str | None:
        """The phone number for display: ``138****5678``."""
        return None if self.phone is None else mask_phone(self.phone)

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day`` (a birthday on 29 February counts from 1 March)."""
        years = day.year - self.birth_date.year
        return years if add_years(self.birth_date, years) <= day else years - 1

    def update(
        self,
        *,
        name: str | Unchanged = UNCHANGED,
        phone: str | Unchanged | None = UNCHANGED,
        address: str | Unchanged | None = UNCHANGED,
        division_code: str | Unchanged | None = UNCHANGED,
    ) -> tuple[str, ...]:
        """Change some particulars; returns the fields that changed.

        ``None`` (or blank text) clears phone, address or division. Nothing is
        recorded when nothing changes; nothing changes when a value is refused.
        """
        proposed: dict[str, Any] = {
            "name": self.name if name is UNCHANGED else clean_name(name, label="Name"),
            "phone": self.phone if phone is UNCHANGED else _optional_phone(phone),
            "address": self.address
            if address is UNCHANGED
            else optional_text(address, label="Address", max_length=ADDRESS_MAX_LENGTH),
            "division_code": self.division_code
            if division_code is UNCHANGED
            else optional_division_code(division_code),
        }
        changed = tuple(f for f, value in proposed.items() if getattr(self, f) != value)
        if changed:
            for f in changed:
                setattr(self, f, proposed[f])
            self.record(self._event(PersonUpdated, changed_fields=changed))
        return changed

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            person_id=self.id,
            name=self.name,
            gender=self.gender,
            birth_date=self.birth_date,
            division_code=self.division_code,
            national_id_masked=self.national_id_masked,
            phone_masked=self.phone_masked,
            **extra,
        )


def ensure_national_id_free(existing: Person | None, *, except_for: UUID | None = None) -> None:
    """Refuse an ID number that ``existing`` (found by the number) already holds.

    ``except_for`` is the person being changed, who may keep their own number.
    """
    if existing is not None and existing.id != except_for:
        raise NationalIdTaken(
            f"ID number {existing.national_id_masked} is already registered to {existing.name}",
            person_id=str(existing.id),
        )


def _optional_phone(phone: str | None) -> str | None:
    if phone is None or not phone.strip():
        return None
    return normalize_phone(phone)


def _check_against_id(number: NationalId, *, gender: Gender | None, birth_date: date) -> None:
    if birth_date != number.birth_date:
        raise NationalIdBirthDateMismatch(
            f"The ID number gives the birth date {number.birth_date.isoformat()}, "
            f"not {birth_date.isoformat()}",
            expected=number.birth_date.isoformat(),
        )
    if gender is not None and gender is not number.gender:
        raise NationalIdGenderMismatch(
            f"The ID number is that of a {number.gender.value.lower()} person "
            f"(its 17th digit is {'odd' if number.gender is Gender.MALE else 'even'}), "
            f"not {gender.value.lower()}",
            expected=number.gender.value,
        )
