"""The walk: each selection of the operation placed in the fetch group that will resolve it.

At every position (a group, a type, a path) a field either stays in the group, because its
subgraph resolves it there (by itself, or through a ``@provides`` above), or follows a key edge
to a subgraph that does (``jumps``). Where several ways exist the cheapest is taken (``paths``).
Abstract types are walked by type condition: the fields an interface's implementations resolve
differently are asked type by type.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphql import (
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
)

from gateway.planning.conditions import (
    Conditions,
    Provided,
    is_provided,
    merge_provided,
    provided_by,
)
from gateway.planning.graph import Edge, Node, QueryGraph
from gateway.planning.grouping import FetchGroups, PlanningError, Position
from gateway.planning.jumps import Jumps
from gateway.planning.paths import Choices, Cost
from gateway.planning.plan import LIST
from gateway.planning.selections import FieldSelection, SelectionSetBuilder
from gateway.supergraph.model import FieldDef

MAX_JUMPS = 10_000
"""A bound on entity jumps per operation: far above any real plan, it stops a runaway."""


class Walk:
    """Places one operation's selections into fetch groups."""

    def __init__(
        self,
        graph: QueryGraph,
        fragments: dict[str, FragmentDefinitionNode],
        choices: Choices | None = None,
        *,
        scratch: bool = False,
    ) -> None:
        self.graph = graph
        self.conditions = Conditions(graph)
        self.fragments = fragments
        self.groups = FetchGroups()
        self.choices = choices or Choices(graph, self.conditions, self.estimate)
        self.scratch = scratch
        """A scratch walk only costs a subtree: requirements above its top count as met."""
        self.jumps = Jumps(self)
        self._staying: FieldNode | None = None
        """The field a scratch walk costs where it is (it must not cost a jump instead)."""
        self._placing: list[Sequence[SelectionNode]] = []
        """The selection sets being placed, innermost last (for choices among jumps)."""

    # Costing (for ``paths``)

    def estimate(
        self, node: Node, field: FieldNode, provided: Provided | None, entity_top: bool
    ) -> Cost | None:
        """Plan ``field`` at ``node`` on scratch groups and count what it adds."""
        scratch = Walk(self.graph, self.fragments, self.choices, scratch=True)
        top = scratch.groups.new(node.graph, root=not entity_top)
        if not entity_top and self.groups.roots is not None:
            # Costing a query's subtree: the objects at its top may be asked of another
            # subgraph again (never a mutation's: it runs once).
            scratch.groups.roots = {node.graph: top}
        builder = (
            top.root
            if top.root is not None
            else top.fragments.setdefault(node.type_name, SelectionSetBuilder())
        )
        position = Position(top, builder, node.type_name, (), provided, entity_top)
        scratch._staying = field  # costing this field where it is: no jump elsewhere for it
        try:
            scratch.plan_field(position, field)
        except PlanningError:
            return None
        added = [group for group in scratch.groups.with_work() if group is not top]
        return Cost(len(added), scratch.groups.depth() - 1 if added else 0)

    # Selections

    def sibling_names(self) -> list[str]:
        """The fields of the selection set being placed (through its fragments)."""
        names: list[str] = []

        def add(selections: Sequence[SelectionNode]) -> None:
            for selection in selections:
                if isinstance(selection, FieldNode):
                    names.append(selection.name.value)
                elif isinstance(selection, InlineFragmentNode):
                    add(selection.selection_set.selections)
                elif isinstance(selection, FragmentSpreadNode):
                    add(self.fragments[selection.name.value].selection_set.selections)

        if self._placing:
            add(self._placing[-1])
        return names

    def plan_selections(self, position: Position, selections: Sequence[SelectionNode]) -> None:
        """Place each selection of a selection set."""
        self._placing.append(selections)
        try:
            self._plan_each(position, selections)
        finally:
            self._placing.pop()

    def _plan_each(self, position: Position, selections: Sequence[SelectionNode]) -> None:
        for selection in selections:
            if isinstance(selection, FieldNode):
                self.plan_field(position, selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    selection.type_condition.name.value if selection.type_condition else None
                )
                self.plan_fragment(
                    position, condition, tuple(selection.directives or ()), selection.selection_set
                )
            elif isinstance(selection, FragmentSpreadNode):
                definition = self.fragments[selection.name.value]
                self.plan_fragment(
                    position,
                    definition.type_condition.name.value,
                    tuple(selection.directives or ()),
                    definition.selection_set,
                )

    def plan_fragment(
        self,
        position: Position,
        condition: str | None,
        directives: tuple[DirectiveNode, ...],
        selection_set: SelectionSetNode,
    ) -> None:
        """Place a fragment's selections wherever its type condition leads."""
        for inner in self.fragment_positions(position, condition, directives):
            self.plan_selections(inner, selection_set.selections)

    def fragment_positions(
        self, position: Position, condition: str | None, directives: tuple[DirectiveNode, ...] = ()
    ) -> list[Position]:
        """Where the selections of a fragment on ``condition`` go: here, under the condition
        (a type condition edge), type by type, or none when the subgraph never returns such
        objects here."""
        graph = self.graph
        here = position.type_name
        if condition is None or condition == here:
            if not directives:
                return [position]
            fragment = position.builder.add_fragment(None, directives)
            return [position.moved(fragment.selections)]
        if not graph.may_overlap(here, condition):
            return []
        subgraph = position.group.graph
        if not graph.returns(subgraph, condition) and not graph.concrete_in(subgraph, condition):
            if graph.is_interface_object(position.node):
                # This subgraph only knows the interface: ask one that knows the implementations.
                jumped = self.jumps.jump_to(position, graph.interface_entity_jumps(position.node))
                return self.fragment_positions(jumped, condition, directives)
            return []  # this subgraph never returns such objects
        if graph.types[here].kind.value == "OBJECT":
            # The objects here are all of type `here`: a condition that holds adds nothing.
            return self.fragment_positions(position, None, directives)
        # The concrete types this subgraph may return here that the condition admits. The
        # condition stays abstract only if the subgraph's own declarations admit them all;
        # otherwise (it does not know the condition, or its members or implementations differ
        # from the supergraph's) the fragment is asked type by type.
        overlap = set(graph.concrete_types(condition))
        local = [name for name in graph.concrete_in(subgraph, here) if name in overlap]
        if not graph.returns(subgraph, condition) or not set(local) <= set(
            graph.concrete_in(subgraph, condition)
        ):
            return [
                inner
                for concrete in local
                for inner in self.fragment_positions(position, concrete, directives)
            ]
        if not local:
            return []
        fragment = position.builder.add_fragment(condition, directives)
        position.builder.add_internal_field("__typename")
        narrowed = position.narrowed(fragment.selections, condition)
        if directives and position.plain is None:
            # The same type condition outside the client's conditions (empty ones are not sent).
            outside = position.builder.add_fragment(condition)
            narrowed.plain = position.narrowed(outside.selections, condition)
        return [narrowed]

    def plan_field(self, position: Position, node: FieldNode) -> None:
        """Place one field: here, type by type, or after an entity jump."""
        name = node.name.value
        if name == "__typename":
            self._plan_typename(position, node)
            return
        owner = self.graph.types[position.type_name]
        definition = owner.fields.get(name)
        if definition is None:
            raise PlanningError(f"{owner.name} has no field {name}")
        if owner.is_abstract:
            self._plan_abstract_field(position, node, definition)
            return
        edge = self.local_edge(position, name)
        if edge is not None or is_provided(position.provided, name):
            if not position.entity_top and node is not self._staying:
                jumps = self.graph.jumps_to_field(position.node, name)
                better = self.choices.cheaper_elsewhere(
                    position.node,
                    node,
                    position.provided,
                    [j for j in jumps if j.head.graph != position.group.graph],
                )
                if better is not None:
                    self.plan_field(self.jumps.jump_to(position, [better]), node)
                    return
            if edge is not None and edge.requires is not None:
                self.jumps.meet_requirements(position, edge.requires)
            self.add_here(position, node, definition)
            return
        self.plan_field(self.jumps.jump_for(position, node), node)

    def _plan_typename(self, position: Position, node: FieldNode) -> None:
        if self.graph.is_interface_object(position.node):
            targets = self.graph.interface_entity_jumps(position.node)
            if targets:
                # The interface object cannot tell the concrete type: a subgraph that can.
                position = self.jumps.jump_to(position, targets)
        position.builder.add_field(
            "__typename",
            alias=node.alias.value if node.alias else None,
            directives=tuple(node.directives or ()),
        )

    def _plan_abstract_field(
        self, position: Position, node: FieldNode, definition: FieldDef
    ) -> None:
        if self._abstract_field_here(position, definition):
            edge = self.local_edge(position, definition.name)
            if edge is not None and edge.requires is not None:
                self.jumps.meet_requirements(position, edge.requires)
            self.add_here(position, node, definition)
            return
        concrete = self.graph.concrete_in(position.group.graph, position.type_name)
        if self.graph.is_interface_object(position.node) or not concrete:
            self.plan_field(self.jumps.jump_for(position, node), node)
            return
        # The implementations differ on who resolves the field: ask type by type.
        position.builder.add_internal_field("__typename")
        for possible in concrete:
            fragment = position.builder.add_fragment(possible)
            self.plan_field(position.narrowed(fragment.selections, possible), node)

    def add_here(self, position: Position, node: FieldNode, definition: FieldDef) -> None:
        """Add the field to the position's selections, and walk its own selections below it."""
        composite = self.graph.types[definition.named_type].is_composite
        selection = position.builder.add_field(
            definition.name,
            alias=node.alias.value if node.alias else None,
            arguments=tuple(node.arguments or ()),
            directives=tuple(node.directives or ()),
            composite=composite,
        )
        self.groups.mark(position.group)
        if composite and node.selection_set is not None:
            if self.graph.types[definition.named_type].is_abstract:
                # The gateway needs the concrete type of every object it shapes: an object of an
                # @inaccessible type, or a fragment's type, is only known by it.
                assert selection.selections is not None
                selection.selections.add_internal_field("__typename")
            self.plan_selections(
                self.descend(position, definition, selection), node.selection_set.selections
            )

    def descend(
        self, position: Position, definition: FieldDef, selection: FieldSelection
    ) -> Position:
        """The position under a composite field just added."""
        assert selection.selections is not None
        provided: Provided | None = None
        if is_provided(position.provided, definition.name):
            assert position.provided is not None
            provided = position.provided[definition.name]
        source = definition.sources.get(position.group.graph)
        if source is not None and source.provides is not None:
            provided = merge_provided(provided, provided_by(source.provides))
        path = position.path + (selection.response_key,) + (LIST,) * definition.type.count("[")
        named = self.graph.local_type(definition, position.group.graph)
        return Position(
            position.group,
            selection.selections,
            named,
            path,
            provided,
            static_type=named,
            parent=position,
            via=selection,
        )

    # Where a field resolves (answers only)

    def local_edge(self, position: Position, name: str) -> Edge | None:
        """The field edge resolving ``name`` at the position, if its condition can hold here.

        A field that ``@requires`` something resolves only at the top of an entity fetch,
        where the gateway sends what it requires in the representation.
        """
        edge = self.graph.field_edge(position.node, name)
        if edge is None:
            return None
        if edge.requires is not None and not (position.entity_top and position.group.is_entity):
            return None
        return edge

    def _abstract_field_here(self, position: Position, definition: FieldDef) -> bool:
        """Whether the subgraph resolves the interface field for every implementation it returns."""
        graph = self.graph
        if is_provided(position.provided, definition.name):
            return True
        if self.local_edge(position, definition.name) is None:
            return False
        for possible in graph.concrete_in(position.group.graph, position.type_name):
            edge = graph.field_edge(Node(possible, position.group.graph), definition.name)
            if edge is None or edge.requires is not None:
                return False
        return True

    def count_jump(self) -> None:
        """Count one more entity jump; refuse a runaway operation."""
        self.choices.jumps += 1  # shared by the walk and every scratch walk of the operation
        if self.choices.jumps > MAX_JUMPS:
            raise PlanningError("the operation needs more entity jumps than the planner allows")
