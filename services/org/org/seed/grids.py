"""The grids of the plan, made one after another with everything that belongs to them.

Residential grids (村居网格) are numbered within their community or village; dedicated grids
(专属网格) are named after the enterprise, institution, organisation or site they serve. Each
grid gets the next lattice cell for its boundary, and may get a party branch, a unit, a
micro-position, proxy-service items and checklist confirmations.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TypeVar

from org.domain import DedicatedTo, DivisionLevel, GridKind, UnitKind
from org.seed.credit_codes import credit_code
from org.seed.lattice import Lattice
from org.seed.maturity import Maturity, draw_maturity, standards
from org.seed.names import subject_names
from org.seed.plan import DivisionPlan, GridPlan, MicroPositionPlan, ProxyServicePlan, UnitPlan

T = TypeVar("T")

DEDICATED_CYCLE = (
    DedicatedTo.ENTERPRISE,
    DedicatedTo.PUBLIC_UNIT,
    DedicatedTo.NEW_ORGANIZATION,
    DedicatedTo.OTHER,
)
NO_PARTY_BRANCH_EVERY = 9  # every 9th grid has none, so the compliance report shows shortfalls
NO_UNIT_EVERY = 3  # every 3rd dedicated grid has no unit registered yet

# Outside model grids: shares with a micro-position, and of dedicated grids with a proxy item.
MICRO_POSITION_SHARE = {GridKind.RESIDENTIAL: 0.65, GridKind.DEDICATED: 0.25}
DEDICATED_PROXY_SERVICE_SHARE = 0.25

_STREETS = ("文化路", "幸福路", "和谐路", "中心街", "新华路", "花园路")
_RESIDENTIAL_POSITIONS = ("党群服务站", "红色驿站", "网格党群微家", "邻里中心")
_DEDICATED_POSITIONS = ("职工之家", "党员活动室", "党群服务角")
_OPENING_HOURS = ("周一至周五 9:00-17:00", "每日 8:30-20:00", "周一至周六 8:00-18:00")

_RESIDENT_SERVICES = tuple(
    ProxyServicePlan(name=name, responsible_department=department, time_limit_working_days=days)
    for name, department, days in (
        ("居住证办理", "历城区公安分局", 15),
        ("老年优待证办理", "历城区民政局", 5),
        ("残疾人证申领", "历城区残疾人联合会", 20),
        ("城乡居民医保参保登记", "历城区医疗保障局", 5),
        ("高龄津贴申请", "历城区民政局", 10),
        ("生育登记", "历城区卫生健康局", 3),
        ("就业失业登记", "历城区人力资源和社会保障局", 5),
        ("临时救助申请", "历城区民政局", 10),
    )
)
_UNIT_SERVICES = tuple(
    ProxyServicePlan(name=name, responsible_department=department, time_limit_working_days=days)
    for name, department, days in (
        ("企业开办咨询", "历城区行政审批服务局", 3),
        ("职工医保登记", "历城区医疗保障局", 5),
        ("党组织关系转接", "历城区委组织部", 10),
        ("用工备案", "历城区人力资源和社会保障局", 5),
    )
)


class GridBuilder:
    """Makes grids in creation order: lattice cells, names and contents follow one sequence."""

    def __init__(self, rng: random.Random, *, cells: int) -> None:
        self._rng = rng
        self._lattice = Lattice(cells)
        self._grid_number = 0
        self._dedicated_number = 0
        self._subjects = subject_names(rng)

    def grids(
        self, holder: DivisionPlan, *, residential: int, dedicated: int
    ) -> Iterator[GridPlan]:
        """The residential grids of ``holder``, then its dedicated grids."""
        for number in range(1, residential + 1):
            yield self._residential(holder, number)
        for _ in range(dedicated):
            yield self._dedicated(holder)

    def _residential(self, holder: DivisionPlan, number: int) -> GridPlan:
        rng = self._rng
        name = f"{holder.name}第{number}网格"
        low, high = (260, 520) if holder.level is DivisionLevel.COMMUNITY else (120, 380)
        households = rng.randint(low, high)
        maturity = draw_maturity(rng)
        position = MicroPositionPlan(
            name=rng.choice(_RESIDENTIAL_POSITIONS),
            address=f"{holder.name}{rng.choice(_STREETS)}{rng.randint(1, 199)}号",
            opening_hours=rng.choice(_OPENING_HOURS),
        )
        return self._grid(
            holder,
            name=name,
            kind=GridKind.RESIDENTIAL,
            households=households,
            residents=round(households * rng.uniform(2.5, 3.2)),
            unit=None,
            maturity=maturity,
            micro_positions=self._some(
                maturity, MICRO_POSITION_SHARE[GridKind.RESIDENTIAL], position
            ),
            proxy_service_items=tuple(
                rng.sample(_RESIDENT_SERVICES, rng.randint(int(maturity is Maturity.MODEL), 2))
            ),
        )

    def _dedicated(self, holder: DivisionPlan) -> GridPlan:
        rng = self._rng
        number, self._dedicated_number = self._dedicated_number, self._dedicated_number + 1
        dedicated_to = DEDICATED_CYCLE[number % len(DEDICATED_CYCLE)]
        subject, unit_name, unit_kind = self._subject(dedicated_to, number)
        unit = None
        if number % NO_UNIT_EVERY != NO_UNIT_EVERY - 1:
            unit = UnitPlan(name=unit_name, kind=unit_kind, credit_code=credit_code(rng, unit_kind))
        maturity = draw_maturity(rng)
        position = MicroPositionPlan(
            name=rng.choice(_DEDICATED_POSITIONS),
            address=f"{subject}一楼",
            opening_hours=rng.choice(_OPENING_HOURS),
        )
        return self._grid(
            holder,
            name=f"{subject}专属网格",
            kind=GridKind.DEDICATED,
            dedicated_to=dedicated_to,
            households=0,
            residents=0,
            unit=unit,
            maturity=maturity,
            micro_positions=self._some(
                maturity, MICRO_POSITION_SHARE[GridKind.DEDICATED], position
            ),
            proxy_service_items=self._some(
                maturity, DEDICATED_PROXY_SERVICE_SHARE, rng.choice(_UNIT_SERVICES)
            ),
        )

    def _some(self, maturity: Maturity, share: float, thing: T) -> tuple[T, ...]:
        """``thing`` in a model grid, and in about ``share`` of the others."""
        has_it = maturity is Maturity.MODEL or self._rng.random() < share
        return (thing,) if has_it else ()

    def _subject(self, dedicated_to: DedicatedTo, number: int) -> tuple[str, str, UnitKind]:
        """What the grid is named after, the unit registered in it and the unit's kind."""
        if dedicated_to is DedicatedTo.ENTERPRISE:
            name = f"济南{self._subjects['enterprise'].pop()}有限公司"
            return name, name, UnitKind.ENTERPRISE
        if dedicated_to is DedicatedTo.PUBLIC_UNIT:
            name = f"历城区{self._subjects['public'].pop()}"
            return name, name, UnitKind.PUBLIC_UNIT
        if dedicated_to is DedicatedTo.NEW_ORGANIZATION:
            # Every other new organisation is economic (新经济组织), the rest social (新社会组织).
            if number // len(DEDICATED_CYCLE) % 2 == 0:
                site = self._subjects["economic"].pop()
                return site, f"济南{site}运营管理有限公司", UnitKind.NEW_ECONOMIC_ORGANIZATION
            name = f"历城区{self._subjects['social'].pop()}"
            return name, name, UnitKind.NEW_SOCIAL_ORGANIZATION
        site = self._subjects["other"].pop()
        return site, f"济南{site}管理有限公司", UnitKind.ENTERPRISE

    def _grid(
        self,
        holder: DivisionPlan,
        *,
        name: str,
        kind: GridKind,
        households: int,
        residents: int,
        unit: UnitPlan | None,
        maturity: Maturity,
        micro_positions: tuple[MicroPositionPlan, ...],
        proxy_service_items: tuple[ProxyServicePlan, ...],
        dedicated_to: DedicatedTo | None = None,
    ) -> GridPlan:
        number, self._grid_number = self._grid_number, self._grid_number + 1
        has_branch = number % NO_PARTY_BRANCH_EVERY != NO_PARTY_BRANCH_EVERY - 1
        return GridPlan(
            community_code=holder.code,
            name=name,
            kind=kind,
            dedicated_to=dedicated_to,
            boundary=self._lattice.square(number),
            households=households,
            residents=residents,
            party_branch=f"{name}党支部" if has_branch else None,
            unit=unit,
            micro_positions=micro_positions,
            proxy_service_items=proxy_service_items,
            standards=standards(self._rng, maturity),
        )
