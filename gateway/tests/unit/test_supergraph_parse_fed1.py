"""Reading federation 1 supergraphs (``@core``, join v0.1, ``@join__owner``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import FieldNode, GraphQLObjectType

from gateway.supergraph.model import Supergraph, TypeKind
from gateway.supergraph.parse import parse_supergraph

SUPERGRAPH = Path(__file__).resolve().parents[1] / "support" / "supergraphs" / "grid_fed1.graphql"


@pytest.fixture(scope="module")
def grid() -> Supergraph:
    """A federation 1 supergraph: org owns Grid, cases owns Case and extends Grid."""
    return parse_supergraph(SUPERGRAPH.read_text())


def test_subgraphs_and_roots_are_read(grid: Supergraph) -> None:
    assert {s.id: s.name for s in grid.subgraphs.values()} == {"CASES": "cases", "ORG": "org"}
    assert (grid.query_type, grid.mutation_type) == ("Query", "Mutation")


def test_unannotated_fields_of_an_owned_entity_belong_to_its_owner(grid: Supergraph) -> None:
    assert list(grid.types["Grid"].fields["secret"].sources) == ["ORG"]
    assert grid.types["Grid"].fields["name"].resolving_graphs == ["ORG"]
    assert list(grid.types["Case"].fields["title"].sources) == ["CASES"]


def test_annotated_fields_belong_to_their_graph(grid: Supergraph) -> None:
    assert list(grid.types["Grid"].fields["cases"].sources) == ["CASES"]
    assert list(grid.types["Query"].fields["grid"].sources) == ["ORG"]


def test_keys_are_read_per_graph(grid: Supergraph) -> None:
    subgraphs = grid.types["Grid"].subgraphs

    assert [key.fields_text for key in subgraphs["ORG"].keys] == ["id", "code"]
    assert [key.fields_text for key in subgraphs["CASES"].keys] == ["id"]
    assert grid.types["Grid"].is_entity_in("CASES")


def test_key_fields_resolve_in_every_graph_with_the_key(grid: Supergraph) -> None:
    identifier = grid.types["Grid"].fields["id"]

    assert not identifier.sources["CASES"].external
    assert identifier.resolving_graphs == ["ORG", "CASES"]


def test_required_fields_are_external_in_the_requiring_graph(grid: Supergraph) -> None:
    summary = grid.types["Grid"].fields["summary"].sources["CASES"]
    name = grid.types["Grid"].fields["name"]

    assert summary.requires is not None
    assert [
        selection.name.value
        for selection in summary.requires.selections
        if isinstance(selection, FieldNode)
    ] == ["name"]
    assert name.sources["CASES"].external
    assert name.resolving_graphs == ["ORG"]


def test_provided_fields_are_external_in_the_providing_graph(grid: Supergraph) -> None:
    provides = grid.types["Case"].fields["grid"].sources["CASES"].provides

    assert provides is not None
    assert grid.types["Grid"].fields["code"].sources["CASES"].external


def test_a_value_type_is_in_every_subgraph_with_all_its_fields(grid: Supergraph) -> None:
    money = grid.types["Money"]

    assert list(money.subgraphs) == ["CASES", "ORG"]
    assert list(money.fields["amount"].sources) == ["CASES", "ORG"]
    assert money.subgraphs["CASES"].keys == []


def test_enum_values_are_in_every_subgraph_of_the_enum(grid: Supergraph) -> None:
    assert grid.types["CaseStatus"].enum_values_in == {
        "CASES": ["OPEN", "CLOSED"],
        "ORG": ["OPEN", "CLOSED"],
    }


def test_union_members_and_interfaces_follow_the_subgraphs_that_have_them(
    grid: Supergraph,
) -> None:
    assert grid.types["Thing"].union_members_in == {"CASES": ["Case", "Grid"], "ORG": ["Grid"]}
    assert grid.types["Case"].implements_in == {"CASES": ["Reportable"]}
    assert grid.possible_types == {"Reportable": ["Case"], "Thing": ["Case", "Grid"]}


def test_inaccessible_v0_1_fields_are_flagged_and_hidden(grid: Supergraph) -> None:
    assert grid.types["Grid"].fields["secret"].inaccessible
    assert grid.api_schema is not None
    api_grid = grid.api_schema.get_type("Grid")
    assert isinstance(api_grid, GraphQLObjectType)
    assert "secret" not in api_grid.fields


def test_core_machinery_is_not_a_type(grid: Supergraph) -> None:
    assert "core__Purpose" not in grid.types
    assert "join__Graph" not in grid.types
    assert grid.types["Reportable"].kind is TypeKind.INTERFACE
