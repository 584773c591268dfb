"""The plan: what the demo data set should hold, as frozen data with no I/O.

:func:`~org.seed.plan_seed` makes one; :func:`~org.seed.seed` brings a database
up to it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from org.domain import (
    Boundary,
    DedicatedTo,
    DepartmentKind,
    DivisionLevel,
    GridKind,
    StandardItem,
    StandardStatus,
    UnitKind,
)


@dataclass(frozen=True, kw_only=True)
class DivisionPlan:
    """A district, subdistrict, community or village with its administrative code."""

    code: str
    name: str
    level: DivisionLevel
    parent_code: str | None


@dataclass(frozen=True, kw_only=True)
class UnitPlan:
    """A unit registered in a dedicated grid, with a valid unified social credit code."""

    name: str
    kind: UnitKind
    credit_code: str


@dataclass(frozen=True, kw_only=True)
class MicroPositionPlan:
    """A party-mass activity micro-position (党群活动微阵地)."""

    name: str
    address: str
    opening_hours: str


@dataclass(frozen=True, kw_only=True)
class ProxyServicePlan:
    """A proxy-service item (代办服务事项)."""

    name: str
    responsible_department: str
    time_limit_working_days: int


@dataclass(frozen=True, kw_only=True)
class StandardPlan:
    """A confirmation of one checklist item."""

    item: StandardItem
    status: StandardStatus
    evidence: str | None


@dataclass(frozen=True, kw_only=True)
class GridPlan:
    """A grid and what belongs to it; the service gives it the next code of its community."""

    community_code: str
    name: str
    kind: GridKind
    dedicated_to: DedicatedTo | None
    boundary: Boundary
    households: int
    residents: int
    party_branch: str | None
    unit: UnitPlan | None
    micro_positions: tuple[MicroPositionPlan, ...]
    proxy_service_items: tuple[ProxyServicePlan, ...]
    standards: tuple[StandardPlan, ...]


@dataclass(frozen=True, kw_only=True)
class CommunityPlan:
    """A community (社区) or village (村), its party committee and its grids in code order."""

    division: DivisionPlan
    party_committee: str
    grids: tuple[GridPlan, ...]


@dataclass(frozen=True, kw_only=True)
class DepartmentPlan:
    """A department that takes cases, in the division with ``division_code``.

    A section names its ``parent``: a department of the same division listed before it.
    """

    name: str
    kind: DepartmentKind
    division_code: str
    categories: tuple[str, ...]
    parent: str | None = None


@dataclass(frozen=True, kw_only=True)
class SeedPlan:
    """The whole data set."""

    district: DivisionPlan
    townships: tuple[DivisionPlan, ...]
    communities: tuple[CommunityPlan, ...]
    """Communities and villages, by code."""
    departments: tuple[DepartmentPlan, ...] = ()
    """Departments that take cases, parents before their sections."""

    @property
    def grids(self) -> list[GridPlan]:
        """Every grid, in the order they are created."""
        return [grid for community in self.communities for grid in community.grids]

    def counts(self) -> dict[str, int]:
        """How many of each thing the plan holds, under the names :func:`~org.seed.seed` reports."""
        grids = self.grids
        return {
            "divisions": 1 + len(self.townships) + len(self.communities),
            "grids": len(grids),
            "party committees": len(self.communities),
            "party branches": sum(g.party_branch is not None for g in grids),
            "units": sum(g.unit is not None for g in grids),
            "micro-positions": sum(len(g.micro_positions) for g in grids),
            "proxy-service items": sum(len(g.proxy_service_items) for g in grids),
            "standards confirmations": sum(len(g.standards) for g in grids),
            "departments": len(self.departments),
        }

    def describe(self) -> str:
        """One line on the size of the plan."""
        levels = Counter(c.division.level for c in self.communities)
        kinds = Counter(g.kind for g in self.grids)
        return (
            f"{self.district.name}: {len(self.townships)} subdistricts, "
            f"{levels[DivisionLevel.COMMUNITY]} communities, {levels[DivisionLevel.VILLAGE]} "
            f"villages, {sum(kinds.values())} grids ({kinds[GridKind.RESIDENTIAL]} residential, "
            f"{kinds[GridKind.DEDICATED]} dedicated)"
        )
