"""Type references (``[Grid!]!``) and the subtyping rules used to merge them.

An output field may have a stricter type in one subgraph than in another (``Int!`` and
``Int``, or an object where another subgraph returns its interface): the supergraph keeps
the most general one. An argument or input field goes the other way: the supergraph keeps
the strictest, so that every subgraph accepts whatever the client sends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graphql import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode

__all__ = [
    "ListRef",
    "NamedRef",
    "NonNullRef",
    "TypeRef",
    "is_subtype",
    "named_type",
    "rename_types",
    "type_ref_from_node",
]

NamedSubtype = Callable[[str, str], bool]
"""Tells whether the named type ``sub`` may stand where ``sup`` is expected."""


@dataclass(frozen=True, slots=True)
class NamedRef:
    """A named type: ``Grid``."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class ListRef:
    """A list: ``[Grid]``."""

    of: TypeRef

    def __str__(self) -> str:
        return f"[{self.of}]"


@dataclass(frozen=True, slots=True)
class NonNullRef:
    """A non-null type: ``Grid!``."""

    of: NamedRef | ListRef

    def __str__(self) -> str:
        return f"{self.of}!"


TypeRef = NamedRef | ListRef | NonNullRef


def type_ref_from_node(node: TypeNode) -> TypeRef:
    """Convert a graphql-core type node."""
    if isinstance(node, NonNullTypeNode):
        inner = type_ref_from_node(node.type)
        assert not isinstance(inner, NonNullRef)  # the grammar forbids `T!!`
        return NonNullRef(inner)
    if isinstance(node, ListTypeNode):
        return ListRef(type_ref_from_node(node.type))
    assert isinstance(node, NamedTypeNode)
    return NamedRef(node.name.value)


def named_type(ref: TypeRef) -> str:
    """The name under the list and non-null wrappers."""
    while not isinstance(ref, NamedRef):
        ref = ref.of
    return ref.name


def rename_types(ref: TypeRef, renames: dict[str, str]) -> TypeRef:
    """Replace named types per ``renames`` (used for renamed root types)."""
    if isinstance(ref, NamedRef):
        return NamedRef(renames.get(ref.name, ref.name))
    if isinstance(ref, ListRef):
        return ListRef(rename_types(ref.of, renames))
    inner = rename_types(ref.of, renames)
    assert not isinstance(inner, NonNullRef)
    return NonNullRef(inner)


def _same_name(sub: str, sup: str) -> bool:
    return sub == sup


def is_subtype(sub: TypeRef, sup: TypeRef, named: NamedSubtype = _same_name) -> bool:
    """Whether a value of type ``sub`` is always a valid value of type ``sup``."""
    if isinstance(sup, NonNullRef):
        return isinstance(sub, NonNullRef) and is_subtype(sub.of, sup.of, named)
    if isinstance(sub, NonNullRef):
        return is_subtype(sub.of, sup, named)
    if isinstance(sup, ListRef):
        return isinstance(sub, ListRef) and is_subtype(sub.of, sup.of, named)
    if isinstance(sub, ListRef):
        return False
    return named(sub.name, sup.name)
