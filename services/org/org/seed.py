"""Demo data at the scale of Licheng District, Jinan (历城区): ``python -m org.seed``.

The data set is first computed as a :class:`SeedPlan` by :func:`plan_seed`, a
pure function of the scale (same scale, same plan: names, codes, counts and
boundaries). :func:`seed` then applies it: what the database already holds is
recognised (divisions by code, grids by name within their community or
village, units by credit code, ...) and left alone; everything else is written
through the command handlers as an administrator, so every row gets its outbox
events like any other write. A second run therefore adds nothing.

    python -m org.seed [--scale 0.1] [--database-url postgresql+asyncpg://...]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.auth import Caller, Role
from gridkit.db import create_engine, create_session_factory
from org.commands import (
    AddMicroPosition,
    AddProxyServiceItem,
    ConfirmStandard,
    CreateDivision,
    CreateGrid,
    CreatePartyOrganization,
    RegisterUnit,
)
from org.config import OrgSettings
from org.domain import (
    Boundary,
    DedicatedTo,
    DivisionLevel,
    GridKind,
    GridStatus,
    PartyOrganizationKind,
    StandardItem,
    StandardStatus,
    UnitKind,
    compose_code,
    credit_code_check_character,
)
from org.handlers.divisions import create_division
from org.handlers.grids import (
    add_micro_position,
    add_proxy_service_item,
    confirm_standard,
    create_grid,
)
from org.handlers.party_organizations import create_party_organization
from org.handlers.units import register_unit
from org.repository.tables import (
    DivisionRow,
    GridRow,
    GridStandardRow,
    MicroPositionRow,
    PartyOrganizationRow,
    ProxyServiceItemRow,
    UnitRow,
)
from org.unit_of_work import OrgUnitOfWork

# The reference scale (see DESIGN.md).
DISTRICT_CODE = "370112"
DISTRICT_NAME = "历城区"
COMMUNITIES = 81
VILLAGES = 266
RESIDENTIAL_GRIDS = 1_221
DEDICATED_GRIDS = 1_498

RANDOM_SEED = 370112
DEFAULT_CONCURRENCY = 8

SEED_CALLER = Caller(subject="seed", name="seed", roles=frozenset({Role.ADMIN.value}))


def _words(*lines: str) -> tuple[str, ...]:
    """The space-separated words of ``lines``: long lists of short names stay readable."""
    return tuple(word for line in lines for word in line.split())


# Subdistricts with their communities and villages at the reference scale: the old
# town in the north-west is all communities, the southern hills mostly villages.
TOWNSHIPS: tuple[tuple[str, int, int], ...] = (
    ("洪家楼街道", 9, 0),
    ("东风街道", 8, 0),
    ("全福街道", 8, 0),
    ("山大路街道", 7, 0),
    ("华山街道", 6, 10),
    ("荷花路街道", 4, 14),
    ("王舍人街道", 7, 12),
    ("鲍山街道", 5, 8),
    ("郭店街道", 3, 18),
    ("港沟街道", 4, 20),
    ("唐冶街道", 5, 10),
    ("董家街道", 2, 20),
    ("遥墙街道", 2, 22),
    ("临港街道", 2, 16),
    ("彩石街道", 1, 16),
    ("孙村街道", 2, 14),
    ("唐王街道", 1, 22),
    ("仲宫街道", 2, 20),
    ("柳埠街道", 1, 18),
    ("西营街道", 1, 16),
    ("高而街道", 1, 10),
)

# In statistical division codes residents' committees take 001-199 and village
# committees 200-399 under their subdistrict.
FIRST_VILLAGE_SEQUENCE = 201

# Relative numbers of grids per community and per village, before jitter.
RESIDENTIAL_WEIGHT = {DivisionLevel.COMMUNITY: 6.0, DivisionLevel.VILLAGE: 3.0}
DEDICATED_WEIGHT = {DivisionLevel.COMMUNITY: 7.0, DivisionLevel.VILLAGE: 3.0}
DEDICATED_CYCLE = (
    DedicatedTo.ENTERPRISE,
    DedicatedTo.PUBLIC_UNIT,
    DedicatedTo.NEW_ORGANIZATION,
    DedicatedTo.OTHER,
)
NO_PARTY_BRANCH_EVERY = 9  # every 9th grid has none, so the compliance report shows shortfalls
NO_UNIT_EVERY = 3  # every 3rd dedicated grid has no unit registered yet

# The lattice of grid boundaries, and the gap kept between neighbours.
WEST, EAST, SOUTH, NORTH = 117.0, 117.4, 36.5, 36.8
GAP_SHARE = 0.06

_COMMUNITY_HEADS = "华祥文盛金福和康泉荷锦兴明新裕丰雅鑫"
_COMMUNITY_TAILS = "苑园城庭府里居湾景韵"
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董袁潘于蒋蔡杜"
_VILLAGE_TAILS = ("家庄", "家村", "家峪", "家洼", "庄", "家岭", "家寨")
_PLACES = _words(
    "华山 鲍山 荷花 明湖 舜耕 泉城 齐鲁 鲁泉 历山 锦屏 卧虎 龙洞 凤凰 黄河",
    "清河 巨野 韩仓 冷水 梁王 桑园 祝甸 邢村 辛甸 七里 东泉 北园 全福 丁庄",
    "盛福 花园 华信 工业 唐冶 郭店 港沟 彩石 遥墙 仲宫 柳埠 西营",
)
_INDUSTRIES = _words(
    "机械制造 电子科技 食品 建材 物流 软件 医药 新材料 汽车配件 环保科技 智能装备 包装"
)
_INSTITUTIONS = _words(
    "中学 小学 幼儿园 卫生院 社区卫生服务中心 派出所 税务所 供电所 市场监管所 司法所 文化站 敬老院"
)
_NEW_ECONOMIC = _words("商务楼宇 电商产业园 创业孵化基地 快递物流园 众创空间 直播电商基地")
_NEW_SOCIAL = _words("社会工作服务中心 志愿者协会 养老服务中心 文化艺术协会 慈善协会 商会")
_OTHER_SITES = _words(
    "农贸市场 商业街 批发市场 商贸城 物流园 文创园 景区 汽车城 夜市 建材市场 花卉市场 家居广场"
)
_STREETS = ("文化路", "幸福路", "和谐路", "中心街", "新华路", "花园路")

# First two characters of a credit code: registering authority and kind of body.
_CREDIT_CODE_PREFIX = {
    UnitKind.ENTERPRISE: "91",  # market regulation: enterprise
    UnitKind.PUBLIC_UNIT: "12",  # establishment office: public institution
    UnitKind.NEW_ECONOMIC_ORGANIZATION: "91",
    UnitKind.NEW_SOCIAL_ORGANIZATION: "52",  # civil affairs: private non-enterprise unit
}
_ORGANIZATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_EVIDENCE = {
    StandardItem.PARTY_BUILDING_INSTRUCTOR: "党建指导员由街道包联干部担任，名单已在网格公示栏公布",
    StandardItem.VOLUNTEER_TEAM: "网格志愿服务队已组建，花名册存档于社区党群服务中心",
    StandardItem.RESOURCE_DATABASE: "网格资源信息库已录入区网格化服务管理平台",
    StandardItem.DELIBERATION_PLATFORM: "网格议事会每月召开一次，会议记录存档",
    StandardItem.SMART_PARTY_CHANNEL: "网格党员微信群和智慧党建平台账号已开通",
    StandardItem.OPERATING_RULES: "网格运行制度已上墙公示",
    StandardItem.FUNDING_PLAN: "网格工作经费已列入街道年度预算",
}
_MANUAL_ITEMS = tuple(_EVIDENCE)

_RESIDENTIAL_POSITIONS = ("党群服务站", "红色驿站", "网格党群微家", "邻里中心")
_DEDICATED_POSITIONS = ("职工之家", "党员活动室", "党群服务角")
_OPENING_HOURS = ("周一至周五 9:00-17:00", "每日 8:30-20:00", "周一至周六 8:00-18:00")


# The plan: what should exist.


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
class SeedPlan:
    """The whole data set."""

    district: DivisionPlan
    townships: tuple[DivisionPlan, ...]
    communities: tuple[CommunityPlan, ...]
    """Communities and villages, by code."""

    @property
    def grids(self) -> list[GridPlan]:
        """Every grid, in the order they are created."""
        return [grid for community in self.communities for grid in community.grids]

    def counts(self) -> dict[str, int]:
        """How many of each thing the plan holds, under the names :func:`seed` reports."""
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


def plan_seed(scale: float = 1.0) -> SeedPlan:
    """The demo data set at ``scale`` (0 < scale <= 1) of the Licheng reference counts."""
    if not 0 < scale <= 1:
        raise ValueError(f"The scale runs from just above 0 to 1, got {scale}")
    rng = random.Random(RANDOM_SEED)
    district = DivisionPlan(
        code=DISTRICT_CODE, name=DISTRICT_NAME, level=DivisionLevel.DISTRICT, parent_code=None
    )
    townships, holders = _plan_divisions(rng, scale)
    residential = _apportion(
        _scaled(RESIDENTIAL_GRIDS, scale), _jittered(rng, holders, RESIDENTIAL_WEIGHT)
    )
    dedicated = _apportion(
        _scaled(DEDICATED_GRIDS, scale), _jittered(rng, holders, DEDICATED_WEIGHT)
    )
    builder = _GridBuilder(rng, cells=sum(residential) + sum(dedicated))
    communities = tuple(
        CommunityPlan(
            division=holder,
            party_committee=f"中共{holder.name}委员会",
            grids=tuple(builder.grids(holder, residential=r, dedicated=d)),
        )
        for holder, r, d in zip(holders, residential, dedicated, strict=True)
    )
    return SeedPlan(district=district, townships=tuple(townships), communities=communities)


def _plan_divisions(
    rng: random.Random, scale: float
) -> tuple[list[DivisionPlan], list[DivisionPlan]]:
    """Subdistricts that get at least one community or village, and those below them."""
    community_counts = _apportion(_scaled(COMMUNITIES, scale), [t[1] for t in TOWNSHIPS])
    village_counts = _apportion(_scaled(VILLAGES, scale), [t[2] for t in TOWNSHIPS])
    community_names = _shuffled(rng, [h + t for h in _COMMUNITY_HEADS for t in _COMMUNITY_TAILS])
    village_names = _shuffled(rng, [s + t for s in _SURNAMES for t in _VILLAGE_TAILS])
    townships, holders = [], []
    for number, ((name, _, _), communities, villages) in enumerate(
        zip(TOWNSHIPS, community_counts, village_counts, strict=True), start=1
    ):
        if communities + villages == 0:
            continue
        # A subdistrict keeps its reference code even when others are left out.
        code = compose_code(DISTRICT_CODE, number)
        townships.append(
            DivisionPlan(
                code=code, name=name, level=DivisionLevel.SUBDISTRICT, parent_code=DISTRICT_CODE
            )
        )
        for sequence in range(1, communities + 1):
            holders.append(
                DivisionPlan(
                    code=compose_code(code, sequence),
                    name=f"{community_names.pop()}社区",
                    level=DivisionLevel.COMMUNITY,
                    parent_code=code,
                )
            )
        for sequence in range(FIRST_VILLAGE_SEQUENCE, FIRST_VILLAGE_SEQUENCE + villages):
            holders.append(
                DivisionPlan(
                    code=compose_code(code, sequence),
                    name=f"{village_names.pop()}村",
                    level=DivisionLevel.VILLAGE,
                    parent_code=code,
                )
            )
    return townships, holders


class _GridBuilder:
    """Makes grids in creation order: lattice cells, names and contents follow one sequence."""

    def __init__(self, rng: random.Random, *, cells: int) -> None:
        self._rng = rng
        self._lattice = _Lattice(cells)
        self._grid_number = 0
        self._dedicated_number = 0
        self._subjects = {
            kind: _shuffled(rng, [p + s for p in _PLACES for s in suffixes])
            for kind, suffixes in (
                ("enterprise", _INDUSTRIES),
                ("public", _INSTITUTIONS),
                ("economic", _NEW_ECONOMIC),
                ("social", _NEW_SOCIAL),
                ("other", _OTHER_SITES),
            )
        }

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
            micro_positions=(position,) if rng.random() < 0.8 else (),
            proxy_service_items=tuple(rng.sample(_RESIDENT_SERVICES, rng.randint(0, 3))),
        )

    def _dedicated(self, holder: DivisionPlan) -> GridPlan:
        rng = self._rng
        number, self._dedicated_number = self._dedicated_number, self._dedicated_number + 1
        dedicated_to = DEDICATED_CYCLE[number % len(DEDICATED_CYCLE)]
        subject, unit_name, unit_kind = self._subject(dedicated_to, number)
        unit = None
        if number % NO_UNIT_EVERY != NO_UNIT_EVERY - 1:
            unit = UnitPlan(
                name=unit_name, kind=unit_kind, credit_code=_credit_code(rng, unit_kind)
            )
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
            micro_positions=(position,) if rng.random() < 0.4 else (),
            proxy_service_items=tuple(rng.sample(_UNIT_SERVICES, rng.randint(0, 1))),
        )

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
            standards=_standards(self._rng),
        )


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


def _standards(rng: random.Random) -> tuple[StandardPlan, ...]:
    """Checklist confirmations: all met, some met and one not, or none yet."""
    draw = rng.random()
    if draw < 0.45:
        met, not_met = list(_MANUAL_ITEMS), []
    elif draw < 0.75:
        chosen = rng.sample(_MANUAL_ITEMS, rng.randint(3, 6))
        met, not_met = chosen[:-1], chosen[-1:]
    else:
        met, not_met = [], []
    return tuple(
        [StandardPlan(item=i, status=StandardStatus.MET, evidence=_EVIDENCE[i]) for i in met]
        + [StandardPlan(item=i, status=StandardStatus.NOT_MET, evidence=None) for i in not_met]
    )


class _Lattice:
    """Square cells over the district's extent, row by row from the north-west."""

    def __init__(self, cells: int) -> None:
        width, height = EAST - WEST, NORTH - SOUTH
        self._columns = max(1, math.ceil(math.sqrt(cells * width / height)))
        rows = math.ceil(cells / self._columns)
        self._side = min(width / self._columns, height / rows)

    def square(self, index: int) -> Boundary:
        """The ``index``-th cell, shrunk a little so neighbours do not touch."""
        row, column = divmod(index, self._columns)
        gap = self._side * GAP_SHARE
        west = round(WEST + column * self._side + gap, 6)
        east = round(WEST + (column + 1) * self._side - gap, 6)
        north = round(NORTH - row * self._side - gap, 6)
        south = round(NORTH - (row + 1) * self._side + gap, 6)
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        return {"type": "Polygon", "coordinates": [ring]}


def _credit_code(rng: random.Random, kind: UnitKind) -> str:
    """A valid unified social credit code registered in the district."""
    digits = [rng.randrange(10) for _ in _ORGANIZATION_CODE_WEIGHTS]
    check = 11 - sum(d * w for d, w in zip(digits, _ORGANIZATION_CODE_WEIGHTS, strict=True)) % 11
    organization_code = "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))
    body = _CREDIT_CODE_PREFIX[kind] + DISTRICT_CODE + organization_code
    return body + credit_code_check_character(body)


def _scaled(count: int, scale: float) -> int:
    return max(1, round(count * scale))


def _jittered(
    rng: random.Random, holders: Sequence[DivisionPlan], weights: dict[DivisionLevel, float]
) -> list[float]:
    return [weights[h.level] * rng.uniform(0.7, 1.3) for h in holders]


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainders, ties to the first)."""
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    shares = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _shuffled(rng: random.Random, names: list[str]) -> list[str]:
    """``names`` in a seeded order, to be taken with ``pop()``."""
    rng.shuffle(names)
    return names


# Applying the plan: create what is missing.


@dataclass
class _Known:
    """What the database already holds, by the keys the plan is matched on."""

    division_ids: dict[str, UUID] = field(default_factory=dict)
    grid_ids: dict[tuple[UUID, str], UUID] = field(default_factory=dict)
    retired_grids: set[UUID] = field(default_factory=set)
    party_organizations: dict[tuple[UUID, str], UUID] = field(default_factory=dict)
    served_grids: set[UUID] = field(default_factory=set)
    credit_codes: set[str] = field(default_factory=set)
    micro_positions: set[tuple[UUID, str]] = field(default_factory=set)
    proxy_service_items: set[tuple[UUID, str]] = field(default_factory=set)
    standards: set[tuple[UUID, str]] = field(default_factory=set)


async def _load_known(session: AsyncSession, district_code: str) -> _Known:
    known = _Known()
    in_district = DivisionRow.code.startswith(district_code, autoescape=True)
    for division_id, code in await session.execute(
        select(DivisionRow.id, DivisionRow.code).where(in_district)
    ):
        known.division_ids[code] = division_id
    for grid_id, division_id, name, status in await session.execute(
        select(GridRow.id, GridRow.division_id, GridRow.name, GridRow.status)
    ):
        known.grid_ids[division_id, name] = grid_id
        if status == GridStatus.RETIRED.value:
            known.retired_grids.add(grid_id)
    for organization_id, division_id, name, served_grid_id in await session.execute(
        select(
            PartyOrganizationRow.id,
            PartyOrganizationRow.division_id,
            PartyOrganizationRow.name,
            PartyOrganizationRow.grid_id,
        )
    ):
        known.party_organizations[division_id, name] = organization_id
        if served_grid_id is not None:
            known.served_grids.add(served_grid_id)
    known.credit_codes.update(await session.scalars(select(UnitRow.credit_code)))
    for grid_id, name in await session.execute(
        select(MicroPositionRow.grid_id, MicroPositionRow.name)
    ):
        known.micro_positions.add((grid_id, name.casefold()))
    for grid_id, name in await session.execute(
        select(ProxyServiceItemRow.grid_id, ProxyServiceItemRow.name)
    ):
        known.proxy_service_items.add((grid_id, name.casefold()))
    for grid_id, item in await session.execute(
        select(GridStandardRow.grid_id, GridStandardRow.item)
    ):
        known.standards.add((grid_id, item.casefold()))
    return known


@dataclass(frozen=True)
class SeedSummary:
    """What a run created and what it found already there, per kind of thing."""

    created: dict[str, int]
    existing: dict[str, int]
    seconds: float

    @property
    def total_created(self) -> int:
        """Everything the run wrote."""
        return sum(self.created.values())


Job = Callable[[], Awaitable[None]]


class _Seeder:
    """Applies a plan through the handlers, many jobs at once; each job runs in order."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        known: _Known,
        *,
        concurrency: int,
        say: Callable[[str], None],
    ) -> None:
        self._sessions = sessions
        self._known = known
        self._concurrency = concurrency
        self._say = say
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()

    async def apply(self, plan: SeedPlan) -> None:
        """Create, phase by phase, whatever the plan holds and the database lacks."""
        grids = plan.grids
        await self._phase("district", [partial(self._division, plan.district)])
        await self._phase("subdistricts", [partial(self._division, t) for t in plan.townships])
        await self._phase(
            "communities and villages",
            [partial(self._divisions_under, t.code, plan) for t in plan.townships],
        )
        await self._phase("grids", [partial(self._grids_of, c) for c in plan.communities])
        await self._phase(
            "party committees", [partial(self._committee, c) for c in plan.communities]
        )
        await self._phase(
            "party branches",
            [partial(self._branch, c, g) for c in plan.communities for g in c.grids],
        )
        await self._phase("units", [partial(self._unit, g) for g in grids if g.unit])
        await self._phase(
            "grid services and standards", [partial(self._services, g) for g in grids]
        )

    async def _phase(self, label: str, jobs: Sequence[Job]) -> None:
        started = time.perf_counter()
        created_before = self.created.total()
        gate = asyncio.Semaphore(self._concurrency)
        done = 0

        async def run(job: Job) -> None:
            nonlocal done
            async with gate:
                await job()
            done += 1
            if len(jobs) >= 1000 and done % (len(jobs) // 4) == 0 and done < len(jobs):
                self._say(f"  {label}: {done}/{len(jobs)}")

        async with asyncio.TaskGroup() as group:
            for job in jobs:
                group.create_task(run(job))
        self._say(
            f"{label:<28} {self.created.total() - created_before:>6} written"
            f"  {time.perf_counter() - started:6.1f} s"
        )

    def _uow(self) -> OrgUnitOfWork:
        return OrgUnitOfWork(self._sessions)

    async def _division(self, division: DivisionPlan) -> None:
        if division.code in self._known.division_ids:
            self.existing["divisions"] += 1
            return
        parent_id = self._known.division_ids[division.parent_code] if division.parent_code else None
        created = await create_division(
            CreateDivision(
                name=division.name, level=division.level, parent_id=parent_id, code=division.code
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.division_ids[division.code] = created.id
        self.created["divisions"] += 1

    async def _divisions_under(self, township_code: str, plan: SeedPlan) -> None:
        # One township at a time: creating a child locks its parent anyway.
        for community in plan.communities:
            if community.division.parent_code == township_code:
                await self._division(community.division)

    async def _grids_of(self, community: CommunityPlan) -> None:
        # In plan order, so that on an empty database the codes follow it too.
        division_id = self._known.division_ids[community.division.code]
        for grid in community.grids:
            if (division_id, grid.name) in self._known.grid_ids:
                self.existing["grids"] += 1
                continue
            created = await create_grid(
                CreateGrid(
                    division_id=division_id,
                    name=grid.name,
                    kind=grid.kind,
                    dedicated_to=grid.dedicated_to,
                    boundary=grid.boundary,
                    households=grid.households,
                    residents=grid.residents,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self._known.grid_ids[division_id, grid.name] = created.id
            self.created["grids"] += 1

    async def _committee(self, community: CommunityPlan) -> None:
        division_id = self._known.division_ids[community.division.code]
        key = (division_id, community.party_committee)
        if key in self._known.party_organizations:
            self.existing["party committees"] += 1
            return
        created = await create_party_organization(
            CreatePartyOrganization(
                name=community.party_committee,
                kind=PartyOrganizationKind.COMMITTEE,
                division_id=division_id,
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.party_organizations[key] = created.id
        self.created["party committees"] += 1

    async def _branch(self, community: CommunityPlan, grid: GridPlan) -> None:
        grid_id = self._active_grid_id(grid)
        if grid.party_branch is None or grid_id is None:
            return
        if grid_id in self._known.served_grids:
            self.existing["party branches"] += 1
            return
        division_id = self._known.division_ids[community.division.code]
        await create_party_organization(
            CreatePartyOrganization(
                name=grid.party_branch,
                kind=PartyOrganizationKind.BRANCH,
                division_id=division_id,
                parent_id=self._known.party_organizations[division_id, community.party_committee],
                grid_id=grid_id,
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.served_grids.add(grid_id)
        self.created["party branches"] += 1

    async def _unit(self, grid: GridPlan) -> None:
        grid_id = self._active_grid_id(grid)
        if grid.unit is None or grid_id is None:
            return
        if grid.unit.credit_code in self._known.credit_codes:
            self.existing["units"] += 1
            return
        await register_unit(
            RegisterUnit(
                name=grid.unit.name,
                kind=grid.unit.kind,
                credit_code=grid.unit.credit_code,
                grid_id=grid_id,
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.credit_codes.add(grid.unit.credit_code)
        self.created["units"] += 1

    async def _services(self, grid: GridPlan) -> None:
        """Micro-positions, proxy-service items and checklist confirmations of one grid."""
        grid_id = self._active_grid_id(grid)
        if grid_id is None:
            return
        known = self._known
        for position in grid.micro_positions:
            if self._seen("micro-positions", known.micro_positions, grid_id, position.name):
                continue
            await add_micro_position(
                AddMicroPosition(
                    grid_id=grid_id,
                    name=position.name,
                    address=position.address,
                    opening_hours=position.opening_hours,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self.created["micro-positions"] += 1
        for item in grid.proxy_service_items:
            if self._seen("proxy-service items", known.proxy_service_items, grid_id, item.name):
                continue
            await add_proxy_service_item(
                AddProxyServiceItem(
                    grid_id=grid_id,
                    name=item.name,
                    responsible_department=item.responsible_department,
                    time_limit_working_days=item.time_limit_working_days,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self.created["proxy-service items"] += 1
        for standard in grid.standards:
            # A confirmation already there, whoever made it, is not overwritten.
            if self._seen("standards confirmations", known.standards, grid_id, standard.item):
                continue
            await confirm_standard(
                ConfirmStandard(
                    grid_id=grid_id,
                    item=standard.item,
                    status=standard.status,
                    evidence=standard.evidence,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self.created["standards confirmations"] += 1

    def _seen(self, kind: str, keys: set[tuple[UUID, str]], grid_id: UUID, name: str) -> bool:
        """Whether the grid already has ``name``; names compare without case, as the domain does."""
        key = (grid_id, name.casefold())
        if key in keys:
            self.existing[kind] += 1
            return True
        keys.add(key)
        return False

    def _active_grid_id(self, grid: GridPlan) -> UUID | None:
        grid_id = self._known.grid_ids[self._known.division_ids[grid.community_code], grid.name]
        # A grid retired since an earlier run keeps what it had and gets nothing new.
        return None if grid_id in self._known.retired_grids else grid_id


async def seed(
    database_url: str,
    *,
    scale: float = 1.0,
    concurrency: int = DEFAULT_CONCURRENCY,
    say: Callable[[str], None] = print,
) -> SeedSummary:
    """Bring the database up to :func:`plan_seed` at ``scale``; returns what was written."""
    started = time.perf_counter()
    plan = plan_seed(scale)
    say(f"seeding {plan.describe()}")
    engine = create_engine(database_url, pool_size=concurrency)
    try:
        sessions = create_session_factory(engine)
        async with sessions() as session:
            known = await _load_known(session, plan.district.code)
        seeder = _Seeder(sessions, known, concurrency=concurrency, say=say)
        await seeder.apply(plan)
    finally:
        await engine.dispose()
    summary = SeedSummary(
        created={kind: seeder.created[kind] for kind in plan.counts()},
        existing={kind: seeder.existing[kind] for kind in plan.counts()},
        seconds=time.perf_counter() - started,
    )
    say(_summary_table(summary))
    return summary


def _summary_table(summary: SeedSummary) -> str:
    lines = [f"{'':<28} {'written':>8} {'already there':>14}"]
    lines += [
        f"{kind:<28} {summary.created[kind]:>8} {summary.existing[kind]:>14}"
        for kind in summary.created
    ]
    lines.append(f"{summary.total_created} rows written in {summary.seconds:.1f} s")
    return "\n".join(lines)


def _scale(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"the scale runs from just above 0 to 1, got {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m org.seed",
        description="Load the Licheng-scale demo data set (deterministic, idempotent).",
    )
    parser.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        help="share of the reference counts, e.g. 0.01 for a few grids (default 1.0)",
    )
    parser.add_argument(
        "--database-url", help="the org database (default: ORG_DATABASE_URL or DATABASE_URL)"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"writes in flight at once (default {DEFAULT_CONCURRENCY})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, seed, return the exit status."""
    args = _parser().parse_args(argv)
    url = args.database_url or OrgSettings().database_url
    try:
        asyncio.run(seed(url, scale=args.scale, concurrency=max(1, args.concurrency)))
    except (OSError, DBAPIError) as error:
        print(f"seed | cannot write to the org database: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
