"""Events published by the org service (stream ``ORG``, subjects ``org.>``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from gridkit.contracts.base import IntegrationEvent


class DivisionState(BaseModel):
    """A division as it stands after the change."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    division_id: UUID
    code: str
    name: str
    level: str
    parent_id: UUID | None = None


class DivisionCreated(DivisionState, IntegrationEvent):
    event_type: ClassVar[str] = "org.division.created"


class DivisionRenamed(DivisionState, IntegrationEvent):
    event_type: ClassVar[str] = "org.division.renamed"
    previous_name: str


class DivisionMoved(DivisionState, IntegrationEvent):
    event_type: ClassVar[str] = "org.division.moved"
    previous_parent_id: UUID | None = None
    previous_code: str


class GridState(BaseModel):
    """A grid as it stands after the change."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    grid_id: UUID
    code: str
    name: str
    kind: str
    dedicated_to: str | None = None
    division_id: UUID
    households: int
    residents: int
    status: str
    boundary: dict[str, Any] | None = None
    """GeoJSON Polygon or MultiPolygon (WGS-84): where a reported location finds its grid."""


class GridCreated(GridState, IntegrationEvent):
    event_type: ClassVar[str] = "org.grid.created"


class GridUpdated(GridState, IntegrationEvent):
    event_type: ClassVar[str] = "org.grid.updated"
    changed_fields: list[str]


class GridRetired(GridState, IntegrationEvent):
    event_type: ClassVar[str] = "org.grid.retired"
    reason: str | None = None


GRID_STATE_EVENTS: dict[str, type[GridState]] = {
    model.event_type: model for model in (GridCreated, GridUpdated, GridRetired)
}
"""The events that carry a grid's whole state, by event type: what a service's view of grids
applies (the other grid events change nothing such a view holds)."""


class GridStandardUpdated(IntegrationEvent):
    event_type: ClassVar[str] = "org.grid.standard_updated"
    grid_id: UUID
    item: str
    status: str
    evidence: str | None = None
    confirmed_by: str | None = None
    confirmed_at: datetime | None = None


class MicroPositionChanged(IntegrationEvent):
    """A grid's party-mass activity micro-position was opened, changed or closed."""

    event_type: ClassVar[str] = "org.grid.micro_position_changed"
    grid_id: UUID
    micro_position_id: UUID
    change: str
    name: str


class ProxyServiceItemChanged(IntegrationEvent):
    """An item of a grid's proxy-service catalogue was added, changed or removed."""

    event_type: ClassVar[str] = "org.grid.proxy_service_item_changed"
    grid_id: UUID
    item_id: UUID
    change: str
    name: str


class PartyOrganizationState(BaseModel):
    """A party organisation as it stands after the change."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    party_organization_id: UUID
    name: str
    kind: str
    parent_id: UUID | None = None
    grid_id: UUID | None = None
    division_id: UUID


class PartyOrganizationCreated(PartyOrganizationState, IntegrationEvent):
    event_type: ClassVar[str] = "org.party_organization.created"


class PartyOrganizationUpdated(PartyOrganizationState, IntegrationEvent):
    event_type: ClassVar[str] = "org.party_organization.updated"
    changed_fields: list[str]


class UnitState(BaseModel):
    """A unit in a dedicated grid as it stands after the change."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    unit_id: UUID
    name: str
    kind: str
    credit_code: str
    grid_id: UUID


class UnitRegistered(UnitState, IntegrationEvent):
    event_type: ClassVar[str] = "org.unit.registered"


class UnitUpdated(UnitState, IntegrationEvent):
    event_type: ClassVar[str] = "org.unit.updated"
    changed_fields: list[str]


class DepartmentState(BaseModel):
    """A department that handles cases, as it stands after the change.

    ``division_code`` is the code of the division it serves (it changes when that
    division moves); ``categories`` are the case category codes it takes, sorted;
    ``phone`` is the office's public number, not personal data.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    department_id: UUID
    name: str
    kind: str
    parent_id: UUID | None = None
    division_id: UUID
    division_code: str
    categories: list[str] = []
    unit_id: UUID | None = None
    phone: str | None = None
    status: str


class DepartmentCreated(DepartmentState, IntegrationEvent):
    event_type: ClassVar[str] = "org.department.created"


class DepartmentUpdated(DepartmentState, IntegrationEvent):
    event_type: ClassVar[str] = "org.department.updated"
    changed_fields: list[str]


class DepartmentDissolved(DepartmentState, IntegrationEvent):
    event_type: ClassVar[str] = "org.department.dissolved"


EVENTS: tuple[type[IntegrationEvent], ...] = (
    DivisionCreated,
    DivisionRenamed,
    DivisionMoved,
    GridCreated,
    GridUpdated,
    GridRetired,
    GridStandardUpdated,
    MicroPositionChanged,
    ProxyServiceItemChanged,
    PartyOrganizationCreated,
    PartyOrganizationUpdated,
    UnitRegistered,
    UnitUpdated,
    DepartmentCreated,
    DepartmentUpdated,
    DepartmentDissolved,
)
