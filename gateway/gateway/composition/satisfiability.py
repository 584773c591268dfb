"""Satisfiability, approximated: can every field be fetched wherever a query reaches it?

A query reaches an object type in some subgraph, through a root field or a field returning
it. From there the planner may move to another subgraph only through one of the type's
resolvable keys, whose fields it must already have. A field none of the subgraphs reachable
that way resolves cannot be fetched: Apollo rejects such a supergraph, and so does this.

This follows keys by their top-level fields only and ignores ``@requires`` conditions, so it
is meant to find fewer problems than Apollo's full check, not more.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
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
class _Option:
    """A subgraph a query may have reached a type in, with what ``@provides`` gave it."""

    graph: str
    provided: Provided


_ANYWHERE = _Option("", ())
"""A root type: every subgraph resolves its own root fields."""


@dataclass(frozen=True, slots=True)
class _Node:
    """A query path ends at ``type_name``, reached in any of ``options``."""

    type_name: str
    options: frozenset[_Option]


@dataclass(frozen=True, slots=True)
class _Step:
    parent: _Node | None
    field: str
    type_condition: str | None


class _Checker:
    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.types = supergraph.types
        self.roots = set(supergraph.roots.values())
        self.names = {value: name for value, name, _ in supergraph.graphs}
        self.issues: list[CompositionIssue] = []
        self.reported: set[tuple[str, str]] = set()
        self.steps: dict[_Node, _Step] = {}
        self.reach_cache: dict[tuple[str, _Option], tuple[list[str], set[str]]] = {}

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

    def resolved_in(self, type_: MergedType, graph: str) -> set[str]:
        return {
            name for name, field in type_.fields.items() if graph in self.resolvers(type_, field)
        }

    def reachable(self, type_: MergedType, option: _Option) -> tuple[list[str], set[str]]:
        """Subgraphs the planner can move to from ``option``, and the fields they resolve."""
        cached = self.reach_cache.get((type_.name, option))
        if cached is not None:
            return cached
        reach = [option.graph]
        available = {name for name, _ in option.provided} | self.resolved_in(type_, option.graph)
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
        self.reach_cache[type_.name, option] = (reach, available)
        return reach, available

    # --- the walk -----------------------------------------------------------------------

    def run(self) -> list[CompositionIssue]:
        queue: deque[_Node] = deque()
        for root in self.supergraph.roots.values():
            node = _Node(root, frozenset({_ANYWHERE}))
            self.steps[node] = _Step(None, "", None)
            queue.append(node)
        while queue:
            self.visit(queue, queue.popleft())
        return self.issues

    def choices(self, type_: MergedType, field: MergedField, option: _Option) -> list[_Option]:
        """Where the field can be fetched from, having reached the type as ``option``."""
        if option == _ANYWHERE or type_.name in self.roots:
            return [
                _Option(graph, self.provides(field, graph))
                for graph in self.resolvers(type_, field)
            ]
        reach, available = self.reachable(type_, option)
        if field.name not in available:
            return []
        resolvers = self.resolvers(type_, field)
        choices = [
            _Option(graph, self.provides(field, graph) if graph == option.graph else ())
            for graph in reach
            if graph in resolvers
        ]
        provided = dict(option.provided)
        if field.name in provided:
            choices.append(_Option(option.graph, provided[field.name]))
        return choices

    def visit(self, queue: deque[_Node], node: _Node) -> None:
        type_ = self.types[node.type_name]
        for field in type_.fields.values():
            if field.inaccessible:
                continue
            choices = [
                choice for option in node.options for choice in self.choices(type_, field, option)
            ]
            if not choices:
                if field.join_fields and all(join.graph is None for join in field.join_fields):
                    continue  # resolved through an @interfaceObject, which this does not follow
                self.report(node, type_, field)
                continue
            self.follow(queue, node, field, choices)

    def follow(
        self, queue: deque[_Node], parent: _Node, field: MergedField, choices: list[_Option]
    ) -> None:
        target = named_type(field.type) if field.type is not None else ""
        by_type: dict[str, set[_Option]] = {}
        for choice in choices:
            for type_name in self.possible_types(target, choice.graph) or ():
                by_type.setdefault(type_name, set()).add(choice)
        for type_name, options in by_type.items():
            node = _Node(type_name, frozenset(options))
            if node in self.steps:
                continue
            condition = type_name if type_name != target else None
            self.steps[node] = _Step(parent, field.name, condition)
            queue.append(node)

    # --- the message --------------------------------------------------------------------

    def report(self, node: _Node, type_: MergedType, field: MergedField) -> None:
        if (type_.name, field.name) in self.reported:
            return
        self.reported.add((type_.name, field.name))
        lines: list[str] = []
        origins: list[str] = []
        for option in sorted(node.options, key=lambda option: option.graph):
            origin = self.names.get(option.graph, option.graph)
            origins.append(origin)
            lines.append(f'- from subgraph "{origin}":')
            lines.extend(self.reasons(type_, field, option))
        message = "\n".join(
            [
                "The following supergraph API query:",
                self.query(node, field),
                "cannot be satisfied by the subgraphs because:",
                *lines,
            ]
        )
        subgraphs = (*origins, *(self.names[graph] for graph in self.resolvers(type_, field)))
        self.issues.append(
            CompositionIssue(
                code="SATISFIABILITY_ERROR",
                message=message,
                subgraphs=tuple(dict.fromkeys(subgraphs)),
                type_name=type_.name,
                field_name=field.name,
            )
        )

    def reasons(self, type_: MergedType, field: MergedField, option: _Option) -> list[str]:
        """Why the field cannot be fetched having reached the type as ``option``."""
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
                    f'"{self.names[option.graph]}".'
                )
        return reasons

    def query(self, node: _Node, field: MergedField) -> str:
        """The smallest query reaching ``field`` through ``node``, as Apollo prints it."""
        leaf_type = self.types.get(named_type(field.type)) if field.type is not None else None
        composite = leaf_type is not None and leaf_type.kind in (
            TypeKind.OBJECT,
            TypeKind.INTERFACE,
            TypeKind.UNION,
        )
        path = list(self.path(node))
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

    def path(self, node: _Node) -> Iterator[_Step]:
        steps: list[_Step] = []
        current: _Node | None = node
        while current is not None:
            step = self.steps[current]
            if step.parent is not None:
                steps.append(step)
            current = step.parent
        return reversed(steps)


def check_satisfiability(supergraph: Supergraph) -> list[CompositionIssue]:
    """Report fields that no query plan can fetch where a query may reach them."""
    return _Checker(supergraph).run()
