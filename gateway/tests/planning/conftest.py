"""A small shop federated over four subgraphs, composed by Apollo's composer."""

from __future__ import annotations

import pytest

from gateway.planning.planner import QueryPlanner
from gateway.supergraph.model import Supergraph
from gateway.supergraph.parse import parse_supergraph
from gridkit.testing.federation import (
    compose_with_apollo,
    require_apollo,
)

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
def shop() -> Supergraph:
    """The shop's supergraph."""
    require_apollo(checking="query planning over Apollo's composition")
    supergraph = compose_with_apollo(
        {name: (f"http://127.0.0.1/{name}", sdl) for name, sdl in SUBGRAPHS.items()}
    )
    return parse_supergraph(supergraph)


@pytest.fixture(scope="session")
def planner(shop: Supergraph) -> QueryPlanner:
    """A planner over the shop."""
    return QueryPlanner(shop)
