"""What callers ask of grid teams ("1+1+1+N")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from personnel.domain.kinds import GridRole


@dataclass(frozen=True, kw_only=True)
class AssignToGrid:
    """Give a person a role on a grid's team."""

    person_id: UUID
    grid_id: UUID
    role: GridRole
    starts_on: date


@dataclass(frozen=True, kw_only=True)
class EndAssignment:
    """End a person's role on a grid's team."""

    assignment_id: UUID
    on: date
    reason: str
