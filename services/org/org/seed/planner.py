"""The plan for a scale: :func:`plan_seed` shrinks the reference district to ``scale``.

Communities, villages and grids are scaled down from the reference counts and shared out in
proportion: communities and villages among the subdistricts as at the reference scale, grids
among the communities and villages by their level, with some jitter. One random generator,
seeded with :data:`RANDOM_SEED`, makes every choice, so the same scale gives the same plan.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from org.domain import DivisionLevel, compose_code
from org.seed.departments import plan_departments
from org.seed.grids import GridBuilder
from org.seed.names import community_names, village_names
from org.seed.plan import CommunityPlan, DivisionPlan, SeedPlan
from org.seed.reference import (
    COMMUNITIES,
    DEDICATED_GRIDS,
    DISTRICT_CODE,
    DISTRICT_NAME,
    RESIDENTIAL_GRIDS,
    TOWNSHIPS,
    VILLAGES,
)

RANDOM_SEED = 370112

# In statistical division codes residents' committees take 001-199 and village
# committees 200-399 under their subdistrict.
FIRST_VILLAGE_SEQUENCE = 201

# Relative numbers of grids per community and per village, before jitter.
RESIDENTIAL_WEIGHT = {DivisionLevel.COMMUNITY: 6.0, DivisionLevel.VILLAGE: 3.0}
DEDICATED_WEIGHT = {DivisionLevel.COMMUNITY: 7.0, DivisionLevel.VILLAGE: 3.0}


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
    builder = GridBuilder(rng, cells=sum(residential) + sum(dedicated))
    communities = tuple(
        CommunityPlan(
            division=holder,
            party_committee=f"中共{holder.name}委员会",
            grids=tuple(builder.grids(holder, residential=r, dedicated=d)),
        )
        for holder, r, d in zip(holders, residential, dedicated, strict=True)
    )
    return SeedPlan(
        district=district,
        townships=tuple(townships),
        communities=communities,
        departments=plan_departments({district.code, *(t.code for t in townships)}),
    )


def _plan_divisions(
    rng: random.Random, scale: float
) -> tuple[list[DivisionPlan], list[DivisionPlan]]:
    """Subdistricts that get at least one community or village, and those below them."""
    community_counts = _apportion(_scaled(COMMUNITIES, scale), [t[1] for t in TOWNSHIPS])
    village_counts = _apportion(_scaled(VILLAGES, scale), [t[2] for t in TOWNSHIPS])
    community_pool = community_names(rng)
    village_pool = village_names(rng)
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
                    name=f"{community_pool.pop()}社区",
                    level=DivisionLevel.COMMUNITY,
                    parent_code=code,
                )
            )
        for sequence in range(FIRST_VILLAGE_SEQUENCE, FIRST_VILLAGE_SEQUENCE + villages):
            holders.append(
                DivisionPlan(
                    code=compose_code(code, sequence),
                    name=f"{village_pool.pop()}村",
                    level=DivisionLevel.VILLAGE,
                    parent_code=code,
                )
            )
    return townships, holders


def _scaled(count: int, scale: float) -> int:
    """``count`` at ``scale``, never less than one."""
    return max(1, round(count * scale))


def _jittered(
    rng: random.Random, holders: Sequence[DivisionPlan], weights: dict[DivisionLevel, float]
) -> list[float]:
    """The weight of each holder's level, each varied by up to 30 % either way."""
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
