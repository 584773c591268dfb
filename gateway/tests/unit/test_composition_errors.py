"""Subgraphs that do not compose: the issue's code, subgraphs and type, and Apollo's verdict.

Each case asserts what our composer reports on its own; the Apollo comparisons (which need
Node and the npm packages: skipped loudly without them, failing in CI) assert that Apollo
refuses the same subgraphs with the same error codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gateway.composition import CompositionError, CompositionIssue, SubgraphSource, compose
from gridkit.testing.federation import (
    CompositionFailed,
    compose_with_apollo,
    require_apollo,
)

_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", '
    '"@shareable", "@external", "@requires", "@provides", "@override", "@inaccessible"])\n'
)


@pytest.fixture(scope="module")
def apollo() -> None:
    """Apollo's composer must run (skipped with the reason locally, failing in CI)."""
    require_apollo(checking="Apollo composition errors")


@dataclass(frozen=True)
class Case:
    """Subgraphs that must fail with ``code``, naming ``subgraphs`` and ``type_name``."""

    subgraphs: dict[str, str]
    code: str
    named: tuple[str, ...]
    type_name: str | None
    field_name: str | None = None


CASES: dict[str, Case] = {
    "non_shareable_field_in_two_subgraphs": Case(
        {
            "catalog": _LINK + 'type Query { product: Product }\ntype Product @key(fields: "id") '
            "{ id: ID! name: String }",
            "clashing": _LINK + 'type Product @key(fields: "id") { id: ID! name: String }',
        },
        "INVALID_FIELD_SHARING",
        ("catalog", "clashing"),
        "Product",
        "name",
    ),
    "field_types_that_do_not_fit": Case(
        {
            "a": _LINK + "type Query { t: T @shareable }\ntype T @shareable { x: Int }",
            "b": _LINK + "type Query { t: T @shareable }\ntype T @shareable { x: String }",
        },
        "FIELD_TYPE_MISMATCH",
        ("a", "b"),
        "T",
        "x",
    ),
    "a_type_of_two_kinds": Case(
        {
            "a": _LINK + "type Query { t: T }\ntype T { x: Int }",
            "b": _LINK + "interface T { x: Int }",
        },
        "TYPE_KIND_MISMATCH",
        ("a", "b"),
        "T",
    ),
    "an_external_field_nobody_defines": Case(
        {
            "a": _LINK + 'type Query { t: T }\ntype T @key(fields: "id") '
            '{ id: ID! x: Int @external y: Int @requires(fields: "x") }',
        },
        "EXTERNAL_MISSING_ON_BASE",
        ("a",),
        "T",
        "x",
    ),
    "an_external_field_of_another_type": Case(
        {
            "a": _LINK + 'type Query { t: T }\ntype T @key(fields: "id") { id: ID! x: Int }',
            "b": _LINK + 'type T @key(fields: "id") { id: ID! x: String @external '
            'y: Int @requires(fields: "x") }',
        },
        "EXTERNAL_TYPE_MISMATCH",
        ("a", "b"),
        "T",
        "x",
    ),
    "an_unknown_key_field": Case(
        {"grids": _LINK + 'type Query { g: Grid }\ntype Grid @key(fields: "code") { id: ID! }'},
        "KEY_INVALID_FIELDS",
        ("grids",),
        "Grid",
    ),
    "a_key_selecting_an_interface": Case(
        {
            "a": _LINK
            + 'type Query { t: T }\ninterface I { x: Int }\ntype T @key(fields: "i { x }") '
            "{ i: I }",
        },
        "KEY_FIELDS_SELECT_INVALID_TYPE",
        ("a",),
        "T",
    ),
    "a_key_field_with_arguments": Case(
        {
            "a": _LINK + 'type Query { t: T }\ntype T @key(fields: "f(a: 1)") { f(a: Int): Int }',
        },
        "KEY_FIELDS_HAS_ARGS",
        ("a",),
        "T",
    ),
    "a_required_argument_some_subgraph_lacks": Case(
        {
            "a": _LINK + "type Query { t(a: Int): Int @shareable }",
            "b": _LINK + "type Query { t(a: Int, b: Int!): Int @shareable }",
        },
        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
        ("b",),
        "Query",
        "t",
    ),
    "a_required_input_field_some_subgraph_lacks": Case(
        {
            "a": _LINK + "type Query { i(x: In): Int }\ninput In { a: Int! b: Int }",
            "b": _LINK + "type Query { j(x: In): Int }\ninput In { b: Int }",
        },
        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
        ("a",),
        "In",
    ),
    "an_enum_used_both_ways_with_different_values": Case(
        {
            "a": _LINK + "type Query { e(e: E): E }\nenum E { A B }",
            "b": _LINK + "type Query { f: E }\nenum E { A C }",
        },
        "ENUM_VALUE_MISMATCH",
        ("a", "b"),
        "E",
    ),
    "an_unused_external_field": Case(
        {
            "a": _LINK
            + 'type Query { p: P }\ntype P @key(fields: "id") { id: ID! weight: Int @external }',
        },
        "EXTERNAL_UNUSED",
        ("a",),
        "P",
        "weight",
    ),
    "requires_of_a_field_the_subgraph_resolves": Case(
        {
            "a": _LINK + 'type Query { p: P }\ntype P @key(fields: "id") '
            '{ id: ID! price: Int total: Int @requires(fields: "price") }',
        },
        "REQUIRES_FIELDS_MISSING_EXTERNAL",
        ("a",),
        "P",
        "total",
    ),
    "provides_of_a_field_the_subgraph_resolves": Case(
        {
            "a": _LINK + 'type Query { u: U @provides(fields: "x") }\ntype U @key(fields: "id") '
            "{ id: ID! x: Int }",
        },
        "PROVIDES_FIELDS_MISSING_EXTERNAL",
        ("a",),
        "Query",
        "u",
    ),
    "an_override_of_its_own_subgraph": Case(
        {
            "a": _LINK + 'type Query { t: T }\ntype T @key(fields: "id") '
            '{ id: ID! x: Int @override(from: "a") }',
        },
        "OVERRIDE_FROM_SELF_ERROR",
        ("a",),
        "T",
        "x",
    ),
    "an_interface_field_an_implementation_lacks": Case(
        {
            "a": _LINK + "type Query { node: Node }\ninterface Node { id: ID! }\n"
            'type Film implements Node @key(fields: "id") { id: ID! }',
            "b": _LINK + "interface Node { id: ID! createdAt: String }\n"
            'type Book implements Node @key(fields: "id") { id: ID! createdAt: String }',
        },
        "INTERFACE_FIELD_NO_IMPLEM",
        ("a", "b"),
        "Film",
        "createdAt",
    ),
    "an_extension_without_a_definition": Case(
        {
            "a": _LINK + "type Query { w: W }\ntype W { e: E }\nextend enum E { A }",
        },
        "EXTENSION_WITH_NO_BASE",
        ("a",),
        "E",
    ),
    "a_visible_field_of_an_inaccessible_type": Case(
        {
            "a": _LINK + "type Query { s: Secret }\ntype Secret @inaccessible { x: Int }",
        },
        "REFERENCED_INACCESSIBLE",
        ("a",),
        "Query",
        "s",
    ),
    "a_field_no_query_can_reach": Case(
        {
            "a": _LINK + "type Query { t: T }\ntype T @shareable { x: Int }",
            "b": _LINK + "type T @shareable { x: Int y: Int }",
        },
        "SATISFIABILITY_ERROR",
        ("a", "b"),
        "T",
        "y",
    ),
    "an_unparsable_sdl": Case(
        {"a": _LINK + "type Query { t: Int }", "broken": "type Query { t: }"},
        "INVALID_GRAPHQL",
        ("broken",),
        None,
    ),
    "a_reference_to_an_unknown_type": Case(
        {"a": _LINK + "type Query { t: Nowhere }"},
        "INVALID_GRAPHQL",
        ("a",),
        "Query",
    ),
    "a_federation_2_directive_without_its_import": Case(
        {
            "a": 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
            'import: ["@key"])\ntype Query { t: Int @shareable }',
        },
        "INVALID_GRAPHQL",
        ("a",),
        "Query",
        "t",
    ),
}


def _our_issues(case: Case) -> list[CompositionIssue]:
    sources = [
        SubgraphSource(name, f"http://{name}.test/graphql", sdl)
        for name, sdl in case.subgraphs.items()
    ]
    with pytest.raises(CompositionError) as caught:
        compose(sources)
    return list(caught.value.issues)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_issue_names_its_code_subgraphs_and_type(name: str) -> None:
    case = CASES[name]

    issues = [issue for issue in _our_issues(case) if issue.code == case.code]

    assert issues, f"no {case.code} issue"
    issue = issues[0]
    assert set(case.named) <= set(issue.subgraphs)
    for subgraph in case.named:
        assert f'"{subgraph}"' in issue.message or f"[{subgraph}]" in issue.message
    assert issue.type_name == case.type_name
    if case.type_name is not None:
        assert f'"{case.type_name}' in issue.message
    if case.field_name is not None:
        assert issue.field_name == case.field_name


@pytest.mark.usefixtures("apollo")
@pytest.mark.parametrize("name", sorted(CASES))
def test_apollo_refuses_the_same_subgraphs_with_the_same_codes(name: str) -> None:
    case = CASES[name]
    ours = {issue.code for issue in _our_issues(case)}

    with pytest.raises(CompositionFailed) as caught:
        compose_with_apollo(
            {name: (f"http://{name}.test/graphql", sdl) for name, sdl in case.subgraphs.items()}
        )

    assert {error.code for error in caught.value.errors} == ours


@pytest.mark.usefixtures("apollo")
def test_the_sharing_message_reads_like_apollos() -> None:
    case = CASES["non_shareable_field_in_two_subgraphs"]
    (ours,) = _our_issues(case)

    with pytest.raises(CompositionFailed) as caught:
        compose_with_apollo({name: ("http://x.test", sdl) for name, sdl in case.subgraphs.items()})

    (theirs,) = caught.value.errors
    assert ours.message == theirs.message


def test_every_issue_is_listed_in_the_error() -> None:
    case = CASES["field_types_that_do_not_fit"]
    sources = [SubgraphSource(name, "http://x.test", sdl) for name, sdl in case.subgraphs.items()]

    with pytest.raises(CompositionError) as caught:
        compose(sources)

    assert caught.value.codes == ["FIELD_TYPE_MISMATCH"]
    assert 'Type of field "T.x" is incompatible across subgraphs' in str(caught.value)
    assert 'type "Int" in subgraph "a" but type "String" in subgraph "b"' in str(caught.value)
