"""Case numbers (案件编号): the year of report and a sequence within it, ``2026-000123``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cases.domain.errors import InvalidCaseNumber

__all__ = ["CaseNumber"]

MAX_SEQUENCE = 999_999
_NUMBER = re.compile(r"(\d{4})-(\d{6})")


@dataclass(frozen=True, order=True)
class CaseNumber:
    """A case's number, for people: the repository hands out the sequence per year."""

    year: int
    sequence: int
    """1 for the first case of the year, up to 999999."""

    def __post_init__(self) -> None:
        if not 2000 <= self.year <= 9999 or not 1 <= self.sequence <= MAX_SEQUENCE:
            raise InvalidCaseNumber(
                f"A case number is a year from 2000 and a sequence from 1 to {MAX_SEQUENCE}; "
                f"got {self.year}-{self.sequence}"
            )

    @classmethod
    def parse(cls, text: object) -> CaseNumber:
        """Read ``"2026-000123"``."""
        match = _NUMBER.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise InvalidCaseNumber(
                f"A case number is written YYYY-NNNNNN, such as 2026-000123; got {text!r}"
            )
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.sequence:06d}"
