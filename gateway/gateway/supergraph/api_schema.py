"""The API schema: the supergraph as clients see it.

Apollo derives it from the supergraph (``toAPISchema``): elements marked ``@inaccessible`` are
removed, then everything the linked specs define (``@link``/``@core``, ``join__*``,
``link__*``, ``@tag``, ``@inaccessible``, imported elements) and its uses. Descriptions,
``@deprecated``, ``@specifiedBy`` and custom executable directives stay, and so does ``@oneOf``
(which Apollo's builder does not know and refuses). This module does the same on the
supergraph's AST and builds the result with graphql-core, its introspection shaped as graphql-js
shapes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from graphql import (
    ConstDirectiveNode,
    DefinitionNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    EnumValueDefinitionNode,
    FieldDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    NamedTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    build_ast_schema,
    parse,
    specified_directives,
    validate_schema,
)

from .features import INACCESSIBLE, Features, SupergraphError, read_features
from .js_introspection import with_graphql_js_introspection

__all__ = ["api_document", "build_api_schema"]

# Apollo drops custom definitions of these: the gateway decides itself whether it offers them.
_REPLACED_BY_THE_GATEWAY = frozenset({"defer", "stream"})
_BUILT_IN_DIRECTIVES = frozenset(directive.name for directive in specified_directives)

_Element = TypeVar(
    "_Element", FieldDefinitionNode, InputValueDefinitionNode, EnumValueDefinitionNode
)

_FieldsNode = (
    ObjectTypeDefinitionNode
    | ObjectTypeExtensionNode
    | InterfaceTypeDefinitionNode
    | InterfaceTypeExtensionNode
)


class _Pruner:
    """Removes inaccessible elements and the linked specs' machinery from SDL nodes."""

    def __init__(self, document: DocumentNode, features: Features) -> None:
        self.features = features
        inaccessible = features.get(INACCESSIBLE)
        self.inaccessible = inaccessible.directive("inaccessible") if inaccessible else None
        self.removed_types = {
            node.name.value
            for node in document.definitions
            if isinstance(node, TypeDefinitionNode | TypeExtensionNode) and self._drops_type(node)
        }

    def _drops_type(self, node: TypeDefinitionNode | TypeExtensionNode) -> bool:
        return self.features.defines_type(node.name.value) or self.is_inaccessible(node.directives)

    def is_inaccessible(self, directives: Iterable[ConstDirectiveNode] | None) -> bool:
        """Whether ``@inaccessible`` (under its local name) is among ``directives``."""
        return self.inaccessible is not None and any(
            directive.name.value == self.inaccessible for directive in directives or ()
        )

    def keeps_directive_definition(self, node: DirectiveDefinitionNode) -> bool:
        """Whether a directive definition stays in the API schema."""
        name = node.name.value
        return not self.features.defines_directive(name) and name not in _REPLACED_BY_THE_GATEWAY

    def directives(
        self, directives: Sequence[ConstDirectiveNode] | None
    ) -> tuple[ConstDirectiveNode, ...]:
        """The applied directives that stay: all but the linked specs' own."""
        return tuple(
            directive
            for directive in directives or ()
            if directive.name.value in _BUILT_IN_DIRECTIVES
            or not self.features.defines_directive(directive.name.value)
        )

    def elements(self, elements: Sequence[_Element] | None) -> tuple[_Element, ...]:
        """Fields, arguments, input fields or enum values that stay, each pruned."""
        kept: list[_Element] = []
        for element in elements or ():
            if self.is_inaccessible(element.directives):
                continue
            changes: dict[str, Any] = {"directives": self.directives(element.directives)}
            if isinstance(element, FieldDefinitionNode):
                changes["arguments"] = self.elements(element.arguments)
            kept.append(replace(element, **changes))
        return tuple(kept)

    def named_types(self, types: Sequence[NamedTypeNode] | None) -> tuple[NamedTypeNode, ...]:
        """Interfaces or union members that stay."""
        return tuple(node for node in types or () if node.name.value not in self.removed_types)

    def definition(self, node: DefinitionNode) -> DefinitionNode | None:
        """The definition as the API schema has it, or ``None`` when it goes."""
        if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode):
            return replace(node, directives=self.directives(node.directives))
        if isinstance(node, DirectiveDefinitionNode):
            if not self.keeps_directive_definition(node):
                return None
            return replace(node, arguments=self.elements(node.arguments))
        if not isinstance(node, TypeDefinitionNode | TypeExtensionNode):
            return node
        if node.name.value in self.removed_types:
            return None
        changes: dict[str, Any] = {"directives": self.directives(node.directives)}
        if isinstance(node, _FieldsNode):
            changes["interfaces"] = self.named_types(node.interfaces)
            changes["fields"] = self.elements(node.fields)
        elif isinstance(node, InputObjectTypeDefinitionNode | InputObjectTypeExtensionNode):
            changes["fields"] = self.elements(node.fields)
        elif isinstance(node, EnumTypeDefinitionNode | EnumTypeExtensionNode):
            changes["values"] = self.elements(node.values)
        elif isinstance(node, UnionTypeDefinitionNode | UnionTypeExtensionNode):
            changes["types"] = self.named_types(node.types)
        return replace(node, **changes)


def api_document(document: DocumentNode, features: Features | None = None) -> DocumentNode:
    """The supergraph document reduced to the API schema's SDL, definitions in their order."""
    pruner = _Pruner(document, features or read_features(document))
    definitions = [pruner.definition(node) for node in document.definitions]
    return DocumentNode(definitions=tuple(node for node in definitions if node is not None))


def _describe(errors: Sequence[GraphQLError]) -> str:
    return "; ".join(error.message for error in errors)


def build_api_schema(
    document: DocumentNode | str, features: Features | None = None
) -> GraphQLSchema:
    """Build the public schema of a supergraph, as Apollo's gateway serves it.

    ``document`` is the supergraph SDL or its parsed AST. The schema's introspection types
    match graphql-js 16's, so introspection answers the way Apollo's gateway does. Raises
    ``SupergraphError`` when the supergraph does not reduce to a valid schema (for instance an
    accessible field of an ``@inaccessible`` type).
    """
    if isinstance(document, str):
        try:
            document = parse(document)
        except GraphQLError as error:
            raise SupergraphError(f"the supergraph SDL does not parse: {error.message}") from error
    reduced = api_document(document, features)
    try:
        schema = build_ast_schema(reduced)
    except (GraphQLError, TypeError) as error:
        raise SupergraphError(f"invalid API schema: {error}") from error
    errors = validate_schema(schema)
    if errors:
        raise SupergraphError(f"invalid API schema: {_describe(errors)}")
    return with_graphql_js_introspection(schema)
