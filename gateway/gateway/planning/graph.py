"""The query graph: where each field of each type can be resolved, and how to get there.

The supergraph becomes a graph whose nodes are (type, subgraph) pairs, "objects of this type as
this subgraph returns them". Its edges are of three kinds:

- a *field* edge, from (T, S) to (U, S), when S resolves field ``f`` of T and ``f`` is of type U;
  it may carry a condition (``@requires``), which only the top of an entity fetch can meet;
- a *key* edge, from (T, S) to (T', S2), when S2 resolves T by an ``@key``: an ``_entities``
  fetch. T' is T, or the interface S2 knows T by (``@interfaceObject``); the key's fields are
  the edge's condition, collected where the objects are;
- a *type condition* edge, from (A, S) to (C, S), when S may return objects of concrete type C
  where it returns the abstract type A.

Planning an operation walks these edges for each selection (see ``paths`` and ``conditions``).
The graph is built once per supergraph and never changes; every lookup is a dictionary read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from graphql import SelectionSetNode

from gateway.supergraph.model import FieldDef, Key, Supergraph, TypeDef


@dataclass(frozen=True, slots=True)
class Node:
    """Objects of ``type_name`` as subgraph ``graph`` returns them."""

    type_name: str
    graph: str


class EdgeKind(StrEnum):
    """What following an edge means."""

    FIELD = "field"
    KEY = "key"
    TYPE_CONDITION = "type condition"


@dataclass(frozen=True, slots=True)
class Edge:
    """One way from a node to another."""

    kind: EdgeKind
    tail: Node
    head: Node
    field_name: str | None = None
    """The field followed (field edges)."""
    requires: SelectionSetNode | None = None
    """What the field needs in the representation (field edges with ``@requires``)."""
    keys: tuple[Key, ...] = ()
    """The keys the head subgraph resolves entities by (key edges), in declaration order."""
    typename_as: str | None = None
    """The ``__typename`` a representation carries when the head knows the entity as an
    interface object (key edges)."""


@dataclass(slots=True)
class _Out:
    fields: dict[str, Edge] = field(default_factory=dict)
    keys: list[Edge] = field(default_factory=list)
    conditions: dict[str, Edge] = field(default_factory=dict)


class QueryGraph:
    """The query graph of one supergraph, with indexes by field for the planner's questions."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.types: dict[str, TypeDef] = supergraph.types
        self.possible: dict[str, list[str]] = supergraph.possible_types
        self._out: dict[Node, _Out] = {}
        self._heads: dict[str, list[Edge]] = {}
        self._local_possible = _local_possible(self.types)
        self._build()

    # Questions the planner asks

    def field_edge(self, node: Node, name: str) -> Edge | None:
        """The edge resolving field ``name`` at ``node`` in its own subgraph, if any."""
        out = self._out.get(node)
        return out.fields.get(name) if out is not None else None

    def key_edges(self, node: Node) -> list[Edge]:
        """Every entity jump out of ``node``, in subgraph order."""
        out = self._out.get(node)
        return out.keys if out is not None else []

    def jumps_to_field(self, node: Node, name: str) -> list[Edge]:
        """Key edges out of ``node`` whose head resolves field ``name`` (perhaps by ``@requires``).

        The head may be ``node``'s own subgraph: a field that ``@requires`` something is only
        resolved at the top of an entity fetch, so reaching it may mean jumping to itself.
        """
        return [
            self._edge_from(node, edge)
            for edge in self._entity_heads(node.type_name)
            if self.field_edge(edge.head, name) is not None
        ]

    def returns(self, graph: str, type_name: str) -> bool:
        """Whether ``graph`` knows ``type_name`` (and so may return such objects)."""
        return graph in self.types[type_name].subgraphs

    def concrete_types(self, abstract: str) -> list[str]:
        """Object types of an abstract type (the type itself for an object type)."""
        return self.possible.get(abstract, [abstract])

    def concrete_in(self, graph: str, abstract: str) -> list[str]:
        """Object types ``graph`` may return where it returns ``abstract``: the members and
        implementations it declares itself, which may be fewer than the supergraph's (for a
        type ``graph`` does not know: the supergraph's that it knows)."""
        local = self._local_possible.get((abstract, graph))
        if local is not None:
            return local
        if not self.types[abstract].is_abstract:
            return [abstract] if self.returns(graph, abstract) else []
        return [name for name in self.possible.get(abstract, []) if self.returns(graph, name)]

    def may_overlap(self, here: str, condition: str) -> bool:
        """Whether an object of type ``here`` may also be of type ``condition``."""
        return bool(set(self.concrete_types(here)) & set(self.concrete_types(condition)))

    def is_interface_object(self, node: Node) -> bool:
        """Whether ``node``'s subgraph knows its (interface) type only as an object type."""
        here = self.types[node.type_name].subgraphs.get(node.graph)
        return here is not None and here.is_interface_object

    def interface_entity_jumps(self, node: Node) -> list[Edge]:
        """Jumps from an interface object to subgraphs that know the real implementations."""
        interface = self.types[node.type_name]
        return [
            Edge(
                EdgeKind.KEY,
                node,
                Node(interface.name, graph),
                keys=tuple(here.resolvable_keys),
            )
            for graph, here in interface.subgraphs.items()
            if not here.is_interface_object and here.resolvable_keys and graph != node.graph
        ]

    @staticmethod
    def local_type(definition: FieldDef, graph: str) -> str:
        """The named type of a field as ``graph`` declares it (a subgraph may return a subtype
        of the supergraph's type: ``Clinic`` where the supergraph says ``Facility``)."""
        source = definition.sources.get(graph)
        if source is None or source.type is None:
            return definition.named_type
        return source.type.strip("[]!")

    def field(self, type_name: str, name: str) -> FieldDef | None:
        """The supergraph's definition of a field."""
        return self.types[type_name].fields.get(name)

    def graph_name(self, graph: str) -> str:
        """The subgraph's name as composed (``org``), for messages."""
        subgraph = self.supergraph.subgraphs.get(graph)
        return subgraph.name if subgraph else graph

    # Building

    def _build(self) -> None:
        for type_def in self.types.values():
            if not type_def.is_composite:
                continue
            for graph in type_def.subgraphs:
                self._out[Node(type_def.name, graph)] = _Out()
        for node, out in self._out.items():
            type_def = self.types[node.type_name]
            for definition in type_def.fields.values():
                if not definition.resolvable_in(node.graph):
                    continue
                source = definition.sources[node.graph]
                out.fields[definition.name] = Edge(
                    EdgeKind.FIELD,
                    node,
                    Node(self.local_type(definition, node.graph), node.graph),
                    field_name=definition.name,
                    requires=source.requires,
                )
            if type_def.is_abstract:
                for concrete in self.concrete_in(node.graph, node.type_name):
                    out.conditions[concrete] = Edge(
                        EdgeKind.TYPE_CONDITION, node, Node(concrete, node.graph)
                    )
        for node, out in self._out.items():
            out.keys.extend(
                self._edge_from(node, edge)
                for edge in self._entity_heads(node.type_name)
                if edge.head.graph != node.graph
            )

    def _entity_heads(self, type_name: str) -> list[Edge]:
        """Every node an entity of ``type_name`` can be fetched at by a key; tails are
        placeholders (see ``_edge_from``)."""
        cached = self._heads.get(type_name)
        if cached is not None:
            return cached
        heads = [
            Edge(
                EdgeKind.KEY,
                Node(type_name, ""),
                Node(type_name, graph),
                keys=tuple(here.resolvable_keys),
                typename_as=type_name if here.is_interface_object else None,
            )
            for graph, here in self.types[type_name].subgraphs.items()
            if here.resolvable_keys
        ]
        heads.extend(self._interface_object_jumps(type_name))
        self._heads[type_name] = heads
        return heads

    def _interface_object_jumps(self, type_name: str) -> list[Edge]:
        """Jumps to subgraphs that add fields to every implementation of an interface of
        ``type_name`` (``@interfaceObject``); tails are placeholders, see ``_edge_from``."""
        type_def = self.types[type_name]
        if type_def.kind.value != "OBJECT":
            return []
        edges: list[Edge] = []
        for interface in type_def.interfaces:
            for graph, here in self.types[interface].subgraphs.items():
                if here.is_interface_object and here.resolvable_keys:
                    edges.append(
                        Edge(
                            EdgeKind.KEY,
                            Node(type_name, ""),
                            Node(interface, graph),
                            keys=tuple(here.resolvable_keys),
                            typename_as=interface,
                        )
                    )
        return edges

    @staticmethod
    def _edge_from(tail: Node, edge: Edge) -> Edge:
        if edge.tail == tail:
            return edge
        return Edge(
            edge.kind, tail, edge.head, edge.field_name, edge.requires, edge.keys, edge.typename_as
        )


def _local_possible(types: dict[str, TypeDef]) -> dict[tuple[str, str], list[str]]:
    """Object types of each abstract type as each subgraph that knows it declares them."""
    local: dict[tuple[str, str], list[str]] = {}
    for type_def in types.values():
        if type_def.kind.value == "UNION":
            for graph, members in type_def.union_members_in.items():
                local[(type_def.name, graph)] = sorted(
                    name for name in members if types[name].kind.value == "OBJECT"
                )
        elif type_def.kind.value == "INTERFACE":
            for graph in type_def.subgraphs:
                local.setdefault((type_def.name, graph), [])
    for type_def in types.values():
        if type_def.kind.value != "OBJECT":
            continue
        for graph, interfaces in type_def.implements_in.items():
            for interface in interfaces:
                if (interface, graph) in local:
                    local[(interface, graph)].append(type_def.name)
    for names in local.values():
        names.sort()
    return local
