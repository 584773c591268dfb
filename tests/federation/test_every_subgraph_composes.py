"""Every subgraph of the project composes with every composer, and the composers agree.

The subgraphs are found, not listed: each service under ``services/<name>/`` (a folder with a
``pyproject.toml``) exposes its strawberry schema at ``<name>.schema.schema:schema``, so a
new service is checked the day it lands. Each SDL is the ``{ _service { sdl } }`` answer a
router fetches, printed by the test that reads it (``pytest -s`` or ``-rA`` shows it).

Three composers compose them all together: Apollo's and The Guild's, which other platforms'
routers run (Node; skipped locally with the reason when it or the npm packages are missing,
failing in CI), and the gateway's own. Their supergraphs must agree where it matters: the API
schema clients see, and the ``join__`` metadata saying which subgraph declares each type, key,
field, interface, union member and enum value, with its ``@requires``/``@provides``/
``@external``/``@override`` details. Layout, order and the spec versions linked may differ.
"""

from __future__ import annotations

import difflib
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import strawberry
from graphql import SelectionSetNode, lexicographic_sort_schema, print_ast, print_schema

from gateway.composition import SubgraphSource, compose
from gateway.supergraph.model import Supergraph
from gateway.supergraph.parse import parse_supergraph
from gridkit.testing.federation import (
    COMPOSERS,
    Composer,
    CompositionFailed,
    compose_with,
    require_composer,
)

SERVICES_DIR = Path(__file__).resolve().parents[2] / "services"
SCHEMA_MODULE = "{name}.schema.schema"
SDL_QUERY = "{ _service { sdl } }"
# The newest federation version The Guild's composer accepts (DESIGN.md), checked here too so
# a subgraph linking a later one is caught where Node is missing.
NEWEST_VERSION_EVERY_COMPOSER_ACCEPTS = (2, 9)
_FEDERATION_LINK = re.compile(r'"https://specs\.apollo\.dev/federation/v(\d+)\.(\d+)"')


def service_names() -> list[str]:
    """The services of the repository: every folder of ``services/`` that is a project."""
    return sorted(
        folder.name
        for folder in SERVICES_DIR.iterdir()
        if folder.is_dir() and (folder / "pyproject.toml").is_file()
    )


SERVICES = service_names()


def subgraph_schema(name: str) -> strawberry.federation.Schema:
    """The strawberry schema service ``name`` serves, from the module the contract names."""
    module_name = SCHEMA_MODULE.format(name=name)
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        pytest.fail(
            f"services/{name} must expose its schema at {module_name}:schema, but the module "
            f"does not import ({error}); is the workspace installed (`make venv`)?",
            pytrace=False,
        )
    schema = getattr(module, "schema", None)
    assert isinstance(schema, strawberry.federation.Schema), (
        f"{module_name}:schema is {schema!r}, not a federation schema"
    )
    return schema


async def subgraph_sdl(name: str) -> str:
    """What a router reads from the subgraph: the ``{ _service { sdl } }`` answer."""
    # Async, as a request runs: execute_sync refuses schema extensions with async hooks.
    result = await subgraph_schema(name).execute(SDL_QUERY)
    assert result.errors is None, result.errors
    assert result.data is not None
    sdl = result.data["_service"]["sdl"]
    assert isinstance(sdl, str)
    return sdl


def routing_url(name: str) -> str:
    """A routing URL for the supergraph; composition only copies it."""
    return f"http://{name}.test/graphql"


@pytest.fixture(scope="module")
async def subgraphs() -> dict[str, tuple[str, str]]:
    """Every service's routing URL and SDL, by subgraph name (the service's)."""
    assert SERVICES, f"no service found under {SERVICES_DIR}"
    return {name: (routing_url(name), await subgraph_sdl(name)) for name in SERVICES}


# --- what must agree ---------------------------------------------------------------------


def api_schema(supergraph: Supergraph) -> str:
    """The API schema the supergraph gives clients, printed with everything sorted by name."""
    assert supergraph.api_schema is not None
    return print_schema(lexicographic_sort_schema(supergraph.api_schema))


def _fields(selection: SelectionSetNode | None) -> str | None:
    return " ".join(print_ast(selection).split()) if selection is not None else None


def ownership(supergraph: Supergraph) -> str:
    """The ``join__`` metadata, one sorted line per fact, subgraphs named as at composition."""
    names = {graph: subgraph.name for graph, subgraph in supergraph.subgraphs.items()}
    lines = [f"graph {subgraph.name} {subgraph.url}" for subgraph in supergraph.subgraphs.values()]
    for type_def in supergraph.types.values():
        where = f"{type_def.kind.lower()} {type_def.name}"
        for graph, known in type_def.subgraphs.items():
            lines.append(
                f"{where} in {names[graph]}: extension={known.extension} "
                f"interfaceObject={known.is_interface_object}"
            )
            lines.extend(
                f"{where} in {names[graph]}: key {_fields(key.fields)} resolvable={key.resolvable}"
                for key in known.keys
            )
        for kind, members in (
            ("implements", type_def.implements_in),
            ("union member", type_def.union_members_in),
            ("enum value", type_def.enum_values_in),
        ):
            lines.extend(
                f"{where} in {names[graph]}: {kind} {member}"
                for graph, listed in members.items()
                for member in listed
            )
        for field in type_def.fields.values():
            for graph, source in field.sources.items():
                lines.append(
                    f"{where}.{field.name} in {names[graph]}: type={source.type} "
                    f"external={source.external} requires={_fields(source.requires)} "
                    f"provides={_fields(source.provides)} override={source.override_from} "
                    f"usedOverridden={source.used_overridden} label={source.override_label}"
                )
    return "\n".join(sorted(lines)) + "\n"


def assert_same(expected: str, actual: str, *, what: str, theirs: str) -> None:
    """Fail with a unified diff when two printed forms differ."""
    if expected == actual:
        return
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{what} by the gateway's composer",
        tofile=f"{what} by {theirs}",
    )
    pytest.fail(f"{theirs} and the gateway disagree on the {what}:\n{''.join(diff)}")


# --- the subgraphs -----------------------------------------------------------------------


@pytest.mark.parametrize("name", SERVICES)
async def test_each_service_serves_a_federation_2_subgraph_sdl(name: str) -> None:
    sdl = await subgraph_sdl(name)
    print(f"--- SDL of the {name} subgraph ---\n{sdl}")

    versions = [(int(major), int(minor)) for major, minor in _FEDERATION_LINK.findall(sdl)]
    assert len(versions) == 1, f"the {name} SDL should link federation exactly once"
    assert (2, 0) <= versions[0] <= NEWEST_VERSION_EVERY_COMPOSER_ACCEPTS


# --- composing them all ------------------------------------------------------------------


@dataclass(frozen=True)
class Composed:
    """A standard composer and the supergraph it made of every subgraph."""

    composer: Composer
    supergraph: Supergraph


@pytest.fixture(scope="module")
def ours(subgraphs: dict[str, tuple[str, str]]) -> Supergraph:
    """Every subgraph composed by the gateway's own composer (raises its issues if not)."""
    sources = [SubgraphSource(name, url, sdl) for name, (url, sdl) in subgraphs.items()]
    return parse_supergraph(compose(sources))


@pytest.fixture(scope="module", params=COMPOSERS, ids=lambda composer: composer.key)
def standard(request: pytest.FixtureRequest, subgraphs: dict[str, tuple[str, str]]) -> Composed:
    """Every subgraph composed by one standard composer, where Node and its package are."""
    composer: Composer = request.param
    require_composer(composer, checking=f"composition of every subgraph by {composer}")
    try:
        composition = compose_with(composer, subgraphs)
    except CompositionFailed as failure:
        pytest.fail(str(failure), pytrace=False)
    return Composed(composer, parse_supergraph(composition.supergraph_sdl))


def _subgraph_names(supergraph: Supergraph) -> list[str]:
    return sorted(subgraph.name for subgraph in supergraph.subgraphs.values())


def test_the_gateway_composes_every_subgraph(ours: Supergraph) -> None:
    assert _subgraph_names(ours) == SERVICES


def test_a_standard_composer_composes_every_subgraph(standard: Composed) -> None:
    assert _subgraph_names(standard.supergraph) == SERVICES


def test_a_standard_composer_gives_the_gateways_api_schema(
    standard: Composed, ours: Supergraph
) -> None:
    assert_same(
        api_schema(ours),
        api_schema(standard.supergraph),
        what="API schema",
        theirs=str(standard.composer),
    )


def test_a_standard_composer_gives_the_gateways_join_metadata(
    standard: Composed, ours: Supergraph
) -> None:
    assert_same(
        ownership(ours),
        ownership(standard.supergraph),
        what="join metadata",
        theirs=str(standard.composer),
    )
