"""Commands on units (驻区单位) in dedicated grids."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from gridkit.domain import UNCHANGED, Unchanged
from org.domain.kinds import UnitKind


@dataclass(frozen=True, kw_only=True)
class RegisterUnit:
    """Register an enterprise, public unit or 两新 organisation in a dedicated grid."""

    name: str
    kind: UnitKind
    credit_code: str
    grid_id: UUID


@dataclass(frozen=True, kw_only=True)
class UpdateUnit:
    """Change some of a unit's fields."""

    unit_id: UUID
    name: str | Unchanged = UNCHANGED
    kind: UnitKind | Unchanged = UNCHANGED
    credit_code: str | Unchanged = UNCHANGED
    grid_id: UUID | Unchanged = UNCHANGED
