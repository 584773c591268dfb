"""How far a grid has come with the standards checklist, and what it has confirmed.

Model grids (示范网格) have every item confirmed that is confirmed by hand, a micro-position and
a proxy-service item; developing grids have two items confirmed and one found lacking; the rest
have nothing confirmed yet. Every item is a write of its own and these writes dominate the run
time, so the shares stay modest. The derived items are never confirmed here: the party
organisation, micro-position and proxy-service list are seeded as data, and a grid's volunteer
team (志愿服务队) comes from the volunteers service's events, so no seeded grid has one.
"""

from __future__ import annotations

import random
from enum import Enum

from org.domain import StandardItem, StandardStatus
from org.seed.plan import StandardPlan

MODEL_GRID_SHARE = 0.15
DEVELOPING_GRID_SHARE = 0.25

_EVIDENCE = {
    StandardItem.PARTY_BUILDING_INSTRUCTOR: "党建指导员由街道包联干部担任，名单已在网格公示栏公布",
    StandardItem.RESOURCE_DATABASE: "网格资源信息库已录入区网格化服务管理平台",
    StandardItem.DELIBERATION_PLATFORM: "网格议事会每月召开一次，会议记录存档",
    StandardItem.SMART_PARTY_CHANNEL: "网格党员微信群和智慧党建平台账号已开通",
    StandardItem.OPERATING_RULES: "网格运行制度已上墙公示",
    StandardItem.FUNDING_PLAN: "网格工作经费已列入街道年度预算",
}
_MANUAL_ITEMS = tuple(_EVIDENCE)
"""The items confirmed by hand (every item but the derived ones), in checklist order."""


class Maturity(Enum):
    """How far a grid has come with the standards checklist."""

    MODEL = "model"
    DEVELOPING = "developing"
    NEW = "new"


def draw_maturity(rng: random.Random) -> Maturity:
    """The next grid's maturity: model, developing or new, at the shares above."""
    draw = rng.random()
    if draw < MODEL_GRID_SHARE:
        return Maturity.MODEL
    if draw < MODEL_GRID_SHARE + DEVELOPING_GRID_SHARE:
        return Maturity.DEVELOPING
    return Maturity.NEW


def standards(rng: random.Random, maturity: Maturity) -> tuple[StandardPlan, ...]:
    """Checklist confirmations: all met, two met and one not, or none yet."""
    if maturity is Maturity.MODEL:
        met, not_met = list(_MANUAL_ITEMS), []
    elif maturity is Maturity.DEVELOPING:
        chosen = rng.sample(_MANUAL_ITEMS, 3)
        met, not_met = chosen[:-1], chosen[-1:]
    else:
        met, not_met = [], []
    return tuple(
        [StandardPlan(item=i, status=StandardStatus.MET, evidence=_EVIDENCE[i]) for i in met]
        + [StandardPlan(item=i, status=StandardStatus.NOT_MET, evidence=None) for i in not_met]
    )
