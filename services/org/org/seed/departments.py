"""The departments of the demo story: who takes a resident's case about a noisy elevator.

The district's market regulation bureau (区市场监督管理局) with two of its sections, the city
management office of 王舍人街道, the property company of an estate there and the elevator
maintainer. A department serving a subdistrict the plan leaves out at small scales is left
out with it.
"""

from __future__ import annotations

from collections.abc import Collection

from org.domain import DepartmentKind, compose_code
from org.seed.plan import DepartmentPlan
from org.seed.reference import DISTRICT_CODE, TOWNSHIPS

_K = DepartmentKind

WANGSHEREN_CODE = compose_code(DISTRICT_CODE, [t[0] for t in TOWNSHIPS].index("王舍人街道") + 1)
"""王舍人街道's code: every subdistrict keeps its place in the reference list as its code."""

BUREAU = "历城区市场监督管理局"

STORY: tuple[DepartmentPlan, ...] = (
    DepartmentPlan(
        name=BUREAU,
        kind=_K.DISTRICT_BUREAU,
        division_code=DISTRICT_CODE,
        categories=(
            "ELEVATOR",
            "FOOD_SAFETY",
            "MARKET_REGULATION",
            "PRODUCT_QUALITY",
            "SPECIAL_EQUIPMENT",
        ),
    ),
    DepartmentPlan(
        name="质量发展科",
        kind=_K.SECTION,
        division_code=DISTRICT_CODE,
        categories=("PRODUCT_QUALITY",),
        parent=BUREAU,
    ),
    DepartmentPlan(
        name="特种设备安全监察科",
        kind=_K.SECTION,
        division_code=DISTRICT_CODE,
        categories=("ELEVATOR", "SPECIAL_EQUIPMENT"),
        parent=BUREAU,
    ),
    DepartmentPlan(
        name="王舍人街道城市管理办公室",
        kind=_K.SUBDISTRICT_OFFICE,
        division_code=WANGSHEREN_CODE,
        categories=("CITY_APPEARANCE", "ILLEGAL_CONSTRUCTION", "SANITATION"),
    ),
    DepartmentPlan(
        name="香溢紫郡物业",
        kind=_K.PROPERTY_COMPANY,
        division_code=WANGSHEREN_CODE,
        categories=("ELEVATOR", "PROPERTY"),
    ),
    DepartmentPlan(
        name="济南快速电梯维保有限公司",
        kind=_K.MAINTENANCE_COMPANY,
        division_code=DISTRICT_CODE,
        categories=("ELEVATOR",),
    ),
)


def plan_departments(division_codes: Collection[str]) -> tuple[DepartmentPlan, ...]:
    """The story's departments whose division is among ``division_codes``, in story order."""
    return tuple(d for d in STORY if d.division_code in division_codes)
