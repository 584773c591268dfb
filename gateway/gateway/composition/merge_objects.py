"""Merging object and interface types: fields are the union of every subgraph's fields.

Each subgraph that defines the type gets a ``@join__type`` (one per key), and each
interface it implements there a ``@join__implements``. A field some subgraph took over
with ``@override`` leaves its old subgraph, or stays marked ``usedOverridden``.
"""

from __future__ import annotations

from collections.abc import Sequence

from gateway.composition.context import MergeContext
from gateway.composition.merge_fields import FieldSource, merge_field
from gateway.composition.metadata import merge_metadata
from gateway.composition.model import JoinField, JoinType, MergedField, MergedType
from gateway.composition.subgraph import Subgraph, SubgraphType, TypeKind

__all__ = ["add_interface_object_fields", "join_types", "merge_object_like"]


def join_types(sources: Sequence[tuple[Subgraph, SubgraphType]]) -> list[JoinType]:
    """The ``@join__type`` annotations: one per subgraph, or one per key of an entity."""
    joins: list[JoinType] = []
    for subgraph, type_ in sources:
        if not type_.keys:
            joins.append(JoinType(subgraph.graph, is_interface_object=type_.interface_object))
        joins.extend(
            JoinType(
                subgraph.graph,
                key=key.fields,
                extension=type_.extension,
                resolvable=key.resolvable,
                is_interface_object=type_.interface_object,
            )
            for key in type_.keys
        )
    return joins


def merge_object_like(
    context: MergeContext,
    name: str,
    kind: TypeKind,
    sources: Sequence[tuple[Subgraph, SubgraphType]],
) -> MergedType:
    """Merge an object or interface type defined by ``sources``."""
    merged = MergedType(name=name, kind=kind, join_types=join_types(sources))
    merge_metadata(merged, [type_ for _, type_ in sources])
    for subgraph, type_ in sources:
        for interface in type_.interfaces:
            if interface not in merged.interfaces:
                merged.interfaces.append(interface)
            merged.join_implements.append((subgraph.graph, interface))
    field_names: list[str] = []
    for _, type_ in sources:
        field_names.extend(field for field in type_.fields if field not in field_names)
    for field_name in field_names:
        field_sources = _field_sources(context, name, field_name, sources)
        if not field_sources:
            continue
        merged.fields[field_name] = merge_field(
            context,
            type_name=name,
            parent_kind=kind,
            name=field_name,
            sources=field_sources,
            declarations=[t.fields[field_name] for _, t in sources if field_name in t.fields],
            parent_graphs=len(sources),
        )
    return merged


def _field_sources(
    context: MergeContext,
    type_name: str,
    field_name: str,
    sources: Sequence[tuple[Subgraph, SubgraphType]],
) -> list[FieldSource]:
    result: list[FieldSource] = []
    for subgraph, type_ in sources:
        field = type_.fields.get(field_name)
        if field is None:
            continue
        coordinate = (subgraph.name, type_name, field_name)
        if coordinate in context.dropped:
            continue
        result.append(
            FieldSource(
                subgraph,
                field,
                used_overridden=coordinate in context.used_overridden,
                overriding=coordinate in context.overriding,
            )
        )
    return result


def add_interface_object_fields(
    interface: MergedType,
    types: dict[str, MergedType],
    implementations: Sequence[str],
    interface_object_graphs: set[str],
) -> None:
    """Give each implementation the fields only ``@interfaceObject`` subgraphs declare.

    Those subgraphs resolve the field for every implementation through the interface, so the
    implementation's copy carries a bare ``@join__field`` (no subgraph of its own).
    """
    for field in interface.fields.values():
        graphs = {join.graph for join in field.join_fields}
        if field.join_fields and not graphs & interface_object_graphs:
            continue
        for implementation_name in implementations:
            implementation = types.get(implementation_name)
            if implementation is None or field.name in implementation.fields:
                continue
            copy = MergedField(
                name=field.name,
                type=field.type,
                arguments=list(field.arguments),
                join_fields=[JoinField(graph=None)],
                description=field.description,
                deprecation=field.deprecation,
                inaccessible=field.inaccessible,
                tags=list(field.tags),
            )
            implementation.fields[field.name] = copy
