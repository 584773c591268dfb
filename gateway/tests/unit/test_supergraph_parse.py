"""Reading federation 2 supergraphs into the planner's model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import FieldNode, GraphQLObjectType, SelectionSetNode

from gateway.supergraph.model import Supergraph, TypeKind
from gateway.supergraph.parse import SupergraphError, parse_field_set, parse_supergraph

SUPERGRAPHS = Path(__file__).resolve().parents[1] / "support" / "supergraphs"

# Field sets as nested names: "code district { id }" -> ["code", ("district", ["id"])].
Shape = list[str | tuple[str, "Shape"]]


def shape(selection_set: SelectionSetNode | None) -> Shape:
    """The field names of a parsed field set, nested."""
    assert selection_set is not None
    names: Shape = []
    for selection in selection_set.selections:
        assert isinstance(selection, FieldNode)
        if selection.selection_set is None:
            names.append(selection.name.value)
        else:
            names.append((selection.name.value, shape(selection.selection_set)))
    return names


@pytest.fixture(scope="module")
def grid() -> Supergraph:
    """A supergraph Apollo composed from org, cases and workers subgraphs (join v0.5)."""
    return parse_supergraph((SUPERGRAPHS / "grid_fed2.graphql").read_text())


@pytest.fixture(scope="module")
def renamed() -> Supergraph:
    """A supergraph linking join as `j`, inaccessible as `hidden` and importing @tag as @label."""
    return parse_supergraph((SUPERGRAPHS / "renamed_imports.graphql").read_text())


def test_subgraphs_come_from_the_graph_enum_in_order(grid: Supergraph) -> None:
    assert [(s.id, s.name, s.url) for s in grid.subgraphs.values()] == [
        ("CASES", "cases", "http://cases/graphql"),
        ("ORG", "org", "http://org/graphql"),
        ("WORKERS", "workers", "http://workers/graphql"),
    ]
    assert grid.subgraph_by_name("org").id == "ORG"


def test_root_types_come_from_the_schema_definition(grid: Supergraph) -> None:
    assert (grid.query_type, grid.mutation_type, grid.subscription_type) == ("Query", None, None)


def test_an_entity_has_its_keys_per_subgraph_including_compound_ones(grid: Supergraph) -> None:
    subgraphs = grid.types["Grid"].subgraphs

    assert [key.fields_text for key in subgraphs["ORG"].keys] == ["id", "code district { id }"]
    assert shape(subgraphs["ORG"].keys[1].fields) == ["code", ("district", ["id"])]
    assert [key.fields_text for key in subgraphs["CASES"].keys] == ["id"]
    assert grid.types["Grid"].is_entity_in("CASES")


def test_a_key_that_is_not_resolvable_makes_no_entity(grid: Supergraph) -> None:
    district = grid.types["District"]

    assert [(key.fields_text, key.resolvable) for key in district.subgraphs["ORG"].keys] == [
        ("id", False)
    ]
    assert district.subgraphs["ORG"].resolvable_keys == []
    assert not district.is_entity_in("ORG")


def test_an_interface_object_is_marked_in_its_subgraph(grid: Supergraph) -> None:
    division = grid.types["Division"]

    assert division.kind is TypeKind.INTERFACE
    assert division.subgraphs["WORKERS"].is_interface_object
    assert not division.subgraphs["ORG"].is_interface_object
    assert list(division.fields["workers"].sources) == ["WORKERS"]


def test_a_field_only_an_interface_object_provides_has_no_source(grid: Supergraph) -> None:
    workers = grid.types["Grid"].fields["workers"]

    assert workers.sources == {}
    assert workers.resolving_graphs == []


def test_a_field_without_join_field_is_in_every_subgraph_of_its_type(grid: Supergraph) -> None:
    assert list(grid.types["Grid"].fields["id"].sources) == ["CASES", "ORG"]
    assert list(grid.types["District"].fields["id"].sources) == ["ORG"]


def test_an_external_field_is_known_but_not_resolvable_there(grid: Supergraph) -> None:
    name = grid.types["Grid"].fields["name"]

    assert name.sources["CASES"].external
    assert name.sources["ORG"].type == "String!"
    assert name.resolving_graphs == ["ORG"]


def test_an_override_moves_the_field(grid: Supergraph) -> None:
    headcount = grid.types["Grid"].fields["headcount"]

    assert list(headcount.sources) == ["CASES"]
    assert headcount.sources["CASES"].override_from == "org"


def test_an_overridden_field_still_used_by_a_key_stays_but_does_not_resolve(
    grid: Supergraph,
) -> None:
    code = grid.types["Grid"].fields["code"]

    assert code.sources["ORG"].used_overridden
    assert code.sources["CASES"].override_from == "org"
    assert code.resolving_graphs == ["CASES"]


def test_a_progressive_override_keeps_its_label_on_both_sides(grid: Supergraph) -> None:
    area = grid.types["Grid"].fields["area"]

    assert area.sources["CASES"].override_from == "org"
    assert area.sources["CASES"].override_label == "percent(25)"
    assert area.sources["ORG"].override_label == "percent(25)"
    assert not area.sources["ORG"].used_overridden


def test_requires_and_provides_are_parsed_selection_sets(grid: Supergraph) -> None:
    label = grid.types["Grid"].fields["label"].sources["CASES"]
    case_grid = grid.types["Case"].fields["grid"].sources["CASES"]

    assert shape(label.requires) == ["name"]
    assert label.provides is None
    assert shape(case_grid.provides) == ["name"]


def test_field_types_are_printed_and_unwrapped(grid: Supergraph) -> None:
    cases = grid.types["Grid"].fields["cases"]

    assert (cases.type, cases.named_type) == ("[Case!]!", "Case")


def test_interfaces_are_known_per_subgraph(grid: Supergraph) -> None:
    assert grid.types["Grid"].interfaces == ["Division"]
    assert grid.types["Grid"].implements_in == {"ORG": ["Division"]}


def test_union_members_are_known_per_subgraph(grid: Supergraph) -> None:
    subject = grid.types["Subject"]

    assert subject.union_members == ["Case", "Grid"]
    assert subject.union_members_in == {"CASES": ["Case", "Grid"]}


def test_enum_values_are_known_per_subgraph(grid: Supergraph) -> None:
    assert grid.types["Level"].enum_values_in == {
        "CASES": ["GRID", "COMMUNITY"],
        "ORG": ["GRID", "COMMUNITY", "DISTRICT"],
    }


def test_possible_types_of_abstract_types_are_sorted(grid: Supergraph) -> None:
    assert grid.possible_types == {"Division": ["Grid"], "Subject": ["Case", "Grid"]}


def test_inaccessible_fields_are_flagged_and_left_out_of_the_api_schema(grid: Supergraph) -> None:
    assert grid.types["Grid"].fields["secret"].inaccessible
    assert not grid.types["Grid"].fields["name"].inaccessible
    assert grid.api_schema is not None
    api_grid = grid.api_schema.get_type("Grid")
    assert isinstance(api_grid, GraphQLObjectType)
    assert "secret" not in api_grid.fields
    assert "name" in api_grid.fields


def test_federation_machinery_is_not_a_type_but_built_in_scalars_are(grid: Supergraph) -> None:
    assert not [name for name in grid.types if name.startswith(("join__", "link__"))]
    assert grid.types["String"].kind is TypeKind.SCALAR
    assert set(grid.types["ID"].subgraphs) == {"CASES", "ORG", "WORKERS"}


def test_the_sdl_is_kept(grid: Supergraph) -> None:
    assert grid.sdl == (SUPERGRAPHS / "grid_fed2.graphql").read_text()


def test_renamed_join_directives_are_read(renamed: Supergraph) -> None:
    grid = renamed.types["Grid"]

    assert list(renamed.subgraphs) == ["CASES", "ORG"]
    assert [key.fields_text for key in grid.subgraphs["ORG"].keys] == ["id"]
    assert list(grid.fields["openCases"].sources) == ["CASES"]
    assert renamed.types["Status"].enum_values_in == {"CASES": ["OPEN", "CLOSED", "PURGED"]}


def test_a_renamed_inaccessible_directive_is_honoured(renamed: Supergraph) -> None:
    assert renamed.types["Grid"].fields["secret"].inaccessible
    assert renamed.types["Query"].fields["hidden"].inaccessible
    assert renamed.api_schema is not None
    query = renamed.api_schema.get_type("Query")
    assert isinstance(query, GraphQLObjectType)
    assert list(query.fields) == ["grid"]


def test_key_fields_of_a_type_extension_resolve_in_its_subgraph(renamed: Supergraph) -> None:
    grid = renamed.types["Grid"]

    assert grid.subgraphs["CASES"].extension
    assert not grid.fields["id"].sources["CASES"].external
    assert grid.fields["id"].resolving_graphs == ["ORG", "CASES"]


def test_a_field_set_parses_into_a_selection_set() -> None:
    assert shape(parse_field_set("id owner { id name }")) == ["id", ("owner", ["id", "name"])]


def test_an_unparsable_field_set_is_refused() -> None:
    with pytest.raises(SupergraphError, match=re.escape('invalid field set "id {"')):
        parse_field_set("id {")


# --- documents that are not supergraphs ----------------------------------------------------

_LINKS = """
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
  {extra}
{{
  query: Query
}}
enum join__Graph {{
  A @join__graph(name: "a", url: "http://a/graphql")
}}
type Query @join__type(graph: {graph}) {{
  hello: String
}}
"""


def supergraph_text(*, extra: str = "", graph: str = "A") -> str:
    """A minimal fed 2 supergraph, with extra schema links or another graph in @join__type."""
    return _LINKS.format(extra=extra, graph=graph)


def test_a_minimal_supergraph_parses() -> None:
    supergraph = parse_supergraph(supergraph_text())

    assert list(supergraph.types["Query"].fields["hello"].sources) == ["A"]


@pytest.mark.parametrize(
    ("sdl", "reason"),
    [
        ("type Query {", "does not parse"),
        ("type Query { hello: String }", "not a supergraph: the schema definition does not @link"),
        (
            'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }\n'
            "type Query { hello: String }",
            "does not link the join spec",
        ),
        (
            supergraph_text().replace("join/v0.3", "join/v0.9"),
            "unsupported join spec version v0.9",
        ),
        (
            supergraph_text(
                extra='@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)'
            ),
            "links https://specs.apollo.dev/authenticated/v0.1 for SECURITY",
        ),
        (supergraph_text(graph="B"), 'names graph "B", which join__Graph lacks'),
        (supergraph_text() + "\n{ hello }", "holds operations"),
        (supergraph_text().replace("enum join__Graph", "enum Other"), "join__Graph is missing"),
    ],
    ids=[
        "not-graphql",
        "no-link",
        "no-join",
        "unknown-join-version",
        "unsupported-security-feature",
        "unknown-graph",
        "with-operation",
        "no-graph-enum",
    ],
)
def test_a_document_that_is_not_a_usable_supergraph_is_refused(sdl: str, reason: str) -> None:
    with pytest.raises(SupergraphError, match=reason):
        parse_supergraph(sdl)


def test_a_feature_linked_without_a_purpose_is_ignored() -> None:
    supergraph = parse_supergraph(
        supergraph_text(extra='@link(url: "https://example.com/cache/v1.0", import: ["@cached"])')
    )

    assert list(supergraph.types) == ["Query", "String", "Int", "Float", "Boolean", "ID"]
