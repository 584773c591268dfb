"""The query graph and the choices made on it, on small supergraphs of their own.

Each test composes a few subgraphs with the gateway's composer and looks at the plan: which
subgraphs are asked, in how many steps, and for what. The differential families
(``gateway/tests/differential/families``) check the answers against Apollo's gateway; these
tests pin the planning decisions behind them.
"""

from __future__ import annotations

from graphql import parse

from gateway.composition import SubgraphSource, compose
from gateway.planning.graph import Node, QueryGraph
from gateway.planning.planner import QueryPlanner
from gateway.supergraph.model import Supergraph
from gateway.supergraph.parse import parse_supergraph

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@shareable", "@external", "@requires"])\n'
)


def supergraph(**subgraphs: str) -> Supergraph:
    """The supergraph of SDL texts by subgraph name."""
    sources = [
        SubgraphSource(name, f"http://127.0.0.1/{name}", LINK + sdl)
        for name, sdl in subgraphs.items()
    ]
    return parse_supergraph(compose(sources))


def fetches(graph: Supergraph, query: str) -> list[list[tuple[str, str]]]:
    """Each step of the plan: the subgraphs asked and what, sorted by subgraph."""
    plan = QueryPlanner(graph).plan(parse(query))
    return [
        sorted((graph.subgraphs[f.service].name, f.operation) for f in level)
        for level in plan.levels()
    ]


SHARED_PRODUCT = {
    "name": """
type Query { product: Product @shareable }
type Product @key(fields: "id") { id: ID! name: Name }
type Name { brand: String model: String }
""",
    "category": """
type Query { product: Product @shareable }
type Product @key(fields: "id") { id: ID! category: Category }
type Category { name: String }
""",
    "price": """
type Query { product: Product @shareable }
type Product @key(fields: "id") { id: ID! price: Price }
type Price { amount: Float currency: String }
""",
}


def test_a_root_field_three_subgraphs_share_is_asked_of_each_side_by_side() -> None:
    graph = supergraph(**SHARED_PRODUCT)
    query = "{ product { id name { brand model } category { name } price { amount currency } } }"
    assert fetches(graph, query) == [
        [
            ("category", "query{product{id category{name}}}"),
            ("name", "query{product{name{brand model}}}"),
            ("price", "query{product{price{amount currency}}}"),
        ]
    ]


def test_a_value_type_no_key_leads_to_is_asked_again_along_its_path() -> None:
    graph = supergraph(
        housing="""
type Query { stats(grid: ID!): Stats @shareable }
type Stats @shareable { grid: ID! vacant: Int }
""",
        care="""
type Query { stats(grid: ID!): Stats @shareable }
type Stats @shareable { grid: ID! openCases: Int }
""",
    )
    assert fetches(graph, '{ stats(grid: "g1") { vacant openCases } }') == [
        [
            ("care", 'query{stats(grid:"g1"){openCases}}'),
            ("housing", 'query{stats(grid:"g1"){vacant}}'),
        ]
    ]


def test_a_mutation_is_never_sent_twice_to_reach_a_field_of_another_subgraph() -> None:
    graph = supergraph(
        registry="""
type Query { resident(id: ID!): Resident @shareable }
type Mutation { register(name: String!): Resident }
type Resident @key(fields: "id") { id: ID! name: String! }
""",
        housing="""
type Query { resident(id: ID!): Resident @shareable }
type Resident @key(fields: "id") { id: ID! flat: String }
""",
    )
    steps = fetches(graph, 'mutation { register(name: "Li") { name flat } }')
    assert [[name for name, _ in step] for step in steps] == [["registry"], ["housing"]]
    assert steps[0][0][1] == 'mutation{register(name:"Li"){name id __typename}}'


def test_a_requirement_that_comes_back_to_the_first_subgraph_gets_a_fetch_of_its_own() -> None:
    graph = supergraph(
        registry="""
type Query { building(id: ID!): Building }
type Building @key(fields: "id") {
  id: ID!
  floors: Int!
  load: Int @external
  rating: String @requires(fields: "load")
}
""",
        metering="""
type Building @key(fields: "id") {
  id: ID!
  floors: Int! @external
  load: Int @requires(fields: "floors")
}
""",
    )
    steps = fetches(graph, '{ building(id: "b1") { rating } }')
    # registry's page, metering's load from its floors, then registry again for the rating:
    # the rating's fetch waits for the load, so it cannot be the fetch the load waits for.
    assert [[name for name, _ in step] for step in steps] == [
        ["registry"],
        ["metering"],
        ["registry"],
    ]


def test_fragments_are_asked_type_by_type_where_a_subgraph_declares_fewer_members() -> None:
    graph = supergraph(
        cases="""
type Query { subject: Subject }
union Subject = Resident | Building
type Resident @key(fields: "id") { id: ID! name: String }
type Building @key(fields: "id") { id: ID! address: String }
""",
        contacts="""
interface Contactable { phone: String }
type Resident implements Contactable @key(fields: "id") { id: ID! phone: String }
type Building @key(fields: "id") { id: ID! }
""",
    )
    query_graph = QueryGraph(graph)
    assert query_graph.concrete_in(_graph_id(graph, "contacts"), "Contactable") == ["Resident"]
    steps = fetches(graph, "{ subject { ... on Contactable { phone } } }")
    # cases does not know Contactable: it is asked for the one member that may be one.
    assert steps[0] == [("cases", "query{subject{__typename ...on Resident{id __typename}}}")]
    assert [name for name, _ in steps[1]] == ["contacts"]


def test_the_graph_has_a_field_edge_per_subgraph_that_resolves_the_field() -> None:
    graph = supergraph(**SHARED_PRODUCT)
    query_graph = QueryGraph(graph)
    price = _graph_id(graph, "price")
    name = _graph_id(graph, "name")
    assert query_graph.field_edge(Node("Product", price), "price") is not None
    assert query_graph.field_edge(Node("Product", name), "price") is None
    jumps = query_graph.jumps_to_field(Node("Product", name), "price")
    assert [edge.head for edge in jumps] == [Node("Product", price)]


def test_a_jump_goes_where_the_sibling_fields_can_follow() -> None:
    graph = supergraph(
        meetings="""
type Query { meetings: [Meeting!]! }
type Meeting { topic: String! venue: Building }
type Building @key(fields: "id") { id: ID! }
""",
        registry="""
type Building @key(fields: "id") { id: ID! address: String @shareable }
""",
        upkeep="""
type Building @key(fields: "id") { id: ID! address: String @shareable inspected: String }
""",
    )
    steps = fetches(graph, "{ meetings { venue { address inspected } } }")
    # registry could give the address, but upkeep must be asked anyway: one fetch, not two.
    assert [[name for name, _ in step] for step in steps] == [["meetings"], ["upkeep"]]


def _graph_id(graph: Supergraph, name: str) -> str:
    return next(key for key, subgraph in graph.subgraphs.items() if subgraph.name == name)


def test_sibling_fragments_whose_key_has_two_types_in_the_subgraph_are_aliased() -> None:
    graph = supergraph(
        accounts="""
type Query { users: [User!]! }
type User @key(fields: "id") { id: ID }
""",
        directory="""
type Query { accounts: [Account!]! }
union Account = User | Admin
type User @key(fields: "id") { id: ID! }
type Admin { id: ID }
""",
    )
    plan = QueryPlanner(graph).plan(
        parse("{ accounts { ... on User { id } ... on Admin { id } } }")
    )
    (fetch,) = plan.fetches
    # ID! and ID cannot share a key in one document to directory; the client's key comes back.
    assert fetch.operation == (
        "query{accounts{__typename ...on User{id}...on Admin{id__alias_0:id}}}"
    )
    assert [(r.path, r.type_names, r.alias, r.key) for r in fetch.renames] == [
        (("accounts",), frozenset({"Admin"}), "id__alias_0", "id")
    ]


def test_a_key_is_fetched_outside_the_clients_conditions() -> None:
    graph = supergraph(
        catalogue="""
type Query { items: [Item!]! }
interface Item { id: ID! name: String }
type Poster implements Item @key(fields: "id") { id: ID! name: String }
""",
        stock="""
type Poster @key(fields: "id") { id: ID! left: Int }
""",
    )
    query = "query($x: Boolean!) { items { ... @include(if: $x) { name } ... on Poster { left } } }"
    root = fetches(graph, query)[0][0][1]
    # `left` needs Poster's key whatever $x says: the key may not sit inside the @include.
    assert "...on Poster{id __typename}" in root.replace("@include(if:$x){name}", "")


def test_a_field_goes_where_its_whole_subtree_takes_fewest_fetches() -> None:
    graph = supergraph(
        home="""
type Query { t: T }
type T @key(fields: "id") { id: ID! x: X @shareable }
type X @shareable { a: Int }
""",
        left="""
type T @key(fields: "id") { id: ID! x: X @shareable }
type X @shareable { b: Int }
""",
        right="""
type T @key(fields: "id") { id: ID! x: X @shareable }
type X @shareable { c: Int }
""",
        whole="""
type T @key(fields: "id") { id: ID! x: X @shareable }
type X @shareable { a: Int b: Int c: Int }
""",
    )
    steps = fetches(graph, "{ t { x { a b c } } }")
    # Staying in home means asking x again for b and again for c; whole answers both at once.
    assert [[name for name, _ in step] for step in steps] == [["home"], ["whole"]]
