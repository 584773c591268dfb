"""Conditions on the query graph's edges: whether a position already holds what an edge needs.

A key edge needs the key's fields where the objects are; a field edge with ``@requires`` needs
the required fields there. A ``@provides`` makes external fields resolvable along one path only,
so what is provided travels with the position rather than living in the graph. Every function
here only answers: none of them places a selection or creates a fetch.
"""

from __future__ import annotations

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

from gateway.planning.graph import Node, QueryGraph

Provided = dict[str, "Provided | None"]
"""Fields a ``@provides`` makes available at a position, with their nested provides."""


def provided_by(selection_set: SelectionSetNode) -> Provided:
    """What a ``@provides(fields: ...)`` selection makes available, field by field."""
    provided: Provided = {}
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            inner = provided_by(selection.selection_set) if selection.selection_set else None
            name = selection.name.value
            provided[name] = merge_provided(provided.get(name), inner)
        elif isinstance(selection, InlineFragmentNode):
            inner_provided = provided_by(selection.selection_set)
            if selection.type_condition is not None:
                # Provided for objects of that type only: kept apart until a type condition
                # narrows the position to it (``narrowed_provision``).
                key = condition_key(selection.type_condition.name.value)
                provided[key] = merge_provided(provided.get(key), inner_provided)
                continue
            for name, inner in inner_provided.items():
                provided[name] = merge_provided(provided.get(name), inner)
    return provided


def condition_key(type_name: str) -> str:
    """Where a provision holds what it provides for objects of ``type_name`` only."""
    return f"... on {type_name}"


def narrowed_provision(provided: Provided | None, type_name: str) -> Provided | None:
    """What is provided once the objects are known to be of ``type_name``."""
    if provided is None:
        return None
    return merge_provided(provided, provided.get(condition_key(type_name)))


def merge_provided(left: Provided | None, right: Provided | None) -> Provided | None:
    """Both provisions at once."""
    if left is None:
        return right
    if right is None:
        return left
    merged = dict(left)
    for name, inner in right.items():
        merged[name] = merge_provided(merged.get(name), inner)
    return merged


def provided_key(provided: Provided | None) -> str:
    """A hashable text of a provision, for caches."""
    if provided is None:
        return ""
    return "{" + ",".join(f"{k}{provided_key(v)}" for k, v in sorted(provided.items())) + "}"


def is_provided(provided: Provided | None, name: str) -> bool:
    """Whether a ``@provides`` above makes field ``name`` resolvable here."""
    return provided is not None and name in provided


class Conditions:
    """Answers whether an edge's condition holds at a node, without jumps."""

    def __init__(self, graph: QueryGraph) -> None:
        self.graph = graph

    def resolvable_without_requires(self, node: Node, name: str, provided: Provided | None) -> bool:
        """Whether field ``name`` is resolved at ``node`` with nothing else fetched first."""
        if is_provided(provided, name):
            return True
        edge = self.graph.field_edge(node, name)
        return edge is not None and edge.requires is None

    def locally_available(
        self, node: Node, selection_set: SelectionSetNode, provided: Provided | None
    ) -> bool:
        """Whether every field of ``selection_set`` (a key or requirement) resolves at ``node``."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                if name == "__typename":
                    continue
                definition = self.graph.field(node.type_name, name)
                if definition is None or not self.resolvable_without_requires(node, name, provided):
                    return False
                if selection.selection_set is not None:
                    inner = provided[name] if provided is not None and name in provided else None
                    child = Node(self.graph.local_type(definition, node.graph), node.graph)
                    if not self.locally_available(child, selection.selection_set, inner):
                        return False
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    selection.type_condition.name.value
                    if selection.type_condition
                    else node.type_name
                )
                if not self.locally_available(
                    Node(condition, node.graph),
                    selection.selection_set,
                    narrowed_provision(provided, condition),
                ):
                    return False
        return True
