"""Composition rules, checked on our composer alone (no Node needed)."""

from __future__ import annotations

import pytest
from graphql import build_ast_schema, parse

from gateway.composition import CompositionError, SubgraphSource, compose
from gateway.composition.graph_names import graph_enum_values
from gateway.composition.spec import join_version
from gateway.supergraph.parse import parse_supergraph

_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", '
    '"@shareable", "@external", "@requires", "@provides", "@override", "@tag", "@inaccessible", '
    '"@interfaceObject"])\n'
)


def composed(**subgraphs: str) -> str:
    """Compose SDLs given by subgraph name."""
    return compose(
        [
            SubgraphSource(name, f"http://{name}.test/graphql", sdl)
            for name, sdl in subgraphs.items()
        ]
    )


def block(supergraph: str, header: str) -> str:
    """The definition of the supergraph starting with ``header`` (``type Grid``)."""
    start = supergraph.index(header + "\n")
    return supergraph[start : supergraph.index("\n}", start) + 2]


def test_graph_enum_values_are_upper_cased_sanitised_and_numbered_on_collision() -> None:
    values = graph_enum_values(["org", "my-sub", "my_sub", "1abc", "cases"])

    assert values == {
        "1abc": "_1ABC",
        "cases": "CASES",
        "my-sub": "MY_SUB_1",
        "my_sub": "MY_SUB_2",
        "org": "ORG",
    }


@pytest.mark.parametrize(
    ("versions", "expected"),
    [([None], "0.3"), ([(2, 0), (2, 6)], "0.3"), ([(2, 7)], "0.4"), ([None, (2, 11)], "0.5")],
)
def test_the_join_version_follows_the_newest_federation_link(
    versions: list[tuple[int, int] | None], expected: str
) -> None:
    assert join_version(versions) == expected


def test_federation_internals_stay_out_of_the_supergraph() -> None:
    supergraph = composed(
        org=_LINK
        + """
        type Query { _entities(representations: [_Any!]!): [_Entity]! _service: _Service! g: Grid }
        type Grid @key(fields: "id") { id: ID! name: String! }
        scalar _Any
        union _Entity = Grid
        type _Service { sdl: String! }
        """
    )

    for internal in ("_entities", "_service", "_Service", "_Any", "_Entity"):
        assert internal not in supergraph
    assert 'type Grid\n  @join__type(graph: ORG, key: "id")\n{\n  id: ID!\n  name: String!\n}' in (
        supergraph
    )


def test_the_supergraph_is_a_valid_schema_the_gateway_can_read() -> None:
    supergraph = composed(
        org=_LINK + 'type Query { grid: Grid }\ntype Grid @key(fields: "id") { id: ID! }',
        cases=_LINK + 'type Grid @key(fields: "id") { id: ID! cases: [String!]! }',
    )

    build_ast_schema(parse(supergraph))
    parsed = parse_supergraph(supergraph)
    assert parsed.types["Grid"].fields["cases"].resolving_graphs == ["CASES"]


def test_a_field_several_subgraphs_resolve_needs_no_join_field_when_all_share_it() -> None:
    supergraph = composed(
        a=_LINK + "type Query { p: Point @shareable }\ntype Point @shareable { x: Int y: Int }",
        b=_LINK + "type Query { p: Point @shareable }\ntype Point @shareable { x: Int y: Int }",
    )

    assert "  x: Int\n  y: Int\n" in block(supergraph, "type Point")
    assert "  p: Point\n" in block(supergraph, "type Query")


def test_federation_1_subgraphs_share_every_field_and_drop_unused_externals() -> None:
    supergraph = composed(
        products="""
            type Query { topProducts: [Product] }
            type Product @key(fields: "upc") { upc: String! name: String price: Int }
        """,
        reviews="""
            type Query { topProducts: [Product] }
            extend type Product @key(fields: "upc") {
              upc: String! @external
              price: Int @external
              reviews: [String]
            }
        """,
    )

    product = block(supergraph, "type Product")
    assert "  upc: String!\n" in product  # the extension's key field is not external
    assert "  price: Int @join__field(graph: PRODUCTS)\n" in product
    assert (
        "topProducts: [Product] @join__field(graph: PRODUCTS) @join__field(graph: REVIEWS)"
        not in supergraph
    )
    assert "  topProducts: [Product]\n" in block(supergraph, "type Query")


def test_an_overridden_field_a_key_still_uses_stays_as_used_overridden() -> None:
    supergraph = composed(
        a=_LINK + 'type Query { p: P }\ntype P @key(fields: "id") @key(fields: "sku") '
        "{ id: ID! sku: String name: String }",
        b=_LINK + 'type P @key(fields: "id") '
        '{ id: ID! sku: String @override(from: "a") name: String @override(from: "a") }',
    )

    product = block(supergraph, "type P")
    expected_sku = (
        "sku: String @join__field(graph: A, usedOverridden: true) "
        '@join__field(graph: B, override: "a")'
    )
    assert expected_sku in product
    assert 'name: String @join__field(graph: B, override: "a")\n' in product


def test_input_types_keep_the_fields_every_subgraph_accepts_with_the_strictest_type() -> None:
    supergraph = composed(
        a=_LINK + "type Query { f(i: In): Int @shareable }\ninput In { x: Int! y: Int }",
        b=_LINK + "type Query { f(i: In): Int @shareable }\ninput In { x: Int z: Int }",
    )

    assert block(supergraph, "input In").endswith(
        '{\n  x: Int! @join__field(graph: A, type: "Int!") @join__field(graph: B, type: "Int")\n}'
    )


def test_an_output_enum_takes_every_value_and_an_input_enum_the_common_ones() -> None:
    supergraph = composed(
        a=_LINK + "type Query { o: Out  i(e: In): Int }\nenum Out { A B }\nenum In { A B }",
        b=_LINK + "type Query { o2: Out  i2(e: In): Int }\nenum Out { B C }\nenum In { B C }",
    )

    assert "A @join__enumValue(graph: A)" in block(supergraph, "enum Out")
    assert "C @join__enumValue(graph: B)" in block(supergraph, "enum Out")
    assert block(supergraph, "enum In").endswith(
        "{\n  B @join__enumValue(graph: A) @join__enumValue(graph: B)\n}"
    )


def test_inaccessible_and_tag_are_linked_only_when_used() -> None:
    plain = composed(a=_LINK + "type Query { a: Int }")
    tagged = composed(a=_LINK + 'type Query { a: Int @tag(name: "public") b: Int @inaccessible }')

    assert "specs.apollo.dev/tag" not in plain
    assert "specs.apollo.dev/inaccessible" not in plain
    assert '@link(url: "https://specs.apollo.dev/tag/v0.3")' in tagged
    assert '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)' in tagged
    assert "b: Int @inaccessible @join__field(graph: A)" not in tagged  # one subgraph: no join
    assert "  b: Int @inaccessible\n" in tagged


@pytest.mark.parametrize(
    ("directive", "imported"),
    [
        ("@authenticated", "@authenticated"),
        ("@cost(weight: 3)", "@cost"),
        ('@policy(policies: [["admin"]])', "@policy"),
    ],
)
def test_directives_not_supported_yet_are_refused_with_a_clear_issue(
    directive: str, imported: str
) -> None:
    sdl = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", '
        f'import: ["@key", "{imported}"])\n'
        f"type Query {{ secret: Int {directive} }}"
    )

    with pytest.raises(CompositionError) as caught:
        composed(vault=sdl)

    (issue,) = caught.value.issues
    assert issue.code == "UNSUPPORTED_FEATURE"
    assert issue.subgraphs == ("vault",)
    assert issue.type_name == "Query"
    assert issue.field_name == "secret"
    assert f'{imported} (on "Query.secret") is not supported' in issue.message


def test_progressive_override_is_refused_with_a_clear_issue() -> None:
    sdl = (
        'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", '
        'import: ["@key", "@override"])\n'
        'type Query { a: Int @override(from: "old", label: "percent(5)") }'
    )

    with pytest.raises(CompositionError) as caught:
        composed(new=sdl)

    assert caught.value.codes == ["UNSUPPORTED_FEATURE"]


def test_an_unknown_federation_version_is_refused() -> None:
    link = '@link(url: "https://specs.apollo.dev/federation/v2.99")'
    sdl = f"extend schema {link}\ntype Query {{ a: Int }}"

    with pytest.raises(CompositionError) as caught:
        composed(a=sdl)

    assert caught.value.codes == ["UNKNOWN_FEDERATION_LINK_VERSION"]


def test_two_subgraphs_of_the_same_name_are_refused() -> None:
    sdl = _LINK + "type Query { a: Int }"

    with pytest.raises(CompositionError) as caught:
        compose([SubgraphSource("org", "http://a", sdl), SubgraphSource("org", "http://b", sdl)])

    assert caught.value.codes == ["INVALID_SUBGRAPH_NAME"]


def test_composing_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one subgraph"):
        compose([])
