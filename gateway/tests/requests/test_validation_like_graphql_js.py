"""Validation reports graphql-js 16's errors, in its words and its order.

The expected texts are what Apollo Server answers for the same documents.
"""

from __future__ import annotations

import pytest
from graphql import GraphQLSchema, build_schema, parse

from gateway.validation import MAX_VALIDATION_ERRORS, validate_operation

SDL = """
type Query {
  me: User!
  user(id: ID!): User
  users(role: Role): [User!]!
  page(input: PageInput): [User!]!
  count(first: Int! = 5): Int
  tags(names: [String!]!): [String]
  media: [Media!]!
}
type Mutation { reset: Int }
type User { id: ID! name: String! username: String! greeting(language: String): String! }
interface Media { id: ID! title: String! }
type Book implements Media { id: ID! title: String! pages: Int }
type Movie implements Media { id: ID! title: String! director: String! }
enum Role { ADMIN MEMBER }
input PageInput { first: Int! = 5 offset: Int after: String! }
"""


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    """A small schema with an interface, an enum and an input object."""
    return build_schema(SDL)


def errors(schema: GraphQLSchema, source: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each validation error's message and locations."""
    return [
        (error.message, [(loc.line, loc.column) for loc in error.locations or ()])
        for error in validate_operation(schema, parse(source))
    ]


def messages(schema: GraphQLSchema, source: str) -> list[str]:
    """Each validation error's message."""
    return [message for message, _ in errors(schema, source)]


def test_a_valid_operation_has_no_errors(schema: GraphQLSchema) -> None:
    assert errors(schema, "query ($r: Role) { me { id } users(role: $r) { name } }") == []


def test_an_unknown_field_is_quoted_with_double_quotes_and_suggestions(
    schema: GraphQLSchema,
) -> None:
    assert errors(schema, "{ me { nam } }") == [
        ('Cannot query field "nam" on type "User". Did you mean "name"?', [(1, 8)])
    ]


def test_a_field_of_an_implementation_suggests_an_inline_fragment(schema: GraphQLSchema) -> None:
    assert messages(schema, "{ media { director } }") == [
        'Cannot query field "director" on type "Media". '
        'Did you mean to use an inline fragment on "Movie"?'
    ]


def test_a_missing_required_argument_names_the_field_and_argument(schema: GraphQLSchema) -> None:
    assert errors(schema, "{ user { id } }") == [
        ('Field "user" argument "id" of type "ID!" is required, but it was not provided.', [(1, 3)])
    ]


def test_a_missing_directive_argument_names_the_directive(schema: GraphQLSchema) -> None:
    assert messages(schema, "{ me { name @skip } }") == [
        'Directive "@skip" argument "if" of type "Boolean!" is required, but it was not provided.'
    ]


def test_a_misplaced_directive_names_the_location_by_its_enum_name(schema: GraphQLSchema) -> None:
    assert messages(schema, "query ($a: Int @skip(if: true)) { count(first: $a) }") == [
        'Directive "@skip" may not be used on VARIABLE_DEFINITION.'
    ]


def test_unused_and_undefined_variables_are_reported_on_leaving_the_operation(
    schema: GraphQLSchema,
) -> None:
    assert errors(schema, "query Q($u: User, $v: Int) { nope count(first: $n) }") == [
        ('Variable "$u" cannot be non-input type "User".', [(1, 13)]),
        ('Cannot query field "nope" on type "Query".', [(1, 30)]),
        ('Variable "$n" is not defined by operation "Q".', [(1, 48), (1, 1)]),
        ('Variable "$u" is never used in operation "Q".', [(1, 9)]),
        ('Variable "$v" is never used in operation "Q".', [(1, 19)]),
    ]


def test_literal_values_are_checked_with_graphql_js_wording(schema: GraphQLSchema) -> None:
    assert messages(schema, '{ count(first: "x") }') == [
        'Int cannot represent non-integer value: "x"'
    ]
    assert messages(schema, "{ count(first: null) }") == [
        'Expected value of type "Int!", found null.'
    ]
    assert messages(schema, "{ count(first: 2147483648) }") == [
        "Int cannot represent non 32-bit signed integer value: 2147483648"
    ]
    assert messages(schema, "{ users(role: admin) { id } }") == [
        'Value "admin" does not exist in "Role" enum. Did you mean the enum value "ADMIN"?'
    ]
    assert messages(schema, '{ users(role: "ADMIN") { id } }') == [
        'Enum "Role" cannot represent non-enum value: "ADMIN". Did you mean the enum value "ADMIN"?'
    ]


def test_a_list_where_no_list_goes_is_printed_as_graphql_js_prints_it(
    schema: GraphQLSchema,
) -> None:
    assert errors(schema, "{ count(first: [1, {a: 2}]) }") == [
        ("Int cannot represent non-integer value: [1, {a: 2}]", [(1, 16)])
    ]
    assert messages(schema, '{ page(input: [{after: "x"}]) { id } }') == [
        'Expected value of type "PageInput", found [{after: "x"}].'
    ]


def test_input_objects_report_missing_and_unknown_fields(schema: GraphQLSchema) -> None:
    assert errors(schema, "{ page(input: {frist: 1}) { id } }") == [
        ('Field "PageInput.after" of required type "String!" was not provided.', [(1, 15)]),
        ('Field "frist" is not defined by type "PageInput". Did you mean "first"?', [(1, 16)]),
    ]


def test_conflicting_fields_are_reported_with_double_quotes(schema: GraphQLSchema) -> None:
    assert messages(schema, "{ me { x: name x: username } }") == [
        'Fields "x" conflict because "name" and "username" are different fields. '
        "Use different aliases on the fields to fetch both if this was intentional."
    ]


def test_fragment_errors_are_reported_with_double_quotes(schema: GraphQLSchema) -> None:
    assert messages(schema, "{ me { ...Missing } }") == ['Unknown fragment "Missing".']
    assert messages(schema, "{ me { id } } fragment Unused on User { id }") == [
        'Fragment "Unused" is never used.'
    ]
    assert messages(schema, "{ me { ... on Book { id } } }") == [
        'Fragment cannot be spread here as objects of type "User" can never be of type "Book".'
    ]


def test_a_subscription_without_a_subscription_type_passes_validation(
    schema: GraphQLSchema,
) -> None:
    # graphql-js 16 has no rule for unknown operation types; the gateway refuses it later.
    assert errors(schema, "subscription { me { id } }") == []


def test_validation_stops_after_one_hundred_errors(schema: GraphQLSchema) -> None:
    found = errors(schema, "{ " + " ".join(f"f{i}" for i in range(150)) + " }")
    assert len(found) == MAX_VALIDATION_ERRORS + 1
    assert found[-1] == (
        "Too many validation errors, error limit reached. Validation aborted.",
        [],
    )
