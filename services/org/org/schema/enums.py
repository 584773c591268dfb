"""The domain's enumerations, registered as GraphQL enums.

The GraphQL enums are the domain's own classes, so values travel between the
two without conversion.
"""

from __future__ import annotations

import strawberry

from org.domain.events import Change
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

strawberry.enum(DivisionLevel, description="Level of a division: 区, 街道, 镇, 社区, 村.")
strawberry.enum(GridKind, description="Residential (村居网格) or dedicated (专属网格).")
strawberry.enum(DedicatedTo, description="What a dedicated grid serves.")
strawberry.enum(GridStatus, description="Whether a grid is in service.")
strawberry.enum(PartyOrganizationKind, description="党委, 党总支, 党支部 or 党小组.")
strawberry.enum(UnitKind, description="Kind of unit in a dedicated grid.")
strawberry.enum(
    DepartmentKind,
    description="Kind of department: 区直部门, 街道科室, 内设科室 or an outside party.",
)
strawberry.enum(DepartmentStatus, description="Whether a department still takes cases.")
strawberry.enum(
    StandardItem,
    description="The ten items of the grid standards checklist (党建引领网格化建设基本标准).",
)
strawberry.enum(StandardStatus, description="Whether a grid meets a standard item.")
strawberry.enum(Change, description="What happened to an entity.")

__all__ = [
    "Change",
    "DedicatedTo",
    "DepartmentKind",
    "DepartmentStatus",
    "DivisionLevel",
    "GridKind",
    "GridStatus",
    "PartyOrganizationKind",
    "StandardItem",
    "StandardStatus",
    "UnitKind",
]
