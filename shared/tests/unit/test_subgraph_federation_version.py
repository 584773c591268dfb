"""A subgraph links the lowest federation version that covers the federation features it uses.

The expected versions are Apollo's federation changelog: every v2.0 directive (@key,
@shareable, @external, @requires, @provides, @override, @tag, @inaccessible, extensions) needs
v2.0; @composeDirective v2.1; @key on an interface and @interfaceObject v2.3; @authenticated
and @requiresScopes v2.5; @policy v2.6; @override(label:) v2.7; @context/@fromContext v2.8;
@cost and @listSize v2.9. Where Node runs, the composers confirm it: both standard ones accept
the subgraphs as declared, and Apollo's, whose specification it is, refuses them when the
subject links the version just below. (The Guild's is more lenient there: it takes @cost and
@listSize at v2.8 already.)
"""

# strawberry's field decorators with arguments are untyped (pyproject exempts *.schema.* alike).
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

import pytest
import strawberry
from strawberry.federation.schema_directives import (
    Context,
    Cost,
    FromContext,
    ListSize,
    Override,
)
from strawberry.schema_directive import Location
from strawberry.types.unset import UNSET

from gridkit.graphql.schema import SubgraphSchema
from gridkit.testing.federation import (
    APOLLO_COMPOSER,
    COMPOSERS,
    Composer,
    CompositionFailed,
    compose_with,
    require_composer,
)

_LINK = re.compile(r'"https://specs\.apollo\.dev/federation/v2\.(\d+)"')


def sdl_of(schema: strawberry.federation.Schema) -> str:
    """The SDL a router reads: strawberry's ``_service { sdl }`` answers ``as_str()``."""
    return schema.as_str()


def declared_version(sdl: str) -> str:
    """The federation version the SDL links, as ``2.N``."""
    (minor,) = _LINK.findall(sdl)
    return f"2.{minor}"


def with_version_below(sdl: str) -> str:
    """The SDL linking the federation version one minor below the one it declares."""
    return _LINK.sub(
        lambda link: f'"https://specs.apollo.dev/federation/v2.{int(link[1]) - 1}"', sdl
    )


# --- an entity and nothing else ----------------------------------------------------------


@strawberry.federation.type(keys=["id"], name="Grid")
class KeyedGrid:
    id: strawberry.ID
    name: str


@strawberry.type(name="Query")
class KeyedQuery:
    @strawberry.field
    def grid(self) -> KeyedGrid | None:
        return None


# --- every v2.0 directive, over two subgraphs --------------------------------------------


@strawberry.federation.type(keys=["id"], name="Product")
class OwnedProduct:
    id: strawberry.ID
    name: str
    price: int = strawberry.federation.field(tags=["public"])
    weight: int = strawberry.federation.field(shareable=True)  # provided by shipping
    currency: str = strawberry.federation.field(shareable=True)
    internal_code: str = strawberry.federation.field(inaccessible=True)


@strawberry.type(name="Query")
class ProductsQuery:
    @strawberry.field
    def product(self, id: strawberry.ID) -> OwnedProduct | None:
        return None


@strawberry.federation.type(keys=["id"], name="Product", extend=True)
class ShippedProduct:
    id: strawberry.ID
    name: str = strawberry.federation.field(override="products")
    price: int = strawberry.federation.field(external=True)
    weight: int = strawberry.federation.field(external=True)
    currency: str = strawberry.federation.field(shareable=True)
    shipping_cost: int = strawberry.federation.field(requires=["price weight"])


@strawberry.type(name="Query")
class ShippingQuery:
    @strawberry.federation.field(provides=["weight"])
    def lightest(self) -> ShippedProduct | None:
        return None


@strawberry.federation.type(keys=["id"], name="Product")
class RolledOutProduct:
    id: strawberry.ID
    name: str = strawberry.federation.field(
        override=Override(override_from="products", label="percent(5)")
    )


@strawberry.type(name="Query")
class RolloutQuery:
    @strawberry.field
    def newest(self) -> RolledOutProduct | None:
        return None


# --- a custom directive composed into the supergraph ------------------------------------


@strawberry.federation.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    name="retention",
    compose=True,
    import_url="https://pioneer.example/retention/v1.0",
)
class Retention:
    days: int


@strawberry.type(name="Query")
class RetainedQuery:
    @strawberry.field(directives=[Retention(days=30)])
    def audit_trail(self) -> list[str]:
        return []


# --- entity interfaces -------------------------------------------------------------------


@strawberry.federation.interface(keys=["id"], name="Media")
class KeyedMedia:
    id: strawberry.ID


@strawberry.federation.type(keys=["id"], name="Book")
class KeyedBook(KeyedMedia):
    title: str


@strawberry.type(name="Query")
class CatalogQuery:
    @strawberry.field
    def media(self) -> KeyedMedia | None:
        return None


@strawberry.federation.interface_object(keys=["id"], name="Media")
class ReviewedMedia:
    id: strawberry.ID
    reviews: list[str]


@strawberry.type(name="Query")
class ReviewsQuery:
    @strawberry.field
    def top_media(self) -> ReviewedMedia | None:
        return None


# --- access control ----------------------------------------------------------------------


@strawberry.type(name="Query")
class AuthenticatedQuery:
    @strawberry.federation.field(authenticated=True)
    def me(self) -> str:
        return ""


@strawberry.type(name="Query")
class ScopedQuery:
    @strawberry.federation.field(requires_scopes=[["read:grid"]])
    def grid_names(self) -> list[str]:
        return []


@strawberry.type(name="Query")
class PolicyQuery:
    @strawberry.federation.field(policy=[["grid_admin"]])
    def audit_log(self) -> list[str]:
        return []


# --- contexts ----------------------------------------------------------------------------


@strawberry.federation.type(keys=["id"], name="Household")
class ContextualHousehold:
    id: strawberry.ID

    @strawberry.field
    def label(
        self,
        grid_name: Annotated[
            str | None, strawberry.argument(directives=[FromContext(field="$grid { name }")])
        ],
    ) -> str:
        return grid_name or ""


@strawberry.federation.type(keys=["id"], name="Grid", directives=[Context(name="grid")])
class ContextGrid:
    id: strawberry.ID
    name: str
    households: list[ContextualHousehold]


@strawberry.type(name="Query")
class ContextQuery:
    @strawberry.field
    def grid(self) -> ContextGrid | None:
        return None


# --- demand control ----------------------------------------------------------------------


@strawberry.type(name="Query")
class CostQuery:
    @strawberry.field(directives=[Cost(weight=5)])
    def compliance_score(self) -> int:
        return 0


@strawberry.type(name="Query")
class ListSizeQuery:
    @strawberry.field(
        directives=[ListSize(assumed_size=10, slicing_arguments=UNSET, sized_fields=UNSET)]
    )
    def grid_codes(self) -> list[str]:
        return []


# --- the cases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """Subgraphs to compose together, and the version the ``subject`` one must link."""

    expected: str
    subject: str
    subgraphs: Callable[[], dict[str, SubgraphSchema]]


def _products() -> SubgraphSchema:
    return SubgraphSchema(query=ProductsQuery)


def _catalog() -> SubgraphSchema:
    return SubgraphSchema(query=CatalogQuery, types=[KeyedBook])


CASES = {
    "key": Case("2.0", "org", lambda: {"org": SubgraphSchema(query=KeyedQuery)}),
    "every v2.0 directive": Case(
        "2.0",
        "shipping",
        lambda: {"products": _products(), "shipping": SubgraphSchema(query=ShippingQuery)},
    ),
    "composeDirective": Case(
        "2.1", "audit", lambda: {"audit": SubgraphSchema(query=RetainedQuery)}
    ),
    "key on an interface": Case("2.3", "catalog", lambda: {"catalog": _catalog()}),
    "interfaceObject": Case(
        "2.3",
        "reviews",
        lambda: {"catalog": _catalog(), "reviews": SubgraphSchema(query=ReviewsQuery)},
    ),
    "authenticated": Case("2.5", "me", lambda: {"me": SubgraphSchema(query=AuthenticatedQuery)}),
    "requiresScopes": Case("2.5", "grids", lambda: {"grids": SubgraphSchema(query=ScopedQuery)}),
    "policy": Case("2.6", "audit", lambda: {"audit": SubgraphSchema(query=PolicyQuery)}),
    "progressive override": Case(
        "2.7",
        "rollout",
        lambda: {"products": _products(), "rollout": SubgraphSchema(query=RolloutQuery)},
    ),
    "context": Case("2.8", "org", lambda: {"org": SubgraphSchema(query=ContextQuery)}),
    "cost": Case("2.9", "scores", lambda: {"scores": SubgraphSchema(query=CostQuery)}),
    "listSize": Case("2.9", "codes", lambda: {"codes": SubgraphSchema(query=ListSizeQuery)}),
}
ABOVE_THE_BASELINE = [name for name, case in CASES.items() if case.expected != "2.0"]


def sdls(case: Case) -> dict[str, tuple[str, str]]:
    """The case's subgraphs as a composer takes them: routing URL and SDL by name."""
    return {
        name: (f"http://{name}.test/graphql", sdl_of(s)) for name, s in case.subgraphs().items()
    }


# --- tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_a_subgraph_links_the_lowest_federation_version_its_features_need(name: str) -> None:
    case = CASES[name]

    sdl = sdls(case)[case.subject][1]

    assert declared_version(sdl) == case.expected


def test_a_federation_version_given_explicitly_is_kept() -> None:
    schema = SubgraphSchema(query=KeyedQuery, federation_version="2.5")

    assert declared_version(sdl_of(schema)) == "2.5"


@pytest.mark.parametrize("composer", COMPOSERS, ids=lambda composer: composer.key)
@pytest.mark.parametrize("name", CASES)
def test_the_standard_composers_accept_the_declared_version(name: str, composer: Composer) -> None:
    require_composer(composer, checking=f"the declared federation version with {composer}")

    composition = compose_with(composer, sdls(CASES[name]))

    assert "@join__graph" in composition.supergraph_sdl


@pytest.mark.parametrize("name", ABOVE_THE_BASELINE)
def test_apollos_composer_refuses_the_version_below(name: str) -> None:
    require_composer(APOLLO_COMPOSER, checking="the lowest federation version with Apollo's")
    case = CASES[name]
    subgraphs = sdls(case)
    url, sdl = subgraphs[case.subject]
    subgraphs[case.subject] = (url, with_version_below(sdl))

    with pytest.raises(CompositionFailed) as refused:
        compose_with(APOLLO_COMPOSER, subgraphs)

    assert any(case.subject in error.message for error in refused.value.errors), refused.value
