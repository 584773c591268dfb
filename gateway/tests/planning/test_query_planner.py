"""What the planner fetches from where, and in what order."""

from __future__ import annotations

from graphql import parse

from gateway.planning.plan import QueryPlan
from gateway.planning.planner import QueryPlanner
from gateway.supergraph.model import Supergraph


def plan(planner: QueryPlanner, query: str, name: str | None = None) -> QueryPlan:
    return planner.plan(parse(query), name)


def steps(shop: Supergraph, result: QueryPlan) -> list[list[str]]:
    """The subgraphs fetched at each step."""
    return [sorted(shop.subgraphs[f.service].name for f in level) for level in result.levels()]


def test_fields_of_one_subgraph_make_one_fetch(planner: QueryPlanner, shop: Supergraph) -> None:
    result = plan(planner, "{ topProducts { name price } }")
    assert steps(shop, result) == [["products"]]
    assert result.fetches[0].operation == "query{topProducts{name price}}"


def test_root_fields_of_different_subgraphs_run_side_by_side(
    planner: QueryPlanner, shop: Supergraph
) -> None:
    result = plan(planner, "{ topProducts { name } me { name } }")
    assert steps(shop, result) == [["accounts", "products"]]


def test_a_field_of_another_subgraph_is_fetched_by_key_after_its_parent(
    planner: QueryPlanner, shop: Supergraph
) -> None:
    result = plan(planner, "{ topProducts { name inStock } }")
    assert steps(shop, result) == [["products"], ["inventory"]]
    root, entities = result.fetches
    assert root.operation == "query{topProducts{name id __typename}}"
    assert entities.operation == (
        "query($representations:[_Any!]!){_entities(representations:$representations)"
        "{...on Product{inStock}}}"
    )
    assert [(e.path, sorted(e.type_names)) for e in entities.entities] == [
        (("topProducts", "@"), ["Product"])
    ]
    assert entities.depends_on == (root.id,)


def test_three_subgraphs_with_lists_take_one_fetch_per_subgraph_per_step(
    planner: QueryPlanner, shop: Supergraph
) -> None:
    result = plan(
        planner,
        "{ topProducts { name inStock reviews { body author { name } product { inStock } } } }",
    )
    assert steps(shop, result) == [
        ["products"],
        ["inventory", "reviews"],
        ["accounts", "inventory"],
    ]
    assert len(result.fetches) == 5


def test_required_fields_are_fetched_first_and_sent_in_the_representation(
    planner: QueryPlanner, shop: Supergraph
) -> None:
    result = plan(planner, "{ review(id: 1) { product { shipping } } }")
    assert steps(shop, result) == [["reviews"], ["products"], ["inventory"]]
    inventory = result.fetches[-1]
    assert [spec.name for spec in inventory.entities[0].requires] == ["id", "price", "weight"]


def test_a_provided_field_needs_no_jump(planner: QueryPlanner, shop: Supergraph) -> None:
    result = plan(planner, "{ review(id: 1) { author { username } } }")
    assert steps(shop, result) == [["reviews"]]
    unprovided = plan(planner, "{ users { reviews { author { username } } } }")
    assert steps(shop, unprovided) == [["accounts"], ["reviews"]]


def test_only_the_variables_a_fetch_uses_are_declared(
    planner: QueryPlanner, shop: Supergraph
) -> None:
    result = plan(
        planner,
        "query($n: Int, $id: ID!) { topProducts(first: $n) { name } review(id: $id) { body } }",
    )
    by_service = {shop.subgraphs[f.service].name: f for f in result.fetches}
    assert by_service["products"].variable_usages == ("n",)
    assert by_service["products"].operation == "query($n:Int){topProducts(first:$n){name}}"
    assert by_service["reviews"].variable_usages == ("id",)


def test_mutations_run_one_after_another_in_order(planner: QueryPlanner, shop: Supergraph) -> None:
    result = plan(
        planner,
        'mutation { a: renameProduct(id: 1, name: "x") { name } restock(id: 1) { inStock } '
        'b: renameProduct(id: 2, name: "y") { name } }',
    )
    assert steps(shop, result) == [["products"], ["inventory"], ["products"]]


def test_a_client_alias_on_a_key_field_does_not_clash_with_the_key(
    planner: QueryPlanner,
) -> None:
    result = plan(planner, "{ topProducts { id: name inStock } }")
    root = result.fetches[0]
    assert root.operation == "query{topProducts{id:name _gw_1_id:id __typename}}"
    assert [spec.key for spec in result.fetches[1].entities[0].requires] == ["_gw_1_id"]
