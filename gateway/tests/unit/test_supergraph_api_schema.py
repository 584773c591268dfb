"""The API schema: what is removed from a supergraph and what stays.

Equality with Apollo's own API schema is checked in ``test_supergraph_apollo_parity``; these
tests pin the individual rules and need no Node.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    lexicographic_sort_schema,
    parse,
    print_schema,
)

from gateway.supergraph.api_schema import api_document, build_api_schema
from gateway.supergraph.parse import SupergraphError

SUPERGRAPHS = Path(__file__).resolve().parents[1] / "support" / "supergraphs"
EDGES = (SUPERGRAPHS / "api_edges.graphql").read_text()


@pytest.fixture(scope="module")
def api() -> GraphQLSchema:
    """The API schema of a supergraph with every kind of @inaccessible element."""
    return build_api_schema(EDGES)


def object_type(schema: GraphQLSchema, name: str) -> GraphQLObjectType:
    type_ = schema.get_type(name)
    assert isinstance(type_, GraphQLObjectType)
    return type_


def test_federation_machinery_is_removed(api: GraphQLSchema) -> None:
    sdl = print_schema(api)

    for removed in ("join__", "link__", "@link", "@tag", "@inaccessible"):
        assert removed not in sdl
    assert api.get_directive("join__field") is None


def test_inaccessible_types_are_removed_with_their_references(api: GraphQLSchema) -> None:
    assert api.get_type("Draft") is None
    assert api.get_type("Audited") is None
    item = api.get_type("Item")
    assert isinstance(item, GraphQLUnionType)
    assert [member.name for member in item.types] == ["Case"]
    assert [interface.name for interface in object_type(api, "Case").interfaces] == ["Located"]


def test_inaccessible_fields_and_arguments_are_removed(api: GraphQLSchema) -> None:
    case = object_type(api, "Case")

    assert list(case.fields) == ["gridId", "title", "summary"]
    assert list(case.fields["summary"].args) == ["length"]


def test_inaccessible_input_fields_and_enum_values_are_removed(api: GraphQLSchema) -> None:
    search = api.get_type("CaseSearch")
    status = api.get_type("Status")

    assert isinstance(search, GraphQLInputObjectType)
    assert list(search.fields) == ["text", "status", "legacy"]
    assert isinstance(status, GraphQLEnumType)
    assert list(status.values) == ["OPEN", "CLOSED", "ARCHIVED"]


def test_custom_executable_directives_stay_without_inaccessible_arguments(
    api: GraphQLSchema,
) -> None:
    sampled = api.get_directive("sampled")

    assert sampled is not None
    assert sampled.description == "Samples the operation."
    assert list(sampled.args) == ["bucket"]
    assert sampled.is_repeatable


def test_a_custom_defer_definition_is_dropped(api: GraphQLSchema) -> None:
    assert api.get_directive("defer") is None


def test_descriptions_and_deprecations_stay(api: GraphQLSchema) -> None:
    case = object_type(api, "Case")
    status = api.get_type("Status")

    assert api.description == "The grid platform."
    assert case.fields["title"].description == "The title, as reported."
    assert case.fields["title"].deprecation_reason == "Use `summary`."
    assert case.fields["summary"].args["length"].deprecation_reason == "Ignored."
    assert isinstance(status, GraphQLEnumType)
    assert status.values["CLOSED"].description == "Closed for good."
    assert status.values["ARCHIVED"].deprecation_reason == "No longer supported"


def test_specified_by_stays(api: GraphQLSchema) -> None:
    assert 'scalar Instant @specifiedBy(url: "https://example.com/instant")' in print_schema(api)


def test_root_types_come_from_the_supergraph(api: GraphQLSchema) -> None:
    assert api.query_type is not None
    assert api.query_type.name == "Query"
    assert api.subscription_type is not None
    assert api.subscription_type.name == "Subscription"
    assert api.mutation_type is None


def test_types_keep_the_supergraph_order(api: GraphQLSchema) -> None:
    declared = [name for name in api.type_map if not name.startswith("__")]

    assert declared[:4] == ["Located", "ID", "Case", "String"]


def test_interfaces_keep_their_accessible_implementations(api: GraphQLSchema) -> None:
    located = api.get_type("Located")

    assert isinstance(located, GraphQLInterfaceType)
    assert [type_.name for type_ in api.get_possible_types(located)] == ["Case"]


def test_one_of_inputs_keep_the_directive() -> None:
    schema = build_api_schema(
        EDGES.replace(
            "input CaseSearch @join__type(graph: A) {\n  text: String\n  status: Status = OPEN",
            "input CaseSearch @join__type(graph: A) @oneOf {\n  text: String\n  status: Status",
        )
    )

    assert "input CaseSearch @oneOf {" in print_schema(schema)


def test_the_schema_can_be_sorted_and_printed(api: GraphQLSchema) -> None:
    printed = print_schema(lexicographic_sort_schema(api))

    assert printed.index("type Case") < printed.index("input CaseSearch")


def test_the_api_document_is_the_reduced_sdl() -> None:
    document = api_document(parse(EDGES))
    names = [getattr(node, "name", None) for node in document.definitions]

    assert "join__Graph" not in [name.value for name in names if name is not None]


def test_an_accessible_field_of_an_inaccessible_type_is_refused() -> None:
    broken = EDGES.replace("located: [Located!]!", "located: [Located!]!\n  draft: Draft")

    with pytest.raises(SupergraphError, match="invalid API schema"):
        build_api_schema(broken)


def test_sdl_that_does_not_parse_is_refused() -> None:
    with pytest.raises(SupergraphError, match="does not parse"):
        build_api_schema("type Query {")
