"""Print a supergraph as SDL, laid out like Apollo's supergraphs.

Definitions come sorted by name; a type's directives go one per line between its name and
its body, a field's on the field's line. Descriptions print as block strings.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql import StringValueNode, print_ast
from graphql.language.block_string import is_printable_as_block_string
from graphql.language.print_string import print_string

from gateway.composition.model import (
    JoinField,
    JoinType,
    MergedArgument,
    MergedDirective,
    MergedElement,
    MergedEnumValue,
    MergedField,
    MergedType,
    Supergraph,
)
from gateway.composition.spec import (
    LINK_LINK,
    directive_definitions,
    inaccessible_link,
    join_link,
    tag_link,
    type_definitions,
)
from gateway.composition.subgraph import TypeKind

__all__ = ["print_supergraph"]

_KEYWORDS = {
    TypeKind.OBJECT: "type",
    TypeKind.INTERFACE: "interface",
    TypeKind.UNION: "union",
    TypeKind.ENUM: "enum",
    TypeKind.INPUT_OBJECT: "input",
    TypeKind.SCALAR: "scalar",
}


def _sort_key(name: str) -> tuple[str, str]:
    # Case-insensitive first, lower case first on a tie: close to JavaScript's localeCompare.
    return name.lower(), name.swapcase()


def _description(text: str | None, indentation: str = "", first_in_block: bool = True) -> str:
    if text is None:
        return ""
    block = print_ast(StringValueNode(value=text, block=is_printable_as_block_string(text)))
    prefix = "\n" + indentation if indentation and not first_in_block else indentation
    return prefix + block.replace("\n", "\n" + indentation) + "\n"


def _join_type(join: JoinType) -> str:
    arguments = [f"graph: {join.graph}"]
    if join.key is not None:
        arguments.append(f"key: {print_string(join.key)}")
    if join.extension:
        arguments.append("extension: true")
    if not join.resolvable:
        arguments.append("resolvable: false")
    if join.is_interface_object:
        arguments.append("isInterfaceObject: true")
    return f"@join__type({', '.join(arguments)})"


def _join_field(join: JoinField) -> str:
    arguments = [f"graph: {join.graph}"] if join.graph is not None else []
    if join.requires is not None:
        arguments.append(f"requires: {print_string(join.requires)}")
    if join.provides is not None:
        arguments.append(f"provides: {print_string(join.provides)}")
    if join.type is not None:
        arguments.append(f"type: {print_string(join.type)}")
    if join.external:
        arguments.append("external: true")
    if join.override is not None:
        arguments.append(f"override: {print_string(join.override)}")
    if join.used_overridden:
        arguments.append("usedOverridden: true")
    return f"@join__field({', '.join(arguments)})" if arguments else "@join__field"


class _Printer:
    """Prints types with the supergraph's names for ``@tag`` and ``@inaccessible``."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.tag = supergraph.tag_name
        self.inaccessible = supergraph.inaccessible_name

    def element_directives(self, element: MergedElement, joins: Iterable[str]) -> list[str]:
        """Directives of a field, argument or enum value, in Apollo's order."""
        directives = [f"@{self.inaccessible}"] if element.inaccessible else []
        directives.extend(joins)
        directives.extend(f"@{self.tag}(name: {print_string(tag)})" for tag in element.tags)
        if element.deprecation is not None:
            reason = element.deprecation.reason
            directives.append(
                "@deprecated" if reason is None else f"@deprecated(reason: {print_string(reason)})"
            )
        return directives

    def input_value(self, argument: MergedArgument) -> str:
        text = f"{argument.name}: {argument.type}"
        if argument.default is not None:
            text += f" = {argument.default}"
        directives = self.element_directives(argument, map(_join_field, argument.join_fields))
        return " ".join([text, *directives])

    def arguments(self, arguments: list[MergedArgument], indentation: str) -> str:
        if not arguments:
            return ""
        if all(argument.description is None for argument in arguments):
            return "(" + ", ".join(self.input_value(argument) for argument in arguments) + ")"
        lines = [
            _description(argument.description, indentation + "  ", index == 0)
            + f"{indentation}  {self.input_value(argument)}"
            for index, argument in enumerate(arguments)
        ]
        return "(\n" + "\n".join(lines) + f"\n{indentation})"

    def field(self, field: MergedField, first: bool) -> str:
        directives = self.element_directives(field, map(_join_field, field.join_fields))
        line = f"  {field.name}{self.arguments(field.arguments, '  ')}: {field.type}"
        return _description(field.description, "  ", first) + " ".join([line, *directives])

    def enum_value(self, value: MergedEnumValue, first: bool) -> str:
        joins = (f"@join__enumValue(graph: {graph})" for graph in value.graphs)
        directives = self.element_directives(value, joins)
        return _description(value.description, "  ", first) + " ".join(
            [f"  {value.name}", *directives]
        )

    def type_directives(self, type_: MergedType) -> list[str]:
        directives = [
            f"@join__implements(graph: {graph}, interface: {print_string(interface)})"
            for graph, interface in type_.join_implements
        ]
        directives.extend(_join_type(join) for join in type_.join_types)
        directives.extend(
            f"@join__unionMember(graph: {graph}, member: {print_string(member)})"
            for graph, member in type_.join_members
        )
        if type_.inaccessible:
            directives.append(f"@{self.inaccessible}")
        if type_.specified_by is not None:
            directives.append(f"@specifiedBy(url: {print_string(type_.specified_by)})")
        directives.extend(f"@{self.tag}(name: {print_string(tag)})" for tag in type_.tags)
        return directives

    def body(self, type_: MergedType) -> list[str]:
        if type_.kind in (TypeKind.OBJECT, TypeKind.INTERFACE):
            return [
                self.field(field, index == 0) for index, field in enumerate(type_.fields.values())
            ]
        if type_.kind is TypeKind.INPUT_OBJECT:
            return [
                _description(field.description, "  ", index == 0) + f"  {self.input_value(field)}"
                for index, field in enumerate(type_.input_fields.values())
            ]
        if type_.kind is TypeKind.ENUM:
            return [
                self.enum_value(value, index == 0)
                for index, value in enumerate(type_.values.values())
            ]
        return []

    def type(self, type_: MergedType) -> str:
        header = f"{_KEYWORDS[type_.kind]} {type_.name}"
        if type_.interfaces:
            header += " implements " + " & ".join(type_.interfaces)
        lines = [_description(type_.description) + header]
        lines.extend(f"  {directive}" for directive in self.type_directives(type_))
        if type_.kind is TypeKind.UNION:
            if type_.members:
                lines.append(" = " + " | ".join(type_.members))
            return "\n".join(lines)
        if type_.kind is TypeKind.SCALAR:
            return "\n".join(lines)
        return "\n".join([*lines, "{", *self.body(type_), "}"])

    def directive(self, directive: MergedDirective) -> str:
        repeatable = " repeatable" if directive.repeatable else ""
        return (
            _description(directive.description)
            + f"directive @{directive.name}{self.arguments(directive.arguments, '')}{repeatable}"
            + " on "
            + " | ".join(directive.locations)
        )

    def graph_enum(self) -> str:
        values = [
            f"  {value} @join__graph(name: {print_string(name)}, url: {print_string(url)})"
            for value, name, url in self.supergraph.graphs
        ]
        return "\n".join(["enum join__Graph {", *values, "}"])

    def schema(self, *, tag: bool, inaccessible: bool) -> str:
        links = [LINK_LINK, join_link(self.supergraph.join_version)]
        if tag:
            links.append(tag_link(self.tag))
        if inaccessible:
            links.append(inaccessible_link(self.inaccessible))
        roots = [f"  {operation}: {name}" for operation, name in self.supergraph.roots.items()]
        return "\n".join(["schema", *(f"  {link}" for link in links), "{", *roots, "}"])

    def print(self) -> str:
        supergraph = self.supergraph
        tag = self.tag if supergraph.uses_tag else None
        inaccessible = self.inaccessible if supergraph.uses_inaccessible else None
        directives = directive_definitions(
            supergraph.join_version, tag=tag, inaccessible=inaccessible
        )
        directives.extend((d.name, self.directive(d)) for d in supergraph.directives)
        types = type_definitions(supergraph.join_version)
        types.append(("join__Graph", self.graph_enum()))
        types.extend((name, self.type(type_)) for name, type_ in supergraph.types.items())
        blocks = [self.schema(tag=tag is not None, inaccessible=inaccessible is not None)]
        blocks.extend(text for _, text in sorted(directives, key=lambda item: _sort_key(item[0])))
        blocks.extend(text for _, text in sorted(types, key=lambda item: _sort_key(item[0])))
        return "\n\n".join(blocks)


def print_supergraph(supergraph: Supergraph) -> str:
    """Print the supergraph SDL."""
    return _Printer(supergraph).print()
