"""Domain events of the org service (past tense, immutable).

Each event carries the aggregate's state after the change, named as in
``gridkit.contracts.org``, so the integration event is built field for field.
Enum values are ``StrEnum`` members, which serialise as their plain strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from org.domain.geometry import Boundary
from org.domain.kinds import (
    DedicatedTo,
    DepartmentKind,
    DepartmentStatus,
    GridKind,
    GridStatus,
    PartyOrganizationKind,
    UnitKind,
)
from org.domain.levels import DivisionLevel
from org.domain.standards import StandardItem, StandardStatus


class Change(StrEnum):
    """What happened to an entity owned by a grid."""

    ADDED = "ADDED"
    UPDATED = "UPDATED"
    REMOVED = "REMOVED"


# Divisions


@dataclass(frozen=True, kw_only=True)
class DivisionEvent:
    """A division as it stands after the change."""

    division_id: UUID
    code: str
    name: str
    level: DivisionLevel
    parent_id: UUID | None


@dataclass(frozen=True, kw_only=True)
class DivisionCreated(DivisionEvent):
    """A division was added to the tree."""


@dataclass(frozen=True, kw_only=True)
class DivisionRenamed(DivisionEvent):
    """A division got a new name."""

    previous_name: str


@dataclass(frozen=True, kw_only=True)
class DivisionMoved(DivisionEvent):
    """A division's code changed: it moved to a new parent, or an ancestor moved.

    When an ancestor moved, ``previous_parent_id`` equals ``parent_id``.
    """

    previous_parent_id: UUID | None
    previous_code: str


# Grids


@dataclass(frozen=True, kw_only=True)
class GridEvent:
    """A grid as it stands after the change."""

    grid_id: UUID
    code: str
    name: str
    kind: GridKind
    dedicated_to: DedicatedTo | None
    division_id: UUID
    households: int
    residents: int
    status: GridStatus
    boundary: Boundary | None
    """The grid's outline, so consumers can place a location in it."""


@dataclass(frozen=True, kw_only=True)
class GridCreated(GridEvent):
    """A grid was drawn in a community or village."""


@dataclass(frozen=True, kw_only=True)
class GridUpdated(GridEvent):
    """Some of a grid's fields changed (named in ``changed_fields``, in a stable order)."""

    changed_fields: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class GridRetired(GridEvent):
    """A grid was retired; it keeps its code and history but takes no more changes."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class GridStandardUpdated:
    """An item of a grid's standards checklist was confirmed as met or not met."""

    grid_id: UUID
    item: StandardItem
    status: StandardStatus
    evidence: str | None
    confirmed_by: str
    confirmed_at: datetime


@dataclass(frozen=True, kw_only=True)
class MicroPositionChanged:
    """A grid's micro-position (党群活动微阵地) was added, changed or removed."""

    grid_id: UUID
    micro_position_id: UUID
    change: Change
    name: str


@dataclass(frozen=True, kw_only=True)
class ProxyServiceItemChanged:
    """An item of a grid's proxy-service list (代办服务事项表) was added, changed or removed."""

    grid_id: UUID
    item_id: UUID
    change: Change
    name: str


# Party organisations


@dataclass(frozen=True, kw_only=True)
class PartyOrganizationEvent:
    """A party organisation as it stands after the change."""

    party_organization_id: UUID
    name: str
    kind: PartyOrganizationKind
    parent_id: UUID | None
    grid_id: UUID | None
    division_id: UUID


@dataclass(frozen=True, kw_only=True)
class PartyOrganizationCreated(PartyOrganizationEvent):
    """A party organisation was set up."""


@dataclass(frozen=True, kw_only=True)
class PartyOrganizationUpdated(PartyOrganizationEvent):
    """Some of a party organisation's fields changed."""

    changed_fields: tuple[str, ...]


# Units


@dataclass(frozen=True, kw_only=True)
class UnitEvent:
    """A unit in a dedicated grid as it stands after the change."""

    unit_id: UUID
    name: str
    kind: UnitKind
    credit_code: str
    grid_id: UUID


@dataclass(frozen=True, kw_only=True)
class UnitRegistered(UnitEvent):
    """A unit was registered in a dedicated grid."""


@dataclass(frozen=True, kw_only=True)
class UnitUpdated(UnitEvent):
    """Some of a unit's fields changed."""

    changed_fields: tuple[str, ...]


# Departments


@dataclass(frozen=True, kw_only=True)
class DepartmentEvent:
    """A department as it stands after the change."""

    department_id: UUID
    name: str
    kind: DepartmentKind
    parent_id: UUID | None
    division_id: UUID
    division_code: str
    categories: tuple[str, ...]
    unit_id: UUID | None
    phone: str | None
    status: DepartmentStatus


@dataclass(frozen=True, kw_only=True)
class DepartmentCreated(DepartmentEvent):
    """A department was set up to take cases."""


@dataclass(frozen=True, kw_only=True)
class DepartmentUpdated(DepartmentEvent):
    """Some of a department's fields changed (named in ``changed_fields``, in a stable order).

    ``division_code`` alone changes when the division it serves moves in the tree.
    """

    changed_fields: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class DepartmentDissolved(DepartmentEvent):
    """A department was dissolved; it keeps its history but takes no more cases."""
