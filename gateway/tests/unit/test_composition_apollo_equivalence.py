"""The gateway's composer against Apollo's: the same subgraphs give the same supergraph.

Both supergraphs are parsed with graphql-core and normalised (definitions, fields, values,
arguments and directives sorted; descriptions' whitespace collapsed) before comparing, so
only a difference in meaning fails; the failure shows a unified diff of the two.

Apollo's composer runs in Node (``gridkit.testing.federation``). Without Node or the npm
packages these tests skip, loudly; in CI they fail.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterator, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import strawberry
from graphql import (
    DefinitionNode,
    DocumentNode,
    Node,
    StringValueNode,
    parse,
    print_ast,
)

from gateway.composition import SubgraphSource, compose
from gateway.supergraph.parse import parse_supergraph
from gridkit.testing.federation import (
    compose_with_apollo,
    require_apollo,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_IMPORTS = (
    "@key",
    "@shareable",
    "@external",
    "@requires",
    "@provides",
    "@override",
    "@extends",
    "@tag",
    "@inaccessible",
)


def fed2(sdl: str, minor: int = 5) -> str:
    """A Federation 2 subgraph SDL: ``sdl`` with the federation ``@link``."""
    imports = [*_IMPORTS, "@interfaceObject"] if minor >= 3 else list(_IMPORTS)
    listed = ", ".join(f'"{name}"' for name in imports)
    link = f'@link(url: "https://specs.apollo.dev/federation/v2.{minor}", import: [{listed}])'
    return f"extend schema {link}\n{sdl}"


@pytest.fixture(scope="module")
def apollo() -> None:
    """Apollo's composer must run (skipped with the reason locally, failing in CI)."""
    require_apollo(checking="Apollo composition equivalence")


# --- normalising a supergraph ------------------------------------------------------------

_SORTED_BY_NAME = ("fields", "values", "arguments", "interfaces", "types")


def _name(node: Node) -> str:
    name = getattr(node, "name", None)
    return str(name.value) if name is not None else print_ast(node)


def _normalised_node(node: Node) -> Node:
    """A copy with children in a canonical order and descriptions' whitespace collapsed."""
    changes: dict[str, Any] = {}
    for key in node.keys:
        value = getattr(node, key, None)
        if key == "description" and isinstance(value, StringValueNode):
            changes[key] = StringValueNode(value=" ".join(value.value.split()))
        elif key == "directives" and value:
            directives = [_normalised_node(directive) for directive in value]
            changes[key] = tuple(sorted(directives, key=print_ast))
        elif key in _SORTED_BY_NAME and value:
            children = [_normalised_node(child) for child in value]
            changes[key] = tuple(sorted(children, key=_name))
        elif key == "locations" and value:
            changes[key] = tuple(sorted(value, key=lambda location: location.value))
        elif key == "operation_types" and value:
            changes[key] = tuple(sorted(value, key=lambda operation: operation.operation.value))
    fields = {key: getattr(node, key) for key in node.keys}
    return type(node)(**{**fields, **changes})


def normalised(sdl: str) -> str:
    """The supergraph printed in a canonical order, one definition after another."""
    document = parse(sdl, no_location=True)
    definitions = sorted(
        (_normalised_node(definition) for definition in document.definitions),
        key=lambda node: (type(node).__name__, _name(node)),
    )
    assert all(isinstance(definition, DefinitionNode) for definition in definitions)
    return print_ast(DocumentNode(definitions=tuple(definitions))) + "\n"  # type: ignore[arg-type]


def assert_same_supergraph(subgraphs: Mapping[str, str]) -> str:
    """Compose with both composers and assert the supergraphs mean the same; return ours."""
    urls = {name: f"http://{name}.test:4000/graphql" for name in subgraphs}
    ours = compose([SubgraphSource(name, urls[name], sdl) for name, sdl in subgraphs.items()])
    theirs = compose_with_apollo({name: (urls[name], sdl) for name, sdl in subgraphs.items()})
    expected, actual = normalised(theirs), normalised(ours)
    if expected != actual:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile="apollo (normalised)",
            tofile="ours (normalised)",
        )
        pytest.fail("the supergraphs differ:\n" + "".join(diff), pytrace=False)
    return ours


# --- hand-written subgraphs, one federation feature or merge rule each ---------------------

SCENARIOS: dict[str, dict[str, str]] = {
    "entities_with_requires_and_provides": {
        "accounts": fed2(
            """
            type Query { me: User  user(id: ID!): User }
            type Mutation { login(username: String!, password: String!): User }
            type User @key(fields: "id") {
              id: ID!
              name: String
              username: String @shareable
              birthDate(locale: String): String
            }
            """
        ),
        "inventory": fed2(
            """
            type Product @key(fields: "upc") {
              upc: String!
              weight: Int @external
              price: Int @external
              inStock: Boolean
              shippingEstimate: Int @requires(fields: "price weight")
            }
            """
        ),
        "products": fed2(
            """
            type Query { topProducts(first: Int = 5): [Product] }
            type Product @key(fields: "upc") @key(fields: "sku package") {
              upc: String!
              sku: String!
              package: String!
              name: String
              price: Int
              weight: Int
              dimensions: Dimensions
            }
            type Dimensions @shareable { size: String weight: Float }
            """
        ),
        "reviews": fed2(
            """
            type Query { review(id: ID!): Review }
            type Review @key(fields: "id") {
              id: ID!
              body: String
              author: User @provides(fields: "username")
              product: Product
            }
            type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
            type Product @key(fields: "upc") { upc: String! reviews: [Review] }
            """
        ),
    },
    "federation_1_subgraphs": {
        "products": """
            type Query { product(id: ID!): Product  topProducts: [Product] }
            type Product @key(fields: "upc") @key(fields: "sku") {
              upc: String! sku: String! name: String price: Int weight: Int
            }
            type Money { amount: Int currency: String }
            interface Node @key(fields: "id") { id: ID! }
        """,
        "reviews": """
            type Query { topProducts: [Product] }
            type Money { amount: Int currency: String }
            extend type Product @key(fields: "upc") {
              upc: String! @external
              weight: Int @external
              price: Int @external
              reviews: [Review]
              shipping: Int @requires(fields: "weight")
            }
            type Review @key(fields: "id") {
              id: ID! body: String author: User @provides(fields: "username") product: Product
            }
            extend type User @key(fields: "id") {
              id: ID! @external username: String @external reviews: [Review]
            }
        """,
        "accounts": """
            type Query { me: User }
            type User @key(fields: "id") @key(fields: "username") {
              id: ID! username: String @tag(name: "private")
            }
            type Team @key(fields: "id") @extends { id: ID! @external members: [User] }
        """,
        "teams": fed2(
            """
            type Query { teams: [Team] }
            type Team @key(fields: "id") { id: ID! name: String }
            """
        ),
    },
    "federation_1_and_2_side_by_side": {
        "grids": fed2(
            """
            type Query { grid(id: ID!): Grid  search(kind: Kind, page: PageIn): [Result!]! }
            type Grid @key(fields: "id") {
              id: ID! name: String! kind: Kind! status: Status @shareable
            }
            enum Kind { A B }
            enum Status { ON OFF }
            input PageIn { first: Int = 10 after: String }
            union Result = Grid | Note
            type Note @shareable { text: String }
            """
        ),
        "legacy": """
            type Query { notes: [Note] }
            extend type Grid @key(fields: "id") {
              id: ID! @external name: String! @external label: String @requires(fields: "name")
              status: Status
            }
            type Note { text: String }
            enum Kind { A B }
            enum Status { ON OFF PAUSED }
            input PageIn { first: Int = 10 after: String }
            scalar Date
        """,
    },
    "type_extensions_and_external_keys": {
        "a": fed2(
            """
            extend type Query { u: U  v: V }
            type U @extends @key(fields: "id") { id: ID! @external y: Int }
            extend type V @key(fields: "id") { id: ID! @external y: Int }
            type W @key(fields: "id") { id: ID! @external y: Int }
            type X @extends @key(fields: "id") { id: ID! x: Int }
            type Value @shareable { v: Int }
            """
        ),
        "b": fed2(
            """
            type U @key(fields: "id") { id: ID! z: Int }
            type V @key(fields: "id") { id: ID! z: Int }
            type W @key(fields: "id") { id: ID! z: Int }
            extend type Value @shareable { v: Int }
            """
        ),
    },
    "shareable_fields_with_compatible_types": {
        "a": fed2(
            """
            type Query { t(a: Int, b: Int = 1, c: Int): T @shareable  i: I @shareable }
            type T @shareable { x(p: Int): [Int] y: I  z: [String!] }
            interface I { id: ID }
            type Impl implements I @shareable { id: ID }
            input In { u: Int v: String }
            type Other { q(in: In): Int }
            """
        ),
        "b": fed2(
            """
            type Query { t(a: Int!, b: Int = 1): T @shareable  i: Impl @shareable }
            type T @shareable { x: [Int!]! y: Impl  z: [String] }
            interface I { id: ID }
            type Impl implements I @shareable { id: ID }
            input In { u: Int! v: String }
            """
        ),
    },
    "interfaces_unions_enums_and_inputs": {
        "a": fed2(
            """
            "The query root"
            type Query {
              node(id: ID!): Node
              search(q: String, limit: Int = 10, flag: Boolean): [Result!]!
              colour(c: Colour!): Colour
              size: Size
            }
            interface Node { id: ID! }
            "Desc A"
            type Book implements Node @key(fields: "id") {
              id: ID! title(upper: Boolean, lang: String): String @shareable
            }
            type Film implements Node @key(fields: "id") { id: ID! createdAt: String }
            union Result = Book | Film
            enum Colour { RED GREEN BLUE }
            enum Size { S M }
            enum Lang { EN FR }
            enum Unused { X }
            input Filter { a: Int b: String! c: Int = 3 d: Lang }
            type Extra { f(filter: Filter): Int }
            """
        ),
        "b": fed2(
            """
            type Query { other(filter: Filter, l: Lang): Int }
            interface Node { id: ID! createdAt: String }
            interface Named { name: String }
            "Desc B"
            type Book implements Node & Named @key(fields: "id") {
              id: ID! createdAt: String name: String
              title(upper: Boolean, lang: String!): String @shareable
            }
            type Magazine implements Node @key(fields: "id") { id: ID! createdAt: String }
            union Result = Book | Magazine
            enum Colour { RED GREEN BLUE }
            enum Size { M L }
            enum Lang { EN DE }
            enum Unused { Y }
            input Filter { b: String! c: Int = 3 d: Lang e: Int }
            """
        ),
    },
    "interfaces_implementing_interfaces": {
        "a": fed2(
            """
            type Query { n: Node  r: Resource }
            interface Node { id: ID! }
            interface Resource implements Node { id: ID! url: String }
            type Image implements Resource & Node @key(fields: "id") { id: ID! url: String w: Int }
            """
        ),
        "b": fed2(
            """
            interface Node { id: ID! }
            interface Resource implements Node { id: ID! url: String }
            type Video implements Resource & Node @key(fields: "id") {
              id: ID! url: String len: Int
            }
            type Image implements Node @key(fields: "id") { id: ID! alt: String }
            """
        ),
    },
    "entity_interface_and_interface_object": {
        "media": fed2(
            """
            type Query { node(id: ID!): Node  nodes: [Node] }
            interface Node @key(fields: "id") { id: ID! title: String }
            type Grid implements Node @key(fields: "id") { id: ID! title: String name: String }
            type Unit implements Node @key(fields: "id") { id: ID! title: String code: String }
            """
        ),
        "audit": fed2(
            """
            type Node @key(fields: "id") @interfaceObject {
              id: ID! audit: [String!]! createdBy: String
            }
            type Query { recent: [Node!]! }
            """
        ),
        "units": fed2(
            """
            type Unit @key(fields: "id") { id: ID! staff: Int }
            """
        ),
    },
    "override_and_used_overridden": {
        "a": fed2(
            """
            type Query { p: P }
            type P @key(fields: "id") @key(fields: "sku") {
              id: ID! sku: String name: String price: Int
              tax: Int @requires(fields: "weight") weight: Int @external
            }
            """
        ),
        "b": fed2(
            """
            type P @key(fields: "id") {
              id: ID!
              sku: String @override(from: "a")
              name: String @override(from: "a")
              weight: Int
              price: Int @override(from: "a") @shareable
            }
            """
        ),
        "c": fed2(
            """
            type P @key(fields: "id") { id: ID! price: Int @shareable }
            """
        ),
        "d": fed2(
            """
            type P @key(fields: "id") { id: ID! code: String @override(from: "nowhere") }
            """
        ),
    },
    "nested_keys_provides_and_requires": {
        "a": fed2(
            """
            type Query { store: Store @provides(fields: "owner { name address { city } }") }
            type Store @key(fields: "id") {
              id: ID! owner: Person @external
              total: Int @requires(fields: "owner { address { city } }")
            }
            type Person @key(fields: "pid") {
              pid: ID! name: String @external address: Address @external
            }
            type Address { city: String @external }
            type Team @key(fields: "id   org { code }") { id: ID! org: Org }
            type Org { code: String @shareable }
            """
        ),
        "b": fed2(
            """
            type Store @key(fields: "id") { id: ID! owner: Person @shareable }
            type Person @key(fields: "pid") {
              pid: ID! name: String @shareable address: Address @shareable
            }
            type Address @shareable { city: String zip: String }
            type Team @key(fields: "id org { code }", resolvable: false) { id: ID! org: Org }
            type Org { code: String @shareable }
            """
        ),
    },
    "inaccessible_and_tags": {
        "a": fed2(
            """
            type Query {
              a: Int @tag(name: "public")
              b: Secret @inaccessible
              c(x: Int @inaccessible, y: Int @tag(name: "y")): Int
              d(filter: In): Int
            }
            type Secret @inaccessible @tag(name: "s") { x: Int @shareable }
            enum E @tag(name: "e") { A @inaccessible B @tag(name: "b") }
            input In @tag(name: "i") { f: Int @tag(name: "f") g: Int @inaccessible }
            interface I @tag(name: "ii") { id: ID @tag(name: "iid") }
            type O implements I { id: ID o: Int }
            union U @tag(name: "u") = Secret | O
            scalar S @tag(name: "sc") @inaccessible
            """,
            minor=0,
        ),
        "b": fed2(
            """
            type Query { e: Int @tag(name: "public") }
            type Secret @tag(name: "s2") { x: Int @tag(name: "x") @shareable }
            """,
            minor=1,
        ),
    },
    "descriptions_deprecations_and_scalars": {
        "a": fed2(
            '''
            """
            Multi
            line "quoted" \\"""x
            """
            type Query {
              "arg desc"
              f("the x" x: Int @deprecated(reason: "no"), y: Int): Int @shareable
              e: E
              "a very long description a very long description a very long description"
              g: Int
              d: Date
              j: JSON @shareable
            }
            "enum desc"
            enum E { "va" A @deprecated(reason: "old") B @deprecated C }
            "A date"
            scalar Date @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")
            scalar JSON
            type Review @shareable { body: String @deprecated(reason: "old") n: Int @deprecated }
            '''
        ),
        "b": fed2(
            '''
            type Query {
              f(x: Int, "why" y: Int @tag(name: "y")): Int @shareable @deprecated
              j: JSON @shareable
              d2(at: Date = "2020-01-01"): Date
              r: Review
            }
            """Another"""
            scalar Date
            "json stuff"
            scalar JSON @tag(name: "json")
            """Rev2"""
            type Review @shareable { body: String @deprecated(reason: "older") n: Int }
            '''
        ),
        "c": fed2(
            """
            "Rev2"
            type Review @shareable { body: String n: Int @deprecated(reason: "x") }
            """
        ),
    },
    "executable_directives_and_root_types": {
        "a": fed2(
            """
            directive @cached(ttl: Int, scope: String) on FIELD | QUERY
            directive @onlyHere on FIELD
            directive @audit(level: Int) on FIELD_DEFINITION | OBJECT
            schema { query: RootQuery mutation: RootMutation }
            type RootQuery { a: Thing @audit(level: 1) }
            type RootMutation { m: Int }
            type Thing @audit { self: RootQuery x: Int }
            type Subscription { ticks: Int }
            """
        ),
        "b": fed2(
            """
            directive @cached(ttl: Int, other: Int) repeatable on FIELD | FRAGMENT_SPREAD | QUERY
            type Query { b: Int }
            type Subscription { news: String }
            """
        ),
    },
    "federation_internals_and_spec_definitions": {
        "a": """
            schema
              @link(url: "https://specs.apollo.dev/link/v1.0")
              @link(url: "https://specs.apollo.dev/federation/v2.3", as: "fed",
                    import: [{name: "@key", as: "@primaryKey"}, "@shareable", "FieldSet"]) {
              query: Query
            }
            directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])
              repeatable on SCHEMA
            directive @primaryKey(fields: FieldSet!, resolvable: Boolean = true)
              repeatable on OBJECT | INTERFACE
            directive @shareable repeatable on OBJECT | FIELD_DEFINITION
            scalar link__Import
            scalar FieldSet
            enum link__Purpose { SECURITY EXECUTION }
            type Query { t: T _service: _Service! _entities(representations: [_Any!]!): [_Entity]! }
            type T @primaryKey(fields: "id") @fed__tag(name: "t") { id: ID! x: Int @shareable }
            scalar _Any
            union _Entity = T
            type _Service { sdl: String }
        """,
        "b": """
            directive @key(fields: _FieldSet!) repeatable on OBJECT | INTERFACE
            directive @external on FIELD_DEFINITION
            directive @requires(fields: _FieldSet!) on FIELD_DEFINITION
            scalar _FieldSet
            scalar _Any
            type _Service { sdl: String }
            union _Entity = T
            extend type Query {
              _service: _Service! _entities(representations: [_Any!]!): [_Entity]! u: Int
            }
            extend type T @key(fields: "id") {
              id: ID! @external x: Int @external y: Int @requires(fields: "x")
            }
        """,
    },
}


@pytest.mark.usefixtures("apollo")
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_hand_written_subgraphs_compose_like_apollo(scenario: str) -> None:
    assert_same_supergraph(SCENARIOS[scenario])


@pytest.mark.usefixtures("apollo")
@pytest.mark.parametrize("minor", [0, 3, 6, 7, 8, 11, 14])
def test_the_join_version_is_the_one_apollo_picks(minor: int) -> None:
    supergraph = assert_same_supergraph(
        {
            "old": fed2("type Query { a: Int }", minor=0),
            "new": fed2("type Query { b: Int }", minor=minor),
        }
    )

    expected = "v0.5" if minor >= 8 else "v0.4" if minor == 7 else "v0.3"
    assert f'@link(url: "https://specs.apollo.dev/join/{expected}", for: EXECUTION)' in supergraph


@pytest.mark.usefixtures("apollo")
def test_graph_names_are_derived_like_apollos() -> None:
    names = ["my-sub", "my_sub", "MY-SUB", "1abc", "a.b", "ünï", "_x"]
    supergraph = assert_same_supergraph(
        {name: fed2(f"type Query {{ f{index}: Int }}") for index, name in enumerate(names)}
    )

    assert 'MY_SUB_2 @join__graph(name: "my-sub"' in supergraph
    assert '_1ABC @join__graph(name: "1abc"' in supergraph


# --- the project's own subgraphs ---------------------------------------------------------


def org_sdl() -> str:
    """The org service's SDL as its ``_service { sdl }`` answers it."""
    from org.schema.schema import schema

    return schema.as_str()


@pytest.mark.usefixtures("apollo")
def test_the_org_subgraph_composes_like_apollo() -> None:
    supergraph = assert_same_supergraph({"org": org_sdl()})

    assert "_entities" not in supergraph
    assert "_Service" not in supergraph
    assert 'type Grid\n  @join__type(graph: ORG, key: "id")' in supergraph
    parsed = parse_supergraph(supergraph)
    assert "Grid" in parsed.types


@strawberry.enum
class CaseStatus(Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


@strawberry.federation.type(keys=["id"], name="Grid")
class CaseGrid:
    id: strawberry.ID

    @strawberry.field
    def open_cases(self, status: CaseStatus | None = None) -> list[Case]:
        return []


@strawberry.federation.type(keys=["id"])
class Case:
    id: strawberry.ID
    title: str
    status: CaseStatus
    grid: CaseGrid


@strawberry.input
class OpenCaseInput:
    grid_id: strawberry.ID
    title: str


@strawberry.federation.type(shareable=True)
class CasePage:
    nodes: list[Case]
    has_next_page: bool


@strawberry.type
class CaseQuery:
    @strawberry.field
    def case(self, id: strawberry.ID) -> Case | None:
        return None

    @strawberry.field
    def cases(self, status: CaseStatus | None = None, first: int = 10) -> CasePage:
        return CasePage(nodes=[], has_next_page=False)


@strawberry.type
class CaseMutation:
    @strawberry.mutation
    def open_case(self, input: OpenCaseInput) -> Case:
        return Case(
            id=strawberry.ID("1"),
            title=input.title,
            status=CaseStatus.OPEN,
            grid=CaseGrid(id=input.grid_id),
        )


@pytest.mark.usefixtures("apollo")
def test_a_case_subgraph_extending_the_org_grid_composes_like_apollo() -> None:
    cases = strawberry.federation.Schema(query=CaseQuery, mutation=CaseMutation, types=[CaseGrid])

    supergraph = assert_same_supergraph({"org": org_sdl(), "cases": cases.as_str()})

    assert "openCases(status: CaseStatus = null): [Case!]! @join__field(graph: CASES)" in supergraph


def _fixture_subgraphs(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    monkeypatch.syspath_prepend(str(FIXTURES))
    fixtures = importlib.import_module("gwfixtures")
    for name in fixtures.SUBGRAPH_NAMES:
        yield name, fixtures.subgraph_sdl(name)


@pytest.mark.usefixtures("apollo")
def test_the_gateway_fixture_subgraphs_compose_like_apollo(monkeypatch: pytest.MonkeyPatch) -> None:
    supergraph = assert_same_supergraph(dict(_fixture_subgraphs(monkeypatch)))

    assert parse_supergraph(supergraph).subgraph_by_name("ratings").id == "RATINGS"
