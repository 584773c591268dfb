"""Read a supergraph SDL (Apollo's ``join__*`` directives) into the planner's model.

Federation 2 supergraphs ``@link`` the join spec v0.2 to v0.5; federation 1 supergraphs
``@core`` join v0.1, where ``@join__owner`` names the subgraph that owns an entity. Either way
the join directives say which subgraph knows which type, key, field, interface, union member
and enum value. Every field's subgraphs are filled in explicitly, the way Apollo extracts the
subgraphs from the supergraph, so the planner never has to apply defaults.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    EnumValueDefinitionNode,
    ExecutableDefinitionNode,
    FieldDefinitionNode,
    FieldNode,
    GraphQLError,
    InlineFragmentNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    OperationDefinitionNode,
    OperationType,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    SelectionSetNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    parse,
    print_ast,
)

from .api_schema import build_api_schema
from .features import INACCESSIBLE, JOIN, Features, SupergraphError, read_features
from .features import directive_arguments as _arguments
from .model import (
    FieldDef,
    FieldInSubgraph,
    Key,
    Subgraph,
    Supergraph,
    TypeDef,
    TypeInSubgraph,
    TypeKind,
)

__all__ = ["SUPPORTED_FEATURES", "SupergraphError", "parse_field_set", "parse_supergraph"]

SUPPORTED_FEATURES = frozenset(
    {
        "https://specs.apollo.dev/core/v0.1",
        "https://specs.apollo.dev/core/v0.2",
        "https://specs.apollo.dev/join/v0.1",
        "https://specs.apollo.dev/join/v0.2",
        "https://specs.apollo.dev/join/v0.3",
        "https://specs.apollo.dev/join/v0.4",
        "https://specs.apollo.dev/join/v0.5",
        "https://specs.apollo.dev/tag/v0.1",
        "https://specs.apollo.dev/tag/v0.2",
        "https://specs.apollo.dev/tag/v0.3",
        "https://specs.apollo.dev/inaccessible/v0.1",
        "https://specs.apollo.dev/inaccessible/v0.2",
    }
)
"""Specs a supergraph may link ``for: SECURITY`` or ``for: EXECUTION``: Apollo's gateway set.

A spec linked for security or execution changes what a query means; a gateway that does not
implement it must refuse the supergraph rather than serve it wrongly. Others are ignored.
"""

_JOIN_VERSIONS = ((0, 1), (0, 2), (0, 3), (0, 4), (0, 5))
_BUILT_IN_SCALARS = ("String", "Int", "Float", "Boolean", "ID")

_KINDS: dict[type[Any], TypeKind] = {
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

_TypeNode = TypeDefinitionNode | TypeExtensionNode


def parse_field_set(fields: str) -> SelectionSetNode:
    """Parse a field set (``"id region { code }"``) into a selection set."""
    try:
        document = parse(f"{{ {fields} }}", no_location=True)
    except GraphQLError as error:
        raise SupergraphError(f'invalid field set "{fields}": {error.message}') from error
    operation = document.definitions[0]
    if len(document.definitions) != 1 or not isinstance(operation, OperationDefinitionNode):
        raise SupergraphError(f'invalid field set "{fields}"')
    return operation.selection_set


def _named_type(node: TypeNode) -> str:
    while isinstance(node, ListTypeNode | NonNullTypeNode):
        node = node.type
    assert isinstance(node, NamedTypeNode)
    return node.name.value


@dataclass
class _TypeNodes:
    """A type's definition and extensions, read together."""

    name: str
    kind: TypeKind
    nodes: list[_TypeNode] = field(default_factory=list)

    @property
    def directives(self) -> list[ConstDirectiveNode]:
        return [directive for node in self.nodes for directive in node.directives or ()]

    def children(self, attribute: str) -> list[Any]:
        """Fields, values, members or interfaces across the definition and extensions."""
        return [child for node in self.nodes for child in getattr(node, attribute, None) or ()]


class _Reader:
    """Builds the model from a supergraph document, one concern per method."""

    def __init__(self, document: DocumentNode, features: Features) -> None:
        join = features.get(JOIN)
        if join is None:
            raise SupergraphError(
                f'not a supergraph: the schema does not link the join spec ("{JOIN}")'
            )
        if join.version not in _JOIN_VERSIONS:
            supported = ", ".join(f"v{major}.{minor}" for major, minor in _JOIN_VERSIONS)
            raise SupergraphError(
                f"unsupported join spec version v{join.version[0]}.{join.version[1]} "
                f"(supported: {supported})"
            )
        self.document = document
        self.features = features
        self.join = join
        self.fed1 = join.version == (0, 1)
        inaccessible = features.get(INACCESSIBLE)
        self.inaccessible = inaccessible.directive("inaccessible") if inaccessible else None
        self.type_nodes = self._group_type_nodes()
        self.subgraphs = self._subgraphs()
        self._field_sets: dict[str, SelectionSetNode] = {}
        # Keys declared on a type extension (`extension: true`), by type and graph.
        self._extension_keys: set[tuple[str, str, str]] = set()

    # -- reading helpers ------------------------------------------------------------------

    def _applications(
        self, directives: Iterable[ConstDirectiveNode], name: str
    ) -> list[dict[str, Any]]:
        local = self.join.directive(name)
        return [_arguments(node) for node in directives if node.name.value == local]

    def _graph(self, arguments: dict[str, Any], where: str) -> str | None:
        graph = arguments.get("graph")
        if graph is None:
            return None
        if graph not in self.subgraphs:
            graph_enum = self.join.type("Graph")
            raise SupergraphError(f'{where} names graph "{graph}", which {graph_enum} lacks')
        return str(graph)

    def _field_set(self, text: str) -> SelectionSetNode:
        parsed = self._field_sets.get(text)
        if parsed is None:
            parsed = self._field_sets[text] = parse_field_set(text)
        return parsed

    def _is_inaccessible(self, directives: Iterable[ConstDirectiveNode]) -> bool:
        return self.inaccessible is not None and any(
            directive.name.value == self.inaccessible for directive in directives
        )

    # -- document structure ---------------------------------------------------------------

    def _group_type_nodes(self) -> dict[str, _TypeNodes]:
        grouped: dict[str, _TypeNodes] = {}
        for node in self.document.definitions:
            if not isinstance(node, _TypeNode):
                continue
            name = node.name.value
            kind = _KINDS[type(node)]
            group = grouped.setdefault(name, _TypeNodes(name, kind))
            if group.kind is not kind:
                raise SupergraphError(f'type "{name}" is declared as both {group.kind} and {kind}')
            group.nodes.append(node)
        return grouped

    def _subgraphs(self) -> dict[str, Subgraph]:
        enum_name = self.join.type("Graph")
        graph_enum = self.type_nodes.get(enum_name)
        if graph_enum is None or graph_enum.kind is not TypeKind.ENUM:
            raise SupergraphError(f"not a supergraph: the enum {enum_name} is missing")
        subgraphs: dict[str, Subgraph] = {}
        value: EnumValueDefinitionNode
        for value in graph_enum.children("values"):
            graph_id = value.name.value
            applications = self._applications(value.directives or (), "graph")
            if len(applications) != 1:
                raise SupergraphError(
                    f"{enum_name}.{graph_id} needs exactly one @{self.join.directive('graph')}"
                )
            name, url = applications[0].get("name"), applications[0].get("url")
            if not isinstance(name, str) or not isinstance(url, str):
                raise SupergraphError(f"{enum_name}.{graph_id} needs a name and a url")
            subgraphs[graph_id] = Subgraph(id=graph_id, name=name, url=url)
        return subgraphs

    def root_types(self) -> dict[OperationType, str]:
        """Root type names from the schema definition, else the conventional names."""
        roots: dict[OperationType, str] = {}
        for node in self.document.definitions:
            if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode):
                for operation_type in node.operation_types or ():
                    roots[operation_type.operation] = operation_type.type.name.value
        if not any(isinstance(node, SchemaDefinitionNode) for node in self.document.definitions):
            for operation, name in (
                (OperationType.QUERY, "Query"),
                (OperationType.MUTATION, "Mutation"),
                (OperationType.SUBSCRIPTION, "Subscription"),
            ):
                if name in self.type_nodes:
                    roots.setdefault(operation, name)
        return roots

    # -- types ----------------------------------------------------------------------------

    def types(self) -> dict[str, TypeDef]:
        """Every type of the supergraph but the linked specs' own, then built-in scalars."""
        types: dict[str, TypeDef] = {}
        for name, group in self.type_nodes.items():
            if not self.features.defines_type(name):
                types[name] = self._type(group)
        for name in _BUILT_IN_SCALARS:
            if name not in types:
                types[name] = TypeDef(
                    name=name,
                    kind=TypeKind.SCALAR,
                    subgraphs={graph: TypeInSubgraph(graph=graph) for graph in self.subgraphs},
                )
        self._derive_membership_by_presence(types)
        self._add_key_and_directive_fields(types)
        return types

    def _type(self, group: _TypeNodes) -> TypeDef:
        directives = group.directives
        type_def = TypeDef(
            name=group.name,
            kind=group.kind,
            subgraphs=self._type_in_subgraphs(group.name, directives),
            inaccessible=self._is_inaccessible(directives),
        )
        if group.kind in (TypeKind.OBJECT, TypeKind.INTERFACE):
            type_def.interfaces = [node.name.value for node in group.children("interfaces")]
            for application in self._applications(directives, "implements"):
                graph = self._graph(application, f"@join__implements on {group.name}")
                if graph is not None:
                    type_def.implements_in.setdefault(graph, []).append(
                        str(application["interface"])
                    )
            owner = self._owner(group.name, directives)
            for node in group.children("fields"):
                field_def = self._field(type_def, node, owner)
                type_def.fields[field_def.name] = field_def
        elif group.kind is TypeKind.UNION:
            type_def.union_members = [node.name.value for node in group.children("types")]
            for application in self._applications(directives, "unionMember"):
                graph = self._graph(application, f"@join__unionMember on {group.name}")
                if graph is not None:
                    type_def.union_members_in.setdefault(graph, []).append(
                        str(application["member"])
                    )
        elif group.kind is TypeKind.ENUM:
            type_def.enum_values_in = self._enum_values_in(type_def, group.children("values"))
        return type_def

    def _type_in_subgraphs(
        self, name: str, directives: Sequence[ConstDirectiveNode]
    ) -> dict[str, TypeInSubgraph]:
        found: dict[str, TypeInSubgraph] = {}
        for application in self._applications(directives, "type"):
            graph = self._graph(application, f"@join__type on {name}")
            if graph is None:
                raise SupergraphError(f"@join__type on {name} has no graph")
            here = found.setdefault(graph, TypeInSubgraph(graph=graph))
            extension = bool(application.get("extension", False))
            here.extension = here.extension or extension
            here.is_interface_object = here.is_interface_object or bool(
                application.get("isInterfaceObject", False)
            )
            key = application.get("key")
            if isinstance(key, str):
                if extension:
                    self._extension_keys.add((name, graph, key))
                resolvable = application.get("resolvable", True)
                here.keys.append(
                    Key(
                        fields=self._field_set(key),
                        fields_text=key,
                        resolvable=resolvable is not False,
                    )
                )
        if not found:
            # No @join__type at all: a value type every subgraph shares.
            return {graph: TypeInSubgraph(graph=graph) for graph in self.subgraphs}
        return found

    def _owner(self, name: str, directives: Sequence[ConstDirectiveNode]) -> str | None:
        if not self.fed1:
            return None
        owners = [
            self._graph(application, f"@join__owner on {name}")
            for application in self._applications(directives, "owner")
        ]
        if len(owners) > 1:
            raise SupergraphError(f"{name} has more than one @join__owner")
        return owners[0] if owners else None

    def _field(self, type_def: TypeDef, node: FieldDefinitionNode, owner: str | None) -> FieldDef:
        where = f"@join__field on {type_def.name}.{node.name.value}"
        field_def = FieldDef(
            name=node.name.value,
            type=print_ast(node.type),
            named_type=_named_type(node.type),
            inaccessible=self._is_inaccessible(node.directives or ()),
        )
        applications = self._applications(node.directives or (), "field")
        if not applications:
            # Unannotated: the owner's (federation 1 entities), else every subgraph of the type.
            graphs = [owner] if owner is not None else list(type_def.subgraphs)
            field_def.sources = {graph: FieldInSubgraph(graph=graph) for graph in graphs}
            return field_def
        for application in applications:
            graph = self._graph(application, where)
            if graph is None or graph in field_def.sources:
                # No graph: the field reaches the type only through an @interfaceObject.
                continue
            field_def.sources[graph] = self._field_in_subgraph(graph, application)
        return field_def

    def _field_in_subgraph(self, graph: str, application: dict[str, Any]) -> FieldInSubgraph:
        requires, provides = application.get("requires"), application.get("provides")
        subgraph_type = application.get("type")
        override, label = application.get("override"), application.get("overrideLabel")
        return FieldInSubgraph(
            graph=graph,
            requires=self._field_set(requires) if isinstance(requires, str) else None,
            provides=self._field_set(provides) if isinstance(provides, str) else None,
            type=subgraph_type if isinstance(subgraph_type, str) else None,
            external=bool(application.get("external", False)),
            override_from=override if isinstance(override, str) else None,
            used_overridden=bool(application.get("usedOverridden", False)),
            override_label=label if isinstance(label, str) else None,
        )

    def _enum_values_in(
        self, type_def: TypeDef, values: Sequence[EnumValueDefinitionNode]
    ) -> dict[str, list[str]]:
        values_in: dict[str, list[str]] = {graph: [] for graph in type_def.subgraphs}
        for value in values:
            applications = self._applications(value.directives or (), "enumValue")
            graphs = [
                self._graph(application, f"@join__enumValue on {type_def.name}.{value.name.value}")
                for application in applications
            ]
            for graph in graphs if applications else list(type_def.subgraphs):
                if graph is not None:
                    values_in.setdefault(graph, []).append(value.name.value)
        return values_in

    # -- what older join versions leave implicit ------------------------------------------

    def _derive_membership_by_presence(self, types: dict[str, TypeDef]) -> None:
        """Interfaces and union members per subgraph where the supergraph does not say them.

        join v0.1 has no ``@join__implements`` and v0.1/v0.2 no ``@join__unionMember``: a
        subgraph then has what it shares with the supergraph type, as Apollo extracts it.
        """
        for type_def in types.values():
            if type_def.interfaces and self.fed1:
                type_def.implements_in = {
                    graph: [name for name in type_def.interfaces if graph in types[name].subgraphs]
                    for graph in type_def.subgraphs
                }
            if type_def.kind is TypeKind.UNION and not type_def.union_members_in:
                type_def.union_members_in = {
                    graph: [
                        name for name in type_def.union_members if graph in types[name].subgraphs
                    ]
                    for graph in type_def.subgraphs
                }

    def _add_key_and_directive_fields(self, types: dict[str, TypeDef]) -> None:
        """Record the fields keys, ``@requires`` and ``@provides`` use in each subgraph.

        Apollo's subgraph extraction adds them as external where the supergraph omits them.
        Fields of a federation 1 key, or of a key on a type extension, resolve in the
        subgraph of the key (they are not external there), as Apollo extracts them too.
        """
        for type_def in list(types.values()):
            for graph, here in type_def.subgraphs.items():
                for key in here.keys:
                    extension = (type_def.name, graph, key.fields_text) in self._extension_keys
                    self._mark_fields(
                        types, type_def, key.fields, graph, local=self.fed1 or extension
                    )
            for field_def in list(type_def.fields.values()):
                for graph, source in list(field_def.sources.items()):
                    if source.requires is not None:
                        self._mark_fields(types, type_def, source.requires, graph, local=False)
                    target = types.get(field_def.named_type)
                    if source.provides is not None and target is not None:
                        self._mark_fields(types, target, source.provides, graph, local=False)

    def _mark_fields(
        self,
        types: dict[str, TypeDef],
        type_def: TypeDef,
        selection_set: SelectionSetNode,
        graph: str,
        *,
        local: bool,
    ) -> None:
        for selection in selection_set.selections:
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = types.get(condition.name.value) if condition else type_def
                if target is not None:
                    self._mark_fields(types, target, selection.selection_set, graph, local=local)
                continue
            if not isinstance(selection, FieldNode):
                continue
            field_def = type_def.fields.get(selection.name.value)
            if field_def is None:
                continue
            source = field_def.sources.get(graph)
            if source is None:
                field_def.sources[graph] = FieldInSubgraph(graph=graph, external=not local)
            elif local and source.external:
                source.external = False
            nested = types.get(field_def.named_type)
            if selection.selection_set is not None and nested is not None:
                self._mark_fields(types, nested, selection.selection_set, graph, local=local)


def _possible_types(types: dict[str, TypeDef]) -> dict[str, list[str]]:
    possible: dict[str, list[str]] = {}
    for type_def in types.values():
        if type_def.kind is TypeKind.INTERFACE:
            possible[type_def.name] = []
        elif type_def.kind is TypeKind.UNION:
            possible[type_def.name] = sorted(
                name
                for name in type_def.union_members
                if name in types and types[name].kind is TypeKind.OBJECT
            )
    for type_def in types.values():
        if type_def.kind is TypeKind.OBJECT:
            for interface in type_def.interfaces:
                possible.setdefault(interface, []).append(type_def.name)
    for names in possible.values():
        names.sort()
    return possible


def _check_supported(features: Features) -> None:
    for feature in features.all:
        version = f"v{feature.version[0]}.{feature.version[1]}"
        if (
            feature.purpose in ("SECURITY", "EXECUTION")
            and f"{feature.identity}/{version}" not in SUPPORTED_FEATURES
        ):
            raise SupergraphError(
                f"the supergraph links {feature.url} for {feature.purpose}, "
                "which this gateway does not implement"
            )


def parse_supergraph(sdl: str) -> Supergraph:
    """Read a supergraph SDL (federation 1 or 2) into the planner's model, API schema included.

    Raises ``SupergraphError`` with the reason when ``sdl`` is not a supergraph this gateway
    can serve: not GraphQL, no ``@link``/``@core`` to the join spec, an unsupported join
    version, a spec linked for security or execution that the gateway does not implement, or
    join directives naming graphs the ``join__Graph`` enum lacks.
    """
    try:
        document = parse(sdl)
    except GraphQLError as error:
        raise SupergraphError(f"the supergraph SDL does not parse: {error.message}") from error
    if any(isinstance(node, ExecutableDefinitionNode) for node in document.definitions):
        raise SupergraphError("not a supergraph: the document holds operations or fragments")
    features = read_features(document)
    reader = _Reader(document, features)
    _check_supported(features)
    types = reader.types()
    roots = reader.root_types()
    query_type = roots.get(OperationType.QUERY)
    if query_type is None or query_type not in types:
        raise SupergraphError("not a supergraph: it has no query type")
    return Supergraph(
        subgraphs=reader.subgraphs,
        types=types,
        query_type=query_type,
        mutation_type=roots.get(OperationType.MUTATION),
        subscription_type=roots.get(OperationType.SUBSCRIPTION),
        possible_types=_possible_types(types),
        api_schema=build_api_schema(document, features),
        sdl=sdl,
    )
