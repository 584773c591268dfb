"""What callers ask of the case catalogue and the working-day calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cases.domain.category import Category


@dataclass(frozen=True, kw_only=True)
class DefineCategory:
    """Add a category to the catalogue, or replace the definition of its code."""

    category: Category


@dataclass(frozen=True, kw_only=True)
class SetCalendarDay:
    """Make a day a working day or a day off, whatever the State Council calendar says."""

    day: date
    working: bool
    note: str
    """Why (e.g. "2027年国庆节调休")."""


@dataclass(frozen=True, kw_only=True)
class ClearCalendarDay:
    """Let a day follow the State Council calendar again."""

    day: date
