"""Satisfiability, approximated: can every field be fetched wherever a query reaches it?

A query reaches an object type in some subgraph, through a root field or a field returning
it. From there the planner may move to another subgraph only through one of the type's
resolvable keys, whose fields it must already have. A field none of the subgraphs reachable
that way resolves cannot be fetched: Apollo rejects such a supergraph, and so does this.

This follows keys by their top-level fields only and ignores ``@requires`` conditions, so it
finds fewer problems than Apollo's full check, never more.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from graphql import FieldNode, GraphQLError, InlineFragmentNode, SelectionSetNode

from gateway.composition.errors import CompositionIssue
from gateway.composition.fieldset import parse_field_set, top_level_fields
from gateway.composition.model import MergedField, MergedType, Supergraph
from gateway.composition.subgraph import TypeKind
from gateway.composition.typeref import named_type

__all__ = ["check_satisfiability"]

Provided = tuple[tuple[str, "Provided"], ...]
"""Fields a ``@provides`` makes available below a field, as a hashable tree."""


def _provided(selection_set: SelectionSetNode) -> Provided:
    entries: dict[str, Provided] = {}
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            below = _provided(selection.selection_set) if selection.selection_set else ()
            entries[selection.name.value] = below
        elif isinstance(selection, InlineFragmentNode):
            entries.update(_provided(selection.selection_set))
    return tuple(sorted(entries.items()))


@dataclass(frozen=True, slots=True)
class _State:
    """The query has reached ``type_name``, fetched from subgraph ``graph``."""

    type_name: str
    graph: str
    provided: Provided


@dataclass(frozen=True, slots=True)
class _Step:
    parent: _State | None
    field: str
    type_condition: str | None


class _Checker:
    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.types = supergraph.types
        self.names = {value: name for value, name, _ in supergraph.graphs}
        self.issues: list[CompositionIssue] = []
        self.reported: set[tuple[str, str]] = set()
        self.steps: dict[_State, _Step] = {}

    # --- what the supergraph says --------------------------------------------------------

    def graphs_of(self, type_: MergedType) -> list[str]:
        return list(dict.fromkeys(join.graph for join in type_.join_types))

    def resolvers(self, type_: MergedType, field: MergedField) -> list[str]:
        """Subgraphs that resolve the field themselves."""
        if not field.join_fields:
            return self.graphs_of(type_)
        return [
            join.graph
            for join in field.join_fields
            if join.graph is not None and not join.external and not join.used_overridden
        ]

    def provides(self, field: MergedField, graph: str) -> Provided:
        for join in field.join_fields:
            if join.graph == graph and join.provides is not None:
                try:
                    return _provided(parse_field_set(join.provides))
                except GraphQLError:
                    return ()
        return ()

    def possible_types(self, type_name: str, graph: str) -> list[str] | None:
        """Object types a field of this type may return in ``graph``; ``None``: unknown."""
        type_ = self.types.get(type_name)
        if type_ is None:
            return []
        if type_.kind is TypeKind.OBJECT:
            return [type_name]
        if type_.kind is TypeKind.UNION:
            return [member for g, member in type_.join_members if g == graph]
        if type_.kind is TypeKind.INTERFACE:
            if any(join.graph == graph and join.is_interface_object for join in type_.join_types):
                return None
            return [
                candidate.name
                for candidate in self.types.values()
                if candidate.kind is TypeKind.OBJECT
                and (graph, type_name) in candidate.join_implements
            ]
        return []

    # --- the walk -----------------------------------------------------------------------

    def reachable(self, state: _State) -> tuple[list[str], set[str]]:
        """Subgraphs the planner can move to from ``state``, and the fields they resolve."""
        type_ = self.types[state.type_name]
        reach = [state.graph]
        available = {name for name, _ in state.provided}
        available |= self.resolved_in(type_, state.graph)
        moved = True
        while moved:
            moved = False
            for join in type_.join_types:
                if join.graph in reach or join.key is None or not join.resolvable:
                    continue
                if set(top_level_fields(join.key)) <= available:
                    reach.append(join.graph)
                    available |= self.resolved_in(type_, join.graph)
                    moved = True
        return reach, available

    def resolved_in(self, type_: MergedType, graph: str) -> set[str]:
        return {
            name for name, field in type_.fields.items() if graph in self.resolvers(type_, field)
        }

    def run(self, roots: Sequence[str]) -> list[CompositionIssue]:
        queue: deque[_State] = deque()
        for root_name in roots:
            root = self.types[root_name]
            for field in root.fields.values():
                for graph in self.resolvers(root, field):
                    self.enqueue(queue, None, field, graph, self.provides(field, graph))
        while queue:
            self.visit(queue, queue.popleft())
        return self.issues

    def enqueue(
        self,
        queue: deque[_State],
        parent: _State | None,
        field: MergedField,
        graph: str,
        provided: Provided,
    ) -> None:
        target = named_type(field.type) if field.type is not None else ""
        possible = self.possible_types(target, graph)
        for type_name in possible or ():
            state = _State(type_name, graph, provided)
            if state in self.steps:
                continue
            condition = type_name if type_name != target else None
            self.steps[state] = _Step(parent, field.name, condition)
            queue.append(state)

    def visit(self, queue: deque[_State], state: _State) -> None:
        type_ = self.types[state.type_name]
        reach, available = self.reachable(state)
        provided = dict(state.provided)
        for field in type_.fields.values():
            if field.inaccessible:
                continue
            if field.name not in available:
                if field.join_fields and all(join.graph is None for join in field.join_fields):
                    continue  # resolved through an @interfaceObject, which this does not follow
                self.report(state, type_, field, reach)
                continue
            for graph in reach:
                if graph in self.resolvers(type_, field):
                    below = self.provides(field, graph) if graph == state.graph else ()
                    self.enqueue(queue, state, field, graph, below)
            if field.name in provided:
                self.enqueue(queue, state, field, state.graph, provided[field.name])

    # --- the message --------------------------------------------------------------------

    def report(
        self, state: _State, type_: MergedType, field: MergedField, reach: list[str]
    ) -> None:
        if (type_.name, field.name) in self.reported:
            return
        self.reported.add((type_.name, field.name))
        coordinate = f"{type_.name}.{field.name}"
        reasons = [f'  - cannot find field "{coordinate}".']
        for graph in self.resolvers(type_, field):
            name = self.names[graph]
            keys = [
                join.key
                for join in type_.join_types
                if join.graph == graph and join.key is not None and join.resolvable
            ]
            if not keys:
                reasons.append(
                    f'  - cannot move to subgraph "{name}", which has field "{coordinate}", '
                    f'because type "{type_.name}" has no @key defined in subgraph "{name}".'
                )
            for key in keys:
                reasons.append(
                    f'  - cannot move to subgraph "{name}" using @key(fields: "{key}") of '
                    f'"{type_.name}", the key field(s) cannot be resolved from subgraph '
                    f'"{self.names[state.graph]}".'
                )
        origin = self.names[state.graph]
        message = "\n".join(
            [
                "The following supergraph API query:",
                self.query(state, field),
                "cannot be satisfied by the subgraphs because:",
                f'- from subgraph "{origin}":',
                *reasons,
            ]
        )
        subgraphs = (origin, *(self.names[graph] for graph in self.resolvers(type_, field)))
        self.issues.append(
            CompositionIssue(
                code="SATISFIABILITY_ERROR",
                message=message,
                subgraphs=tuple(dict.fromkeys(subgraphs)),
                type_name=type_.name,
                field_name=field.name,
            )
        )

    def query(self, state: _State, field: MergedField) -> str:
        """The smallest query reaching ``field`` from ``state``, as Apollo prints it."""
        leaf_type = self.types.get(named_type(field.type)) if field.type is not None else None
        composite = leaf_type is not None and leaf_type.kind in (
            TypeKind.OBJECT,
            TypeKind.INTERFACE,
            TypeKind.UNION,
        )
        path = list(self.path(state))
        lines: list[str] = ["{"]
        depth = 1
        for step in path:
            lines.append("  " * depth + f"{step.field} {{")
            depth += 1
            if step.type_condition is not None:
                lines.append("  " * depth + f"... on {step.type_condition} {{")
                depth += 1
        if composite:
            lines.extend(
                ["  " * depth + f"{field.name} {{", "  " * (depth + 1) + "...", "  " * depth + "}"]
            )
        else:
            lines.append("  " * depth + field.name)
        while depth > 0:
            depth -= 1
            lines.append("  " * depth + "}")
        return "\n".join(lines)

    def path(self, state: _State) -> Iterator[_Step]:
        steps: list[_Step] = []
        current: _State | None = state
        while current is not None:
            step = self.steps[current]
            steps.append(step)
            current = step.parent
        return reversed(steps)


def check_satisfiability(supergraph: Supergraph) -> list[CompositionIssue]:
    """Report fields that no query plan can fetch where a query may reach them."""
    return _Checker(supergraph).run(list(supergraph.roots.values()))
