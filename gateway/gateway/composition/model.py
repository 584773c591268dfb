"""The composed supergraph before printing: types with their ``join__*`` annotations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from gateway.composition.subgraph import Deprecation, TypeKind
from gateway.composition.typeref import TypeRef

__all__ = [
    "JoinField",
    "JoinType",
    "MergedArgument",
    "MergedDirective",
    "MergedElement",
    "MergedEnumValue",
    "MergedField",
    "MergedType",
    "Supergraph",
]


@dataclass(slots=True)
class MergedElement:
    """What every element of the supergraph may carry."""

    description: str | None = None
    deprecation: Deprecation | None = None
    inaccessible: bool = False
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class JoinType:
    """One ``@join__type``: a subgraph that defines the type (once per key)."""

    graph: str
    key: str | None = None
    extension: bool = False
    resolvable: bool = True
    is_interface_object: bool = False


@dataclass(frozen=True, slots=True)
class JoinField:
    """One ``@join__field``; ``graph`` is ``None`` for a field only an interface object adds."""

    graph: str | None
    requires: str | None = None
    provides: str | None = None
    type: str | None = None
    external: bool = False
    override: str | None = None
    used_overridden: bool = False


@dataclass(slots=True)
class MergedArgument(MergedElement):
    """An argument of a field or directive, or a field of an input object type."""

    name: str = ""
    type: TypeRef | None = None
    default: str | None = None
    join_fields: list[JoinField] = field(default_factory=list)
    """Only input fields get ``@join__field`` (when their type differs between subgraphs)."""


@dataclass(slots=True)
class MergedField(MergedElement):
    """A field of an object or interface type."""

    name: str = ""
    type: TypeRef | None = None
    arguments: list[MergedArgument] = field(default_factory=list)
    join_fields: list[JoinField] = field(default_factory=list)


@dataclass(slots=True)
class MergedEnumValue(MergedElement):
    """A value of an enum, with the subgraphs that define it."""

    name: str = ""
    graphs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MergedType(MergedElement):
    """A named type of the supergraph."""

    name: str = ""
    kind: TypeKind = TypeKind.OBJECT
    join_types: list[JoinType] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)
    join_implements: list[tuple[str, str]] = field(default_factory=list)
    """``(graph, interface)`` pairs for ``@join__implements``."""
    fields: dict[str, MergedField] = field(default_factory=dict)
    input_fields: dict[str, MergedArgument] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    join_members: list[tuple[str, str]] = field(default_factory=list)
    """``(graph, member)`` pairs for ``@join__unionMember``."""
    values: dict[str, MergedEnumValue] = field(default_factory=dict)
    specified_by: str | None = None


@dataclass(slots=True)
class MergedDirective:
    """An executable directive every subgraph defines."""

    name: str
    arguments: list[MergedArgument]
    locations: list[str]
    repeatable: bool
    description: str | None = None


@dataclass(slots=True)
class Supergraph:
    """Everything the printer needs."""

    graphs: list[tuple[str, str, str]]
    """``(enum value, subgraph name, url)`` in ``join__Graph`` order."""
    join_version: str
    roots: dict[str, str]
    types: dict[str, MergedType]
    directives: list[MergedDirective] = field(default_factory=list)
    tag_name: str = "tag"
    """What the subgraphs call ``@tag`` (a subgraph may import it under another name)."""
    inaccessible_name: str = "inaccessible"

    def elements(self) -> Iterator[MergedElement]:
        """Every type, field, argument, input field and enum value."""
        for type_ in self.types.values():
            yield type_
            for field_ in type_.fields.values():
                yield field_
                yield from field_.arguments
            yield from type_.input_fields.values()
            yield from type_.values.values()

    @property
    def uses_inaccessible(self) -> bool:
        """Whether any element is ``@inaccessible`` (the spec is linked only then)."""
        return any(element.inaccessible for element in self.elements())

    @property
    def uses_tag(self) -> bool:
        """Whether any element carries an ``@tag``."""
        return any(element.tags for element in self.elements())
