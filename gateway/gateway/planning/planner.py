"""The query planner: which subgraph resolves each field, and in what order.

Fields stay in the fetch of the subgraph that is already resolving their
parent whenever that subgraph can resolve them; otherwise the planner jumps to
another subgraph through an entity key (an ``_entities`` fetch that depends on
the fetch holding the key). A jump starts from the shallowest fetch that can
supply the key, so independent jumps run in parallel, and jumps to the same
subgraph at the same step are merged into one batched fetch.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionNode,
    SelectionSetNode,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    print_ast,
    strip_ignored_characters,
    visit,
)

from gateway.planning.plan import LIST, EntityInput, Fetch, QueryPlan, ValueSpec
from gateway.planning.selections import (
    FieldSelection,
    SelectionSetBuilder,
)
from gateway.supergraph.model import FieldDef, Key, Supergraph, TypeDef

Provided = dict[str, "Provided | None"]
"""Fields a ``@provides`` makes available at a position, with their nested provides."""


class PlanningError(Exception):
    """The operation cannot be planned over these subgraphs (a composition gap)."""


@dataclass
class Group:
    """One future fetch: a subgraph and the selections it will be asked for."""

    id: int
    graph: str
    root: SelectionSetBuilder | None = None
    """Root fetch: selections on the root type."""
    fragments: dict[str, SelectionSetBuilder] = field(default_factory=dict)
    """Entity fetch: one ``... on Type`` selection per entity type."""
    inputs: list[_Input] = field(default_factory=list)
    depends_on: set[int] = field(default_factory=set)
    origin: Position | None = None
    """Where the entity objects were fetched (the parent position of this jump)."""

    @property
    def is_entity(self) -> bool:
        """Whether this group is an ``_entities`` fetch."""
        return self.root is None


@dataclass
class _Input:
    path: tuple[str, ...]
    type_name: str
    requires: list[ValueSpec]
    typename_as: str | None = None
    filtered: bool = False


@dataclass(frozen=True)
class _Target:
    """Where a jump lands: a graph, the type it knows the entity by, and how to name it."""

    graph: str
    entity_type: str
    typename_as: str | None


@dataclass
class Position:
    """Where the planner is: a group, the selection set being filled, the type and path."""

    group: Group
    builder: SelectionSetBuilder
    type_name: str
    path: tuple[str, ...]
    provided: Provided | None = None
    entity_top: bool = False
    """True at the top of an entity fetch, where ``@requires`` inputs are available."""
    static_type: str | None = None
    """The type the schema declares here, before any type condition narrowed it."""


class QueryPlanner:
    """Plans operations against one supergraph."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.types = supergraph.types

    def plan(self, document: DocumentNode, operation_name: str | None = None) -> QueryPlan:
        """The plan of the operation called ``operation_name`` in a validated document."""
        operation = _operation(document, operation_name)
        fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        return _Planning(self, operation, fragments).run()


class _Planning:
    """The state of planning one operation."""

    def __init__(
        self,
        planner: QueryPlanner,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDefinitionNode],
    ) -> None:
        self.planner = planner
        self.types = planner.types
        self.operation = operation
        self.fragments = fragments
        self.groups: list[Group] = []
        self.ids = itertools.count()
        self.children: dict[tuple[int, str, tuple[str, ...], str, str | None], Group] = {}
        self.touched: set[int] | None = None
        self.jumps = 0

    # Entry

    def run(self) -> QueryPlan:
        supergraph = self.planner.supergraph
        kind = self.operation.operation
        root_type = {
            OperationType.QUERY: supergraph.query_type,
            OperationType.MUTATION: supergraph.mutation_type,
            OperationType.SUBSCRIPTION: supergraph.subscription_type,
        }[kind]
        if root_type is None:
            raise PlanningError(f"the schema has no {kind.value} type")
        selections = self._root_fields(self.operation.selection_set, root_type)
        if kind is OperationType.MUTATION:
            self._plan_serial_root(selections, root_type)
        else:
            self._plan_parallel_root(selections, root_type)
        groups = self._batch([group for group in self.groups if _has_work(group)])
        fetches = tuple(self._fetch(group, groups) for group in groups)
        return QueryPlan(fetches=fetches, kind=kind.value, root_type=root_type)

    def _root_fields(
        self, selection_set: SelectionSetNode, root_type: str
    ) -> list[tuple[FieldNode, tuple[InlineFragmentNode, ...]]]:
        """Root fields in order, each with the fragments (and their directives) around it."""
        found: list[tuple[FieldNode, tuple[InlineFragmentNode, ...]]] = []

        def walk(
            selections: Sequence[SelectionNode], around: tuple[InlineFragmentNode, ...]
        ) -> None:
            for selection in selections:
                if isinstance(selection, FieldNode):
                    found.append((selection, around))
                elif isinstance(selection, InlineFragmentNode):
                    walk(selection.selection_set.selections, (*around, selection))
                elif isinstance(selection, FragmentSpreadNode):
                    definition = self.fragments[selection.name.value]
                    wrapper = InlineFragmentNode(
                        type_condition=None,
                        directives=selection.directives,
                        selection_set=definition.selection_set,
                    )
                    walk(definition.selection_set.selections, (*around, wrapper))

        walk(selection_set.selections, ())
        return found

    def _plan_parallel_root(
        self, fields: list[tuple[FieldNode, tuple[InlineFragmentNode, ...]]], root_type: str
    ) -> None:
        roots: dict[str, Group] = {}
        for node, around in fields:
            if node.name.value.startswith("__"):
                continue  # __typename, __schema, __type: answered by the gateway
            graph = self._root_graph(root_type, node.name.value, prefer=roots)
            group = roots.get(graph)
            if group is None:
                group = roots[graph] = self._new_group(graph, root=True)
            self._plan_root_field(group, root_type, node, around)

    def _plan_serial_root(
        self, fields: list[tuple[FieldNode, tuple[InlineFragmentNode, ...]]], root_type: str
    ) -> None:
        previous: Group | None = None
        before: set[int] = set()
        for node, around in fields:
            if node.name.value.startswith("__"):
                continue
            graph = self._root_graph(root_type, node.name.value, prefer={})
            if (
                previous is not None
                and previous.graph == graph
                and len(self.groups) == len(before) + 1
            ):
                group = previous  # consecutive fields of one subgraph, nothing in between
            else:
                before = {g.id for g in self.groups}
                group = self._new_group(graph, root=True)
                group.depends_on |= before
            self._plan_root_field(group, root_type, node, around)
            previous = group

    def _plan_root_field(
        self,
        group: Group,
        root_type: str,
        node: FieldNode,
        around: tuple[InlineFragmentNode, ...],
    ) -> None:
        assert group.root is not None
        builder = group.root
        for fragment in around:
            if fragment.directives:
                builder = builder.add_fragment(None, tuple(fragment.directives or ())).selections
        self._plan_field(Position(group, builder, root_type, ()), node)

    def _root_graph(self, root_type: str, name: str, *, prefer: dict[str, Group]) -> str:
        definition = self._field(self.types[root_type], name)
        graphs = definition.resolving_graphs
        if not graphs:
            raise PlanningError(f"no subgraph resolves {root_type}.{name}")
        for graph in graphs:
            if graph in prefer:
                return graph
        return graphs[0]

    # Selections

    def _plan_selections(self, position: Position, selections: Sequence[SelectionNode]) -> None:
        for selection in selections:
            if isinstance(selection, FieldNode):
                self._plan_field(position, selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    selection.type_condition.name.value if selection.type_condition else None
                )
                self._plan_fragment(
                    position, condition, tuple(selection.directives or ()), selection.selection_set
                )
            elif isinstance(selection, FragmentSpreadNode):
                definition = self.fragments[selection.name.value]
                self._plan_fragment(
                    position,
                    definition.type_condition.name.value,
                    tuple(selection.directives or ()),
                    definition.selection_set,
                )

    def _plan_fragment(
        self,
        position: Position,
        condition: str | None,
        directives: tuple[DirectiveNode, ...],
        selection_set: SelectionSetNode,
    ) -> None:
        here = position.type_name
        if condition is None or condition == here:
            if not directives:
                self._plan_selections(position, selection_set.selections)
                return
            fragment = position.builder.add_fragment(None, directives)
            self._plan_selections(_moved(position, fragment.selections), selection_set.selections)
            return
        if not self._may_overlap(here, condition):
            return
        graph = position.group.graph
        target = self.types[condition]
        if graph not in target.subgraphs and not self._graph_knows_any(graph, condition):
            if self._is_interface_object_here(position):
                # This subgraph only knows the interface: ask one that knows the implementations.
                jumped = self._jump_to(position, self._interface_entity_targets(position))
                self._plan_fragment(jumped, condition, directives, selection_set)
            return  # otherwise this subgraph never returns such objects
        if graph not in target.subgraphs:
            # The subgraph knows some implementations but not the abstract type itself:
            # ask type by type.
            possible = self.planner.supergraph.possible_types
            overlap = set(possible.get(here, [here])) & set(possible.get(condition, [condition]))
            for concrete in sorted(overlap):
                if self._graph_returns(graph, concrete):
                    self._plan_fragment(position, concrete, directives, selection_set)
            return
        if self.types[here].kind.value == "OBJECT":
            # The objects here are all of type `here`: a condition that holds adds nothing.
            self._plan_fragment(position, None, directives, selection_set)
            return
        fragment = position.builder.add_fragment(condition, directives)
        position.builder.add_internal_field("__typename")
        inner = Position(
            position.group,
            fragment.selections,
            condition,
            position.path,
            position.provided,
            position.entity_top,
            position.static_type or position.type_name,
        )
        self._plan_selections(inner, selection_set.selections)

    def _plan_field(self, position: Position, node: FieldNode) -> None:
        name = node.name.value
        if name == "__typename":
            if self._is_interface_object_here(position) and self._interface_entity_targets(
                position
            ):
                # The interface object cannot tell the concrete type: a subgraph that can.
                position = self._jump_to(position, self._interface_entity_targets(position))
            position.builder.add_field(
                "__typename",
                alias=node.alias.value if node.alias else None,
                directives=tuple(node.directives or ()),
            )
            return
        owner = self.types[position.type_name]
        definition = self._field(owner, name)
        if owner.is_abstract:
            if self._abstract_field_here(owner, definition, position):
                self._add_here(position, node, definition)
            elif self._is_interface_object_here(position) or not self._explodable(position):
                targets = self._targets(owner.name, definition)
                if not targets:
                    raise PlanningError(
                        f"no subgraph can resolve {owner.name}.{definition.name} from "
                        f"{self._graph_name(position.group.graph)}"
                    )
                self._plan_field(self._jump_to(position, targets), node)
            else:
                self._explode(position, node)
            return
        if self._resolvable_here(position, definition):
            self._add_here(position, node, definition)
            return
        target = self._jump(position, definition)
        self._plan_field(target, node)

    def _add_here(self, position: Position, node: FieldNode, definition: FieldDef) -> None:
        composite = self.types[definition.named_type].is_composite
        selection = position.builder.add_field(
            definition.name,
            alias=node.alias.value if node.alias else None,
            arguments=tuple(node.arguments or ()),
            directives=tuple(node.directives or ()),
            composite=composite,
        )
        self._mark(position.group)
        if composite and node.selection_set is not None:
            assert selection.selections is not None
            inner = self._descend(position, definition, selection)
            self._plan_selections(inner, node.selection_set.selections)

    def _descend(
        self, position: Position, definition: FieldDef, selection: FieldSelection
    ) -> Position:
        assert selection.selections is not None
        provided: Provided | None = None
        if position.provided is not None and definition.name in position.provided:
            provided = position.provided[definition.name]
        source = definition.sources.get(position.group.graph)
        if source is not None and source.provides is not None:
            provided = _merge_provided(provided, _provided(source.provides))
        path = position.path + (selection.response_key,) + (LIST,) * definition.type.count("[")
        return Position(
            position.group,
            selection.selections,
            definition.named_type,
            path,
            provided,
            static_type=definition.named_type,
        )

    def _explodable(self, position: Position) -> bool:
        """Whether this subgraph returns any concrete type of the abstract type here."""
        return any(
            self._graph_returns(position.group.graph, possible)
            for possible in self.planner.supergraph.possible_types.get(position.type_name, [])
        )

    def _explode(self, position: Position, node: FieldNode) -> None:
        """Ask for the field type by type: the subgraphs differ on who resolves it."""
        position.builder.add_internal_field("__typename")
        for possible in self.planner.supergraph.possible_types.get(position.type_name, []):
            if not self._graph_returns(position.group.graph, possible):
                continue
            fragment = position.builder.add_fragment(possible)
            inner = Position(
                position.group,
                fragment.selections,
                possible,
                position.path,
                position.provided,
                static_type=position.static_type or position.type_name,
            )
            self._plan_field(inner, node)

    # Where a field can be resolved

    def _resolvable_here(self, position: Position, definition: FieldDef) -> bool:
        graph = position.group.graph
        source = definition.sources.get(graph)
        if source is None:
            return False
        if position.provided is not None and definition.name in position.provided:
            return True
        if not definition.resolvable_in(graph):
            return False
        if source.requires is not None:
            # Requirements travel in the representation: only at the top of an entity fetch.
            return (
                position.entity_top
                and position.group.is_entity
                and self._ensure_requirements(position, source.requires)
            )
        return True

    def _abstract_field_here(
        self, owner: TypeDef, definition: FieldDef, position: Position
    ) -> bool:
        graph = position.group.graph
        if not self._resolvable_here(position, definition):
            return False
        for possible in self.planner.supergraph.possible_types.get(owner.name, []):
            if not self._graph_returns(graph, possible):
                continue
            concrete = self.types[possible].fields.get(definition.name)
            if concrete is None or not (
                (concrete.resolvable_in(graph) and concrete.sources[graph].requires is None)
                or (position.provided is not None and definition.name in position.provided)
            ):
                return False
        return True

    def _graph_returns(self, graph: str, type_name: str) -> bool:
        return graph in self.types[type_name].subgraphs

    def _graph_knows_any(self, graph: str, abstract: str) -> bool:
        return any(
            self._graph_returns(graph, possible)
            for possible in self.planner.supergraph.possible_types.get(abstract, [])
        )

    def _may_overlap(self, here: str, condition: str) -> bool:
        possible = self.planner.supergraph.possible_types
        mine = set(possible.get(here, [here]))
        theirs = set(possible.get(condition, [condition]))
        return bool(mine & theirs)

    # Entity jumps

    def _jump(self, position: Position, definition: FieldDef) -> Position:
        """A position in a fetch of another subgraph that can resolve ``definition``."""
        targets = self._targets(position.type_name, definition)
        if not targets:
            raise PlanningError(
                f"no subgraph can resolve {position.type_name}.{definition.name} from "
                f"{self._graph_name(position.group.graph)}: no entity key leads there"
            )
        return self._jump_to(position, targets)

    def _targets(self, type_name: str, definition: FieldDef) -> list[_Target]:
        """Where a field of ``type_name`` objects can be resolved through an entity key."""
        owner = self.types[type_name]
        targets = [
            _Target(graph, type_name, self._typename_as(type_name, graph))
            for graph in definition.resolving_graphs
            if owner.is_entity_in(graph)
        ]
        if owner.kind.value == "OBJECT":
            # A field an interface object adds to every implementation (@interfaceObject).
            for interface in owner.interfaces:
                inherited = self.types[interface].fields.get(definition.name)
                if inherited is None:
                    continue
                for graph in inherited.resolving_graphs:
                    here = self.types[interface].subgraphs.get(graph)
                    if here is not None and here.is_interface_object and here.resolvable_keys:
                        targets.append(_Target(graph, interface, interface))
        return targets

    def _typename_as(self, type_name: str, graph: str) -> str | None:
        here = self.types[type_name].subgraphs.get(graph)
        return type_name if here is not None and here.is_interface_object else None

    def _jump_to(self, position: Position, targets: list[_Target]) -> Position:
        self.jumps += 1
        if self.jumps > 10_000:
            raise PlanningError("the operation needs more entity jumps than the planner allows")
        origins = list(_origins(position))
        # Reuse a fetch already planned for these objects, else jump from the shallowest
        # fetch that can supply a key, so independent jumps run side by side.
        for origin in origins:
            for target in targets:
                existing = self.children.get(self._child_key(origin, target))
                if existing is not None:
                    return self._entity_position(existing, origin, target)
        for origin in reversed(origins):
            for target in targets:
                key = self._collectable_key(origin, target)
                if key is not None:
                    return self._entity_position(self._child(origin, target, key), origin, target)
        target = targets[0]
        keys = self.types[target.entity_type].subgraphs[target.graph].resolvable_keys
        return self._entity_position(self._child(position, target, keys[0]), position, target)

    def _child_key(
        self, origin: Position, target: _Target
    ) -> tuple[int, str, tuple[str, ...], str, str | None]:
        return (origin.group.id, target.graph, origin.path, origin.type_name, target.entity_type)

    def _child(self, origin: Position, target: _Target, key: Key) -> Group:
        group = self._new_group(target.graph, root=False)
        group.origin = origin
        group.depends_on.add(origin.group.id)
        specs, touched = self._collect_tracked(origin, key.fields)
        group.depends_on |= touched - {group.id}
        origin.builder.add_internal_field("__typename")
        static = self.types[origin.static_type or origin.type_name]
        filtered = static.is_abstract and bool(origin.path) and origin.path[-1] == LIST
        group.inputs.append(
            _Input(origin.path, origin.type_name, specs, target.typename_as, filtered)
        )
        self.children[self._child_key(origin, target)] = group
        return group

    def _entity_position(self, group: Group, origin: Position, target: _Target) -> Position:
        builder = group.fragments.setdefault(target.entity_type, SelectionSetBuilder())
        return Position(group, builder, target.entity_type, origin.path, None, entity_top=True)

    def _interface_entity_targets(self, position: Position) -> list[_Target]:
        """Graphs that know the abstract type here as an entity interface (real implementations)."""
        interface = self.types[position.type_name]
        return [
            _Target(graph, interface.name, None)
            for graph, here in interface.subgraphs.items()
            if not here.is_interface_object
            and here.resolvable_keys
            and graph != position.group.graph
        ]

    def _is_interface_object_here(self, position: Position) -> bool:
        here = self.types[position.type_name].subgraphs.get(position.group.graph)
        return here is not None and here.is_interface_object

    def _collectable_key(self, origin: Position, target: _Target) -> Key | None:
        entity = self.types[target.entity_type].subgraphs[target.graph]
        for key in entity.resolvable_keys:
            if self._available(origin, origin.type_name, key.fields):
                return key
        return None

    def _available(
        self, position: Position, type_name: str, selection_set: SelectionSetNode
    ) -> bool:
        """Whether the fetch at ``position`` can resolve every field of ``selection_set``."""
        owner = self.types[type_name]
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                if name == "__typename":
                    continue
                definition = owner.fields.get(name)
                if definition is None:
                    return False
                provided = position.provided is not None and name in position.provided
                graph = position.group.graph
                local = definition.resolvable_in(graph) and (
                    definition.sources[graph].requires is None
                )
                if not (local or provided):
                    return False
                if selection.selection_set is not None and not self._available(
                    Position(position.group, position.builder, definition.named_type, ()),
                    definition.named_type,
                    selection.selection_set,
                ):
                    return False
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    selection.type_condition.name.value if selection.type_condition else type_name
                )
                if not self._available(position, condition, selection.selection_set):
                    return False
        return True

    def _ensure_requirements(self, position: Position, requires: SelectionSetNode) -> bool:
        group = position.group
        origin = group.origin
        assert origin is not None
        entry = next(i for i in group.inputs if i.type_name == position.type_name)
        specs, touched = self._collect_tracked(origin, requires)
        group.depends_on |= touched - {group.id}
        _merge_specs(entry.requires, specs)
        return True

    def _collect_tracked(
        self, position: Position, selection_set: SelectionSetNode
    ) -> tuple[list[ValueSpec], set[int]]:
        """:meth:`_collect`, and the groups that will hold what it collected."""
        before = self.touched
        self.touched = set()
        try:
            specs = self._collect(position, selection_set)
            touched = self.touched
        finally:
            if before is not None:
                before |= self.touched
            self.touched = before
        return specs, touched

    def _collect(self, position: Position, selection_set: SelectionSetNode) -> list[ValueSpec]:
        """Fetch ``selection_set`` for the gateway's own use; returns where each value lands."""
        specs: list[ValueSpec] = []
        owner = self.types[position.type_name]
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                _merge_specs(specs, self._collect(position, selection.selection_set))
                continue
            if not isinstance(selection, FieldNode):
                continue
            name = selection.name.value
            if name == "__typename":
                position.builder.add_internal_field("__typename")
                continue
            definition = self._field(owner, name)
            here = position
            if not self._resolvable_here(position, definition):
                here = self._jump(position, definition)
            composite = self.types[definition.named_type].is_composite
            added = here.builder.add_internal_field(
                name, arguments=tuple(selection.arguments or ()), composite=composite
            )
            self._mark(here.group)
            inner: list[ValueSpec] | None = None
            if composite and selection.selection_set is not None:
                inner = self._collect(
                    self._descend(here, definition, added), selection.selection_set
                )
                inner.insert(0, ValueSpec("__typename", "__typename"))
                _ensure_typename(added)
            _merge_specs(specs, [ValueSpec(added.response_key, name, _frozen(inner))])
        return specs

    # Groups

    def _new_group(self, graph: str, *, root: bool) -> Group:
        group = Group(id=next(self.ids), graph=graph, root=SelectionSetBuilder() if root else None)
        self.groups.append(group)
        return group

    def _mark(self, group: Group) -> None:
        if self.touched is not None:
            self.touched.add(group.id)

    def _batch(self, groups: list[Group]) -> list[Group]:
        """Merge entity fetches to the same subgraph at the same step into one."""
        groups = _topological(groups)
        by_id = {group.id: group for group in groups}
        depth: dict[int, int] = {}
        for group in groups:
            depth[group.id] = 1 + max(
                (depth[d] for d in group.depends_on if d in by_id), default=-1
            )
        merged_into: dict[int, int] = {}
        kept: list[Group] = []
        first: dict[tuple[int, str], Group] = {}
        for group in groups:
            if not group.is_entity:
                kept.append(group)
                continue
            slot = (depth[group.id], group.graph)
            target = first.get(slot)
            if target is not None and _mergeable(target, group):
                _absorb(target, group)
                merged_into[group.id] = target.id
                continue
            first.setdefault(slot, group)
            kept.append(group)
        for group in kept:
            group.depends_on = {merged_into.get(d, d) for d in group.depends_on} - {group.id}
        return _topological(kept)

    def _fetch(self, group: Group, groups: list[Group]) -> Fetch:
        known = {g.id for g in groups}
        if group.root is not None:
            selection_set = group.root.to_ast()
            body = print_ast(selection_set)
        else:
            fragments = " ".join(
                f"... on {type_name} {print_ast(builder.to_ast())}"
                for type_name, builder in group.fragments.items()
            )
            body = f"{{ _entities(representations: $representations) {{ {fragments} }} }}"
            selection_set = None
        used = _variables_used(body)
        definitions = [
            definition
            for definition in self.operation.variable_definitions or ()
            if definition.variable.name.value in used
        ]
        declared = ", ".join(_print_variable(definition) for definition in definitions)
        if group.is_entity:
            declared = "$representations: [_Any!]!" + (", " + declared if declared else "")
        keyword = self.operation.operation.value if group.root is not None else "query"
        header = f"{keyword}({declared}) " if declared else f"{keyword} "
        del selection_set
        return Fetch(
            id=group.id,
            service=group.graph,
            operation=strip_ignored_characters(header + body),
            variable_usages=tuple(d.variable.name.value for d in definitions),
            entities=tuple(
                EntityInput(
                    path=item.path,
                    type_names=frozenset({*self._concrete(item.type_name), item.type_name}),
                    requires=tuple(item.requires),
                    typename_as=item.typename_as,
                    filtered=item.filtered,
                )
                for item in group.inputs
            ),
            depends_on=tuple(sorted(d for d in group.depends_on if d in known)),
        )

    def _concrete(self, type_name: str) -> list[str]:
        return self.planner.supergraph.possible_types.get(type_name, [type_name])

    def _field(self, owner: TypeDef, name: str) -> FieldDef:
        definition = owner.fields.get(name)
        if definition is None:
            raise PlanningError(f"{owner.name} has no field {name}")
        return definition

    def _graph_name(self, graph: str) -> str:
        subgraph = self.planner.supergraph.subgraphs.get(graph)
        return subgraph.name if subgraph else graph


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        if len(operations) != 1:
            raise PlanningError("the document has several operations: name one")
        return operations[0]
    for operation in operations:
        if operation.name is not None and operation.name.value == name:
            return operation
    raise PlanningError(f'unknown operation named "{name}"')


def _topological(groups: list[Group]) -> list[Group]:
    """Groups ordered so each comes after every group it depends on."""
    by_id = {group.id: group for group in groups}
    ordered: list[Group] = []
    state: dict[int, int] = {}

    def visit_group(group: Group) -> None:
        mark = state.get(group.id)
        if mark == 2:
            return
        if mark == 1:
            raise PlanningError("the plan has a dependency cycle")
        state[group.id] = 1
        for dependency in sorted(group.depends_on):
            if dependency in by_id:
                visit_group(by_id[dependency])
        state[group.id] = 2
        ordered.append(group)

    for group in groups:
        visit_group(group)
    return ordered


def _origins(position: Position) -> Iterator[Position]:
    """The position and, for the top of an entity fetch, where its objects came from."""
    current: Position | None = position
    while current is not None:
        yield current
        current = current.group.origin if current.entity_top else None


def _moved(position: Position, builder: SelectionSetBuilder) -> Position:
    return Position(
        position.group,
        builder,
        position.type_name,
        position.path,
        position.provided,
        position.entity_top,
    )


def _provided(selection_set: SelectionSetNode) -> Provided:
    provided: Provided = {}
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            inner = _provided(selection.selection_set) if selection.selection_set else None
            provided[selection.name.value] = _merge_provided(
                provided.get(selection.name.value), inner
            )
        elif isinstance(selection, InlineFragmentNode):
            for name, inner in _provided(selection.selection_set).items():
                provided[name] = _merge_provided(provided.get(name), inner)
    return provided


def _merge_provided(left: Provided | None, right: Provided | None) -> Provided | None:
    if left is None:
        return right
    if right is None:
        return left
    merged = dict(left)
    for name, inner in right.items():
        merged[name] = _merge_provided(merged.get(name), inner)
    return merged


def _merge_specs(into: list[ValueSpec], more: list[ValueSpec]) -> None:
    for spec in more:
        for index, existing in enumerate(into):
            if existing.key == spec.key and existing.name == spec.name:
                if spec.selections is not None:
                    combined = list(existing.selections or ())
                    _merge_specs(combined, list(spec.selections))
                    into[index] = ValueSpec(existing.key, existing.name, tuple(combined))
                break
        else:
            into.append(spec)


def _frozen(specs: list[ValueSpec] | None) -> tuple[ValueSpec, ...] | None:
    return tuple(specs) if specs is not None else None


def _ensure_typename(selection: FieldSelection) -> None:
    if selection.selections is not None:
        selection.selections.add_internal_field("__typename")


def _has_work(group: Group) -> bool:
    if group.root is not None:
        return bool(group.root)
    return any(bool(builder) for builder in group.fragments.values())


def _mergeable(target: Group, group: Group) -> bool:
    for type_name, builder in group.fragments.items():
        existing = target.fragments.get(type_name)
        if existing is not None and not existing.compatible_with(builder):
            return False
    return True


def _absorb(target: Group, group: Group) -> None:
    for type_name, builder in group.fragments.items():
        existing = target.fragments.get(type_name)
        if existing is None:
            target.fragments[type_name] = builder
        else:
            existing.merge(builder)
    target.inputs.extend(group.inputs)
    target.depends_on |= group.depends_on


class _VariableCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_variable(self, node: VariableNode, *_: object) -> None:
        self.names.add(node.name.value)


def _variables_used(body: str) -> set[str]:
    from graphql import parse

    collector = _VariableCollector()
    visit(parse(body), collector)
    collector.names.discard("representations")
    return collector.names


def _print_variable(definition: VariableDefinitionNode) -> str:
    text = f"${definition.variable.name.value}: {print_ast(definition.type)}"
    if definition.default_value is not None:
        text += f" = {print_ast(definition.default_value)}"
    return text
