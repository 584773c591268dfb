"""Read a subgraph's SDL into the ``Subgraph`` model composition works on.

Federation internals (``_Service``, ``_Any``, ``_Entity``, ``_entities``, ``_service`` and
the spec's own types and directive definitions) are left out: they never reach the
supergraph. Problems are reported as issues naming the subgraph, the way Apollo prefixes
its subgraph errors with ``[name]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from graphql import (
    BooleanValueNode,
    ConstDirectiveNode,
    DefinitionNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    GraphQLError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    Source,
    StringValueNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    ValueNode,
    parse,
    print_ast,
)

from gateway.composition.errors import CompositionIssue, subgraph_issue
from gateway.composition.fieldset import top_level_fields
from gateway.composition.links import DirectiveNames, LinkProblem, read_links
from gateway.composition.references import check_references
from gateway.composition.roots import normalise_roots
from gateway.composition.subgraph import (
    Argument,
    Deprecation,
    DirectiveDefinition,
    EnumValue,
    Field,
    InputField,
    Key,
    Metadata,
    Subgraph,
    SubgraphSource,
    SubgraphType,
    TypeKind,
)
from gateway.composition.typeref import type_ref_from_node

__all__ = ["read_subgraph"]

_INTERNAL_TYPES = frozenset(
    {
        "_Service",
        "_Any",
        "_Entity",
        "_FieldSet",
        "federation__FieldSet",
        "federation__Scope",
        "federation__Policy",
        "federation__ContextFieldValue",
        "link__Import",
        "link__Purpose",
    }
)
_INTERNAL_ROOT_FIELDS = frozenset({"_entities", "_service"})
_BUILTIN_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "skip", "include", "oneOf"})
_SUPPORTED = frozenset(
    {
        "key",
        "requires",
        "provides",
        "external",
        "shareable",
        "extends",
        "override",
        "inaccessible",
        "tag",
        "interfaceObject",
    }
)
_EXECUTABLE_LOCATIONS = frozenset(
    {
        "QUERY",
        "MUTATION",
        "SUBSCRIPTION",
        "FIELD",
        "FRAGMENT_DEFINITION",
        "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION",
    }
)
_KINDS: dict[type[DefinitionNode], TypeKind] = {
    ObjectTypeDefinitionNode: TypeKind.OBJECT,
    ObjectTypeExtensionNode: TypeKind.OBJECT,
    InterfaceTypeDefinitionNode: TypeKind.INTERFACE,
    InterfaceTypeExtensionNode: TypeKind.INTERFACE,
    UnionTypeDefinitionNode: TypeKind.UNION,
    UnionTypeExtensionNode: TypeKind.UNION,
    EnumTypeDefinitionNode: TypeKind.ENUM,
    EnumTypeExtensionNode: TypeKind.ENUM,
    InputObjectTypeDefinitionNode: TypeKind.INPUT_OBJECT,
    InputObjectTypeExtensionNode: TypeKind.INPUT_OBJECT,
    ScalarTypeDefinitionNode: TypeKind.SCALAR,
    ScalarTypeExtensionNode: TypeKind.SCALAR,
}
TypeNodeAny = TypeDefinitionNode | TypeExtensionNode
_FIELDED_NODES = (
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
)
_ArgumentT = TypeVar("_ArgumentT", bound=Argument)


def argument_value(directive: ConstDirectiveNode, name: str) -> ValueNode | None:
    """The value passed to a directive's argument, if any."""
    for argument in directive.arguments or ():
        if argument.name.value == name:
            return argument.value
    return None


def _string_argument(directive: ConstDirectiveNode, name: str) -> str | None:
    value = argument_value(directive, name)
    return value.value if isinstance(value, StringValueNode) else None


def _description(node: object) -> str | None:
    description = getattr(node, "description", None)
    return description.value if isinstance(description, StringValueNode) else None


class _Reader:
    def __init__(self, source: SubgraphSource, names: DirectiveNames) -> None:
        self.source = source
        self.names = names
        self.issues: list[CompositionIssue] = []
        self.custom_directives: set[str] = set()
        self.subgraph = Subgraph(name=source.name, url=source.url, version=names.version)

    def issue(
        self, code: str, message: str, type_name: str | None = None, field_name: str | None = None
    ) -> None:
        self.issues.append(subgraph_issue(self.source.name, code, message, type_name, field_name))

    # --- directives ---------------------------------------------------------------------

    def directives(
        self, nodes: Iterable[ConstDirectiveNode], coordinate: str
    ) -> Iterator[tuple[str, ConstDirectiveNode]]:
        """Yield (federation or built-in name, node) for the directives composition reads."""
        type_name, _, field_name = coordinate.partition(".")
        for node in nodes:
            local = node.name.value
            canonical = self.names.canonical(local)
            if canonical is None:
                if local in _BUILTIN_DIRECTIVES:
                    yield local, node
                elif local not in self.custom_directives:
                    self.issue(
                        "INVALID_GRAPHQL",
                        f'Unknown directive "@{local}" (on "{coordinate}").',
                        type_name,
                        field_name or None,
                    )
                # Custom type-system directives are not composed into the supergraph.
                continue
            if canonical not in _SUPPORTED:
                self.issue(
                    "UNSUPPORTED_FEATURE",
                    f'@{canonical} (on "{coordinate}") is not supported by this composer yet.',
                    type_name,
                    field_name or None,
                )
                continue
            yield canonical, node

    def metadata(self, target: Metadata, name: str, node: ConstDirectiveNode) -> bool:
        """Apply a directive any element may carry; tell whether it was one of those."""
        if name in ("inaccessible", "tag"):
            self.subgraph.spec_names[name] = node.name.value
        if name == "inaccessible":
            target.inaccessible = True
        elif name == "tag":
            tag = _string_argument(node, "name")
            if tag is not None and tag not in target.tags:
                target.tags.append(tag)
        elif name == "deprecated":
            target.deprecation = Deprecation(_string_argument(node, "reason"))
        else:
            return False
        return True

    # --- document -----------------------------------------------------------------------

    def read(self, document: DocumentNode) -> Subgraph:
        type_nodes: dict[str, list[TypeNodeAny]] = {}
        schema_nodes: list[SchemaDefinitionNode | SchemaExtensionNode] = []
        directive_nodes: list[DirectiveDefinitionNode] = []
        for definition in document.definitions:
            if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
                schema_nodes.append(definition)
            elif isinstance(definition, DirectiveDefinitionNode):
                directive_nodes.append(definition)
            elif isinstance(definition, TypeDefinitionNode | TypeExtensionNode):
                name = definition.name.value
                if name in _INTERNAL_TYPES or name in self.names.imported_types:
                    continue
                type_nodes.setdefault(name, []).append(definition)
            else:
                self.issue("INVALID_GRAPHQL", "Executable definitions are not allowed in a schema.")
        for node in directive_nodes:
            self.directive_definition(node)
        self.schema(schema_nodes)
        for name, nodes in type_nodes.items():
            self.read_type(name, nodes)
        self.issues.extend(normalise_roots(self.subgraph))
        self.issues.extend(check_references(self.subgraph))
        return self.subgraph

    def schema(self, nodes: Sequence[SchemaDefinitionNode | SchemaExtensionNode]) -> None:
        for node in nodes:
            for operation in node.operation_types or ():
                self.subgraph.roots[operation.operation.value] = operation.type.name.value
            for directive in node.directives or ():
                name = directive.name.value
                if name != "link" and self.names.canonical(name) is not None:
                    self.issue(
                        "UNSUPPORTED_FEATURE",
                        f"@{name} on the schema is not supported by this composer yet.",
                    )

    def directive_definition(self, node: DirectiveDefinitionNode) -> None:
        name = node.name.value
        if name == "link" or name in _BUILTIN_DIRECTIVES or self.names.canonical(name):
            return  # the spec's own definitions
        locations = [location.value for location in node.locations]
        if any(location not in _EXECUTABLE_LOCATIONS for location in locations):
            self.custom_directives.add(name)
            return
        arguments = {
            argument.name.value: self.argument(argument, f"@{name}", InputField)
            for argument in node.arguments or ()
        }
        self.subgraph.directives[name] = DirectiveDefinition(
            name=name,
            arguments=dict(arguments),
            locations=locations,
            repeatable=node.repeatable,
            description=_description(node),
        )

    # --- types --------------------------------------------------------------------------

    def read_type(self, name: str, nodes: list[TypeNodeAny]) -> None:
        kinds = {_KINDS[type(node)] for node in nodes}
        if len(kinds) > 1:
            self.issue("INVALID_GRAPHQL", f'Type "{name}" is defined with several kinds.', name)
            return
        kind = kinds.pop()
        definitions = [node for node in nodes if isinstance(node, TypeDefinitionNode)]
        if len(definitions) > 1:
            self.issue("INVALID_GRAPHQL", f'There can be only one type named "{name}".', name)
        type_ = SubgraphType(name=name, kind=kind)
        type_.description = _description(definitions[0]) if definitions else None
        extends = False
        for node in nodes:
            node_shareable = False
            for directive, application in self.directives(node.directives or (), name):
                if self.metadata(type_, directive, application):
                    continue
                if directive == "key" and kind in (TypeKind.OBJECT, TypeKind.INTERFACE):
                    fields = _string_argument(application, "fields")
                    resolvable = argument_value(application, "resolvable")
                    type_.keys.append(
                        Key(
                            fields=fields or "",
                            resolvable=not (
                                isinstance(resolvable, BooleanValueNode) and not resolvable.value
                            ),
                        )
                    )
                elif directive == "shareable" and kind is TypeKind.OBJECT:
                    node_shareable = True
                elif directive == "extends":
                    extends = True
                elif directive == "interfaceObject" and kind is TypeKind.OBJECT:
                    type_.interface_object = True
                elif directive == "specifiedBy" and kind is TypeKind.SCALAR:
                    type_.specified_by = _string_argument(application, "url")
                else:
                    self.issue(
                        "INVALID_GRAPHQL",
                        f'Directive "@{application.name.value}" may not be used on "{name}".',
                        name,
                    )
            self.members(type_, node, node_shareable)
        type_.only_extended = extends or not definitions
        type_.has_definition = bool(definitions)
        if type_.only_extended:
            # An extension marks its key fields @external by convention, yet resolves them.
            for key in type_.keys:
                for field_name in top_level_fields(key.fields):
                    if field_name in type_.fields:
                        type_.fields[field_name].external = False
        # Fed 1 turns `extend type` into a definition; only `@extends` survives as a mark.
        type_.extension = extends or (not definitions and not self.names.is_fed1)
        self.subgraph.types[name] = type_

    def members(self, type_: SubgraphType, node: TypeNodeAny, shareable: bool) -> None:
        """Read what one definition or extension node contributes to the type."""
        name = type_.name
        if isinstance(node, _FIELDED_NODES):
            for interface in node.interfaces or ():
                if interface.name.value not in type_.interfaces:
                    type_.interfaces.append(interface.name.value)
            for field_node in node.fields or ():
                if field_node.name.value in _INTERNAL_ROOT_FIELDS:
                    continue
                field = self.field(name, field_node, shareable)
                if field.name in type_.fields:
                    self.issue(
                        "INVALID_GRAPHQL",
                        f'Field "{name}.{field.name}" can only be defined once.',
                        name,
                        field.name,
                    )
                type_.fields[field.name] = field
        elif isinstance(node, UnionTypeDefinitionNode | UnionTypeExtensionNode):
            for member in node.types or ():
                if member.name.value != "_Entity" and member.name.value not in type_.members:
                    type_.members.append(member.name.value)
        elif isinstance(node, EnumTypeDefinitionNode | EnumTypeExtensionNode):
            for value_node in node.values or ():
                value = EnumValue(name=value_node.name.value, description=_description(value_node))
                coordinate = f"{name}.{value.name}"
                for directive, application in self.directives(
                    value_node.directives or (), coordinate
                ):
                    self.metadata(value, directive, application)
                type_.values[value.name] = value
        elif isinstance(node, InputObjectTypeDefinitionNode | InputObjectTypeExtensionNode):
            for input_node in node.fields or ():
                input_field = self.argument(input_node, name, InputField)
                type_.input_fields[input_field.name] = input_field

    def field(self, type_name: str, node: FieldDefinitionNode, shareable: bool) -> Field:
        field = Field(
            name=node.name.value,
            type=type_ref_from_node(node.type),
            description=_description(node),
            shareable=shareable,
        )
        coordinate = f"{type_name}.{field.name}"
        for argument_node in node.arguments or ():
            argument = self.argument(argument_node, coordinate, Argument)
            field.arguments[argument.name] = argument
        for directive, application in self.directives(node.directives or (), coordinate):
            if self.metadata(field, directive, application):
                continue
            if directive == "shareable":
                field.shareable = True
            elif directive == "external":
                field.external = True
            elif directive in ("requires", "provides"):
                setattr(field, directive, _string_argument(application, "fields") or "")
            elif directive == "override":
                field.override_from = _string_argument(application, "from")
                if argument_value(application, "label") is not None:
                    self.issue(
                        "UNSUPPORTED_FEATURE",
                        f'Progressive @override (label) on "{coordinate}" is not supported by '
                        "this composer yet.",
                        type_name,
                        field.name,
                    )
            else:
                self.issue(
                    "INVALID_GRAPHQL",
                    f'Directive "@{application.name.value}" may not be used on "{coordinate}".',
                    type_name,
                    field.name,
                )
        return field

    def argument(
        self, node: InputValueDefinitionNode, parent: str, cls: type[_ArgumentT]
    ) -> _ArgumentT:
        argument = cls(
            name=node.name.value,
            type=type_ref_from_node(node.type),
            default=print_ast(node.default_value) if node.default_value is not None else None,
            description=_description(node),
        )
        coordinate = (
            f"{parent}.{argument.name}" if cls is InputField else f"{parent}({argument.name}:)"
        )
        for directive, application in self.directives(node.directives or (), coordinate):
            if not self.metadata(argument, directive, application):
                self.issue(
                    "INVALID_GRAPHQL",
                    f'Directive "@{application.name.value}" may not be used on "{coordinate}".',
                )
        return argument


def read_subgraph(source: SubgraphSource) -> tuple[Subgraph | None, list[CompositionIssue]]:
    """Read one subgraph's SDL; returns the subgraph (``None`` if unreadable) and its issues."""
    try:
        document = parse(Source(source.sdl, source.name))
    except GraphQLError as error:
        return None, [subgraph_issue(source.name, "INVALID_GRAPHQL", error.message)]
    schema_nodes = [
        definition
        for definition in document.definitions
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode)
    ]
    try:
        names = read_links(schema_nodes)
    except LinkProblem as problem:
        code = (
            "UNKNOWN_FEDERATION_LINK_VERSION"
            if "Invalid version" in str(problem)
            else "INVALID_LINK_DIRECTIVE_USAGE"
        )
        return None, [subgraph_issue(source.name, code, str(problem))]
    reader = _Reader(source, names)
    subgraph = reader.read(document)
    return subgraph, reader.issues
