"""Fetch text: a group printed as the GraphQL document its subgraph receives.

A root fetch is the operation's own keyword with the selections placed there; an entity fetch is
``query($representations: [_Any!]!) { _entities(...) { ... on T { ... } } }``. Each document
declares only the client variables it uses, with their types and defaults as the client wrote.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql import (
    ArgumentNode,
    FieldNode,
    ListValueNode,
    ObjectFieldNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    print_ast,
    strip_ignored_characters,
)

from gateway.planning.grouping import Group
from gateway.planning.plan import EntityInput, Fetch, Rename
from gateway.planning.selections import FieldSelection, SelectionSetBuilder
from gateway.supergraph.model import Supergraph


def fetch_of(
    group: Group,
    operation: OperationDefinitionNode,
    known: set[int],
    supergraph: Supergraph,
    root_type: str,
) -> Fetch:
    """The fetch of ``group``; ``known`` holds the ids of the plan's groups (others are gone)."""
    concrete = supergraph.possible_types
    used: set[str] = set()
    renames: list[Rename] = []
    if group.root is not None:
        _alias_conflicts(group.root, root_type, group.graph, supergraph, (), renames, {})
        body = print_ast(_using(group.root.to_ast(), used))
    else:
        # The entity types of one fetch are sibling fragments of `_entities` too.
        seen: dict[str, str] = {}
        for type_name, builder in group.fragments.items():
            before = len(renames)
            _alias_conflicts(builder, type_name, group.graph, supergraph, (), renames, seen)
            if any(not rename.path for rename in renames[before:]):
                builder.add_internal_field("__typename")  # to rename by type when it comes
        fragments = " ".join(
            f"... on {type_name} {print_ast(_using(builder.to_ast(), used))}"
            for type_name, builder in group.fragments.items()
        )
        body = f"{{ _entities(representations: $representations) {{ {fragments} }} }}"
    definitions = [
        definition
        for definition in operation.variable_definitions or ()
        if definition.variable.name.value in used
    ]
    declared = ", ".join(_print_variable(definition) for definition in definitions)
    if group.is_entity:
        declared = "$representations: [_Any!]!" + (", " + declared if declared else "")
    keyword = operation.operation.value if group.root is not None else "query"
    header = f"{keyword}({declared}) " if declared else f"{keyword} "
    return Fetch(
        id=group.id,
        service=group.graph,
        operation=strip_ignored_characters(header + body),
        variable_usages=tuple(d.variable.name.value for d in definitions),
        entities=tuple(
            EntityInput(
                path=item.path,
                type_names=frozenset(
                    {*concrete.get(item.type_name, [item.type_name]), item.type_name}
                ),
                requires=tuple(item.requires),
                typename_as=item.typename_as,
                filtered=item.filtered,
            )
            for item in group.inputs
        ),
        depends_on=tuple(sorted(d for d in group.depends_on if d in known)),
        # Deepest first: a rename's path names the keys as fetched, aliases included.
        renames=tuple(sorted(renames, key=lambda rename: -len(rename.path))),
    )


def _alias_conflicts(
    builder: SelectionSetBuilder,
    parent: str,
    graph: str,
    supergraph: Supergraph,
    path: tuple[str, ...],
    renames: list[Rename],
    seen: dict[str, str],
) -> None:
    """Alias the fields of sibling fragments that share a response key but not a type in
    ``graph`` (a document asking both is invalid there), noting how to rename them back.
    ``seen`` holds the shape of each key met so far at this level."""
    types = supergraph.types
    for field_selection, owner in _fields_landing_here(builder, parent):
        key = field_selection.response_key
        definition = types[owner].fields.get(field_selection.name) if owner in types else None
        if definition is None:
            continue
        source = definition.sources.get(graph)
        printed = source.type if source is not None and source.type else definition.type
        named = printed.strip("[]!")
        # GraphQL lets sibling fragments share a key when the values have the same shape: the
        # same lists and nullability, and the same leaf type (composite types may differ).
        shape = printed.replace(named, "{}") if types[named].is_composite else printed
        first = seen.setdefault(key, shape)
        if first != shape and (owner != parent or not path):
            alias = f"{key}__alias_{len(renames)}"
            field_selection.alias = alias
            owners = frozenset(supergraph.possible_types.get(owner, [owner]))
            renames.append(Rename(path, owners, alias, key))
        if field_selection.selections is not None:
            _alias_conflicts(
                field_selection.selections,
                named,
                graph,
                supergraph,
                (*path, field_selection.response_key),
                renames,
                {},
            )


def _fields_landing_here(
    builder: SelectionSetBuilder, parent: str
) -> list[tuple[FieldSelection, str]]:
    """The fields of a selection set and of its fragments, each with its parent type."""
    found: list[tuple[FieldSelection, str]] = []
    for item in builder.items:
        if isinstance(item, FieldSelection):
            found.append((item, parent))
        else:
            found.extend(_fields_landing_here(item.selections, item.type_condition or parent))
    return found


def _using(selection_set: SelectionSetNode, used: set[str]) -> SelectionSetNode:
    """``selection_set``, after adding the names of the variables it uses to ``used``."""
    for selection in selection_set.selections:
        for directive in selection.directives or ():
            _values(directive.arguments, used)
        if isinstance(selection, FieldNode):
            _values(selection.arguments, used)
        if getattr(selection, "selection_set", None) is not None:
            _using(selection.selection_set, used)  # type: ignore[attr-defined]
    return selection_set


def _values(arguments: Iterable[ArgumentNode | ObjectFieldNode] | None, used: set[str]) -> None:
    for argument in arguments or ():
        _value(argument.value, used)


def _value(value: ValueNode, used: set[str]) -> None:
    if isinstance(value, VariableNode):
        used.add(value.name.value)
    elif isinstance(value, ListValueNode):
        for item in value.values:
            _value(item, used)
    elif isinstance(value, ObjectValueNode):
        _values(value.fields, used)


def _print_variable(definition: VariableDefinitionNode) -> str:
    text = f"${definition.variable.name.value}: {print_ast(definition.type)}"
    if definition.default_value is not None:
        text += f" = {print_ast(definition.default_value)}"
    return text
