"""Entity jumps: following a key edge, and the representations the jump sends.

A jump from a position to another subgraph is an ``_entities`` fetch that depends on the fetch
holding the objects. Its representation carries the key's fields and whatever the fields asked
there ``@require``; collecting those is itself planning, since a required field may live in a
third subgraph, or require something in turn. Jumps to the same subgraph from the same objects
share one fetch, and a jump starts from the shallowest fetch that can supply a key, so
independent jumps run side by side.

Where no key leads to a subgraph that resolves a field (a value type, shared by several
subgraphs), or where the objects came from a query's root field that subgraph shares, the path
to the field is asked again of that subgraph (``reenter``): from the root, a fetch that runs
beside the first instead of after it; from an entity above, after a jump to it there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode, print_ast

from gateway.planning.conditions import is_provided
from gateway.planning.graph import Edge, Node
from gateway.planning.grouping import ChildKey, Group, Input, PlanningError, Position
from gateway.planning.plan import LIST, ValueSpec
from gateway.planning.selections import SelectionSetBuilder
from gateway.supergraph.model import Key

if TYPE_CHECKING:
    from gateway.planning.walk import Walk


class Jumps:
    """Entity jumps of one walk."""

    def __init__(self, walk: Walk) -> None:
        self.walk = walk
        self.graph = walk.graph
        self.groups = walk.groups
        self._meeting: list[Group] = []
        """Fetches whose ``@requires`` inputs are being collected, innermost last."""
        self._collecting_keys: set[tuple[Node, str, int]] = set()
        """Keys being collected for a jump (a key whose collection needs itself is refused)."""

    def jump_for(self, position: Position, field: FieldNode) -> Position:
        """A position in a fetch of a subgraph that resolves ``field``: after an entity jump,
        or, where no key leads there, on the same path asked again of that subgraph."""
        name = field.name.value
        edges = self.graph.jumps_to_field(position.node, name)
        if edges and not self._planned_already(position, edges):
            # Under a query's root field, asking the root field of the other subgraph too runs
            # beside the first fetch, where a key jump would wait for it: as many fetches,
            # fewer steps.
            reentered = self.reenter(position, name, from_root=True)
            if reentered is not None:
                return reentered
        if edges:
            return self.jump_to(position, edges, field)
        reentered = self.reenter(position, name)
        if reentered is None:
            raise PlanningError(
                f"no subgraph can resolve {position.type_name}.{name} from "
                f"{self.graph.graph_name(position.group.graph)}: no entity key leads there"
            )
        return reentered

    def _planned_already(self, position: Position, edges: Sequence[Edge]) -> bool:
        """Whether one of the jumps is to a fetch planned already for these objects."""
        return self._existing_jump(position, edges) is not None

    def _existing_jump(self, position: Position, edges: Sequence[Edge]) -> Position | None:
        """The place in a fetch planned already for these objects by one of the jumps (and not
        waiting for requirements being collected), nearest origin first."""
        for origin in position.origins():
            for edge in edges:
                existing = self.groups.children.get(_child_key(origin, edge))
                if existing is not None and not self._waits_for_requirements(existing):
                    return self._entity_position(existing, origin, edge)
        return None

    def reenter(self, position: Position, name: str, *, from_root: bool = False) -> Position | None:
        """The path to the position asked again in another subgraph that resolves ``name`` at
        its end, from the nearest place above that can reach that subgraph: a query's root, or
        an entity with a key there (``from_root``: the root only). ``None`` when there is no
        such place."""
        above: Position | None = position
        while above is not None:
            if from_root and above.parent is not None:
                above = above.parent
                continue
            if from_root and (above.group.root is None or self.groups.roots is None):
                return None  # the objects came from an entity fetch, or a mutation's root
            steps = position.steps(above)
            for target in self._reentries(above):
                if self._replays(target, steps, name):
                    self.walk.count_jump()
                    return self._replay(self._enter(above, target), steps)
            above = above.parent
        return None

    def _reentries(self, above: Position) -> list[Node | Edge]:
        """Where the objects at ``above`` can be asked for again: root nodes of other
        subgraphs (at a query's root) or key edges (at an entity)."""
        roots = self.groups.roots
        if above.parent is None and above.group.root is not None and roots is not None:
            graphs = self.graph.types[above.type_name].subgraphs
            open_first = sorted(graphs, key=lambda graph: graph not in roots)
            return [Node(above.type_name, g) for g in open_first if g != above.group.graph]
        return list(self.graph.key_edges(above.node))

    def _replays(self, target: Node | Edge, steps: list[Position], name: str) -> bool:
        """Whether the steps, followed from ``target``, end where ``name`` resolves."""
        node = target.head if isinstance(target, Edge) else target
        for step in steps:
            if step.via is None:
                if not self.graph.returns(node.graph, step.type_name):
                    return False
                node = Node(step.type_name, node.graph)
                continue
            edge = self.graph.field_edge(node, step.via.name)
            if edge is None or edge.requires is not None:
                return False
            node = edge.head
        edge = self.graph.field_edge(node, name)
        return edge is not None and (edge.requires is None or not steps)

    def _enter(self, above: Position, target: Node | Edge) -> Position:
        if isinstance(target, Edge):
            return self.jump_to(above, [target])
        roots = self.groups.roots
        assert roots is not None
        group = roots.get(target.graph)
        if group is None:
            group = roots[target.graph] = self.groups.new(target.graph, root=True)
        assert group.root is not None
        return Position(group, group.root, target.type_name, ())

    def _replay(self, position: Position, steps: list[Position]) -> Position:
        """Follow the steps from ``position``, adding each field followed to its fetch."""
        here = position
        for step in steps:
            if step.via is None:
                fragment = here.builder.add_fragment(step.type_name)
                here.builder.add_internal_field("__typename")
                here = here.narrowed(fragment.selections, step.type_name)
                continue
            via = step.via
            definition = self.graph.field(here.type_name, via.name)
            assert definition is not None
            added = here.builder.add_field(
                via.name,
                alias=via.alias,
                arguments=via.arguments,
                directives=via.directives,
                composite=True,
            )
            self.groups.mark(here.group)
            here = self.walk.descend(here, definition, added)
        return here

    def jump_to(
        self, position: Position, edges: Sequence[Edge], field: FieldNode | None = None
    ) -> Position:
        """Follow the best of ``edges`` from the position (reusing a fetch planned already)."""
        self.walk.count_jump()
        if not edges:
            raise PlanningError(
                f"no entity key leads from {self.graph.graph_name(position.group.graph)} "
                f"to where {position.type_name} can be resolved"
            )
        existing = self._existing_jump(position, edges)
        if existing is not None:
            return existing
        origins = list(position.origins())
        if field is not None:
            edges = self.walk.choices.jumps_by_cost(
                [o.node for o in origins], field, edges, self.walk.sibling_names()
            )
        for edge in edges:
            for origin in reversed(origins):
                key = self._collectable_key(origin, edge)
                if key is not None:
                    return self._entity_position(self._child(origin, edge, key), origin, edge)
        edge = edges[0]
        return self._entity_position(self._child(position, edge, edge.keys[0]), position, edge)

    def _waits_for_requirements(self, group: Group) -> bool:
        """Whether ``group`` is, or depends on, a fetch whose ``@requires`` inputs are being
        collected: what is collected for it must come from fetches that run before it."""
        if not self._meeting:
            return False
        by_id = {g.id: g for g in self.groups.groups}
        waiting = {g.id for g in self._meeting}
        seen: set[int] = set()
        stack = [group.id]
        while stack:
            current = stack.pop()
            if current in waiting:
                return True
            if current in seen:
                continue
            seen.add(current)
            stack.extend(by_id[current].depends_on)
        return False

    def _collectable_key(self, origin: Position, edge: Edge) -> Key | None:
        if self._beyond_scratch_top(origin):
            return edge.keys[0]
        for key in edge.keys:
            if self.walk.conditions.locally_available(origin.node, key.fields, origin.provided):
                return key
        return None

    def _beyond_scratch_top(self, origin: Position) -> bool:
        """Whether ``origin`` is the top of a scratch walk's entity fetch: the objects came from
        outside the subtree being costed, and so did their keys."""
        return self.walk.scratch and origin.entity_top and origin.group.origin is None

    def _child(self, origin: Position, edge: Edge, key: Key) -> Group:
        origin = origin.unconditional
        group = self.groups.new(edge.head.graph, root=False)
        group.origin = origin
        group.depends_on.add(origin.group.id)
        specs: list[ValueSpec] = []
        if not self._beyond_scratch_top(origin):
            wanted = (origin.node, edge.head.graph, id(key))
            if wanted in self._collecting_keys:
                raise PlanningError(
                    f"the key {print_ast(key.fields)} of {origin.type_name} cannot be collected "
                    f"from {self.graph.graph_name(origin.group.graph)} without itself"
                )
            self._collecting_keys.add(wanted)
            try:
                specs, touched = self.collect_tracked(origin, key.fields)
            finally:
                self._collecting_keys.discard(wanted)
            group.depends_on |= touched - {group.id}
        origin.builder.add_internal_field("__typename")
        static = self.graph.types[origin.static_type or origin.type_name]
        filtered = static.is_abstract and bool(origin.path) and origin.path[-1] == LIST
        group.inputs.append(Input(origin.path, origin.type_name, specs, edge.typename_as, filtered))
        self.groups.children[_child_key(origin, edge)] = group
        return group

    @staticmethod
    def _entity_position(group: Group, origin: Position, edge: Edge) -> Position:
        entity_type = edge.head.type_name
        builder = group.fragments.setdefault(entity_type, SelectionSetBuilder())
        return Position(group, builder, entity_type, origin.path, None, entity_top=True)

    # Representations

    def meet_requirements(self, position: Position, requires: SelectionSetNode) -> None:
        """Collect what a field ``@requires`` where the entity fetch's objects come from."""
        group = position.group
        origin = group.origin
        if origin is None:
            if self.walk.scratch:
                return  # costing a subtree: what lies above its top counts as there
            raise PlanningError(f"nothing can supply what {position.type_name} requires")
        # While the walk runs each entity fetch has one origin, so one input (fetches are
        # batched, inputs and all, once every selection is placed).
        (entry,) = group.inputs
        self._meeting.append(group)
        try:
            specs, touched = self.collect_tracked(origin, requires)
        finally:
            self._meeting.pop()
        group.depends_on |= touched - {group.id}
        merge_specs(entry.requires, specs)

    def collect_tracked(
        self, position: Position, selection_set: SelectionSetNode
    ) -> tuple[list[ValueSpec], set[int]]:
        """:meth:`collect`, and the groups that will hold what it collected."""
        self.groups.start_tracking()
        try:
            specs = self.collect(position, selection_set)
        finally:
            touched = self.groups.stop_tracking()
        return specs, touched

    def collect(self, position: Position, selection_set: SelectionSetNode) -> list[ValueSpec]:
        """Fetch ``selection_set`` for the gateway's own use; returns where each value lands."""
        specs: list[ValueSpec] = []
        owner = self.graph.types[position.type_name]
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                condition = (
                    selection.type_condition.name.value if selection.type_condition else None
                )
                for narrowed in self.walk.fragment_positions(position, condition):
                    merge_specs(specs, self.collect(narrowed, selection.selection_set))
                continue
            if not isinstance(selection, FieldNode):
                continue
            name = selection.name.value
            if name == "__typename":
                position.builder.add_internal_field("__typename")
                continue
            definition = owner.fields.get(name)
            if definition is None:
                raise PlanningError(f"{owner.name} has no field {name}")
            here = position
            edge = self.walk.local_edge(position, name)
            provided = is_provided(position.provided, name)
            if edge is None and not provided:
                here = self.jump_for(position, selection)
                edge = self.walk.local_edge(here, name)
            if edge is not None and edge.requires is not None and not provided:
                self.meet_requirements(here, edge.requires)
            composite = self.graph.types[definition.named_type].is_composite
            added = here.builder.add_internal_field(
                name, arguments=tuple(selection.arguments or ()), composite=composite
            )
            self.groups.mark(here.group)
            inner: list[ValueSpec] | None = None
            if composite and selection.selection_set is not None:
                inner = self.collect(
                    self.walk.descend(here, definition, added), selection.selection_set
                )
                inner.insert(0, ValueSpec("__typename", "__typename"))
                assert added.selections is not None
                added.selections.add_internal_field("__typename")
            merge_specs(
                specs,
                [ValueSpec(added.response_key, name, tuple(inner) if inner is not None else None)],
            )
        return specs


def _child_key(origin: Position, edge: Edge) -> ChildKey:
    return (origin.group.id, edge.head.graph, origin.path, origin.type_name, edge.head.type_name)


def merge_specs(into: list[ValueSpec], more: list[ValueSpec]) -> None:
    """Add ``more`` to ``into``, merging the nested selections of values both hold."""
    for spec in more:
        for index, existing in enumerate(into):
            if existing.key == spec.key and existing.name == spec.name:
                if spec.selections is not None:
                    combined = list(existing.selections or ())
                    merge_specs(combined, list(spec.selections))
                    into[index] = ValueSpec(existing.key, existing.name, tuple(combined))
                break
        else:
            into.append(spec)
