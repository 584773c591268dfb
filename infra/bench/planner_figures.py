"""``make bench``'s planner section: what planning costs an operation the plan cache has not seen.

    make bench ARGS="--only planner"      # this section alone (no database, no servers)

The project's four subgraphs are composed by the gateway's own composer, as the gateway does at
its start, and the gateway's planner is built on the supergraph once. Each
operation is then planned over and over, for about ``SECONDS`` each, with nothing remembered
between plans: the plan cache sits in front of the planner in the gateway and is not involved,
so every figure is the work of planning an operation from scratch.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from graphql import DocumentNode, FieldNode, Visitor, parse, validate, visit

from gateway.composition import CompositionError, SubgraphSource, compose
from gateway.planning.planner import QueryPlanner
from gateway.supergraph.model import Supergraph
from gateway.supergraph.parse import parse_supergraph
from infra.bench import queries

SUBGRAPHS = ("org", "personnel", "cases", "volunteers")
SECONDS = 2.0

FIFTY_FIELDS = """query GridDashboard { grids(first: 20) { totalCount nodes {
  id code name kind status compliant
  division { code name level }
  partyOrganization { name kind }
  standards { item status }
  leader { name phone }
  staff { role startsOn person { name phone } }
  volunteerTeam { name kind memberCount }
  activities(first: 5) { totalCount nodes { title status organiser { name } } }
  cases(first: 5) { totalCount nodes { number title status reporter { name } } }
  caseStats(period: "2026") { received closed }
} } }"""
"""Fifty fields of a grid and what hangs off it, from org, personnel, cases and volunteers."""

OPERATIONS = (
    ("benchmark query (enriched page)", queries.ENRICHED_PAGE),
    ("50 fields, 4 subgraphs", FIFTY_FIELDS),
)

Say = Callable[[str], None]


@dataclass(frozen=True)
class PlanFigure:
    """How fast one operation is planned."""

    name: str
    fields: int
    fetches: int
    subgraphs: int
    plans: int
    plans_per_second: float
    median_ms: float


@dataclass(frozen=True)
class PlannerFigures:
    """The section's outcome."""

    build_ms: float
    rows: list[PlanFigure]
    problem: str | None = None

    @property
    def status(self) -> int:
        """0 when every operation was planned."""
        return 1 if self.problem else 0


def project_supergraph() -> Supergraph:
    """The four subgraphs' SDL composed as the gateway composes them."""
    sources = [
        SubgraphSource(
            name,
            f"http://127.0.0.1/{name}/graphql",
            importlib.import_module(f"{name}.schema.schema").schema.as_str(),
        )
        for name in SUBGRAPHS
    ]
    return parse_supergraph(compose(sources))


def run(say: Say, seconds: float = SECONDS) -> PlannerFigures:
    """Compose, build the planner, and time each operation's planning."""
    say("planner: composing the four subgraphs ...")
    try:
        supergraph = project_supergraph()
    except CompositionError as exc:
        return PlannerFigures(0.0, [], f"cannot compose the supergraph: {exc}")
    started = time.perf_counter()
    planner = QueryPlanner(supergraph)
    build_ms = (time.perf_counter() - started) * 1000
    rows: list[PlanFigure] = []
    for name, text in OPERATIONS:
        document = parse(text)
        assert supergraph.api_schema is not None
        errors = validate(supergraph.api_schema, document)
        if errors:
            return PlannerFigures(build_ms, rows, f"{name}: {errors[0].message}")
        rows.append(_time(name, planner, document, seconds))
    return PlannerFigures(build_ms, rows)


def _time(name: str, planner: QueryPlanner, document: DocumentNode, seconds: float) -> PlanFigure:
    plan = planner.plan(document)
    durations: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(durations) < 5:
        started = time.perf_counter()
        planner.plan(document)
        durations.append(time.perf_counter() - started)
    return PlanFigure(
        name=name,
        fields=count_fields(document),
        fetches=len(plan.fetches),
        subgraphs=len({fetch.service for fetch in plan.fetches}),
        plans=len(durations),
        plans_per_second=len(durations) / sum(durations),
        median_ms=statistics.median(durations) * 1000,
    )


class _FieldCounter(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def enter_field(self, node: FieldNode, *_: object) -> None:
        self.count += 1


def count_fields(document: DocumentNode) -> int:
    """Fields the operation selects, every occurrence counted."""
    counter = _FieldCounter()
    visit(document, counter)
    return counter.count


def print_planner_figures(figures: PlannerFigures) -> None:
    """The section's table."""
    print()
    print(f"query planner, no plan cache (planner built in {figures.build_ms:.0f} ms)")
    print(
        f"{'operation':<34} {'fields':>6} {'fetches':>7} {'subgraphs':>9} {'plans/s':>9} "
        f"{'p50 ms':>8}"
    )
    for row in figures.rows:
        print(
            f"{row.name:<34} {row.fields:>6} {row.fetches:>7} {row.subgraphs:>9} "
            f"{row.plans_per_second:>9.0f} {row.median_ms:>8.2f}"
        )
    if figures.problem:
        print(f"planner figures incomplete: {figures.problem}")
