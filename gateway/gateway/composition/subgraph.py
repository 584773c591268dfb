"""One subgraph's schema as composition sees it.

Read from the subgraph's SDL by ``reader``: federation internals (``_Service``,
``_entities`` ...) are gone, federation directives are resolved to plain attributes
(``shareable``, ``external``, ``keys`` ...), and custom type-system directives, which
composition does not carry into the supergraph, are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from gateway.composition.typeref import NonNullRef, TypeRef

__all__ = [
    "Argument",
    "Deprecation",
    "DirectiveDefinition",
    "EnumValue",
    "Field",
    "InputField",
    "Key",
    "Metadata",
    "Subgraph",
    "SubgraphSource",
    "SubgraphType",
    "TypeKind",
]


@dataclass(frozen=True, slots=True)
class SubgraphSource:
    """A subgraph to compose: its name, where the gateway reaches it, and its SDL."""

    name: str
    url: str
    sdl: str


class TypeKind(StrEnum):
    """Kind of a named type, spelled the way Apollo's messages spell it."""

    OBJECT = "Object Type"
    INTERFACE = "Interface Type"
    UNION = "Union Type"
    ENUM = "Enum Type"
    INPUT_OBJECT = "Input Object Type"
    SCALAR = "Scalar Type"


@dataclass(frozen=True, slots=True)
class Deprecation:
    """An ``@deprecated`` application; ``reason`` is ``None`` when given no argument."""

    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Key:
    """An ``@key`` of an entity (or entity interface)."""

    fields: str
    resolvable: bool = True


@dataclass(slots=True)
class Metadata:
    """What any element may carry into the supergraph."""

    description: str | None = None
    deprecation: Deprecation | None = None
    inaccessible: bool = False
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Argument(Metadata):
    """An argument of a field (or of an executable directive)."""

    name: str = ""
    type: TypeRef | None = None
    default: str | None = None
    """The default value as printed GraphQL (``10``, ``"x"``, ``null``), if any."""

    @property
    def required(self) -> bool:
        """Non-null without a default: every caller must pass it."""
        return isinstance(self.type, NonNullRef) and self.default is None


@dataclass(slots=True)
class InputField(Argument):
    """A field of an input object type."""


@dataclass(slots=True)
class Field(Metadata):
    """A field of an object or interface type."""

    name: str = ""
    type: TypeRef | None = None
    arguments: dict[str, Argument] = field(default_factory=dict)
    shareable: bool = False
    external: bool = False
    requires: str | None = None
    provides: str | None = None
    override_from: str | None = None

    @property
    def type_ref(self) -> TypeRef:
        """The field's type (always set once read)."""
        assert self.type is not None
        return self.type


@dataclass(slots=True)
class EnumValue(Metadata):
    """A value of an enum type."""

    name: str = ""


@dataclass(slots=True)
class SubgraphType(Metadata):
    """A named type as one subgraph defines it."""

    name: str = ""
    kind: TypeKind = TypeKind.OBJECT
    extension: bool = False
    """Defined only by extensions here (``extend type`` in Fed 2, or ``@extends``)."""
    only_extended: bool = False
    """Defined only by extensions here (``extend type`` or ``@extends``), in any version."""
    has_definition: bool = True
    """Written with a definition (``type X``), not only ``extend type X``."""
    keys: list[Key] = field(default_factory=list)
    interface_object: bool = False
    fields: dict[str, Field] = field(default_factory=dict)
    input_fields: dict[str, InputField] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, EnumValue] = field(default_factory=dict)
    specified_by: str | None = None


@dataclass(slots=True)
class DirectiveDefinition:
    """An executable directive definition (``directive @x on FIELD``)."""

    name: str
    arguments: dict[str, Argument]
    locations: list[str]
    repeatable: bool
    description: str | None = None


@dataclass(slots=True)
class Subgraph:
    """A subgraph ready to compose."""

    name: str
    url: str
    version: tuple[int, int] | None
    """Federation version linked (``(2, 3)``); ``None`` for Federation 1."""
    types: dict[str, SubgraphType] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)
    """Operation (``query``) → root type name; always the default names once read."""
    directives: dict[str, DirectiveDefinition] = field(default_factory=dict)
    graph: str = ""
    """Its value in the supergraph's ``join__Graph`` enum (``ORG``)."""
    spec_names: dict[str, str] = field(default_factory=dict)
    """Local names of ``@tag`` and ``@inaccessible`` as this subgraph applies them."""

    @property
    def is_fed1(self) -> bool:
        """Whether this is a Federation 1 subgraph."""
        return self.version is None

    def field(self, type_name: str, field_name: str) -> Field | None:
        """A field of an object or interface type, if this subgraph defines it."""
        type_ = self.types.get(type_name)
        return type_.fields.get(field_name) if type_ is not None else None
