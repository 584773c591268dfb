"""The grid (网格): the smallest unit of community governance, drawn in a community or village."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from org.domain.codes import (
    LOCAL_CODE_LENGTH,
    is_within,
    next_grid_code,
    validate_grid_code,
)
from org.domain.counts import check_count
from org.domain.division import Division
from org.domain.errors import (
    GridCodeTaken,
    GridDivisionNotCommunity,
    GridRetiredError,
    InvalidGridCode,
    InvalidGridKind,
    MicroPositionNotFound,
    ProxyServiceItemNotFound,
    StandardEvidenceRequired,
)
from org.domain.events import (
    Change,
    GridCreated,
    GridEvent,
    GridRetired,
    GridStandardUpdated,
    GridUpdated,
    MicroPositionChanged,
    ProxyServiceItemChanged,
)
from org.domain.geometry import Boundary, validate_boundary
from org.domain.grid_services import MicroPosition, ProxyServiceItem, ensure_unique_name
from org.domain.kinds import DedicatedTo, GridKind, GridStatus
from org.domain.standards import StandardConfirmation, StandardItem, StandardStatus
from org.domain.text import clean_name, clean_text, require_aware

__all__ = ["DedicatedTo", "Grid", "GridKind", "GridStatus"]

MAX_PEOPLE = 1_000_000
REASON_MAX_LENGTH = 500
EVIDENCE_MAX_LENGTH = 2000

_E = TypeVar("_E", bound=GridEvent)


@dataclass(kw_only=True)
class Grid(Aggregate):
    """A grid with its checklist confirmations, micro-positions and proxy-service list."""

    aggregate_type: ClassVar[str] = "grid"

    code: str
    name: str
    kind: GridKind
    dedicated_to: DedicatedTo | None = None
    division_id: UUID
    boundary: Boundary | None = None
    households: int = 0
    residents: int = 0
    status: GridStatus = GridStatus.ACTIVE
    retired_reason: str | None = None
    standards: dict[StandardItem, StandardConfirmation] = field(default_factory=dict)
    micro_positions: list[MicroPosition] = field(default_factory=list)
    proxy_service_items: list[ProxyServiceItem] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        name: str,
        kind: GridKind,
        division: Division,
        dedicated_to: DedicatedTo | None = None,
        code: str | None = None,
        taken_codes: Collection[str] = (),
        boundary: object = None,
        households: int = 0,
        residents: int = 0,
    ) -> Grid:
        """Draw a grid in a community or village.

        ``code`` is the full 15-digit code or the three-digit sequence; without
        it the community's next free sequence is taken from ``taken_codes`` (the
        codes of the community's grids, retired ones included).
        """
        if not division.level.holds_grids:
            raise GridDivisionNotCommunity(
                f"Grids are drawn in a community or village; {division.name} is a "
                f"{division.level.value.lower()} ({division.level.label})",
                division_id=str(division.id),
            )
        _check_kind(kind, dedicated_to)
        grid = cls(
            id=id,
            code=_resolve_code(division, code, taken_codes),
            name=clean_name(name, label="Grid name"),
            kind=kind,
            dedicated_to=dedicated_to,
            division_id=division.id,
            boundary=None if boundary is None else validate_boundary(boundary),
            households=check_count(households, label="Households", maximum=MAX_PEOPLE),
            residents=check_count(residents, label="Residents", maximum=MAX_PEOPLE),
        )
        grid.record(grid._event(GridCreated))
        return grid

    @property
    def is_retired(self) -> bool:
        """Whether the grid has been retired."""
        return self.status is GridStatus.RETIRED

    def update(
        self,
        *,
        name: str | Unchanged = UNCHANGED,
        kind: GridKind | Unchanged = UNCHANGED,
        dedicated_to: DedicatedTo | Unchanged | None = UNCHANGED,
        boundary: object = UNCHANGED,
        households: int | Unchanged = UNCHANGED,
        residents: int | Unchanged = UNCHANGED,
    ) -> tuple[str, ...]:
        """Change some fields; returns the names of those that really changed.

        Turning a dedicated grid residential drops ``dedicated_to`` unless it is
        given. ``boundary=None`` removes the boundary. Nothing is recorded when
        nothing changes; nothing changes when any value is refused.
        """
        self._ensure_active()
        new_kind = self.kind if kind is UNCHANGED else kind
        if dedicated_to is UNCHANGED:
            new_dedicated_to = self.dedicated_to if new_kind is GridKind.DEDICATED else None
        else:
            new_dedicated_to = dedicated_to
        _check_kind(new_kind, new_dedicated_to)
        proposed: dict[str, Any] = {
            "name": self.name if name is UNCHANGED else clean_name(name, label="Grid name"),
            "kind": new_kind,
            "dedicated_to": new_dedicated_to,
            "boundary": self.boundary
            if boundary is UNCHANGED
            else (None if boundary is None else validate_boundary(boundary)),
            "households": self.households
            if households is UNCHANGED
            else check_count(households, label="Households", maximum=MAX_PEOPLE),
            "residents": self.residents
            if residents is UNCHANGED
            else check_count(residents, label="Residents", maximum=MAX_PEOPLE),
        }
        changed = tuple(f for f, value in proposed.items() if getattr(self, f) != value)
        if changed:
            for f in changed:
                setattr(self, f, proposed[f])
            self.record(self._event(GridUpdated, changed_fields=changed))
        return changed

    def retire(self, reason: str) -> GridRetired:
        """Take the grid out of service for good (e.g. merged into a neighbour)."""
        self._ensure_active()
        self.retired_reason = clean_text(
            reason, label="Reason for retiring", max_length=REASON_MAX_LENGTH
        )
        self.status = GridStatus.RETIRED
        event = self._event(GridRetired, reason=self.retired_reason)
        self.record(event)
        return event

    def recode(self, new_code: str) -> GridUpdated | None:
        """Take a new code because its community moved; retired grids follow too."""
        validate_grid_code(new_code)
        if new_code == self.code:
            return None
        self.code = new_code
        event = self._event(GridUpdated, changed_fields=("code",))
        self.record(event)
        return event

    # Standards checklist (党建引领网格化建设基本标准)

    def confirm_standard(
        self,
        item: StandardItem,
        status: StandardStatus,
        *,
        evidence: str | None = None,
        confirmed_by: str,
        at: datetime,
    ) -> StandardConfirmation:
        """Record that the grid meets (with evidence) or does not meet one item."""
        self._ensure_active()
        text = clean_text(
            evidence or "", label="Evidence", max_length=EVIDENCE_MAX_LENGTH, required=False
        )
        if status is StandardStatus.MET and not text:
            raise StandardEvidenceRequired(
                f"Say what shows that grid {self.code} meets {item.value}, "
                "e.g. where the document or photo is",
                item=item.value,
            )
        confirmation = StandardConfirmation(
            item=item,
            status=status,
            evidence=text or None,
            confirmed_by=clean_name(confirmed_by, label="Confirmed by"),
            confirmed_at=require_aware(at, label="Confirmation time"),
        )
        self.standards[item] = confirmation
        self.record(
            GridStandardUpdated(
                grid_id=self.id,
                item=item,
                status=status,
                evidence=confirmation.evidence,
                confirmed_by=confirmation.confirmed_by,
                confirmed_at=confirmation.confirmed_at,
            )
        )
        return confirmation

    def standard_status(self, item: StandardItem) -> StandardStatus:
        """The confirmed status of ``item``; never confirmed counts as not met."""
        confirmation = self.standards.get(item)
        return confirmation.status if confirmation else StandardStatus.NOT_MET

    def confirmed_statuses(self) -> dict[StandardItem, StandardStatus]:
        """All ten items with their confirmed status, in checklist order."""
        return {item: self.standard_status(item) for item in StandardItem}

    # Micro-positions (党群活动微阵地)

    def micro_position(self, micro_position_id: UUID) -> MicroPosition:
        """The grid's micro-position with that id, or MICRO_POSITION_NOT_FOUND."""
        return self._micro_position(micro_position_id)[1]

    def add_micro_position(
        self, *, id: UUID, name: str, address: str, opening_hours: str = ""
    ) -> MicroPosition:
        """Open a micro-position in the grid; its name is unique within the grid."""
        self._ensure_active()
        position = MicroPosition.create(
            id=id, name=name, address=address, opening_hours=opening_hours
        )
        ensure_unique_name(position, self.micro_positions, what="micro-position")
        self.micro_positions.append(position)
        self._record_micro_position(position, Change.ADDED)
        return position

    def update_micro_position(
        self,
        micro_position_id: UUID,
        *,
        name: str | Unchanged = UNCHANGED,
        address: str | Unchanged = UNCHANGED,
        opening_hours: str | Unchanged = UNCHANGED,
    ) -> MicroPosition:
        """Change a micro-position; nothing is recorded when nothing changes."""
        self._ensure_active()
        index, current = self._micro_position(micro_position_id)
        updated = MicroPosition.create(
            id=current.id,
            name=current.name if name is UNCHANGED else name,
            address=current.address if address is UNCHANGED else address,
            opening_hours=current.opening_hours if opening_hours is UNCHANGED else opening_hours,
        )
        if updated == current:
            return current
        ensure_unique_name(updated, self.micro_positions, what="micro-position")
        self.micro_positions[index] = updated
        self._record_micro_position(updated, Change.UPDATED)
        return updated

    def remove_micro_position(self, micro_position_id: UUID) -> MicroPosition:
        """Close a micro-position."""
        self._ensure_active()
        index, removed = self._micro_position(micro_position_id)
        del self.micro_positions[index]
        self._record_micro_position(removed, Change.REMOVED)
        return removed

    # Proxy-service list (代办服务事项表)

    def proxy_service_item(self, item_id: UUID) -> ProxyServiceItem:
        """The grid's proxy-service item with that id, or PROXY_SERVICE_ITEM_NOT_FOUND."""
        return self._proxy_service_item(item_id)[1]

    def add_proxy_service_item(
        self,
        *,
        id: UUID,
        name: str,
        responsible_department: str,
        time_limit_working_days: int,
        description: str = "",
    ) -> ProxyServiceItem:
        """Add a matter grid staff handle for residents; its name is unique within the grid."""
        self._ensure_active()
        item = ProxyServiceItem.create(
            id=id,
            name=name,
            description=description,
            responsible_department=responsible_department,
            time_limit_working_days=time_limit_working_days,
        )
        ensure_unique_name(item, self.proxy_service_items, what="proxy-service item")
        self.proxy_service_items.append(item)
        self._record_proxy_service_item(item, Change.ADDED)
        return item

    def update_proxy_service_item(
        self,
        item_id: UUID,
        *,
        name: str | Unchanged = UNCHANGED,
        description: str | Unchanged = UNCHANGED,
        responsible_department: str | Unchanged = UNCHANGED,
        time_limit_working_days: int | Unchanged = UNCHANGED,
    ) -> ProxyServiceItem:
        """Change a proxy-service item; nothing is recorded when nothing changes."""
        self._ensure_active()
        index, current = self._proxy_service_item(item_id)
        updated = ProxyServiceItem.create(
            id=current.id,
            name=current.name if name is UNCHANGED else name,
            description=current.description if description is UNCHANGED else description,
            responsible_department=current.responsible_department
            if responsible_department is UNCHANGED
            else responsible_department,
            time_limit_working_days=current.time_limit_working_days
            if time_limit_working_days is UNCHANGED
            else time_limit_working_days,
        )
        if updated == current:
            return current
        ensure_unique_name(updated, self.proxy_service_items, what="proxy-service item")
        self.proxy_service_items[index] = updated
        self._record_proxy_service_item(updated, Change.UPDATED)
        return updated

    def remove_proxy_service_item(self, item_id: UUID) -> ProxyServiceItem:
        """Take an item off the proxy-service list."""
        self._ensure_active()
        index, removed = self._proxy_service_item(item_id)
        del self.proxy_service_items[index]
        self._record_proxy_service_item(removed, Change.REMOVED)
        return removed

    # Internals

    def _ensure_active(self) -> None:
        if self.is_retired:
            raise GridRetiredError(
                f"Grid {self.code} is retired and can no longer be changed",
                grid_id=str(self.id),
                grid_code=self.code,
            )

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            grid_id=self.id,
            code=self.code,
            name=self.name,
            kind=self.kind,
            dedicated_to=self.dedicated_to,
            division_id=self.division_id,
            households=self.households,
            residents=self.residents,
            status=self.status,
            boundary=self.boundary,
            **extra,
        )

    def _micro_position(self, micro_position_id: UUID) -> tuple[int, MicroPosition]:
        for index, position in enumerate(self.micro_positions):
            if position.id == micro_position_id:
                return index, position
        raise MicroPositionNotFound(
            f"Grid {self.code} has no micro-position {micro_position_id}",
            id=str(micro_position_id),
        )

    def _proxy_service_item(self, item_id: UUID) -> tuple[int, ProxyServiceItem]:
        for index, item in enumerate(self.proxy_service_items):
            if item.id == item_id:
                return index, item
        raise ProxyServiceItemNotFound(
            f"Grid {self.code} has no proxy-service item {item_id}", id=str(item_id)
        )

    def _record_micro_position(self, position: MicroPosition, change: Change) -> None:
        self.record(
            MicroPositionChanged(
                grid_id=self.id, micro_position_id=position.id, change=change, name=position.name
            )
        )

    def _record_proxy_service_item(self, item: ProxyServiceItem, change: Change) -> None:
        self.record(
            ProxyServiceItemChanged(grid_id=self.id, item_id=item.id, change=change, name=item.name)
        )


def _check_kind(kind: GridKind, dedicated_to: DedicatedTo | None) -> None:
    if kind is GridKind.DEDICATED and dedicated_to is None:
        raise InvalidGridKind(
            "A dedicated grid (专属网格) must say what it is dedicated to: "
            "an enterprise, a public unit, a new organisation (两新组织) or other"
        )
    if kind is not GridKind.DEDICATED and dedicated_to is not None:
        raise InvalidGridKind(
            f"Only a dedicated grid is dedicated to something; a {kind.value.lower()} grid "
            f"cannot be dedicated to {dedicated_to.value}"
        )


def _resolve_code(division: Division, code: str | None, taken_codes: Collection[str]) -> str:
    if code is None:
        resolved = next_grid_code(division.code, taken_codes)
    elif len(code) == LOCAL_CODE_LENGTH:
        resolved = validate_grid_code(division.code + code)
    else:
        resolved = validate_grid_code(code)
        if not is_within(resolved, division.code):
            raise InvalidGridCode(
                f"Grid code {resolved} does not start with its community's code {division.code}"
            )
    if resolved in taken_codes:
        raise GridCodeTaken(f"Grid code {resolved} is already in use", code=resolved)
    return resolved
