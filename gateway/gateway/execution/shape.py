"""The shape of the answer a client asked for, compiled once per operation.

Subgraph results are merged into one tree of plain dicts that holds more than
the client asked for (keys, ``__typename``, gateway aliases). Shaping walks the
client's selections over that tree in one pass: it keeps exactly the requested
fields in the requested order, applies aliases, type conditions and
``@skip``/``@include``, and turns a null in a non-null position into a null of
the nearest nullable parent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_composite_type,
)

Condition = tuple[bool, str | bool]
"""(include?, variable name or literal): ``@include(if: x)`` is (True, x), ``@skip`` (False, x)."""


@dataclass
class FieldShape:
    """One requested field."""

    key: str
    """Response key (alias or name)."""
    name: str
    nullable: tuple[bool, ...]
    """Nullability from the outside in: ``[T!]`` is (True, False)."""
    selection: SelectionShape | None = None
    conditions: tuple[Condition, ...] = ()
    types: tuple[str, ...] = ()
    """The type at each list depth, printed without its outer ``!`` (for messages)."""
    enum_values: frozenset[str] | None = None
    """The values an enum field may answer (the public schema's: no ``@inaccessible`` ones)."""
    known_types: frozenset[str] | None = None
    """The public schema's composite types: an object of another ``__typename`` (one that is
    ``@inaccessible``) is not answered. For ``__typename`` itself, the object types: an object
    whose concrete type no subgraph told (an interface object's) is not answered either."""


@dataclass
class FragmentShape:
    """An inline fragment or fragment spread."""

    types: frozenset[str] | None
    """Types it applies to: the condition's concrete types and, for an abstract condition, its
    own name (an interface object whose concrete type is unknown); None: always."""
    selection: SelectionShape
    conditions: tuple[Condition, ...] = ()


@dataclass
class SelectionShape:
    """A selection set on one parent type."""

    parent_type: str
    items: list[FieldShape | FragmentShape] = field(default_factory=list)
    conditional: bool = False
    """Whether any ``@skip``/``@include`` sits anywhere inside (no caching by type then)."""
    _by_type: dict[str, list[FieldShape]] = field(default_factory=dict, repr=False)

    def fields_for(self, type_name: str, variables: Mapping[str, Any]) -> list[FieldShape]:
        """The fields to answer for an object of ``type_name``, merged by response key."""
        if not self.conditional:
            cached = self._by_type.get(type_name)
            if cached is not None:
                return cached
        collected: dict[str, FieldShape] = {}
        self._collect(type_name, variables, collected)
        result = list(collected.values())
        if not self.conditional:
            self._by_type[type_name] = result
        return result

    def _collect(
        self, type_name: str, variables: Mapping[str, Any], into: dict[str, FieldShape]
    ) -> None:
        for item in self.items:
            if item.conditions and not _included(item.conditions, variables):
                continue
            if isinstance(item, FragmentShape):
                if item.types is None or type_name in item.types:
                    item.selection._collect(type_name, variables, into)
                continue
            existing = into.get(item.key)
            if existing is None:
                into[item.key] = item
            elif existing.selection is not None and item.selection is not None:
                # The same key in two fragments: one field whose selections add up.
                into[item.key] = replace(
                    existing,
                    selection=SelectionShape(
                        parent_type=existing.selection.parent_type,
                        items=[*existing.selection.items, *item.selection.items],
                        conditional=existing.selection.conditional or item.selection.conditional,
                    ),
                    conditions=(),
                )


def _included(conditions: tuple[Condition, ...], variables: Mapping[str, Any]) -> bool:
    for include, value in conditions:
        flag = variables.get(value) if isinstance(value, str) else value
        if bool(flag) is not include:
            return False
    return True


def compile_shape(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
) -> SelectionShape:
    """The shape of ``operation``'s answer."""
    root = schema.get_root_type(operation.operation)
    assert root is not None
    return _Compiler(schema, fragments).selection(root, operation.selection_set)


class _Compiler:
    def __init__(
        self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode]
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.known_types = frozenset(
            name for name, named in schema.type_map.items() if is_composite_type(named)
        )
        self.object_types = frozenset(
            name for name, named in schema.type_map.items() if isinstance(named, GraphQLObjectType)
        )

    def selection(
        self, parent: GraphQLObjectType | Any, selection_set: SelectionSetNode
    ) -> SelectionShape:
        shape = SelectionShape(parent_type=parent.name)
        for node in selection_set.selections:
            conditions = _conditions(node.directives or ())
            if conditions:
                shape.conditional = True
            if isinstance(node, FieldNode):
                shape.items.append(self.field(parent, node, conditions))
            elif isinstance(node, InlineFragmentNode):
                condition = (
                    self.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                shape.items.append(
                    FragmentShape(
                        types=self._types(condition),
                        selection=self.selection(condition, node.selection_set),
                        conditions=conditions,
                    )
                )
            elif isinstance(node, FragmentSpreadNode):
                definition = self.fragments[node.name.value]
                condition = self.schema.get_type(definition.type_condition.name.value)
                shape.items.append(
                    FragmentShape(
                        types=self._types(condition),
                        selection=self.selection(condition, definition.selection_set),
                        conditions=conditions,
                    )
                )
        shape.conditional = shape.conditional or any(
            item.selection is not None and item.selection.conditional for item in shape.items
        )
        return shape

    def field(self, parent: Any, node: FieldNode, conditions: tuple[Condition, ...]) -> FieldShape:
        name = node.name.value
        key = node.alias.value if node.alias else name
        if name == "__typename":
            return FieldShape(
                key=key,
                name=name,
                nullable=(False,),
                conditions=conditions,
                known_types=self.object_types,
            )
        definition = parent.fields.get(name)
        if definition is None:  # __schema / __type: answered by introspection as a whole
            return FieldShape(key=key, name=name, nullable=(True,), conditions=conditions)
        nullable, named = _wrappers(definition.type)
        selection = None
        if is_composite_type(named) and node.selection_set is not None:
            selection = self.selection(named, node.selection_set)
        return FieldShape(
            key=key,
            name=name,
            nullable=nullable,
            selection=selection,
            conditions=conditions,
            types=_printed_types(definition.type),
            enum_values=frozenset(named.values) if isinstance(named, GraphQLEnumType) else None,
            known_types=self.known_types if selection is not None else None,
        )

    def _types(self, condition: Any) -> frozenset[str] | None:
        if isinstance(condition, GraphQLAbstractType):
            # The condition's own name too: an interface object whose concrete type is unknown
            # still satisfies a fragment on its interface.
            possible = self.schema.get_possible_types(condition)
            return frozenset({condition.name, *(t.name for t in possible)})
        return frozenset({condition.name})


def _printed_types(type_: GraphQLOutputType) -> tuple[str, ...]:
    """``[Report]!`` gives ("[Report]", "Report"): the type at each list depth."""
    printed: list[str] = []
    current: Any = type_
    while True:
        if isinstance(current, GraphQLNonNull):
            current = current.of_type
        printed.append(str(current))
        if not isinstance(current, GraphQLList):
            return tuple(printed)
        current = current.of_type


def _wrappers(type_: GraphQLOutputType) -> tuple[tuple[bool, ...], Any]:
    nullable: list[bool] = []
    current: Any = type_
    while True:
        if isinstance(current, GraphQLNonNull):
            nullable.append(False)
            current = current.of_type
            if isinstance(current, GraphQLList):
                current = current.of_type
                continue
            break
        nullable.append(True)
        if isinstance(current, GraphQLList):
            current = current.of_type
            continue
        break
    return tuple(nullable), get_named_type(type_)


def _conditions(directives: tuple[DirectiveNode, ...] | Any) -> tuple[Condition, ...]:
    found: list[Condition] = []
    for directive in directives:
        name = directive.name.value
        if name not in ("skip", "include"):
            continue
        for argument in directive.arguments or ():
            if argument.name.value != "if":
                continue
            value = argument.value
            flag: str | bool
            if isinstance(value, VariableNode):
                flag = value.name.value
            elif isinstance(value, BooleanValueNode):
                flag = value.value
            else:
                continue
            found.append((name == "include", flag))
    return tuple(found)
