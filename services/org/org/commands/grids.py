"""Commands on grids (网格), their standards checklist, micro-positions and proxy-service list."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from gridkit.domain import UNCHANGED, Unchanged
from org.domain.kinds import DedicatedTo, GridKind
from org.domain.standards import StandardItem, StandardStatus


@dataclass(frozen=True, kw_only=True)
class CreateGrid:
    """Draw a grid in a community or village."""

    division_id: UUID
    name: str
    kind: GridKind
    dedicated_to: DedicatedTo | None = None
    boundary: object = None
    households: int = 0
    residents: int = 0


@dataclass(frozen=True, kw_only=True)
class UpdateGrid:
    """Change some of a grid's fields."""

    grid_id: UUID
    name: str | Unchanged = UNCHANGED
    kind: GridKind | Unchanged = UNCHANGED
    dedicated_to: DedicatedTo | Unchanged | None = UNCHANGED
    boundary: object = UNCHANGED
    households: int | Unchanged = UNCHANGED
    residents: int | Unchanged = UNCHANGED


@dataclass(frozen=True, kw_only=True)
class RetireGrid:
    """Take a grid out of service."""

    grid_id: UUID
    reason: str


@dataclass(frozen=True, kw_only=True)
class ConfirmStandard:
    """Confirm one checklist item of a grid as met (with evidence) or not met."""

    grid_id: UUID
    item: StandardItem
    status: StandardStatus
    evidence: str | None = None


@dataclass(frozen=True, kw_only=True)
class AddMicroPosition:
    """Open a party-mass activity micro-position (党群活动微阵地) in a grid."""

    grid_id: UUID
    name: str
    address: str
    opening_hours: str = ""


@dataclass(frozen=True, kw_only=True)
class UpdateMicroPosition:
    """Change a micro-position."""

    grid_id: UUID
    micro_position_id: UUID
    name: str | Unchanged = UNCHANGED
    address: str | Unchanged = UNCHANGED
    opening_hours: str | Unchanged = UNCHANGED


@dataclass(frozen=True, kw_only=True)
class RemoveMicroPosition:
    """Close a micro-position."""

    grid_id: UUID
    micro_position_id: UUID


@dataclass(frozen=True, kw_only=True)
class AddProxyServiceItem:
    """Add an item to a grid's proxy-service list (代办服务事项)."""

    grid_id: UUID
    name: str
    responsible_department: str
    time_limit_working_days: int
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class UpdateProxyServiceItem:
    """Change an item of a grid's proxy-service list."""

    grid_id: UUID
    item_id: UUID
    name: str | Unchanged = UNCHANGED
    description: str | Unchanged = UNCHANGED
    responsible_department: str | Unchanged = UNCHANGED
    time_limit_working_days: int | Unchanged = UNCHANGED


@dataclass(frozen=True, kw_only=True)
class RemoveProxyServiceItem:
    """Take an item off a grid's proxy-service list."""

    grid_id: UUID
    item_id: UUID
