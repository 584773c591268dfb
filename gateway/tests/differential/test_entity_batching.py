"""Lists of entities cost one fetch per subgraph per plan step, never one per entity."""

from __future__ import annotations

from typing import Any

import httpx

THREE_SUBGRAPHS = """{
  topProducts {
    name
    inStock
    reviews { body author { name } }
  }
}"""


def fetches(node: dict[str, Any] | None) -> list[list[str]]:
    """The services fetched at each step of a plan."""
    if node is None:
        return []
    if node["kind"] == "Sequence":
        return [services for child in node["nodes"] for services in fetches(child)]
    if node["kind"] == "Parallel":
        return [[n["serviceName"] for n in node["nodes"]]]
    return [[node["serviceName"]]]


def test_lists_of_entities_from_three_subgraphs_take_one_fetch_per_subgraph_per_step(
    gateway_url: str, http: httpx.Client
) -> None:
    response = http.post(
        gateway_url, json={"query": THREE_SUBGRAPHS}, headers={"X-Query-Plan": "1"}
    )
    body = response.json()
    products = body["data"]["topProducts"]
    reviews = [review for product in products for review in product["reviews"]]
    # Lists long enough that one fetch per entity would show.
    assert len(products) >= 4
    assert len(reviews) >= 6

    steps = fetches(body["extensions"]["queryPlan"]["node"])
    assert steps == [["products"], ["inventory", "reviews"], ["accounts"]]
    for step in steps:
        assert len(step) == len(set(step)), f"a subgraph was fetched twice in one step: {step}"
    assert body["extensions"]["subgraphRequests"] == 4


def test_the_plan_is_not_made_again_for_a_repeated_operation(
    gateway_url: str, http: httpx.Client
) -> None:
    first = http.post(gateway_url, json={"query": THREE_SUBGRAPHS}, headers={"X-Query-Plan": "1"})
    second = http.post(gateway_url, json={"query": THREE_SUBGRAPHS}, headers={"X-Query-Plan": "1"})
    assert first.json()["extensions"]["queryPlan"] == second.json()["extensions"]["queryPlan"]
    assert first.json()["data"] == second.json()["data"]
