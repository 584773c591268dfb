"""The lowest Apollo Federation version that covers what a subgraph schema uses.

A subgraph's ``@link`` names the federation version it needs. Composers and routers accept a
bounded range (The Guild's composer, the one Hive uses, stops at v2.9), so a subgraph that
declares the newest version strawberry knows is refused where an older one would compose. The
versions below come from Apollo's federation changelog; each strawberry directive carries the
version that introduced it as ``minimum_version``, and three features are not a directive of
their own.
"""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry.federation.schema_directive import StrawberryFederationSchemaDirective
from strawberry.federation.schema_directives import (
    ComposeDirective,
    FederationDirective,
    InterfaceObject,
    Key,
    Override,
)
from strawberry.types.base import StrawberryObjectDefinition

__all__ = ["FederationVersion", "lowest_federation_version"]

FederationVersion = tuple[int, int]
"""A federation version as ``(major, minor)``, e.g. ``(2, 3)`` for v2.3."""

_BASELINE: FederationVersion = (2, 0)
# A custom directive kept in the supergraph needs @composeDirective, whatever it is named.
_COMPOSED_DIRECTIVE: FederationVersion = ComposeDirective.minimum_version
# Entity interfaces (@key on an interface) arrived together with @interfaceObject.
_KEY_ON_INTERFACE: FederationVersion = InterfaceObject.minimum_version
# Progressive override: @override(label:), added to an existing directive in v2.7.
_PROGRESSIVE_OVERRIDE: FederationVersion = (2, 7)


def _directive_version(directive: object) -> FederationVersion:
    if isinstance(directive, Override) and directive.label:
        return _PROGRESSIVE_OVERRIDE
    if isinstance(directive, FederationDirective):
        return directive.minimum_version
    definition = getattr(directive, "__strawberry_directive__", None)
    if isinstance(definition, StrawberryFederationSchemaDirective) and definition.compose_options:
        return _COMPOSED_DIRECTIVE
    return _BASELINE


def _definition_version(definition: object) -> FederationVersion:
    if (
        isinstance(definition, StrawberryObjectDefinition)
        and definition.is_interface
        and any(isinstance(directive, Key) for directive in definition.directives or ())
    ):
        return _KEY_ON_INTERFACE
    return _BASELINE


def _versions(schema: strawberry.federation.Schema) -> Iterable[FederationVersion]:
    yield _BASELINE
    yield from map(_directive_version, schema.schema_directives_in_use)
    for concrete in schema.schema_converter.type_map.values():
        yield _definition_version(concrete.definition)


def lowest_federation_version(schema: strawberry.federation.Schema) -> FederationVersion:
    """The lowest federation version covering every federation feature ``schema`` applies.

    Reads the schema directives strawberry collected and the types it converted, so it is
    meant to run while the schema is being built, before its ``@link`` is printed (see
    ``SubgraphSchema``).
    """
    return max(_versions(schema))
