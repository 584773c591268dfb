"""Standards compliance report (达标情况) for a community, subdistrict or district.

Four items are judged from facts rather than confirmations: a grid has a party
organisation team only if a party organisation serves it, a volunteer team only
while the volunteers service reports an active grid team for it, a micro-position
only if one is registered, a proxy-service list only if it has at least one item.
The other six are taken as confirmed on the grid's checklist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from uuid import UUID

from org.domain.grid import Grid
from org.domain.kinds import GridKind, GridStatus
from org.domain.standards import StandardItem, StandardStatus

CHECKLIST_ORDER = tuple(StandardItem)
"""The ten items in the standard's order."""

DERIVED_ITEMS = frozenset(
    {
        StandardItem.PARTY_ORGANIZATION,
        StandardItem.VOLUNTEER_TEAM,
        StandardItem.MICRO_POSITION,
        StandardItem.PROXY_SERVICE_LIST,
    }
)


@dataclass(frozen=True, kw_only=True)
class GridFacts:
    """What the report needs to know about one grid."""

    grid_id: UUID
    code: str
    name: str
    kind: GridKind
    division_id: UUID
    status: GridStatus = GridStatus.ACTIVE
    has_party_organization: bool
    confirmed: Mapping[StandardItem, StandardStatus] = field(default_factory=dict)
    """Checklist confirmations; an item missing here was never confirmed (not met)."""
    has_volunteer_team: bool = False
    """Whether the volunteers service reports an active grid team (网格志愿服务队) for it."""
    micro_position_count: int = 0
    proxy_service_item_count: int = 0

    @classmethod
    def of(cls, grid: Grid, *, has_party_organization: bool, has_volunteer_team: bool) -> GridFacts:
        """The facts of a loaded grid; whether a party organisation serves it and whether it
        has a volunteer team are known elsewhere."""
        return cls(
            grid_id=grid.id,
            code=grid.code,
            name=grid.name,
            kind=grid.kind,
            division_id=grid.division_id,
            status=grid.status,
            has_party_organization=has_party_organization,
            confirmed=grid.confirmed_statuses(),
            has_volunteer_team=has_volunteer_team,
            micro_position_count=len(grid.micro_positions),
            proxy_service_item_count=len(grid.proxy_service_items),
        )

    def meets(self, item: StandardItem) -> bool:
        """Whether the grid meets ``item``, derived items judged from the facts.

        A grid never confirmed is judged from its party organisation, its volunteer team and
        its two counts alone; the overview shares one checklist among grids alike in those
        (keep its cache's key in step if this comes to read more).
        """
        if item is StandardItem.PARTY_ORGANIZATION:
            return self.has_party_organization
        if item is StandardItem.VOLUNTEER_TEAM:
            return self.has_volunteer_team
        if item is StandardItem.MICRO_POSITION:
            return self.micro_position_count > 0
        if item is StandardItem.PROXY_SERVICE_LIST:
            return self.proxy_service_item_count > 0
        return self.confirmed.get(item) is StandardStatus.MET

    def missing_items(self) -> tuple[StandardItem, ...]:
        """The items the grid falls short on, in checklist order."""
        return tuple(item for item in CHECKLIST_ORDER if not self.meets(item))


@dataclass(frozen=True, kw_only=True)
class ItemCompliance:
    """How many grids meet one item, and what share of all grids that is (0 to 1)."""

    item: StandardItem
    met: int
    rate: float


@dataclass(frozen=True, kw_only=True)
class GridShortfall:
    """A grid that misses at least one item, and which ones."""

    grid_id: UUID
    code: str
    name: str
    kind: GridKind
    missing: tuple[StandardItem, ...]


@dataclass(frozen=True, kw_only=True)
class ComplianceReport:
    """Compliance of the active grids in a division (or in all given grids)."""

    division_code: str | None
    total_grids: int
    grids_by_kind: Mapping[GridKind, int]
    grids_with_party_organization: int
    items: tuple[ItemCompliance, ...]
    """One entry per checklist item, in checklist order."""
    fully_compliant: int
    shortfalls: tuple[GridShortfall, ...]
    """Grids missing something, by code."""

    @property
    def fully_compliant_rate(self) -> float:
        """Share of grids that meet all ten items (0 when there are no grids)."""
        return _rate(self.fully_compliant, self.total_grids)

    def item(self, item: StandardItem) -> ItemCompliance:
        """The entry for one item."""
        return next(entry for entry in self.items if entry.item is item)


def compliance_report(
    grids: Iterable[GridFacts], *, division_code: str | None = None
) -> ComplianceReport:
    """Report on the active grids whose code lies under ``division_code`` (all if ``None``).

    Retired grids are left out: they are no longer held to the standards.
    """
    counted = sorted(
        (
            g
            for g in grids
            if g.status is GridStatus.ACTIVE
            and (division_code is None or g.code.startswith(division_code))
        ),
        key=lambda g: g.code,
    )
    total = len(counted)
    met_counts = {item: sum(1 for g in counted if g.meets(item)) for item in StandardItem}
    items = tuple(
        ItemCompliance(item=item, met=met, rate=_rate(met, total))
        for item, met in met_counts.items()
    )
    shortfalls = tuple(
        GridShortfall(grid_id=g.grid_id, code=g.code, name=g.name, kind=g.kind, missing=missing)
        for g in counted
        if (missing := g.missing_items())
    )
    return ComplianceReport(
        division_code=division_code,
        total_grids=total,
        grids_by_kind={kind: sum(1 for g in counted if g.kind is kind) for kind in GridKind},
        grids_with_party_organization=sum(1 for g in counted if g.has_party_organization),
        items=items,
        fully_compliant=total - len(shortfalls),
        shortfalls=shortfalls,
    )


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
