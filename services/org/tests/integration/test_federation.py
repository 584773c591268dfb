"""The org subgraph as a gateway sees it: SDL, entities, composition."""

from __future__ import annotations

from org_testing import GridMaker

from gridkit.testing.federation import (
    compose_with_apollo,
    require_apollo,
)
from gridkit.testing.graphql import GraphQLClient

ENTITIES = """query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Grid { code name }
    ... on Division { code }
  }
}"""


async def test_entities_resolve_in_the_order_asked_and_null_for_unknown_ids(
    admin: GraphQLClient, make_grid: GridMaker
) -> None:
    first, second = await make_grid(name="一"), await make_grid(name="二")
    data = await admin.data(
        ENTITIES,
        {
            "representations": [
                {"__typename": "Grid", "id": second["id"]},
                {"__typename": "Division", "id": first["division"]["id"]},
                {"__typename": "Grid", "id": "00000000-0000-0000-0000-000000000000"},
                {"__typename": "Grid", "id": first["id"]},
            ]
        },
    )
    assert data["_entities"] == [
        {"__typename": "Grid", "code": second["code"], "name": "二"},
        {"__typename": "Division", "code": "370112001001"},
        None,
        {"__typename": "Grid", "code": first["code"], "name": "一"},
    ]


async def test_the_sdl_declares_the_entity_keys(org: GraphQLClient) -> None:
    sdl = (await org.data("{ _service { sdl } }"))["_service"]["sdl"]
    for entity in ("Division", "Grid", "PartyOrganization", "Unit", "Department"):
        assert f'type {entity} @key(fields: "id")' in sdl


async def test_the_org_subgraph_composes_with_apollo(org: GraphQLClient) -> None:
    require_apollo(checking="Apollo composition")
    sdl = (await org.data("{ _service { sdl } }"))["_service"]["sdl"]
    supergraph = compose_with_apollo({"org": ("http://127.0.0.1:4001/graphql", sdl)})
    assert '@join__type(graph: ORG, key: "id")' in supergraph
    assert "gridAt" in supergraph
