"""The pages the benchmark measures, as each server names them, and how to read their answers.

The issue's page is the first 100 grids (by code, as org lists them) with each grid's division,
party organisation and standards checklist. PostGraphile generates its own names from the org
tables: ``allGrids`` (``orderBy: CODE_ASC`` for org's order), ``divisionByDivisionId``,
``partyOrganizationByGridId`` (one-to-one: ``party_organizations.grid_id`` is unique) and
``gridStandardsByGridId`` (the stored checklist rows).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

PAGE_SIZE = 100

ORG_PAGE = """{ grids(first: 100) { nodes {
  code name kind division { name } partyOrganization { name kind } standards { item status }
} } }"""

PEER_PAGE = """{ allGrids(first: 100, orderBy: CODE_ASC) { nodes {
  code name kind divisionByDivisionId { name } partyOrganizationByGridId { name kind }
  gridStandardsByGridId { nodes { item status } }
} } }"""

ENRICHED_PAGE = """{ grids(first: 100) { nodes {
  code name kind division { name } partyOrganization { name kind } standards { item status }
  staff { role person { name phone } } leader { name }
} } }"""

# What the gateway sends the subgraphs for ENRICHED_PAGE, as its query plan showed it: org's
# page with the key, then personnel's fields for those grids. Used when the running gateway
# does not show its plan (``extensions.queryPlan``).
ORG_FETCH = (
    "query{grids(first:100){nodes{code name kind division{name}partyOrganization{name kind}"
    "standards{item status}id __typename}}}"
)
PERSONNEL_FETCH = (
    "query($representations:[_Any!]!){_entities(representations:$representations)"
    "{...on Grid{staff{role person{name phone}}leader{name}}}}"
)

TEAM_OF_GRIDS = (
    "query($representations:[_Any!]!){_entities(representations:$representations)"
    "{...on Grid{staff{role}}}}"
)


def grid_nodes(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The grids of an answer to any of the pages (org's ``grids`` or PostGraphile's)."""
    connection = data.get("grids") or data.get("allGrids") or {}
    nodes: list[dict[str, Any]] = connection.get("nodes") or []
    return nodes


def standards_count(data: Mapping[str, Any]) -> int:
    """How many checklist items the answer carries, over all its grids."""
    total = 0
    for grid in grid_nodes(data):
        standards = grid.get("standards")
        if standards is None:
            standards = (grid.get("gridStandardsByGridId") or {}).get("nodes") or []
        total += len(standards)
    return total


def representations(ids: list[str]) -> list[dict[str, str]]:
    """The ``_entities`` representations of these grids, as the gateway sends them."""
    return [{"__typename": "Grid", "id": grid_id} for grid_id in ids]


def plan_fetches(plan: Any) -> dict[str, str]:
    """Service name → operation of every fetch in a query plan (``extensions.queryPlan``)."""
    return {node["serviceName"]: node["operation"] for node in _fetch_nodes(plan)}


def _fetch_nodes(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 50 or not isinstance(node, dict):  # a plan is a shallow tree
        return
    if node.get("kind") == "Fetch" and {"serviceName", "operation"} <= node.keys():
        yield node
    children = [node.get("node"), *(node.get("nodes") or [])]
    for child in children:
        yield from _fetch_nodes(child, depth + 1)
