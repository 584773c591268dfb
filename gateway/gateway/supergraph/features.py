"""The core features a supergraph links (``@link``, or ``@core`` in federation 1).

A supergraph names the specs it uses on its schema definition, e.g.
``@link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)``. Each linked spec owns the
directives and types named after it (``@join__type``, ``join__Graph``), its own directive
(``@inaccessible``), and whatever it imports; ``as:`` renames the prefix. Reading these links is
how the parser finds the join directives and how the API schema knows what to strip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    value_from_ast_untyped,
)

__all__ = [
    "CORE",
    "INACCESSIBLE",
    "JOIN",
    "LINK",
    "TAG",
    "Feature",
    "Features",
    "SupergraphError",
    "directive_arguments",
    "read_features",
]

LINK = "https://specs.apollo.dev/link"
CORE = "https://specs.apollo.dev/core"
JOIN = "https://specs.apollo.dev/join"
INACCESSIBLE = "https://specs.apollo.dev/inaccessible"
TAG = "https://specs.apollo.dev/tag"

_VERSION = re.compile(r"^v(\d+)\.(\d+)$")


class SupergraphError(ValueError):
    """The document is not a supergraph this gateway can serve."""


@dataclass(frozen=True)
class Feature:
    """One linked spec: where it comes from and the names it goes by in this schema."""

    url: str
    identity: str
    """The URL without its version: ``https://specs.apollo.dev/join``."""
    name: str
    """The spec's own name (``join``)."""
    version: tuple[int, int]
    prefix: str
    """The name its elements carry here: ``name`` unless renamed with ``as:``."""
    purpose: str | None = None
    """``SECURITY`` or ``EXECUTION`` when the link says ``for:``."""
    imports: Mapping[str, str] = field(default_factory=dict)
    """Imported elements: the spec's name (``@key``, ``Purpose``) to the local one."""

    def directive(self, name: str) -> str:
        """The local name of the spec's directive ``name`` (``type`` → ``join__type``)."""
        imported = self.imports.get(f"@{name}")
        if imported is not None:
            return imported[1:]
        if name == self.name:
            return self.prefix
        return f"{self.prefix}__{name}"

    def type(self, name: str) -> str:
        """The local name of the spec's type ``name`` (``Graph`` → ``join__Graph``)."""
        return self.imports.get(name, f"{self.prefix}__{name}")

    def defines_directive(self, name: str) -> bool:
        """Whether the directive called ``name`` here belongs to this spec."""
        return (
            name == self.prefix
            or name.startswith(f"{self.prefix}__")
            or f"@{name}" in self.imports.values()
        )

    def defines_type(self, name: str) -> bool:
        """Whether the type called ``name`` here belongs to this spec."""
        return name.startswith(f"{self.prefix}__") or name in self.imports.values()


@dataclass(frozen=True)
class Features:
    """Every spec the schema links, the link (or core) spec itself first."""

    core: Feature
    all: tuple[Feature, ...]

    def get(self, identity: str) -> Feature | None:
        """The linked spec with this identity (``JOIN``), if the schema links it."""
        return next((feature for feature in self.all if feature.identity == identity), None)

    def defines_directive(self, name: str) -> bool:
        """Whether a linked spec owns the directive called ``name``."""
        return any(feature.defines_directive(name) for feature in self.all)

    def defines_type(self, name: str) -> bool:
        """Whether a linked spec owns the type called ``name``."""
        return any(feature.defines_type(name) for feature in self.all)


def directive_arguments(directive: ConstDirectiveNode) -> dict[str, Any]:
    """The arguments of an applied directive as plain Python values (enums as their names)."""
    return {
        argument.name.value: value_from_ast_untyped(argument.value)
        for argument in directive.arguments or ()
    }


def _parse_url(url: str) -> tuple[str, str, tuple[int, int]]:
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    version = _VERSION.match(segments[-1]) if len(segments) >= 2 else None
    if not parts.scheme or not parts.netloc or version is None:
        raise SupergraphError(
            f'invalid spec URL "{url}": expected <identity>/<name>/v<major>.<minor>'
        )
    identity = f"{parts.scheme}://{parts.netloc}/" + "/".join(segments[:-1])
    return identity, segments[-2], (int(version.group(1)), int(version.group(2)))


def _imports(raw: Any, url: str) -> dict[str, str]:
    imports: dict[str, str] = {}
    for item in raw or ():
        if isinstance(item, str):
            imports[item] = item
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            name: str = item["name"]
            alias = item.get("as") or name
            if not isinstance(alias, str) or alias.startswith("@") != name.startswith("@"):
                raise SupergraphError(f'invalid import {item!r} in the link to "{url}"')
            imports[name] = alias
        else:
            raise SupergraphError(f'invalid import {item!r} in the link to "{url}"')
    return imports


def _feature(arguments: Mapping[str, Any], url_argument: str) -> Feature:
    url = arguments.get(url_argument)
    if not isinstance(url, str):
        raise SupergraphError(f"a link on the schema has no {url_argument}: argument")
    identity, name, version = _parse_url(url)
    alias = arguments.get("as")
    purpose = arguments.get("for")
    return Feature(
        url=url,
        identity=identity,
        name=name,
        version=version,
        prefix=alias if isinstance(alias, str) else name,
        purpose=purpose if isinstance(purpose, str) else None,
        imports=_imports(arguments.get("import"), url),
    )


def _schema_directives(document: DocumentNode) -> Iterable[ConstDirectiveNode]:
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            yield from definition.directives or ()


def _bootstrap(directives: list[ConstDirectiveNode]) -> tuple[str, str] | None:
    """Find the directive that links the link (or core) spec itself: its name and URL argument.

    The spec may be renamed, so the directive is recognised by what it links, not by its name.
    """
    for directive in directives:
        arguments = directive_arguments(directive)
        for url_argument, identity, default_name in (
            ("url", LINK, "link"),
            ("feature", CORE, "core"),
        ):
            url = arguments.get(url_argument)
            if not isinstance(url, str):
                continue
            try:
                linked_identity, _, _ = _parse_url(url)
            except SupergraphError:
                continue
            if linked_identity == identity and directive.name.value == arguments.get(
                "as", default_name
            ):
                return directive.name.value, url_argument
    return None


def read_features(document: DocumentNode) -> Features:
    """Read the specs a supergraph links on its schema definition.

    Raises ``SupergraphError`` when the schema links nothing (it is not a core schema) or a
    link is malformed.
    """
    directives = list(_schema_directives(document))
    found = _bootstrap(directives)
    if found is None:
        raise SupergraphError(
            "not a supergraph: the schema definition does not "
            '@link(url: "https://specs.apollo.dev/link/v1.0") (nor, for federation 1, '
            '@core(feature: "https://specs.apollo.dev/core/v0.2"))'
        )
    link_name, url_argument = found
    features = tuple(
        _feature(directive_arguments(directive), url_argument)
        for directive in directives
        if directive.name.value == link_name
    )
    core = next(feature for feature in features if feature.identity in (LINK, CORE))
    return Features(core=core, all=features)
