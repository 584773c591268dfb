"""Merging the subgraphs' types into the supergraph, type by type.

Types are matched by name; a type must have the same kind everywhere (an
``@interfaceObject`` counts as the interface it stands for). Each kind has its own merge
rules, in the ``merge_*`` modules; the checks that need the whole merged picture (shared
fields, interface fields, extensions without a base) run here afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.composition.context import MergeContext
from gateway.composition.errors import CompositionError, quote_subgraphs, spread
from gateway.composition.merge_enums import EnumUsage, enum_usage, merge_enum
from gateway.composition.merge_input_objects import merge_input_object
from gateway.composition.merge_inputs import ARGUMENT, merge_inputs
from gateway.composition.merge_objects import add_interface_object_fields, merge_object_like
from gateway.composition.merge_unions import merge_union
from gateway.composition.metadata import merge_description, merge_metadata
from gateway.composition.model import JoinType, MergedDirective, MergedType, Supergraph
from gateway.composition.override import resolve_overrides
from gateway.composition.sharing import check_field_sharing
from gateway.composition.subgraph import Subgraph, SubgraphType, TypeKind

__all__ = ["merge_subgraphs"]

Sources = list[tuple[Subgraph, SubgraphType]]
_ROOT_NAMES = ("Query", "Mutation", "Subscription")


def _kind(type_: SubgraphType) -> TypeKind:
    return TypeKind.INTERFACE if type_.interface_object else type_.kind


def _group(subgraphs: Sequence[Subgraph]) -> dict[str, Sources]:
    grouped: dict[str, Sources] = {}
    for subgraph in subgraphs:
        for name, type_ in subgraph.types.items():
            grouped.setdefault(name, []).append((subgraph, type_))
    return grouped


class _Merger:
    def __init__(self, subgraphs: list[Subgraph]) -> None:
        self.context = MergeContext(subgraphs=subgraphs)
        self.grouped = _group(subgraphs)
        self.types: dict[str, MergedType] = {}
        self.enum_usage = enum_usage(subgraphs)

    def run(self, join_version: str) -> Supergraph:
        context = self.context
        resolve_overrides(context)
        self.relations()
        for name, sources in self.grouped.items():
            merged = self.merge_type(name, sources)
            if merged is not None:
                self.types[name] = merged
        self.interface_objects()
        self.extensions_without_base()
        self.interface_fields()
        check_field_sharing(context, self.grouped)
        tag_name, inaccessible_name = self.spec_name("tag"), self.spec_name("inaccessible")
        directives = self.directives()
        query = self.types.get("Query")
        if query is None or not query.fields:
            context.issue(
                "NO_QUERIES",
                "No queries found in any subgraph: a supergraph must have a query root type.",
                [],
            )
        if context.issues:
            raise CompositionError(context.issues)
        roots = {
            operation: name
            for operation, name in zip(
                ("query", "mutation", "subscription"), _ROOT_NAMES, strict=True
            )
            if name in self.types
        }
        return Supergraph(
            graphs=[
                (subgraph.graph, subgraph.name, subgraph.url) for subgraph in context.subgraphs
            ],
            join_version=join_version,
            roots=roots,
            types=self.types,
            directives=directives,
            tag_name=tag_name,
            inaccessible_name=inaccessible_name,
        )

    def spec_name(self, spec: str) -> str:
        """The name subgraphs give ``@tag`` or ``@inaccessible``; they must agree on it."""
        used = [
            (subgraph.name, subgraph.spec_names[spec])
            for subgraph in self.context.subgraphs
            if spec in subgraph.spec_names
        ]
        if len({local for _, local in used}) > 1:
            ordered = sorted(used, key=lambda pair: pair[1] != spec)  # the default name first
            self.context.issue(
                "LINK_IMPORT_NAME_MISMATCH",
                f'The "@{spec}" directive is imported with mismatched name between subgraphs: '
                "it is imported as "
                + spread("", [(subgraph, f'"@{local}"') for subgraph, local in ordered]),
                [subgraph for subgraph, _ in ordered],
            )
        return used[0][1] if used else spec

    def relations(self) -> None:
        """Record which types implement which interface, and union members, anywhere."""
        for subgraph in self.context.subgraphs:
            for type_ in subgraph.types.values():
                for interface in type_.interfaces:
                    self.context.implementations.setdefault(interface, set()).add(type_.name)
                for member in type_.members:
                    self.context.union_members.setdefault(type_.name, set()).add(member)

    def merge_type(self, name: str, sources: Sources) -> MergedType | None:
        kinds = {_kind(type_) for _, type_ in sources}
        if len(kinds) > 1:
            self.context.issue(
                "TYPE_KIND_MISMATCH",
                f'Type "{name}" has mismatched kind: it is defined as '
                + spread("", [(subgraph.name, _kind(type_).value) for subgraph, type_ in sources]),
                [subgraph.name for subgraph, _ in sources],
                name,
            )
            return None
        kind = kinds.pop()
        if kind in (TypeKind.OBJECT, TypeKind.INTERFACE):
            if all(type_.interface_object for _, type_ in sources):
                self.context.issue(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'Type "{name}" is declared with @interfaceObject in all the subgraphs in '
                    f"which it is defined (it is defined in "
                    f"{quote_subgraphs(subgraph.name for subgraph, _ in sources)})",
                    [subgraph.name for subgraph, _ in sources],
                    name,
                )
            return merge_object_like(self.context, name, kind, sources)
        if kind is TypeKind.UNION:
            return merge_union(name, sources)
        if kind is TypeKind.ENUM:
            return merge_enum(self.context, name, sources, self.enum_usage.get(name, EnumUsage()))
        if kind is TypeKind.INPUT_OBJECT:
            return merge_input_object(self.context, name, sources)
        merged = MergedType(name=name, kind=TypeKind.SCALAR)
        merged.join_types = [JoinType(subgraph.graph) for subgraph, _ in sources]
        merge_metadata(merged, [type_ for _, type_ in sources])
        merged.specified_by = next(
            (type_.specified_by for _, type_ in sources if type_.specified_by), None
        )
        return merged

    def interface_objects(self) -> None:
        for name, sources in self.grouped.items():
            graphs = {subgraph.graph for subgraph, type_ in sources if type_.interface_object}
            interface = self.types.get(name)
            if not graphs or interface is None:
                continue
            implementations = sorted(self.context.implementations.get(name, ()))
            add_interface_object_fields(interface, self.types, implementations, graphs)

    def extensions_without_base(self) -> None:
        """Every extended type needs a definition somewhere.

        Fed 1 counts ``@extends`` as an extension; Fed 2 only ``extend type``.
        """
        for name, sources in self.grouped.items():
            if name in _ROOT_NAMES:
                continue
            extensions = [
                subgraph
                for subgraph, type_ in sources
                if (type_.only_extended if subgraph.is_fed1 else not type_.has_definition)
            ]
            if len(extensions) < len(sources):
                continue
            for subgraph in extensions:
                self.context.issue(
                    "EXTENSION_WITH_NO_BASE",
                    f'[{subgraph.name}] Type "{name}" is an extension type, but there is no '
                    f'type definition for "{name}" in any subgraph.',
                    [subgraph.name],
                    name,
                )

    def interface_fields(self) -> None:
        for interface in self.types.values():
            if interface.kind is not TypeKind.INTERFACE:
                continue
            for implementation_name in sorted(self.context.implementations.get(interface.name, ())):
                implementation = self.types.get(implementation_name)
                if implementation is None:
                    continue
                for field in interface.fields.values():
                    if field.name not in implementation.fields:
                        self.missing_implementation(interface.name, implementation_name, field.name)

    def missing_implementation(self, interface: str, implementation: str, field: str) -> None:
        declaring = [
            subgraph.name for subgraph, type_ in self.grouped[interface] if field in type_.fields
        ]
        implementing = [
            subgraph.name
            for subgraph, type_ in self.grouped.get(implementation, [])
            if interface in type_.interfaces
        ]
        self.context.issue(
            "INTERFACE_FIELD_NO_IMPLEM",
            f'Interface field "{interface}.{field}" is declared in {quote_subgraphs(declaring)} '
            f'but type "{implementation}", which implements "{interface}" only in '
            f'{quote_subgraphs(implementing)} does not have field "{field}".',
            [*declaring, *implementing],
            implementation,
            field,
        )

    def directives(self) -> list[MergedDirective]:
        """Executable directives every subgraph defines, with what they all accept."""
        subgraphs = self.context.subgraphs
        merged: list[MergedDirective] = []
        for name in subgraphs[0].directives:
            definitions = [subgraph.directives.get(name) for subgraph in subgraphs]
            present = [definition for definition in definitions if definition is not None]
            if len(present) < len(subgraphs):
                continue
            locations = [
                location
                for location in present[0].locations
                if all(location in definition.locations for definition in present)
            ]
            if not locations:
                continue
            arguments = merge_inputs(
                self.context,
                kind=ARGUMENT,
                parent=f"@{name}",
                type_name=f"@{name}",
                field_name=None,
                sources=[
                    (subgraph, dict(definition.arguments))
                    for subgraph, definition in zip(subgraphs, present, strict=True)
                ],
            )
            merged.append(
                MergedDirective(
                    name=name,
                    arguments=arguments,
                    locations=locations,
                    repeatable=all(definition.repeatable for definition in present),
                    description=merge_description([d.description for d in present]),
                )
            )
        return merged


def merge_subgraphs(subgraphs: list[Subgraph], *, join_version: str) -> Supergraph:
    """Merge read and checked subgraphs (in ``join__Graph`` order) into a supergraph.

    Raises ``CompositionError`` listing every merge issue.
    """
    return _Merger(subgraphs).run(join_version)
