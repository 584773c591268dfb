"""Strawberry subgraphs checked against Apollo's own composer (``@apollo/composition``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import strawberry

from gridkit.testing.federation import (
    NPM_DIR_ENV,
    CompositionFailed,
    apollo_composition_available,
    apollo_composition_unavailable_reason,
    compose_with_apollo,
    compose_with_apollo_detailed,
    find_npm_dir,
    require_apollo,
)


@pytest.fixture(scope="module")
def apollo() -> None:
    """Apollo's composer must run (skipped with the reason locally, failing in CI)."""
    require_apollo(checking="Apollo composition")


def gateway_sdl(schema: strawberry.federation.Schema) -> str:
    """Return the SDL a gateway receives from the subgraph: the ``_service { sdl }`` answer."""
    result = schema.execute_sync("{ _service { sdl } }")
    assert result.errors is None, result.errors
    assert result.data is not None
    sdl = result.data["_service"]["sdl"]
    assert isinstance(sdl, str)
    return sdl


# --- catalog subgraph: owns Product ------------------------------------------------------


@strawberry.federation.type(keys=["id"], name="Product")
class CatalogProduct:
    id: strawberry.ID
    name: str
    price_cents: int

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> CatalogProduct:
        return cls(id=id, name="Seed drill", price_cents=12_500)


@strawberry.type
class CatalogQuery:
    @strawberry.field
    def product(self, id: strawberry.ID) -> CatalogProduct | None:
        return CatalogProduct.resolve_reference(id)


def catalog_schema() -> strawberry.federation.Schema:
    """Build the catalog subgraph, which defines the Product entity."""
    return strawberry.federation.Schema(query=CatalogQuery, types=[CatalogProduct])


# --- reviews subgraph: contributes reviews to Product ------------------------------------


@strawberry.type
class Review:
    id: strawberry.ID
    body: str


@strawberry.federation.type(keys=["id"], name="Product")
class ReviewsProduct:
    id: strawberry.ID

    @strawberry.field
    def reviews(self) -> list[Review]:
        return [Review(id=strawberry.ID("r1"), body="Sturdy.")]

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> ReviewsProduct:
        return cls(id=id)


@strawberry.type
class ReviewsQuery:
    @strawberry.field
    def latest_reviews(self) -> list[Review]:
        return []


def reviews_schema() -> strawberry.federation.Schema:
    """Build the reviews subgraph, which extends Product with its reviews."""
    return strawberry.federation.Schema(query=ReviewsQuery, types=[ReviewsProduct])


# --- clashing subgraph: redefines Product.name without @shareable --------------------------


@strawberry.federation.type(keys=["id"], name="Product")
class ClashingProduct:
    id: strawberry.ID
    name: str


@strawberry.type
class ClashingQuery:
    @strawberry.field
    def featured_product(self) -> ClashingProduct | None:
        return None


def clashing_schema() -> strawberry.federation.Schema:
    """Build a subgraph that also resolves Product.name, without marking it shareable."""
    return strawberry.federation.Schema(query=ClashingQuery, types=[ClashingProduct])


# --- sharing subgraph: the same Product.name, shareable on both sides ---------------------


@strawberry.federation.type(keys=["id"], name="Product", shareable=True)
class SharedProduct:
    id: strawberry.ID
    name: str


@strawberry.type
class SharedQuery:
    @strawberry.field
    def shared_product(self) -> SharedProduct | None:
        return None


@strawberry.federation.type(keys=["id"], name="Product", shareable=True)
class SharedCatalogProduct:
    id: strawberry.ID
    name: str
    price_cents: int


@strawberry.type
class SharedCatalogQuery:
    @strawberry.field
    def product(self, id: strawberry.ID) -> SharedCatalogProduct | None:
        return None


# --- tests ---------------------------------------------------------------------------------


def test_gateway_sdl_is_the_federation_v2_sdl() -> None:
    sdl = gateway_sdl(catalog_schema())

    assert '@link(url: "https://specs.apollo.dev/federation/v2' in sdl
    assert 'type Product @key(fields: "id")' in sdl


@pytest.mark.usefixtures("apollo")
def test_single_subgraph_composes() -> None:
    supergraph = compose_with_apollo(
        {"catalog": ("http://catalog/graphql", gateway_sdl(catalog_schema()))}
    )

    assert "https://specs.apollo.dev/join/" in supergraph
    assert 'CATALOG @join__graph(name: "catalog", url: "http://catalog/graphql")' in supergraph
    assert 'type Product\n  @join__type(graph: CATALOG, key: "id")' in supergraph
    assert "priceCents: Int!" in supergraph
    # Federation plumbing stays in the subgraphs, out of the client-facing supergraph.
    assert "_entities" not in supergraph
    assert "_service" not in supergraph


@pytest.mark.usefixtures("apollo")
def test_two_subgraphs_sharing_an_entity_compose() -> None:
    supergraph = compose_with_apollo(
        {
            "catalog": ("http://catalog/graphql", gateway_sdl(catalog_schema())),
            "reviews": ("http://reviews/graphql", gateway_sdl(reviews_schema())),
        }
    )

    product = supergraph[supergraph.index("type Product\n") :].split("\n}", 1)[0]
    assert '@join__type(graph: CATALOG, key: "id")' in product
    assert '@join__type(graph: REVIEWS, key: "id")' in product
    assert "reviews: [Review!]! @join__field(graph: REVIEWS)" in product
    assert "name: String! @join__field(graph: CATALOG)" in product
    assert 'REVIEWS @join__graph(name: "reviews", url: "http://reviews/graphql")' in supergraph
    assert "latestReviews: [Review!]!" in supergraph


@pytest.mark.usefixtures("apollo")
def test_non_shareable_field_in_two_subgraphs_fails_naming_the_field() -> None:
    with pytest.raises(CompositionFailed) as caught:
        compose_with_apollo(
            {
                "catalog": ("http://catalog/graphql", gateway_sdl(catalog_schema())),
                "clashing": ("http://clashing/graphql", gateway_sdl(clashing_schema())),
            }
        )

    failure = caught.value
    message = str(failure)
    assert 'Non-shareable field "Product.name"' in message
    assert '"catalog"' in message
    assert '"clashing"' in message
    sharing = [error for error in failure.errors if "Product.name" in error.message]
    assert len(sharing) == 1
    assert sharing[0].code == "INVALID_FIELD_SHARING"
    assert set(sharing[0].subgraphs) == {"catalog", "clashing"}
    assert {location.subgraph for location in sharing[0].locations} == {"catalog", "clashing"}
    assert failure.subgraph_names == ("catalog", "clashing")


@pytest.mark.usefixtures("apollo")
def test_the_same_field_marked_shareable_composes() -> None:
    composition = compose_with_apollo_detailed(
        {
            "catalog": (
                "http://catalog/graphql",
                gateway_sdl(strawberry.federation.Schema(query=SharedCatalogQuery)),
            ),
            "sharing": (
                "http://sharing/graphql",
                gateway_sdl(strawberry.federation.Schema(query=SharedQuery)),
            ),
        }
    )

    assert "@join__type(graph: CATALOG" in composition.supergraph_sdl
    assert "@join__type(graph: SHARING" in composition.supergraph_sdl


@pytest.mark.usefixtures("apollo")
def test_unparsable_sdl_fails_naming_the_subgraph() -> None:
    with pytest.raises(CompositionFailed) as caught:
        compose_with_apollo(
            {
                "catalog": ("http://catalog/graphql", gateway_sdl(catalog_schema())),
                "broken": ("http://broken/graphql", "type Query { product: }"),
            }
        )

    (error,) = caught.value.errors
    assert error.code == "INVALID_GRAPHQL"
    assert error.subgraphs == ("broken",)
    assert "[broken] Syntax Error" in str(caught.value)


def test_composing_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one subgraph"):
        compose_with_apollo({})


def test_an_npm_dir_without_the_packages_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(NPM_DIR_ENV, str(tmp_path))

    assert find_npm_dir() is None
    assert not apollo_composition_available()
    assert apollo_composition_unavailable_reason() is not None


@pytest.mark.parametrize("point_at", ["prefix", "node_modules"])
def test_the_npm_dir_setting_accepts_the_prefix_or_its_node_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point_at: str
) -> None:
    node_modules = tmp_path / "node_modules"
    for package in ("@apollo/composition", "graphql"):
        (node_modules / package).mkdir(parents=True)
        (node_modules / package / "package.json").write_text("{}")
    monkeypatch.setenv(NPM_DIR_ENV, str(tmp_path if point_at == "prefix" else node_modules))

    assert find_npm_dir() == tmp_path.resolve()
