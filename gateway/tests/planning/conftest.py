"""A small shop federated over four subgraphs, composed by the gateway's own composer.

Composing in Python keeps the planner's tests free of Node. The composer gives the supergraph
Apollo's gives for these subgraphs (``test_shop_composition`` holds it to that where Node
runs), so the plans are made over what Apollo's router would load.
"""

from __future__ import annotations

import pytest

from gateway.composition import SubgraphSource, compose
from gateway.planning.planner import QueryPlanner
from gateway.supergraph.model import Supergraph
from gateway.supergraph.parse import parse_supergraph

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@shareable", "@external", "@requires", "@provides"])\n'
)

SUBGRAPHS = {
    "products": LINK
    + """
type Product @key(fields: "id") { id: ID! name: String! price: Int! weight: Int! }
type Query { topProducts(first: Int = 5): [Product!]! product(id: ID!): Product }
type Mutation { renameProduct(id: ID!, name: String!): Product }
""",
    "inventory": LINK
    + """
type Product @key(fields: "id") {
  id: ID!
  price: Int! @external
  weight: Int! @external
  inStock: Boolean!
  shipping: Int! @requires(fields: "price weight")
}
type Mutation { restock(id: ID!): Product }
""",
    "reviews": LINK
    + """
type Review @key(fields: "id") {
  id: ID!
  body: String!
  product: Product!
  author: User! @provides(fields: "username")
}
type User @key(fields: "id") { id: ID! username: String! @external reviews: [Review!]! }
type Product @key(fields: "id") { id: ID! reviews: [Review!]! }
type Query { review(id: ID!): Review }
""",
    "accounts": LINK
    + """
type User @key(fields: "id") { id: ID! username: String! @shareable name: String! }
type Query { me: User users: [User!]! }
""",
}


@pytest.fixture(scope="session")
def shop_subgraphs() -> list[SubgraphSource]:
    """The shop's subgraphs: name, routing URL and SDL."""
    return [
        SubgraphSource(name=name, url=f"http://127.0.0.1/{name}", sdl=sdl)
        for name, sdl in SUBGRAPHS.items()
    ]


@pytest.fixture(scope="session")
def shop(shop_subgraphs: list[SubgraphSource]) -> Supergraph:
    """The shop's supergraph."""
    return parse_supergraph(compose(shop_subgraphs))


@pytest.fixture(scope="session")
def planner(shop: Supergraph) -> QueryPlanner:
    """A planner over the shop."""
    return QueryPlanner(shop)
