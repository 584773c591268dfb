"""Volunteer numbers (志愿者编号): ``V``, the district's code, a sequence within it.

``V37011200000123`` is the 123rd volunteer registered in Licheng District (370112).
The repository hands out the sequence per district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from volunteers.domain.errors import InvalidVolunteerNumber

__all__ = ["VolunteerNumber"]

MAX_SEQUENCE = 99_999_999
_NUMBER = re.compile(r"V(\d{6})(\d{8})")
_DISTRICT = re.compile(r"\d{6}")


@dataclass(frozen=True, order=True)
class VolunteerNumber:
    """A volunteer's number, for people and certificates: ``V37011200000123``."""

    district_code: str
    """The 6-digit code of the district that registered the volunteer (370112)."""
    sequence: int
    """1 for the district's first volunteer, up to 99999999."""

    def __post_init__(self) -> None:
        if (
            not isinstance(self.district_code, str)
            or not _DISTRICT.fullmatch(self.district_code)
            or not 1 <= self.sequence <= MAX_SEQUENCE
        ):
            raise InvalidVolunteerNumber(
                "A volunteer number is a 6-digit district code and a sequence from 1 to "
                f"{MAX_SEQUENCE}; got {self.district_code!r} and {self.sequence}",
                district_code=str(self.district_code),
                sequence=self.sequence,
            )

    @classmethod
    def parse(cls, text: object) -> VolunteerNumber:
        """Read ``"V37011200000123"`` (a lower-case ``v`` is taken as well)."""
        match = _NUMBER.fullmatch(text.strip().upper()) if isinstance(text, str) else None
        if match is None:
            raise InvalidVolunteerNumber(
                "A volunteer number is V, a 6-digit district code and an 8-digit sequence, "
                f"such as V37011200000123; got {text!r}",
                number=str(text),
            )
        return cls(match[1], int(match[2]))

    def __str__(self) -> str:
        return f"V{self.district_code}{self.sequence:08d}"
