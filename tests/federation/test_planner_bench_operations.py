"""The planner figures of ``make bench`` plan what their names say, over the project's subgraphs.

``make bench`` prints plans per second for "the benchmark query" and for "50 fields, 4
subgraphs"; a figure is only worth its label if the operation is valid against the composed
API, has that many fields and really fans out to every subgraph named.
"""

from __future__ import annotations

from graphql import parse, validate

from gateway.planning.planner import QueryPlanner
from infra.bench import planner_figures, queries


def test_the_fifty_field_operation_asks_fifty_fields_of_all_four_subgraphs() -> None:
    supergraph = planner_figures.project_supergraph()
    assert supergraph.api_schema is not None
    document = parse(planner_figures.FIFTY_FIELDS)
    assert validate(supergraph.api_schema, document) == []
    assert planner_figures.count_fields(document) == 50
    plan = QueryPlanner(supergraph).plan(document)
    names = {key: subgraph.name for key, subgraph in supergraph.subgraphs.items()}
    assert {names[fetch.service] for fetch in plan.fetches} == set(planner_figures.SUBGRAPHS)


def test_the_section_times_every_operation_and_reports_no_problem() -> None:
    figures = planner_figures.run(say=lambda _: None, seconds=0.05)
    assert figures.problem is None
    assert [row.name for row in figures.rows] == [name for name, _ in planner_figures.OPERATIONS]
    enriched = figures.rows[0]
    assert enriched.subgraphs == 2  # org's page, then personnel's fields for its grids
    assert all(row.plans >= 5 and row.plans_per_second > 0 for row in figures.rows)
    assert planner_figures.OPERATIONS[0][1] == queries.ENRICHED_PAGE
