"""Operations fail as Apollo's gateway fails them, and a cached operation is prepared once."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import print_ast

from gateway.operations import OperationCache, Prepared, RequestError
from gateway.planning.planner import QueryPlanner
from gateway.supergraph.model import Supergraph


@pytest.fixture
def cache(grid_supergraph: Supergraph) -> OperationCache:
    """A fresh operation cache over the grid's API schema."""
    assert grid_supergraph.api_schema is not None
    return OperationCache(grid_supergraph.api_schema, QueryPlanner(grid_supergraph), size=10)


def refusal(call: Any, *args: Any) -> RequestError:
    """The request error ``call(*args)`` raises."""
    with pytest.raises(RequestError) as raised:
        call(*args)
    return raised.value


def test_a_syntax_error_answers_400_with_the_parse_failed_code(cache: OperationCache) -> None:
    error = refusal(cache.get, "{ grid(id: 1) { id }", None)
    assert error.status == 400
    assert error.errors == [
        {
            "message": "Syntax Error: Expected Name, found <EOF>.",
            "locations": [{"line": 1, "column": 21}],
            "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
        }
    ]


def test_an_empty_selection_set_is_a_syntax_error(cache: OperationCache) -> None:
    error = refusal(cache.get, "{ grid(id: 1) { } }", None)
    assert error.errors[0]["message"] == 'Syntax Error: Expected Name, found "}".'


def test_validation_errors_answer_400_with_locations_then_code(cache: OperationCache) -> None:
    error = refusal(cache.get, "{ grid { nam } }", None)
    assert error.status == 400
    assert error.errors == [
        {
            "message": 'Cannot query field "nam" on type "Grid". Did you mean "name"?',
            "locations": [{"line": 1, "column": 10}],
            "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
        },
        {
            "message": 'Field "grid" argument "id" of type "ID!" is required, but it was not '
            "provided.",
            "locations": [{"line": 1, "column": 3}],
            "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
        },
    ]


def test_an_inaccessible_field_is_unknown(cache: OperationCache) -> None:
    error = refusal(cache.get, '{ grid(id: "1") { secret } }', None)
    assert error.errors[0]["message"] == 'Cannot query field "secret" on type "Grid".'


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        (
            "query A { levels } query B { levels }",
            None,
            "Must provide operation name if query contains multiple operations.",
        ),
        (
            "query A { levels } query B { levels }",
            "",
            "Must provide operation name if query contains multiple operations.",
        ),
        ("query A { levels }", "C", 'Unknown operation named "C".'),
        ("{ levels }", "C", 'Unknown operation named "C".'),
    ],
)
def test_no_operation_to_run_answers_500_invalid_graphql(
    cache: OperationCache, query: str, name: str | None, message: str
) -> None:
    error = refusal(cache.get, query, name)
    assert error.status == 500
    assert error.errors == [{"message": message, "extensions": {"code": "INVALID_GRAPHQL"}}]


def test_an_empty_operation_name_names_no_operation(cache: OperationCache) -> None:
    assert cache.get("query A { levels }", "").operation.name is not None


def test_bad_variables_answer_400_bad_user_input_at_the_definition(cache: OperationCache) -> None:
    prepared = cache.get("query ($id: ID!) { grid(id: $id) { id } }", None)
    error = refusal(cache.coerce_variables, prepared, {"id": True})
    assert error.status == 400
    assert error.errors == [
        {
            "message": 'Variable "$id" got invalid value true; ID cannot represent value: true',
            "locations": [{"line": 1, "column": 8}],
            "extensions": {"code": "BAD_USER_INPUT"},
        }
    ]


def test_a_subscription_fails_only_after_its_variables_are_checked(cache: OperationCache) -> None:
    prepared = cache.get("subscription ($id: ID!) { grid(id: $id) { id } }", None)
    missing = refusal(cache.coerce_variables, prepared, {})
    assert missing.errors[0]["extensions"] == {"code": "BAD_USER_INPUT"}
    unplannable = refusal(cache.coerce_variables, prepared, {"id": "1"})
    assert unplannable.status == 500
    assert unplannable.errors == [
        {
            "message": 'The schema has no "subscription" root type defined',
            "extensions": {"code": "INVALID_GRAPHQL"},
        }
    ]


def test_introspection_in_a_conditional_fragment_fails_as_apollo_plans_it(
    cache: OperationCache,
) -> None:
    prepared = cache.get('{ ... @include(if: true) { t: __type(name: "Grid") { name } } }', None)
    error = refusal(cache.coerce_variables, prepared, None)
    assert error.status == 500
    assert error.errors == [
        {
            "message": 'Was not able to find any options for t: __type(name: "Grid") { name }: '
            "This shouldn't have happened.",
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]


def introspected_fields(prepared: Prepared) -> str:
    """The root introspection document the gateway executes, printed."""
    assert prepared.introspection is not None
    return print_ast(prepared.introspection.definitions[0])


def test_introspection_inside_a_fragment_is_answered_by_the_gateway(cache: OperationCache) -> None:
    prepared = cache.get(
        "{ ...Meta levels } fragment Meta on Query { __schema { queryType { name } } }", None
    )
    assert "__schema" in introspected_fields(prepared)
    assert prepared.introspection_keys == ("__schema",)


def test_only_the_first_introspection_selection_of_a_name_answers(cache: OperationCache) -> None:
    prepared = cache.get(
        "{ __schema { queryType { name } } ... { __schema { types { name } } } }", None
    )
    assert "types" not in introspected_fields(prepared)


def test_a_later_selection_answers_only_when_the_earlier_one_is_skipped(
    cache: OperationCache,
) -> None:
    prepared = cache.get(
        "query ($s: Boolean!) { __schema @skip(if: $s) { queryType { name } } "
        "... { __schema { types { name } } } }",
        None,
    )
    printed = introspected_fields(prepared)
    assert "... @include(if: $s) {" in printed
    assert "types" in printed


def test_a_cached_operation_is_not_prepared_again(cache: OperationCache) -> None:
    query = "query ($id: ID!) { grid(id: $id) { id } }"
    first = cache.get(query, None)
    assert cache.get(query, None) is first
    assert (cache.misses, cache.hits) == (1, 1)


def test_errors_are_cached_too(cache: OperationCache) -> None:
    refusal(cache.get, "{ nope }", None)
    refusal(cache.get, "{ nope }", None)
    assert (cache.misses, cache.hits) == (1, 1)


def test_an_operation_without_variables_skips_the_variable_check(cache: OperationCache) -> None:
    prepared = cache.get("{ levels }", None)
    sent = {"unused": object()}
    assert cache.coerce_variables(prepared, sent) is sent
    assert cache.coerce_variables(prepared, None) == {}


def test_columns_count_utf16_code_units_as_graphql_js_does(cache: OperationCache) -> None:
    error = refusal(cache.get, '{ grid(id: "😀😀") { nope } }', None)
    assert error.errors[0]["locations"] == [{"line": 1, "column": 22}]


def test_the_same_operation_with_other_spacing_and_comments_is_planned_once(
    cache: OperationCache,
) -> None:
    first = cache.get('{ grid(id: "1") { id } }', None)
    again = cache.get('# the grid\n{\n  grid(id: "1") {\n    id\n  }\n}\n', None)
    assert again.plan is first.plan
    assert again.shape is first.shape
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_failing_operation_with_other_spacing_keeps_its_own_locations(
    cache: OperationCache,
) -> None:
    one = refusal(cache.get, "{ nope }", None)
    other = refusal(cache.get, "{\n  nope\n}", None)
    assert one.errors[0]["locations"] != other.errors[0]["locations"]
