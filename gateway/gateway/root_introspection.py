"""Root ``__schema`` and ``__type`` fields of a query, answered as Apollo's gateway answers them.

Apollo's gateway resolves each root introspection selection on its own and keeps the first one
that is not skipped for a response name: two ``__schema`` selections merge only when they sit in
the same selection set with the same directives (its selections are keyed by response name and
directives, fragments by type condition or name and directives), otherwise the later one is
ignored. Its query planner takes introspection fields out of the root selection set only after
inlining the fragments that carry no directive, so one inside a fragment with ``@skip`` or
``@include`` fails the planning. This module finds those selections and builds the document the
gateway executes over the API schema for them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from graphql import (
    ArgumentNode,
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    NameNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)

from gateway.js_messages import print_value

__all__ = ["INTROSPECTION_FIELDS", "RootIntrospection", "root_introspection"]

INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
_CONDITIONS = frozenset({"skip", "include"})


@dataclass(frozen=True)
class RootIntrospection:
    """What the gateway itself answers of a query's root selections."""

    document: DocumentNode | None
    """The introspection selections to execute (with every fragment definition)."""
    keys: tuple[str, ...]
    """Their response names."""
    planning_failure: str | None
    """The message of Apollo's planner failing on an introspection field in a conditional
    fragment."""


@dataclass
class _Group:
    """Selections sharing one key in one selection set, merged as Apollo's operations merge them."""

    key: str
    first: SelectionNode
    nodes: list[SelectionNode] = field(default_factory=list)


def _directives_key(directives: Iterable[DirectiveNode]) -> str:
    parts = []
    for directive in directives:
        arguments = sorted(directive.arguments or (), key=lambda argument: argument.name.value)
        printed = ", ".join(f"{a.name.value}: {print_value(a.value)}" for a in arguments)
        parts.append(f"@{directive.name.value}" + (f"({printed})" if printed else ""))
    return " ".join(parts)


def _key(selection: SelectionNode) -> str:
    directives = _directives_key(selection.directives or ())
    if isinstance(selection, FieldNode):
        return (selection.alias or selection.name).value + directives
    if isinstance(selection, InlineFragmentNode):
        condition = f" on {selection.type_condition.name.value}" if selection.type_condition else ""
        return "..." + condition + directives
    assert isinstance(selection, FragmentSpreadNode)
    return "..." + selection.name.value + directives


def _groups(
    selection_sets: Iterable[SelectionSetNode], fragments: Mapping[str, FragmentDefinitionNode]
) -> list[_Group]:
    """The merged selections of ``selection_sets``, in the order their keys first appear."""
    groups: dict[str, _Group] = {}
    for selection_set in selection_sets:
        for selection in selection_set.selections:
            if isinstance(selection, FragmentSpreadNode) and (
                selection.name.value not in fragments
            ):
                continue
            _add(groups, selection)
    return list(groups.values())


def _fragment_sets(
    group: _Group, fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[SelectionSetNode]:
    for node in group.nodes:
        if isinstance(node, InlineFragmentNode):
            yield node.selection_set
        elif isinstance(node, FragmentSpreadNode):
            yield fragments[node.name.value].selection_set


def _is_conditional(selection: SelectionNode) -> bool:
    return any(directive.name.value in _CONDITIONS for directive in selection.directives or ())


@dataclass
class _Walk:
    fragments: Mapping[str, FragmentDefinitionNode]
    printer: _Printer
    occurrences: dict[str, list[_Group]] = field(default_factory=dict)
    failure: str | None = None

    def visit(self, groups: list[_Group], conditional: bool, seen: frozenset[str]) -> None:
        for group in groups:
            first = group.first
            if isinstance(first, FieldNode):
                if first.name.value not in INTROSPECTION_FIELDS:
                    continue
                if conditional:
                    if self.failure is None:
                        self.failure = (
                            "Was not able to find any options for "
                            f"{self.printer.field(group, None)}: "
                            "This shouldn't have happened."
                        )
                    continue
                self.occurrences.setdefault((first.alias or first.name).value, []).append(group)
                continue
            inside = seen
            if isinstance(first, FragmentSpreadNode):
                if first.name.value in seen:  # a cycle, refused by validation
                    continue
                inside = seen | {first.name.value}
            inner = _groups(_fragment_sets(group, self.fragments), self.fragments)
            self.visit(inner, conditional or _is_conditional(first), inside)


@dataclass(frozen=True)
class _Printer:
    """Prints selections as Apollo's query planner prints them in its errors.

    Fragments are inlined first: a fragment without directives on the enclosing type merges
    into the enclosing selection set, and a named fragment otherwise prints inline.
    """

    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]

    def field(self, group: _Group, parent: GraphQLNamedType | None) -> str:
        first = group.first
        assert isinstance(first, FieldNode)
        text = (f"{first.alias.value}: " if first.alias else "") + first.name.value
        if first.arguments:
            text += "(" + ", ".join(_print_argument(a) for a in first.arguments) + ")"
        if first.directives:
            text += " " + _directives_key(first.directives)
        sets = [
            n.selection_set for n in group.nodes if isinstance(n, FieldNode) and n.selection_set
        ]
        if sets:
            text += " " + self.selections(sets, self._field_type(parent, first.name.value))
        return text

    def selections(
        self, selection_sets: list[SelectionSetNode], parent: GraphQLNamedType | None
    ) -> str:
        parts = []
        for group in self._inlined(selection_sets, parent, {}).values():
            first = group.first
            if isinstance(first, FieldNode):
                parts.append(self.field(group, parent))
                continue
            assert isinstance(first, InlineFragmentNode)
            condition = first.type_condition.name.value if first.type_condition else None
            head = "..." + (f" on {condition}" if condition else "")
            if first.directives:
                head += " " + _directives_key(first.directives)
            inner = [n.selection_set for n in group.nodes if isinstance(n, InlineFragmentNode)]
            fragment_type = self.schema.get_type(condition) if condition else parent
            parts.append(f"{head} {self.selections(inner, fragment_type)}")
        return "{ " + " ".join(parts) + " }"

    def _field_type(self, parent: GraphQLNamedType | None, name: str) -> GraphQLNamedType | None:
        if name == "__schema":
            return self.schema.get_type("__Schema")
        if name == "__type":
            return self.schema.get_type("__Type")
        fields = getattr(parent, "fields", None)
        definition = fields.get(name) if fields else None
        return get_named_type(definition.type) if definition is not None else None

    def _inlined(
        self,
        selection_sets: Iterable[SelectionSetNode],
        parent: GraphQLNamedType | None,
        groups: dict[str, _Group],
    ) -> dict[str, _Group]:
        for selection_set in selection_sets:
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    _add(groups, selection)
                    continue
                if isinstance(selection, FragmentSpreadNode):
                    fragment = self.fragments.get(selection.name.value)
                    if fragment is None:
                        continue
                    inline = InlineFragmentNode(
                        type_condition=fragment.type_condition,
                        directives=selection.directives,
                        selection_set=fragment.selection_set,
                    )
                else:
                    assert isinstance(selection, InlineFragmentNode)
                    inline = selection
                condition = inline.type_condition
                if not inline.directives and (
                    condition is None
                    or (parent is not None and condition.name.value == parent.name)
                ):
                    self._inlined([inline.selection_set], parent, groups)
                else:
                    _add(groups, inline)
        return groups


def _add(groups: dict[str, _Group], selection: SelectionNode) -> None:
    key = _key(selection)
    group = groups.get(key)
    if group is None:
        group = groups[key] = _Group(key, selection)
    group.nodes.append(selection)


def _print_argument(argument: ArgumentNode) -> str:
    return f"{argument.name.value}: {print_value(argument.value)}"


# --- which occurrence answers ------------------------------------------------------------------

_Atom = tuple[str, VariableNode]
"""A condition on a variable: ``("skip", $v)`` holds when ``$v`` is false, ``("include", $v)``
when it is true."""


def _condition(field_node: FieldNode) -> list[_Atom] | None:
    """The variable conditions of a field's ``@skip``/``@include``; ``None`` if never included."""
    atoms: list[_Atom] = []
    for directive in field_node.directives or ():
        if directive.name.value not in _CONDITIONS:
            continue
        value = next((a.value for a in directive.arguments or () if a.name.value == "if"), None)
        skip = directive.name.value == "skip"
        if isinstance(value, BooleanValueNode):
            if value.value == skip:
                return None
        elif isinstance(value, VariableNode):
            atoms.append((directive.name.value, value))
    return atoms


def _negation(atom: _Atom) -> DirectiveNode:
    """A directive that includes its selection exactly when ``atom`` does not hold."""
    name, variable = atom
    return DirectiveNode(
        name=NameNode(value="include" if name == "skip" else "skip"),
        arguments=(ArgumentNode(name=NameNode(value="if"), value=variable),),
    )


def _answering(groups: list[_Group]) -> list[SelectionNode]:
    """Selections that include each group only when no earlier group of its name is included."""
    selections: list[SelectionNode] = []
    earlier: list[list[DirectiveNode]] = []  # per conditional earlier group: ways it is skipped
    for group in groups:
        first = group.first
        assert isinstance(first, FieldNode)
        atoms = _condition(first)
        if atoms is None:
            continue
        for wrappers in itertools.product(*earlier):
            nodes: tuple[SelectionNode, ...] = tuple(group.nodes)
            for directive in reversed(wrappers):
                nodes = (
                    InlineFragmentNode(
                        type_condition=None,
                        directives=(directive,),
                        selection_set=SelectionSetNode(selections=nodes),
                    ),
                )
            selections.extend(nodes)
        if not atoms:  # always included: later groups never answer
            break
        earlier.append([_negation(atom) for atom in atoms])
    return selections


def root_introspection(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
) -> RootIntrospection:
    """The root introspection selections of a query operation, and whether Apollo plans it."""
    walk = _Walk(fragments, _Printer(schema, fragments))
    walk.visit(_groups([operation.selection_set], fragments), False, frozenset())
    selections = [s for groups in walk.occurrences.values() for s in _answering(groups)]
    if not selections:
        return RootIntrospection(None, (), walk.failure)
    only = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=operation.directives,
        selection_set=SelectionSetNode(selections=tuple(selections)),
    )
    # The introspection fields' own selections may spread any fragment.
    return RootIntrospection(
        DocumentNode(definitions=(only, *fragments.values())),
        tuple(walk.occurrences),
        walk.failure,
    )
