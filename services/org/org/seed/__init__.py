"""Demo data at the scale of Licheng District, Jinan (历城区): ``python -m org.seed``.

The data set is first computed as a :class:`SeedPlan` by :func:`plan_seed`, a
pure function of the scale (same scale, same plan: names, codes, counts and
boundaries). :func:`seed` then applies it: what the database already holds is
recognised (divisions by code, grids by name within their community or
village, units by credit code, departments by name within their division, ...)
and left alone; everything else is written through the command handlers as an
administrator, so every row gets its outbox events like any other write. A
second run therefore adds nothing.

    python -m org.seed [--scale 0.1] [--database-url postgresql+asyncpg://...]

The plan, with no I/O: ``plan`` (its types), ``planner`` (:func:`plan_seed`),
``reference`` (the district at full scale), ``grids`` (each grid and what it
holds), ``maturity`` (checklist progress), ``names``, ``credit_codes``,
``lattice`` (boundaries) and ``departments`` (the departments of the story).
Applying it: ``apply`` (:func:`seed`), ``known`` (what the database holds) and
``seeder`` (the writes). ``__main__`` is the command line.
"""

from org.seed.apply import DEFAULT_CONCURRENCY, SeedSummary, seed
from org.seed.plan import (
    CommunityPlan,
    DepartmentPlan,
    DivisionPlan,
    GridPlan,
    MicroPositionPlan,
    ProxyServicePlan,
    SeedPlan,
    StandardPlan,
    UnitPlan,
)
from org.seed.planner import plan_seed

__all__ = [
    "DEFAULT_CONCURRENCY",
    "CommunityPlan",
    "DepartmentPlan",
    "DivisionPlan",
    "GridPlan",
    "MicroPositionPlan",
    "ProxyServicePlan",
    "SeedPlan",
    "SeedSummary",
    "StandardPlan",
    "UnitPlan",
    "plan_seed",
    "seed",
]
