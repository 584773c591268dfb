"""Which federation a subgraph speaks, read from its ``@link`` directives.

A Federation 2 subgraph links the federation spec (``@link(url: ".../federation/v2.3",
import: ["@key"])``): imported directives keep their (possibly renamed) names, the others
are reachable as ``@federation__name``. A subgraph without that link is a Federation 1
subgraph, whose directives (``@key``, ``@external`` ...) are known by their bare names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from graphql import (
    ConstDirectiveNode,
    ListValueNode,
    ObjectValueNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    ValueNode,
)

__all__ = [
    "FEDERATION_DIRECTIVES",
    "LATEST_FEDERATION_MINOR",
    "DirectiveNames",
    "LinkProblem",
    "read_links",
]

LATEST_FEDERATION_MINOR = 14
"""Newest ``federation/v2.x`` this composer accepts, like Apollo's 2.14 composer."""

FEDERATION_DIRECTIVES = {
    "key": 0,
    "requires": 0,
    "provides": 0,
    "external": 0,
    "shareable": 0,
    "extends": 0,
    "override": 0,
    "inaccessible": 0,
    "tag": 0,
    "composeDirective": 1,
    "interfaceObject": 3,
    "authenticated": 5,
    "requiresScopes": 5,
    "policy": 6,
    "context": 8,
    "fromContext": 8,
    "cost": 9,
    "listSize": 9,
    "cacheTag": 12,
}
"""Each federation directive, with the ``federation/v2.x`` minor version that introduced it."""

_FED1_DIRECTIVES = ("key", "requires", "provides", "external", "extends", "tag")
_FEDERATION_URL = re.compile(r"^https://specs\.apollo\.dev/federation/v(\d+)\.(\d+)/?$")
_SPEC_URL = re.compile(r"^https://specs\.apollo\.dev/(tag|inaccessible)/v\d+\.\d+/?$")


class LinkProblem(ValueError):
    """A ``@link`` the composer cannot accept (unknown version, malformed import)."""


@dataclass(slots=True)
class DirectiveNames:
    """How the directives a subgraph applies map onto the federation directives."""

    version: tuple[int, int] | None
    """``(2, 3)`` for ``federation/v2.3``; ``None`` for a Federation 1 subgraph."""
    federation: dict[str, str] = field(default_factory=dict)
    """Local directive name (``pk``, ``federation__shareable``) → federation name (``key``)."""
    imported_types: set[str] = field(default_factory=set)
    """Local names of the spec types imported (``FieldSet``), which are not composed."""

    @property
    def is_fed1(self) -> bool:
        """Whether the subgraph is a Federation 1 subgraph (no federation ``@link``)."""
        return self.version is None

    def canonical(self, local_name: str) -> str | None:
        """The federation directive a local name stands for, if any."""
        return self.federation.get(local_name)


def _string(value: ValueNode | None) -> str | None:
    return value.value if isinstance(value, StringValueNode) else None


def _argument(directive: ConstDirectiveNode, name: str) -> ValueNode | None:
    for argument in directive.arguments or ():
        if argument.name.value == name:
            return argument.value
    return None


def _imports(value: ValueNode | None) -> list[tuple[str, str]]:
    """``(imported name, local name)`` pairs of a ``@link(import:)``: ``("@key", "@pk")``."""
    if value is None:
        return []
    items = value.values if isinstance(value, ListValueNode) else (value,)
    pairs: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, StringValueNode):
            name, alias = item.value, item.value
        elif isinstance(item, ObjectValueNode):
            entries = {entry.name.value: _string(entry.value) for entry in item.fields}
            if entries.get("name") is None:
                raise LinkProblem("an @link import object needs a string `name`")
            name = entries["name"] or ""
            alias = entries.get("as") or name
        else:
            raise LinkProblem("@link(import:) takes strings or {name, as} objects")
        if name.startswith("@") and not alias.startswith("@"):
            raise LinkProblem(f'the alias of "{name}" must start with "@"')
        pairs.append((name, alias))
    return pairs


def _schema_directives(
    nodes: Iterable[SchemaDefinitionNode | SchemaExtensionNode],
) -> Iterable[ConstDirectiveNode]:
    for node in nodes:
        yield from node.directives or ()


def read_links(nodes: Iterable[SchemaDefinitionNode | SchemaExtensionNode]) -> DirectiveNames:
    """Read the schema's ``@link`` directives; raise ``LinkProblem`` for a bad one."""
    names: dict[str, str] = {}
    imported_types: set[str] = set()
    version: tuple[int, int] | None = None
    for directive in _schema_directives(nodes):
        if directive.name.value != "link":
            continue
        url = _string(_argument(directive, "url")) or ""
        namespace = _string(_argument(directive, "as"))
        imports = _imports(_argument(directive, "import"))
        federation = _FEDERATION_URL.match(url)
        spec = _SPEC_URL.match(url)
        if federation:
            major, minor = int(federation.group(1)), int(federation.group(2))
            if major != 2 or minor > LATEST_FEDERATION_MINOR:
                raise LinkProblem(
                    f"Invalid version v{major}.{minor} for the federation feature in "
                    "@link directive on schema"
                )
            version = (major, minor)
            known = frozenset(
                name for name, since in FEDERATION_DIRECTIVES.items() if since <= minor
            )
            prefix = namespace or "federation"
        elif spec:
            known = frozenset({spec.group(1)})
            prefix = namespace or spec.group(1)
        else:
            continue  # other specs' directives are not composed, like custom directives
        imported = {name[1:] for name, _ in imports if name.startswith("@")}
        for name, alias in imports:
            if not name.startswith("@"):
                imported_types.add(alias)
            elif name[1:] in known:
                names[alias[1:]] = name[1:]
            else:
                raise LinkProblem(f'Cannot import unknown element "{name}".')
        for name in known - imported:
            names[f"{prefix}__{name}"] = name
        if spec and spec.group(1) not in imported:
            # A spec's eponymous directive goes by the spec's (local) name: `@tag`.
            names[prefix] = spec.group(1)
    if version is None:
        names.update({name: name for name in _FED1_DIRECTIVES})
    return DirectiveNames(version=version, federation=names, imported_types=imported_types)
