"""Resident ID numbers (居民身份证号码, GB 11643-1999).

Eighteen characters: a six-digit region code (where the number was first
issued), the birth date as YYYYMMDD, a three-digit sequence whose parity gives
the gender (odd: male, even: female), and a check character computed from the
first seventeen digits with weights 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5,
8, 4, 2: the weighted sum modulo 11 picks the character from ``10X98765432``.

The plain number lives only in :class:`NationalId`; its ``repr`` and ``str``
show the masked form, so it does not leak into logs by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from personnel.domain.errors import InvalidNationalId
from personnel.domain.kinds import Gender

NATIONAL_ID_LENGTH = 18
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
_BODY_LENGTH = len(_WEIGHTS)


def national_id_check_character(body: str) -> str:
    """The check character for the first seventeen digits ``body``."""
    if len(body) != _BODY_LENGTH or not _is_digits(body):
        raise InvalidNationalId(
            f"The check character is computed over {_BODY_LENGTH} digits, "
            f"got {len(body)} characters"
        )
    total = sum(int(digit) * weight for digit, weight in zip(body, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


@dataclass(frozen=True)
class NationalId:
    """A well-formed resident ID number; ``value`` is the plain 18 characters (X in upper case).

    Build one with :meth:`parse`, which also trims and upper-cases what was typed.
    """

    value: str

    def __post_init__(self) -> None:
        _check(self.value)

    @classmethod
    def parse(cls, text: object, *, today: date | None = None) -> NationalId:
        """Read an ID number as typed (spaces around it, lower-case ``x``).

        With ``today``, a birth date after it is refused as well.
        """
        if not isinstance(text, str):
            raise InvalidNationalId("A resident ID number must be text")
        national_id = cls(text.strip().upper())
        if today is not None and national_id.birth_date > today:
            raise InvalidNationalId(
                f"The ID number gives a birth date of {national_id.birth_date.isoformat()}, "
                f"which is after today ({today.isoformat()})",
                birth_date=national_id.birth_date.isoformat(),
            )
        return national_id

    @property
    def region(self) -> str:
        """The six-digit code of the region that first issued the number (e.g. 370112)."""
        return self.value[:6]

    @property
    def birth_date(self) -> date:
        """The birth date written in the number."""
        return _birth_date(self.value)

    @property
    def sequence(self) -> str:
        """The three-digit sequence of people born in the region on that day."""
        return self.value[14:17]

    @property
    def gender(self) -> Gender:
        """Male for an odd sequence, female for an even one."""
        return Gender.MALE if int(self.value[16]) % 2 else Gender.FEMALE

    @property
    def masked(self) -> str:
        """The number for display: ``3701**********123X``."""
        return mask_national_id(self.value)

    def __repr__(self) -> str:
        return f"NationalId({self.masked!r})"

    def __str__(self) -> str:
        return self.masked


def mask_national_id(value: str) -> str:
    """Keep the first four and last four characters, star the rest: ``3701**********1234``."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def _is_digits(text: str) -> bool:
    # str.isdigit alone would let full-width and other Unicode digits through.
    return text.isascii() and text.isdigit()


def _check(value: str) -> None:
    if len(value) != NATIONAL_ID_LENGTH:
        raise InvalidNationalId(
            f"A resident ID number (居民身份证号码) has {NATIONAL_ID_LENGTH} characters; "
            f"this one has {len(value)}",
            length=len(value),
        )
    for position, character in enumerate(value, start=1):
        last = position == NATIONAL_ID_LENGTH
        if _is_digits(character) or (last and character == "X"):
            continue
        allowed = "a digit or X" if last else "a digit"
        raise InvalidNationalId(
            f"Character {character!r} at position {position} of the ID number is not allowed; "
            f"position {position} holds {allowed}",
            position=position,
        )
    _birth_date(value)
    expected = national_id_check_character(value[:_BODY_LENGTH])
    if value[-1] != expected:
        raise InvalidNationalId(
            f"The ID number ends in {value[-1]!r}, but its first 17 digits give the check "
            f"character {expected!r}; a digit was probably mistyped",
            expected=expected,
        )


def _birth_date(value: str) -> date:
    digits = value[6:14]
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise _impossible_birth_date(digits) from None
    return born


def _impossible_birth_date(digits: str) -> InvalidNationalId:
    return InvalidNationalId(
        f"Positions 7 to 14 of the ID number, {digits}, are not a possible birth date (YYYYMMDD)",
        birth_date=digits,
    )
