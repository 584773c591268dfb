"""The supergraph as the planner reads it.

Built from a supergraph SDL (Apollo's ``join__*`` directives) or by composing
subgraphs. Everything is keyed by name for O(1) lookups on the planning path.
Selection sets in directive arguments (keys, ``@requires``, ``@provides``)
are kept parsed, as graphql-core ``SelectionSetNode``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from graphql import GraphQLSchema, SelectionSetNode


class TypeKind(StrEnum):
    """Kind of a named type."""

    OBJECT = "OBJECT"
    INTERFACE = "INTERFACE"
    UNION = "UNION"
    ENUM = "ENUM"
    INPUT_OBJECT = "INPUT_OBJECT"
    SCALAR = "SCALAR"


@dataclass(frozen=True)
class Subgraph:
    """A subgraph: its enum value in ``join__Graph``, its name and where it answers."""

    id: str
    """Value of the ``join__Graph`` enum, e.g. ``ORG``."""
    name: str
    """Name given at composition, e.g. ``org``."""
    url: str


@dataclass(frozen=True)
class Key:
    """An ``@key`` of an entity in one subgraph."""

    fields: SelectionSetNode
    fields_text: str
    resolvable: bool = True


@dataclass
class TypeInSubgraph:
    """What one subgraph knows of a type (``@join__type``)."""

    graph: str
    keys: list[Key] = field(default_factory=list)
    extension: bool = False
    is_interface_object: bool = False

    @property
    def resolvable_keys(self) -> list[Key]:
        """Keys this subgraph can resolve an entity by (``_entities``)."""
        return [key for key in self.keys if key.resolvable]


@dataclass
class FieldInSubgraph:
    """What one subgraph says about a field (``@join__field``)."""

    graph: str
    requires: SelectionSetNode | None = None
    provides: SelectionSetNode | None = None
    type: str | None = None
    """The field's type in this subgraph when it differs from the supergraph's."""
    external: bool = False
    override_from: str | None = None
    used_overridden: bool = False
    override_label: str | None = None
    """Label of a progressive ``@override`` (``percent(25)``): set on both the overriding graph
    and the one overridden, each resolving the field while the label is on (resp. off)."""


@dataclass
class FieldDef:
    """A field of an object or interface type in the supergraph."""

    name: str
    type: str
    """The supergraph type, printed (``[Grid!]!``)."""
    named_type: str
    """The type without list and non-null wrappers (``Grid``)."""
    sources: dict[str, FieldInSubgraph] = field(default_factory=dict)
    """Subgraphs that declare the field, by graph id, always filled in by the parser: a
    field without ``@join__field`` is in every subgraph of its type (fed 1: its owner's)."""
    inaccessible: bool = False

    def resolvable_in(self, graph: str) -> bool:
        """Whether ``graph`` can resolve this field itself (not external, not overridden away)."""
        source = self.sources.get(graph)
        return source is not None and not source.external and not source.used_overridden

    @property
    def resolving_graphs(self) -> list[str]:
        """Graphs that can resolve the field, in a stable order."""
        return [graph for graph in self.sources if self.resolvable_in(graph)]


@dataclass
class TypeDef:
    """A named type of the supergraph."""

    name: str
    kind: TypeKind
    subgraphs: dict[str, TypeInSubgraph] = field(default_factory=dict)
    """Subgraphs that know the type, by graph id."""
    fields: dict[str, FieldDef] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    """Interfaces the type implements in the supergraph."""
    implements_in: dict[str, list[str]] = field(default_factory=dict)
    """Interfaces the type implements, per graph (``@join__implements``)."""
    union_members: list[str] = field(default_factory=list)
    union_members_in: dict[str, list[str]] = field(default_factory=dict)
    """Members of a union, per graph (``@join__unionMember``)."""
    enum_values_in: dict[str, list[str]] = field(default_factory=dict)
    inaccessible: bool = False

    @property
    def is_composite(self) -> bool:
        """Object, interface or union: a type with a selection set."""
        return self.kind in (TypeKind.OBJECT, TypeKind.INTERFACE, TypeKind.UNION)

    @property
    def is_abstract(self) -> bool:
        """Interface or union."""
        return self.kind in (TypeKind.INTERFACE, TypeKind.UNION)

    def is_entity_in(self, graph: str) -> bool:
        """Whether ``graph`` can resolve this type by a key."""
        here = self.subgraphs.get(graph)
        return here is not None and bool(here.resolvable_keys)


@dataclass
class Supergraph:
    """The composed graph: subgraphs, types with their ownership, and the schemas."""

    subgraphs: dict[str, Subgraph]
    """By graph id (``ORG``)."""
    types: dict[str, TypeDef]
    query_type: str = "Query"
    mutation_type: str | None = None
    subscription_type: str | None = None
    possible_types: dict[str, list[str]] = field(default_factory=dict)
    """Object types of each abstract type in the supergraph, sorted by name."""
    api_schema: GraphQLSchema | None = None
    """The public schema: no federation internals, no ``@inaccessible`` elements."""
    sdl: str = ""
    """The supergraph SDL this was built from."""

    def subgraph_by_name(self, name: str) -> Subgraph:
        """The subgraph called ``name`` at composition (``org``)."""
        for subgraph in self.subgraphs.values():
            if subgraph.name == name:
                return subgraph
        raise KeyError(name)
