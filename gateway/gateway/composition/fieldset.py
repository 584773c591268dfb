"""Field sets: the selections named by ``@key``, ``@requires`` and ``@provides``.

A field set is resolved against the subgraph that applies the directive: every field it
names must exist there, and the directive decides what else is allowed (no arguments, no
abstract types in a key).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graphql import FieldNode, GraphQLError, InlineFragmentNode, SelectionSetNode, parse
from graphql.language import OperationDefinitionNode

from gateway.composition.subgraph import Field, Subgraph, TypeKind
from gateway.composition.typeref import named_type

__all__ = [
    "FieldReference",
    "FieldSetProblem",
    "parse_field_set",
    "resolve_field_set",
    "top_level_fields",
]

_COMPOSITE = (TypeKind.OBJECT, TypeKind.INTERFACE, TypeKind.UNION)


@dataclass(frozen=True, slots=True)
class FieldReference:
    """A field a field set selects, with its definition in the subgraph."""

    parent: str
    name: str
    field: Field
    top_level: bool


@dataclass(frozen=True, slots=True)
class FieldSetProblem:
    """Why a field set is invalid; ``suffix`` completes the code (``INVALID_FIELDS``)."""

    suffix: str
    message: str


@lru_cache(maxsize=4096)
def parse_field_set(text: str) -> SelectionSetNode:
    """Parse ``"id owner { id }"``; raises ``GraphQLError`` on bad syntax."""
    document = parse("{" + text + "}", no_location=True)
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set


def top_level_fields(text: str) -> list[str]:
    """Names of the fields a field set selects at its top level (fragments included)."""
    try:
        selection_set = parse_field_set(text)
    except GraphQLError:
        return []
    names: list[str] = []
    pending = [selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                names.append(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
    return names


class _Resolver:
    def __init__(self, subgraph: Subgraph, directive: str) -> None:
        self.subgraph = subgraph
        self.directive = directive
        self.references: list[FieldReference] = []
        self.problems: list[FieldSetProblem] = []

    def problem(self, suffix: str, message: str) -> None:
        self.problems.append(FieldSetProblem(suffix, message))

    def selection_set(self, type_name: str, selection_set: SelectionSetNode, top: bool) -> None:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                self.field(type_name, selection, top)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = condition.name.value if condition else type_name
                if target not in self.subgraph.types:
                    self.problem("INVALID_FIELDS", f'Unknown type "{target}".')
                    continue
                self.selection_set(target, selection.selection_set, top)
            else:
                self.problem("INVALID_FIELDS", "Named fragments are not allowed in field sets.")

    def field(self, type_name: str, node: FieldNode, top: bool) -> None:
        name = node.name.value
        if name == "__typename":
            return
        definition = self.subgraph.field(type_name, name)
        if definition is None:
            self.problem(
                "INVALID_FIELDS",
                f'Cannot query field "{name}" on type "{type_name}" (the field should either '
                "be added to this subgraph or, if it should not be resolved by this subgraph, "
                "you need to add it to this subgraph with @external).",
            )
            return
        self.references.append(FieldReference(type_name, name, definition, top))
        # Keys identify entities, so a key field cannot take arguments; @requires and
        # @provides may select a field with arguments.
        if definition.arguments and self.directive == "key":
            self.problem(
                "FIELDS_HAS_ARGS",
                f"field {type_name}.{name} cannot be included because it has arguments "
                f"(fields with argument are not allowed in @{self.directive})",
            )
        target = named_type(definition.type_ref)
        target_type = self.subgraph.types.get(target)
        kind = target_type.kind if target_type is not None else TypeKind.SCALAR
        if self.directive == "key" and kind in (TypeKind.INTERFACE, TypeKind.UNION):
            self.problem(
                "FIELDS_SELECT_INVALID_TYPE",
                f'field "{type_name}.{name}" is a {kind.value.replace(" Type", "")} type '
                "which is not allowed in @key",
            )
            return
        if node.selection_set is not None and kind in _COMPOSITE:
            self.selection_set(target, node.selection_set, top=False)
        elif node.selection_set is not None:
            self.problem(
                "INVALID_FIELDS",
                f'Field "{name}" must not have a selection since type "{target}" has no subfields.',
            )
        elif kind in _COMPOSITE:
            self.problem(
                "INVALID_FIELDS",
                f'Invalid empty selection set for field "{type_name}.{name}" of non-leaf '
                f"type {target}",
            )


def resolve_field_set(
    subgraph: Subgraph, type_name: str, text: str, *, directive: str
) -> tuple[list[FieldReference], list[FieldSetProblem]]:
    """Resolve a field set on ``type_name`` in ``subgraph`` for ``@directive``.

    Returns the fields it selects and what is wrong with it (nothing when valid).
    """
    resolver = _Resolver(subgraph, directive)
    try:
        selection_set = parse_field_set(text)
    except GraphQLError as error:
        resolver.problem("INVALID_FIELDS", error.message)
        return resolver.references, resolver.problems
    resolver.selection_set(type_name, selection_set, top=True)
    return resolver.references, resolver.problems
