"""Units (驻区单位) registered in dedicated grids: enterprises, public units, 两新 organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from org.domain.credit_code import normalize_credit_code
from org.domain.errors import UnitRequiresDedicatedGrid
from org.domain.events import UnitEvent, UnitRegistered, UnitUpdated
from org.domain.grid import Grid
from org.domain.kinds import GridKind, UnitKind
from org.domain.text import clean_name

__all__ = ["Unit", "UnitKind"]

_E = TypeVar("_E", bound=UnitEvent)


@dataclass(kw_only=True)
class Unit(Aggregate):
    """A unit with its unified social credit code, in the dedicated grid that serves it.

    The credit code is unique across units; the handler checks that
    (``UnitCreditCodeTaken``) since it needs the other units.
    """

    aggregate_type: ClassVar[str] = "unit"

    name: str
    kind: UnitKind
    credit_code: str
    grid_id: UUID

    @classmethod
    def register(cls, *, id: UUID, name: str, kind: UnitKind, credit_code: str, grid: Grid) -> Unit:
        """Register a unit in an active dedicated grid."""
        unit = cls(
            id=id,
            name=clean_name(name, label="Unit name"),
            kind=kind,
            credit_code=normalize_credit_code(credit_code),
            grid_id=_dedicated_grid(grid).id,
        )
        unit.record(unit._event(UnitRegistered))
        return unit

    def update(
        self,
        *,
        name: str | Unchanged = UNCHANGED,
        kind: UnitKind | Unchanged = UNCHANGED,
        credit_code: str | Unchanged = UNCHANGED,
        grid: Grid | Unchanged = UNCHANGED,
    ) -> tuple[str, ...]:
        """Change some fields; returns those that changed (none: nothing is recorded)."""
        proposed: dict[str, Any] = {
            "name": self.name if name is UNCHANGED else clean_name(name, label="Unit name"),
            "kind": self.kind if kind is UNCHANGED else kind,
            "credit_code": self.credit_code
            if credit_code is UNCHANGED
            else normalize_credit_code(credit_code),
            "grid_id": self.grid_id
            if grid is UNCHANGED or grid.id == self.grid_id
            else _dedicated_grid(grid).id,
        }
        changed = tuple(f for f, value in proposed.items() if getattr(self, f) != value)
        if changed:
            for f in changed:
                setattr(self, f, proposed[f])
            self.record(self._event(UnitUpdated, changed_fields=changed))
        return changed

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            unit_id=self.id,
            name=self.name,
            kind=self.kind,
            credit_code=self.credit_code,
            grid_id=self.grid_id,
            **extra,
        )


def _dedicated_grid(grid: Grid) -> Grid:
    if grid.kind is not GridKind.DEDICATED:
        raise UnitRequiresDedicatedGrid(
            f"Grid {grid.code} is a {grid.kind.value.lower()} grid; units are registered "
            "in dedicated grids (专属网格)",
            grid_id=str(grid.id),
        )
    if grid.is_retired:
        raise UnitRequiresDedicatedGrid(
            f"Grid {grid.code} is retired; units are registered in active dedicated grids",
            grid_id=str(grid.id),
        )
    return grid
