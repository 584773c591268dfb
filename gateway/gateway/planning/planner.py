"""The query planner: which subgraph resolves each field, and in what order.

The supergraph becomes a query graph once (``graph``); each operation is then walked selection
by selection (``walk``), every field placed in the fetch of the subgraph that resolves it, after
an entity jump where the current subgraph cannot (``jumps``), and by the cheapest way where
several subgraphs can (``paths``). Entity fetches to one subgraph at the same step merge into
one batched fetch (``grouping``), and each fetch is printed as its subgraph's document
(``fetch_text``).
"""

from __future__ import annotations

from collections.abc import Sequence

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionNode,
    SelectionSetNode,
)

from gateway.planning.fetch_text import fetch_of
from gateway.planning.graph import QueryGraph
from gateway.planning.grouping import Group, PlanningError, Position, batched
from gateway.planning.plan import QueryPlan
from gateway.planning.walk import Walk
from gateway.supergraph.model import Supergraph

__all__ = ["PlanningError", "QueryPlanner"]

RootField = tuple[FieldNode, tuple[InlineFragmentNode, ...]]
"""A root field and the fragments (with their directives) around it."""


class QueryPlanner:
    """Plans operations against one supergraph."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.graph = QueryGraph(supergraph)

    def plan(self, document: DocumentNode, operation_name: str | None = None) -> QueryPlan:
        """The plan of the operation called ``operation_name`` in a validated document."""
        operation = _operation(document, operation_name)
        fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        root_type = self._root_type(operation.operation)
        walk = Walk(self.graph, fragments)
        fields = _root_fields(operation.selection_set, fragments)
        try:
            if operation.operation is OperationType.MUTATION:
                self._plan_serial(walk, fields, root_type)
            else:
                self._plan_parallel(walk, fields, root_type)
        except RecursionError:
            raise PlanningError("the operation is nested too deeply to plan") from None
        groups = batched(walk.groups.with_work())
        known = {group.id for group in groups}
        fetches = tuple(
            fetch_of(group, operation, known, self.supergraph, root_type) for group in groups
        )
        return QueryPlan(fetches=fetches, kind=operation.operation.value, root_type=root_type)

    def _root_type(self, kind: OperationType) -> str:
        supergraph = self.supergraph
        root_type = {
            OperationType.QUERY: supergraph.query_type,
            OperationType.MUTATION: supergraph.mutation_type,
            OperationType.SUBSCRIPTION: supergraph.subscription_type,
        }[kind]
        if root_type is None:
            raise PlanningError(f"the schema has no {kind.value} type")
        return root_type

    def _candidates(self, root_type: str, name: str) -> list[str]:
        definition = self.graph.field(root_type, name)
        if definition is None:
            raise PlanningError(f"{root_type} has no field {name}")
        if not definition.resolving_graphs:
            raise PlanningError(f"no subgraph resolves {root_type}.{name}")
        return list(definition.resolving_graphs)

    def _plan_parallel(self, walk: Walk, fields: list[RootField], root_type: str) -> None:
        """Query roots: one fetch per subgraph asked, all at once."""
        roots: dict[str, Group] = {}
        walk.groups.roots = roots
        for node, around in fields:
            if node.name.value.startswith("__"):
                continue  # __typename, __schema, __type: answered by the gateway
            candidates = self._candidates(root_type, node.name.value)
            graph = walk.choices.root_graph(root_type, node, candidates, set(roots))
            group = roots.get(graph)
            if group is None:
                group = roots[graph] = walk.groups.new(graph, root=True)
            _plan_root_field(walk, group, root_type, node, around)

    def _plan_serial(self, walk: Walk, fields: list[RootField], root_type: str) -> None:
        """Mutation roots: one after the other, consecutive fields of a subgraph in one fetch."""
        previous: Group | None = None
        before: set[int] = set()
        for node, around in fields:
            if node.name.value.startswith("__"):
                continue
            candidates = self._candidates(root_type, node.name.value)
            graph = walk.choices.root_graph(root_type, node, candidates, set())
            groups = walk.groups.groups
            if previous is not None and previous.graph == graph and len(groups) == len(before) + 1:
                group = previous  # nothing was planned after the previous field's fetch
            else:
                before = {g.id for g in groups}
                group = walk.groups.new(graph, root=True)
                group.depends_on |= before
            _plan_root_field(walk, group, root_type, node, around)
            previous = group


def _plan_root_field(
    walk: Walk,
    group: Group,
    root_type: str,
    node: FieldNode,
    around: tuple[InlineFragmentNode, ...],
) -> None:
    assert group.root is not None
    builder = group.root
    for fragment in around:
        if fragment.directives:
            builder = builder.add_fragment(None, tuple(fragment.directives)).selections
    walk.plan_field(Position(group, builder, root_type, ()), node)


def _root_fields(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> list[RootField]:
    """Root fields in order, each with the fragments (and their directives) around it."""
    found: list[RootField] = []

    def walk(selections: Sequence[SelectionNode], around: tuple[InlineFragmentNode, ...]) -> None:
        for selection in selections:
            if isinstance(selection, FieldNode):
                found.append((selection, around))
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set.selections, (*around, selection))
            elif isinstance(selection, FragmentSpreadNode):
                definition = fragments[selection.name.value]
                wrapper = InlineFragmentNode(
                    type_condition=None,
                    directives=selection.directives,
                    selection_set=definition.selection_set,
                )
                walk(definition.selection_set.selections, (*around, wrapper))

    walk(selection_set.selections, ())
    return found


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if not operations:
        raise PlanningError("the document has no operation")
    if name is None:
        if len(operations) != 1:
            raise PlanningError("the document has several operations: name one")
        return operations[0]
    for operation in operations:
        if operation.name is not None and operation.name.value == name:
            return operation
    raise PlanningError(f'unknown operation named "{name}"')
