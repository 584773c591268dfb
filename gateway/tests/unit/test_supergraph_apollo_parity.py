"""The gateway's API schema and introspection against Apollo's, on the same supergraphs.

Apollo's side runs in Node (``tests/support/api_schema.mjs``): ``@apollo/federation-internals``
builds the API schema as ``@apollo/gateway`` does, and graphql-js answers introspection over it.
Without Node or the npm packages the tests skip, loudly; in CI they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import strawberry
from graphql import get_introspection_query, lexicographic_sort_schema, parse, print_schema

from gateway.supergraph.introspection import run_introspection
from gateway.supergraph.model import Supergraph
from gateway.supergraph.parse import SupergraphError, parse_supergraph
from gridkit.testing.federation import (
    NPM_DIR_ENV,
    compose_with_apollo,
    find_npm_dir,
    require_apollo,
)

SUPPORT = Path(__file__).resolve().parents[1] / "support"
SCRIPT = SUPPORT / "api_schema.mjs"
SUPERGRAPHS = SUPPORT / "supergraphs"


@pytest.fixture(scope="module")
def apollo() -> None:
    """Apollo's composer and federation-internals must run (skipped locally, failing in CI)."""
    require_apollo("@apollo/federation-internals", checking="Apollo API schema parity")


def apollo_view(supergraph_sdl: str, operations: list[dict[str, Any]]) -> dict[str, Any]:
    """Apollo's API schema of ``supergraph_sdl`` and graphql-js's answers to ``operations``."""
    node = shutil.which("node")
    npm_dir = find_npm_dir()
    assert node is not None
    assert npm_dir is not None
    completed = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps({"supergraphSdl": supergraph_sdl, "operations": operations}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, NPM_DIR_ENV: str(npm_dir)},
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    answer: dict[str, Any] = json.loads(completed.stdout)
    return answer


# --- subgraphs composed by Apollo ----------------------------------------------------------

_FEDERATION = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", '
    '"@shareable", "@inaccessible", "@tag", "@external", "@requires", "@provides", "@override", '
    '"@interfaceObject"])\n'
)
_TRACED = '''
"""Traces the field or operation."""
directive @traced(level: Int = 1) on FIELD | QUERY
'''

ORG_SDL = (
    _FEDERATION
    + _TRACED
    + '''
"""Point in time, ISO 8601."""
scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")

"""A division of the city: district, subdistrict, community or grid."""
interface Division @key(fields: "id") {
  id: ID!
  name: String!
}

"""A grid (网格)."""
type Grid implements Division @key(fields: "id") @key(fields: "code community { id }") {
  id: ID!
  name: String! @shareable
  code: String!
  community: Community!
  headcount: Int
  population: Int @deprecated(reason: "Use `headcount`.")
  internalNote: String @inaccessible
  level(format: LevelFormat = SHORT, audit: Boolean @inaccessible): String @tag(name: "public")
}

type Community implements Division @key(fields: "id") {
  id: ID!
  name: String! @shareable
  grids: [Grid!]!
}

enum LevelFormat {
  SHORT
  "Full wording."
  LONG
  LEGACY @inaccessible
}

input GridFilter {
  nameContains: String
  createdAfter: DateTime
  debug: Boolean @inaccessible
}

type AuditTrail @inaccessible {
  entries: [String!]!
}

type Query {
  grid(id: ID!): Grid
  grids(filter: GridFilter, first: Int = 20): [Grid!]!
  division(id: ID!): Division
  auditTrail: AuditTrail @inaccessible
}
'''
)

CASES_SDL = (
    _FEDERATION
    + _TRACED
    + '''
type Grid @key(fields: "id") {
  id: ID!
  name: String! @external
  cases(status: CaseStatus): [Case!]!
  caseSummary: String @requires(fields: "name")
  headcount: Int @override(from: "org")
}

"""A case reported in a grid (事件)."""
type Case @key(fields: "id") {
  id: ID!
  title: String!
  status: CaseStatus!
  grid: Grid! @provides(fields: "name")
  reporter: Reporter
}

enum CaseStatus {
  OPEN
  ESCALATED
  CLOSED
}

union Reporter = Resident | Worker

type Resident {
  name: String!
}

type Worker @key(fields: "id") {
  id: ID!
}

type Mutation {
  "Escalates a case to the next level."
  escalateCase(id: ID!, reason: String!): Case
}

type Query {
  case(id: ID!): Case
}
'''
)

WORKERS_SDL = (
    _FEDERATION
    + _TRACED
    + """
type Division @key(fields: "id") @interfaceObject {
  id: ID!
  workers: [Worker!]!
}

type Worker @key(fields: "id") {
  id: ID!
  name: String!
  fullTime: Boolean!
}

union Reporter = Worker

type Query {
  worker(id: ID!): Worker
}
"""
)


@strawberry.type(description="A notice posted in a grid (通知).")
class Notice:
    id: strawberry.ID
    title: str
    headline: str = strawberry.field(deprecation_reason="Use `title`.")


@strawberry.federation.type(keys=["id"])
class Grid:
    id: strawberry.ID
    notices: list[Notice] = strawberry.field(description="Notices posted in the grid.")


@strawberry.type
class NoticesQuery:
    @strawberry.field
    def notice(self, id: strawberry.ID) -> Notice | None:
        return None


def notices_sdl() -> str:
    """The SDL the strawberry notices subgraph gives the gateway (``_service { sdl }``)."""
    schema = strawberry.federation.Schema(query=NoticesQuery, types=[Grid])
    result = schema.execute_sync("{ _service { sdl } }")
    assert result.errors is None, result.errors
    assert result.data is not None
    sdl = result.data["_service"]["sdl"]
    assert isinstance(sdl, str)
    return sdl.replace("directive @traced", "directive @unused") + _TRACED


def composed_grid() -> str:
    """Four subgraphs, one of them strawberry, composed by Apollo."""
    return compose_with_apollo(
        {
            "org": ("http://org/graphql", ORG_SDL),
            "cases": ("http://cases/graphql", CASES_SDL),
            "workers": ("http://workers/graphql", WORKERS_SDL),
            "notices": ("http://notices/graphql", notices_sdl()),
        }
    )


def stored(name: str) -> Callable[[], str]:
    """A supergraph kept under tests/support/supergraphs."""
    return lambda: (SUPERGRAPHS / f"{name}.graphql").read_text()


SUPERGRAPH_SOURCES: dict[str, Callable[[], str]] = {
    "composed-grid": composed_grid,
    "fed2-join-v0.5": stored("grid_fed2"),
    "fed1": stored("grid_fed1"),
    "renamed-imports": stored("renamed_imports"),
    "inaccessible-edges": stored("api_edges"),
}

# --- operations answered by both -----------------------------------------------------------

_ALL_OPTIONS = {
    "descriptions": True,
    "specifiedByUrl": True,
    "directiveIsRepeatable": True,
    "schemaDescription": True,
    "inputValueDeprecation": True,
    "oneOf": True,
}

OPERATIONS: dict[str, dict[str, Any]] = {
    "graphql-js-full": {"introspectionOptions": _ALL_OPTIONS},
    "graphql-js-default": {"introspectionOptions": {}},
    "graphql-core-full": {
        "query": get_introspection_query(
            descriptions=True,
            specified_by_url=True,
            directive_is_repeatable=True,
            schema_description=True,
            input_value_deprecation=True,
            one_of=True,
        )
    },
    "one-type": {
        "query": """
            query TypeDetails($name: String!) {
              kind: __typename
              type: __type(name: $name) {
                ...Named
                fields(includeDeprecated: true) {
                  name isDeprecated deprecationReason
                  args(includeDeprecated: null) {
                    name defaultValue type { ...Named ofType { ...Named } }
                  }
                }
                interfaces { name }
                possibleTypes { name }
              }
              directive: __type(name: "__Directive") { fields { name } }
              missing: __type(name: "Missing") { name }
            }
            fragment Named on __Type { kind name }
        """,
        "variables": {"name": "Grid"},
        "operationName": "TypeDetails",
    },
    "roots-and-directives": {
        "query": """
            {
              __schema {
                queryType { name } mutationType { name } subscriptionType { name }
                directives { name isRepeatable locations args { name defaultValue } }
              }
            }
        """
    },
    "unknown-operation": {"query": "query A { __typename }", "operationName": "B"},
}


@pytest.fixture(scope="module", params=list(SUPERGRAPH_SOURCES))
def case(request: pytest.FixtureRequest, apollo: None) -> tuple[Supergraph, dict[str, Any]]:
    """One supergraph as the gateway reads it, and Apollo's view of the same supergraph."""
    sdl = SUPERGRAPH_SOURCES[request.param]()
    operations = [{**operation, "validate": False} for operation in OPERATIONS.values()]
    view = apollo_view(sdl, operations)
    assert view["ok"], view.get("error")
    return parse_supergraph(sdl), view


def test_the_api_schema_prints_as_apollos(case: tuple[Supergraph, dict[str, Any]]) -> None:
    supergraph, view = case
    assert supergraph.api_schema is not None

    assert print_schema(lexicographic_sort_schema(supergraph.api_schema)) == view["apiSchema"]


def test_the_api_schema_keeps_apollos_order(case: tuple[Supergraph, dict[str, Any]]) -> None:
    supergraph, view = case
    assert supergraph.api_schema is not None

    assert print_schema(supergraph.api_schema) == view["apiSchemaInOrder"]


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_introspection_answers_as_apollo(
    case: tuple[Supergraph, dict[str, Any]], operation: str
) -> None:
    supergraph, view = case
    assert supergraph.api_schema is not None
    apollo_answer = view["results"][list(OPERATIONS).index(operation)]
    request = OPERATIONS[operation]

    ours = run_introspection(
        supergraph.api_schema,
        parse(apollo_answer["query"]),
        request.get("operationName"),
        request.get("variables"),
    )

    # Compared as JSON text, so the order of every key counts too.
    assert json.dumps(ours, ensure_ascii=False, indent=1) == json.dumps(
        apollo_answer["result"], ensure_ascii=False, indent=1
    )


def test_a_supergraph_apollo_refuses_is_refused(apollo: None) -> None:
    sdl = (SUPERGRAPHS / "renamed_imports.graphql").read_text()
    unsupported = sdl.replace(
        '  @link(url: "https://specs.apollo.dev/tag/v0.3"',
        '  @link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)\n'
        '  @link(url: "https://specs.apollo.dev/tag/v0.3"',
    )

    view = apollo_view(unsupported, [])

    assert not view["ok"]
    assert "authenticated/v0.1" in view["error"]
    with pytest.raises(SupergraphError, match=re.escape("authenticated/v0.1")):
        parse_supergraph(unsupported)
