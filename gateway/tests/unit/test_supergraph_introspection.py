"""Introspection answered by the gateway from the API schema.

Equality with graphql-js over Apollo's API schema is checked in ``test_supergraph_apollo_parity``;
these tests pin the gateway's side and need no Node.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import strawberry
from graphql import (
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
    validate,
)

from gateway.supergraph.introspection import is_introspection_only, run_introspection
from gateway.supergraph.parse import parse_supergraph

SUPERGRAPH = Path(__file__).resolve().parents[1] / "support" / "supergraphs" / "grid_fed2.graphql"


@pytest.fixture(scope="module")
def api() -> GraphQLSchema:
    """The API schema of the federation 2 grid supergraph."""
    schema = parse_supergraph(SUPERGRAPH.read_text()).api_schema
    assert schema is not None
    return schema


def only_introspection(source: str) -> bool:
    """Whether the document's first operation selects introspection fields only."""
    document = parse(source)
    operation = next(
        node for node in document.definitions if isinstance(node, OperationDefinitionNode)
    )
    fragments = {
        node.name.value: node
        for node in document.definitions
        if isinstance(node, FragmentDefinitionNode)
    }
    return is_introspection_only(operation, fragments)


@pytest.mark.parametrize(
    "source",
    [
        "{ __schema { queryType { name } } }",
        '{ __type(name: "Grid") { name } __typename }',
        "{ kind: __typename }",
        "mutation { __typename }",
        "{ ... on Query { __typename } ...Meta }"
        " fragment Meta on Query { __schema { types { name } } }",
    ],
)
def test_introspection_fields_alone_are_introspection_only(source: str) -> None:
    assert only_introspection(source)


@pytest.mark.parametrize(
    "source",
    [
        '{ grid(id: "1") { __typename } }',
        '{ __typename grid(id: "1") { id } }',
        '{ ... on Query { grid(id: "1") { id } } }',
        '{ ...Data } fragment Data on Query { grid(id: "1") { id } }',
        "{ ...Missing }",
        "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
    ],
)
def test_any_other_root_field_is_not_introspection_only(source: str) -> None:
    assert not only_introspection(source)


def test_fragments_not_given_are_not_assumed_introspection() -> None:
    document = parse("{ ...Meta } fragment Meta on Query { __typename }")
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)

    assert not is_introspection_only(operation)


def test_a_type_is_described_from_the_api_schema(api: GraphQLSchema) -> None:
    document = parse(
        """
        query Grid($name: String!) {
          __typename
          type: __type(name: $name) { kind name fields { name } interfaces { name } }
          missing: __type(name: "Missing") { name }
        }
        """
    )

    assert run_introspection(api, document, "Grid", {"name": "Grid"}) == {
        "data": {
            "__typename": "Query",
            "type": {
                "kind": "OBJECT",
                "name": "Grid",
                "fields": [
                    {"name": name}
                    for name in (
                        "id",
                        "name",
                        "cases",
                        "headcount",
                        "area",
                        "code",
                        "label",
                        "district",
                        "workers",
                    )
                ],
                "interfaces": [{"name": "Division"}],
            },
            "missing": None,
        }
    }


def test_the_answer_keeps_the_order_of_the_selection(api: GraphQLSchema) -> None:
    result = run_introspection(api, parse("{ b: __typename a: __typename }"))

    assert list(result["data"]) == ["b", "a"]


def test_introspection_types_are_declared_as_graphql_js_declares_them(api: GraphQLSchema) -> None:
    document = parse(
        """
        {
          type: __type(name: "__Type") { fields { name args { name type { kind name } } } }
          locations: __type(name: "__DirectiveLocation") { enumValues { name } }
          deprecated: __schema { directives { name args { name type { kind name } } } }
        }
        """
    )

    data = run_introspection(api, document)["data"]

    fields = {field["name"]: field["args"] for field in data["type"]["fields"]}
    assert fields["fields"] == [
        {"name": "includeDeprecated", "type": {"kind": "SCALAR", "name": "Boolean"}}
    ]
    locations = [value["name"] for value in data["locations"]["enumValues"]]
    assert "VARIABLE_DEFINITION" in locations
    assert "FRAGMENT_VARIABLE_DEFINITION" not in locations
    reason = next(d for d in data["deprecated"]["directives"] if d["name"] == "deprecated")
    assert reason["args"] == [{"name": "reason", "type": {"kind": "SCALAR", "name": "String"}}]


def test_include_deprecated_may_be_null_as_in_graphql_js(api: GraphQLSchema) -> None:
    document = parse('{ __type(name: "Grid") { fields(includeDeprecated: null) { name } } }')

    assert validate(api, document) == []
    assert run_introspection(api, document)["data"]["__type"]["fields"][0] == {"name": "id"}


@strawberry.type
class _StrawberryQuery:
    hello: str = "world"


def test_is_one_of_is_null_for_non_input_types_even_next_to_strawberry(
    api: GraphQLSchema,
) -> None:
    # Building a strawberry schema rewrites graphql-core's `__Type.isOneOf` process-wide.
    strawberry.Schema(query=_StrawberryQuery)
    document = parse(
        '{ grid: __type(name: "Grid") { isOneOf } id: __type(name: "ID") { isOneOf } }'
    )

    assert run_introspection(api, document) == {
        "data": {"grid": {"isOneOf": None}, "id": {"isOneOf": None}}
    }


def test_an_unknown_operation_is_an_error_without_data(api: GraphQLSchema) -> None:
    result = run_introspection(api, parse("query A { __typename }"), "B")

    assert result == {"errors": [{"message": 'Unknown operation named "B".'}]}


def test_several_operations_need_a_name(api: GraphQLSchema) -> None:
    result = run_introspection(api, parse("query A { __typename } query B { __typename }"))

    assert result == {
        "errors": [
            {"message": "Must provide operation name if query contains multiple operations."}
        ]
    }


def test_the_named_operation_runs(api: GraphQLSchema) -> None:
    document = parse("query A { a: __typename } query B { b: __typename }")

    assert run_introspection(api, document, "B") == {"data": {"b": "Query"}}


def test_missing_variables_are_an_error_without_data(api: GraphQLSchema) -> None:
    result = run_introspection(
        api, parse("query ($name: String!) { __type(name: $name) { name } }")
    )

    assert list(result) == ["errors"]
    assert "$name" in result["errors"][0]["message"]
