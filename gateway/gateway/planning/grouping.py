"""Fetch groups: the fetches of a plan while it is being built, and how they merge.

Each group becomes one request to one subgraph: a root fetch (selections on the root type) or
an ``_entities`` fetch (one ``... on Type`` selection per entity type, fed from inputs found at
paths of earlier fetches). Once every selection is placed, entity groups that ask the same
subgraph the same selections at the same step are merged, so independent jumps batch into one
request.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from gateway.planning.conditions import Provided, narrowed_provision
from gateway.planning.graph import Node
from gateway.planning.plan import ValueSpec
from gateway.planning.selections import FieldSelection, SelectionSetBuilder


class PlanningError(Exception):
    """The operation cannot be planned over these subgraphs (a composition gap)."""


@dataclass
class Input:
    """Where an entity group's objects are, and the representation sent for each."""

    path: tuple[str, ...]
    type_name: str
    requires: list[ValueSpec]
    typename_as: str | None = None
    filtered: bool = False


@dataclass
class Group:
    """One future fetch: a subgraph and the selections it will be asked for."""

    id: int
    graph: str
    root: SelectionSetBuilder | None = None
    """Root fetch: selections on the root type."""
    fragments: dict[str, SelectionSetBuilder] = field(default_factory=dict)
    """Entity fetch: one ``... on Type`` selection per entity type."""
    inputs: list[Input] = field(default_factory=list)
    depends_on: set[int] = field(default_factory=set)
    origin: Position | None = None
    """Where the entity objects were fetched (the parent position of this jump)."""

    @property
    def is_entity(self) -> bool:
        """Whether this group is an ``_entities`` fetch."""
        return self.root is None

    @property
    def has_work(self) -> bool:
        """Whether anything was placed in the group."""
        if self.root is not None:
            return bool(self.root)
        return any(bool(builder) for builder in self.fragments.values())


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
    parent: Position | None = None
    """The position this one was reached from in the same fetch (none at a fetch's top)."""
    via: FieldSelection | None = None
    """The field followed from ``parent`` (none when a type condition narrowed ``parent``)."""
    plain: Position | None = None
    """The same place outside the ``@skip``/``@include`` fragments around this one (none when
    there are none): what the gateway itself needs here (keys, requirements) goes there, so it
    is fetched whatever the client's conditions say."""

    @property
    def unconditional(self) -> Position:
        """This place, or the same place outside the conditions around it."""
        return self.plain or self

    @property
    def node(self) -> Node:
        """The query graph node this position stands at."""
        return Node(self.type_name, self.group.graph)

    def moved(self, builder: SelectionSetBuilder) -> Position:
        """The same place, filling another selection set (a fragment's)."""
        return Position(
            self.group,
            builder,
            self.type_name,
            self.path,
            self.provided,
            self.entity_top,
            self.static_type,
            self.parent,
            self.via,
            self.unconditional,
        )

    def narrowed(self, builder: SelectionSetBuilder, type_name: str) -> Position:
        """Inside a type condition: the same objects, known to be of ``type_name`` (and the
        same condition outside the client's ``@skip``/``@include`` around this place)."""
        plain = None
        if self.plain is not None:
            self.plain.builder.add_internal_field("__typename")
            outside = self.plain.builder.add_fragment(type_name)  # empty ones are not sent
            plain = self.plain.narrowed(outside.selections, type_name)
        return Position(
            self.group,
            builder,
            type_name,
            self.path,
            narrowed_provision(self.provided, type_name),
            self.entity_top,
            self.static_type or self.type_name,
            parent=self,
            plain=plain,
        )

    def steps(self, top: Position) -> list[Position]:
        """The positions from below ``top`` down to this one, each with its ``via`` (a field
        followed) or none (a type condition)."""
        steps: list[Position] = []
        current: Position | None = self
        while current is not None and current is not top:
            steps.append(current)
            current = current.parent
        steps.reverse()
        return steps

    def origins(self) -> Iterator[Position]:
        """This position and, at the top of an entity fetch, where its objects came from."""
        current: Position | None = self
        while current is not None:
            yield current
            current = current.group.origin if current.entity_top else None


ChildKey = tuple[int, str, tuple[str, ...], str, str]


class FetchGroups:
    """The groups of one plan under construction."""

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.children: dict[ChildKey, Group] = {}
        """Entity groups by (origin group, head graph, path, origin type, head type)."""
        self.roots: dict[str, Group] | None = None
        """Root groups of a query by subgraph; none for a mutation, whose root fields run
        once each, in order."""
        self._ids = itertools.count()
        self._touched: list[set[int]] = []

    def new(self, graph: str, *, root: bool) -> Group:
        """A new, empty group."""
        group = Group(id=next(self._ids), graph=graph, root=SelectionSetBuilder() if root else None)
        self.groups.append(group)
        return group

    def mark(self, group: Group) -> None:
        """Note that something was placed in ``group`` (for :meth:`tracking`)."""
        for touched in self._touched:
            touched.add(group.id)

    def start_tracking(self) -> None:
        """Start noting the groups that receive selections."""
        self._touched.append(set())

    def stop_tracking(self) -> set[int]:
        """The groups noted since the matching :meth:`start_tracking`."""
        return self._touched.pop()

    def with_work(self) -> list[Group]:
        """The groups something was placed in."""
        return [group for group in self.groups if group.has_work]

    def depth(self) -> int:
        """Number of sequential steps of the groups with work."""
        groups = {group.id: group for group in self.with_work()}
        depth: dict[int, int] = {}
        for group in ordered(list(groups.values())):
            depth[group.id] = 1 + max((depth[d] for d in group.depends_on if d in depth), default=0)
        return max(depth.values(), default=0)


def batched(groups: list[Group]) -> list[Group]:
    """Merge entity groups that ask the same subgraph the same selections at the same step."""
    groups = ordered(groups)
    by_id = {group.id: group for group in groups}
    depth: dict[int, int] = {}
    for group in groups:
        depth[group.id] = 1 + max((depth[d] for d in group.depends_on if d in by_id), default=-1)
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
    return ordered(kept)


def ordered(groups: list[Group]) -> list[Group]:
    """Groups ordered so each comes after every group it depends on."""
    by_id = {group.id: group for group in groups}
    result: list[Group] = []
    state: dict[int, int] = {}

    def visit(group: Group) -> None:
        mark = state.get(group.id)
        if mark == 2:
            return
        if mark == 1:
            raise PlanningError("the plan has a dependency cycle")
        state[group.id] = 1
        for dependency in sorted(group.depends_on):
            if dependency in by_id:
                visit(by_id[dependency])
        state[group.id] = 2
        result.append(group)

    for group in groups:
        visit(group)
    return result


def _mergeable(target: Group, group: Group) -> bool:
    """Whether one fetch can serve both groups: each type they share is asked the same
    selections (asking one group's objects for the other's fields could overwrite values that
    reached them another way, through a ``@provides``)."""
    for type_name, builder in group.fragments.items():
        existing = target.fragments.get(type_name)
        if existing is not None and existing.to_ast() != builder.to_ast():
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
