"""Shaping the merged subgraph results into exactly the answer the client asked for."""

from __future__ import annotations

from typing import Any

from graphql import FragmentDefinitionNode, OperationDefinitionNode, build_schema, parse

from gateway.execution.complete import complete_root
from gateway.execution.shape import compile_shape

SCHEMA = build_schema(
    """
    interface Media { id: ID! title: String! }
    type Book implements Media { id: ID! title: String! pages: Int }
    type Movie implements Media { id: ID! title: String! minutes: Int! }
    type User { id: ID! name: String! friends: [User!] nickname: String }
    type Query {
      me: User
      media: [Media!]!
      strict: User!
      numbers: [Int!]
    }
    """
)


def answer(query: str, merged: dict[str, Any], variables: dict[str, Any] | None = None) -> Any:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    shape = compile_shape(SCHEMA, operation, fragments)
    return complete_root(shape, merged, variables or {})


def test_only_requested_fields_come_back_in_the_requested_order() -> None:
    merged = {"me": {"name": "Ada", "id": "1", "__typename": "User", "_gw_1_id": "1"}}
    result = answer("{ me { name id } }", merged)
    assert result == {"me": {"name": "Ada", "id": "1"}}
    assert list(result["me"]) == ["name", "id"]


def test_aliases_and_typename_are_answered() -> None:
    merged = {"boss": {"n": "Ada", "__typename": "User"}}
    assert answer("{ boss: me { n: name __typename kind: __typename } }", merged) == {
        "boss": {"n": "Ada", "__typename": "User", "kind": "User"}
    }


def test_root_typename_is_answered_without_a_subgraph() -> None:
    assert answer("{ __typename }", {}) == {"__typename": "Query"}


def test_fragments_apply_by_runtime_type() -> None:
    merged = {
        "media": [
            {"__typename": "Book", "title": "SICP", "pages": 657},
            {"__typename": "Movie", "title": "Hackers", "minutes": 105},
        ]
    }
    query = """{ media { title ... on Book { pages } ...M } }
               fragment M on Movie { minutes }"""
    assert answer(query, merged) == {
        "media": [{"title": "SICP", "pages": 657}, {"title": "Hackers", "minutes": 105}]
    }


def test_skip_and_include_follow_the_variables() -> None:
    merged = {"me": {"name": "Ada", "id": "1"}}
    query = "query($a: Boolean!) { me { name @include(if: $a) id @skip(if: $a) } }"
    assert answer(query, merged, {"a": True}) == {"me": {"name": "Ada"}}
    assert answer(query, merged, {"a": False}) == {"me": {"id": "1"}}


def test_a_null_in_a_non_null_field_nulls_the_nearest_nullable_parent() -> None:
    merged = {"me": {"id": "1", "name": None}}
    assert answer("{ me { id name } }", merged) == {"me": None}


def test_a_null_item_in_a_list_of_non_null_nulls_the_list() -> None:
    merged = {"me": {"friends": [{"name": "Alan"}, None]}, "numbers": [1, None]}
    assert answer("{ me { friends { name } } numbers }", merged) == {
        "me": {"friends": None},
        "numbers": None,
    }


def test_a_null_that_reaches_a_non_null_root_field_nulls_data() -> None:
    assert answer("{ strict { name } }", {"strict": None}) is None


def test_a_field_no_subgraph_answered_is_null() -> None:
    assert answer("{ me { nickname } }", {"me": {}}) == {"me": {"nickname": None}}


def test_the_same_field_in_two_fragments_merges_its_selections() -> None:
    merged = {"me": {"id": "1", "name": "Ada", "__typename": "User"}}
    query = "{ me { ... on User { id } ... on User { name } } }"
    assert answer(query, merged) == {"me": {"id": "1", "name": "Ada"}}


def test_a_key_two_fragments_share_keeps_its_list_nullability() -> None:
    # Both fragments ask `friends`: the merged field still knows its items are non-null, so a
    # null item nulls the list (and is no crash).
    merged = {
        "me": {
            "__typename": "User",
            "friends": [{"__typename": "User", "id": "2", "name": "Bo"}, None],
        }
    }
    query = "{ me { ... on User { friends { id } } ... on User { friends { name } } } }"
    assert answer(query, merged) == {"me": {"friends": None}}


def test_an_enum_value_the_public_schema_lacks_is_not_answered() -> None:
    schema = build_schema("enum Role { MEMBER } type Query { role: Role roles: [Role!]! }")
    shape = compile_shape(schema, parse("{ role }").definitions[0], {})  # type: ignore[arg-type]
    assert complete_root(shape, {"role": "SYSTEM"}, {}) == {"role": None}
