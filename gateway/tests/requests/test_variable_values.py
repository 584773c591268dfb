"""Variable values are checked as graphql-js 16's ``getVariableValues`` checks them.

The expected texts are what Apollo's gateway answers for the same values.
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLSchema, OperationDefinitionNode, build_schema, parse

from gateway.variables import variable_errors

SDL = """
type Query {
  count(first: Int): Int
  tags(names: [String!]!): [String]
  users(role: Role, ids: [ID!], weight: Float, flag: Boolean, page: PageInput, at: Stamp): Int
}
enum Role { ADMIN MEMBER }
input PageInput { first: Int! = 5 offset: Int after: String! }
scalar Stamp
"""


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    """A schema with every kind of input type."""
    return build_schema(SDL)


def problems(
    schema: GraphQLSchema, definitions: str, values: dict[str, Any]
) -> list[tuple[str, list[tuple[int, int]]]]:
    """The errors for ``values`` against the variable definitions ``definitions``."""
    document = parse(f"query ({definitions}) {{ count }}")
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return [
        (error.message, [(loc.line, loc.column) for loc in error.locations or ()])
        for error in variable_errors(schema, operation.variable_definitions or (), values)
    ]


def messages(schema: GraphQLSchema, definitions: str, values: dict[str, Any]) -> list[str]:
    """The messages of the errors for ``values``."""
    return [message for message, _ in problems(schema, definitions, values)]


def test_valid_values_have_no_errors(schema: GraphQLSchema) -> None:
    assert problems(schema, "$n: Int!, $r: Role", {"n": 2.0, "r": "ADMIN"}) == []


def test_a_missing_required_variable_is_located_at_its_definition(schema: GraphQLSchema) -> None:
    assert problems(schema, "$n: Int!", {}) == [
        ('Variable "$n" of required type "Int!" was not provided.', [(1, 8)])
    ]


def test_a_default_value_stands_in_for_a_missing_variable(schema: GraphQLSchema) -> None:
    assert problems(schema, "$n: Int! = 3", {}) == []


def test_null_for_a_non_null_variable_is_refused(schema: GraphQLSchema) -> None:
    assert messages(schema, "$n: Int!", {"n": None}) == [
        'Variable "$n" of non-null type "Int!" must not be null.'
    ]


@pytest.mark.parametrize(
    ("definition", "value", "message"),
    [
        ("Int", "two", 'got invalid value "two"; Int cannot represent non-integer value: "two"'),
        ("Int", True, "got invalid value true; Int cannot represent non-integer value: true"),
        (
            "Int",
            1e10,
            "got invalid value 10000000000; "
            "Int cannot represent non 32-bit signed integer value: 10000000000",
        ),
        ("Float", "1", 'got invalid value "1"; Float cannot represent non numeric value: "1"'),
        ("String", 2, "got invalid value 2; String cannot represent a non string value: 2"),
        ("Boolean", 1, "got invalid value 1; Boolean cannot represent a non boolean value: 1"),
        ("ID", 1.5, "got invalid value 1.5; ID cannot represent value: 1.5"),
        (
            "Role",
            "ROOT",
            'got invalid value "ROOT"; Value "ROOT" does not exist in "Role" enum.',
        ),
        (
            "Role",
            "admin",
            'got invalid value "admin"; Value "admin" does not exist in "Role" enum. '
            'Did you mean the enum value "ADMIN"?',
        ),
        (
            "Role",
            1,
            'got invalid value 1; Enum "Role" cannot represent non-string value: 1.',
        ),
    ],
)
def test_leaf_values_are_refused_with_graphql_js_wording(
    schema: GraphQLSchema, definition: str, value: Any, message: str
) -> None:
    assert messages(schema, f"$v: {definition}", {"v": value}) == [f'Variable "$v" {message}']


def test_custom_scalars_take_any_value(schema: GraphQLSchema) -> None:
    assert problems(schema, "$at: Stamp", {"at": {"any": ["thing"]}}) == []


def test_list_items_are_checked_with_their_index_in_the_path(schema: GraphQLSchema) -> None:
    assert messages(schema, "$names: [String!]!", {"names": ["1", 2, None]}) == [
        'Variable "$names" got invalid value 2 at "names[1]"; '
        "String cannot represent a non string value: 2",
        'Variable "$names" got invalid value null at "names[2]"; '
        'Expected non-nullable type "String!" not to be null.',
    ]


def test_a_single_value_stands_for_a_list_of_one(schema: GraphQLSchema) -> None:
    assert problems(schema, "$names: [String!]!", {"names": "one"}) == []


def test_input_objects_report_fields_in_definition_order_then_unknown_ones(
    schema: GraphQLSchema,
) -> None:
    page = {"zz": 1, "offset": "x", "frist": 1}
    prefix = 'Variable "$page" got invalid value { zz: 1, offset: "x", frist: 1 }'
    assert messages(schema, "$page: PageInput", {"page": page}) == [
        'Variable "$page" got invalid value "x" at "page.offset"; '
        'Int cannot represent non-integer value: "x"',
        f'{prefix}; Field "after" of required type "String!" was not provided.',
        f'{prefix}; Field "zz" is not defined by type "PageInput".',
        f'{prefix}; Field "frist" is not defined by type "PageInput". Did you mean "first"?',
    ]


def test_a_non_object_for_an_input_object_is_refused(schema: GraphQLSchema) -> None:
    assert messages(schema, "$page: PageInput", {"page": [1]}) == [
        'Variable "$page" got invalid value [1]; Expected type "PageInput" to be an object.'
    ]
