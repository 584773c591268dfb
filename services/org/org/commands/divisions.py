"""Commands on the division tree (行政区划)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from org.domain.levels import DivisionLevel


@dataclass(frozen=True, kw_only=True)
class CreateDivision:
    """Add a district, subdistrict/town or community/village."""

    name: str
    level: DivisionLevel
    parent_id: UUID | None = None
    code: str | None = None


@dataclass(frozen=True, kw_only=True)
class RenameDivision:
    """Give a division a new name."""

    division_id: UUID
    name: str


@dataclass(frozen=True, kw_only=True)
class MoveDivision:
    """Move a division (with everything below it) under another parent."""

    division_id: UUID
    new_parent_id: UUID
    code: str | None = None
