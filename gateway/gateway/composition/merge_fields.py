"""Merging one field of an object or interface type across the subgraphs that declare it.

The supergraph type is the most general of the subgraphs' types (``Int`` over ``Int!``, an
interface over its implementation); ``@external`` declarations must match it exactly. The
field gets ``@join__field`` annotations unless every subgraph defining the parent type
resolves it the same plain way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gateway.composition.context import MergeContext
from gateway.composition.errors import quote_subgraphs, spread
from gateway.composition.merge_inputs import ARGUMENT, merge_inputs
from gateway.composition.metadata import merge_metadata
from gateway.composition.model import JoinField, MergedField
from gateway.composition.subgraph import Field, Subgraph, TypeKind
from gateway.composition.typeref import TypeRef, is_subtype

__all__ = ["FieldSource", "merge_field", "merge_output_type"]


@dataclass(frozen=True, slots=True)
class FieldSource:
    """A subgraph's declaration of the field."""

    subgraph: Subgraph
    field: Field
    used_overridden: bool = False
    overriding: bool = False
    """Its @override takes the field over from another subgraph."""


def merge_output_type(context: MergeContext, types: Sequence[TypeRef]) -> TypeRef | None:
    """The most general of ``types``, or ``None`` when no one of them covers the others."""
    merged = types[0]
    for candidate in types[1:]:
        if is_subtype(merged, candidate, context.named_subtype):
            merged = candidate
        elif not is_subtype(candidate, merged, context.named_subtype):
            return None
    return merged


def merge_field(
    context: MergeContext,
    *,
    type_name: str,
    parent_kind: TypeKind,
    name: str,
    sources: Sequence[FieldSource],
    declarations: Sequence[Field],
    parent_graphs: int,
) -> MergedField:
    """Merge a field resolved by ``sources``; ``parent_graphs`` subgraphs define its type.

    ``declarations`` are every subgraph's declaration, overridden ones included: they still
    lend the field their description, tags and the like.
    """
    coordinate = f"{type_name}.{name}"
    resolving = [source for source in sources if not source.field.external]
    external = [source for source in sources if source.field.external]
    if not resolving and parent_kind is TypeKind.OBJECT:
        context.issue(
            "EXTERNAL_MISSING_ON_BASE",
            f'Field "{coordinate}" is marked @external on all the subgraphs in which it is '
            f"listed ({quote_subgraphs(source.subgraph.name for source in sources)}).",
            [source.subgraph.name for source in sources],
            type_name,
            name,
        )
    base = resolving or list(sources)
    merged_type = merge_output_type(context, [source.field.type_ref for source in base])
    if merged_type is None:
        context.issue(
            "FIELD_TYPE_MISMATCH",
            f'Type of field "{coordinate}" is incompatible across subgraphs: it has '
            + spread("type", [(s.subgraph.name, f'"{s.field.type_ref}"') for s in base]),
            [source.subgraph.name for source in base],
            type_name,
            name,
        )
        merged_type = base[0].field.type_ref
    for source in external if resolving else ():
        if source.field.type_ref != merged_type:
            context.issue(
                "EXTERNAL_TYPE_MISMATCH",
                f'Type of field "{coordinate}" is incompatible across subgraphs (where marked '
                "@external): it has "
                + spread("type", [(s.subgraph.name, f'"{s.field.type_ref}"') for s in sources]),
                [source.subgraph.name for source in sources],
                type_name,
                name,
            )
            break
    merged = MergedField(name=name, type=merged_type)
    merged.arguments = merge_inputs(
        context,
        kind=ARGUMENT,
        parent=coordinate,
        type_name=type_name,
        field_name=name,
        sources=[(source.subgraph, source.field.arguments) for source in base],
    )
    if resolving:
        _check_external_arguments(context, coordinate, type_name, merged, resolving, external)
    merge_metadata(merged, declarations)
    if _needs_join_fields(sources, parent_graphs):
        same_type = len({source.field.type_ref for source in sources}) == 1
        merged.join_fields = [
            JoinField(
                graph=source.subgraph.graph,
                requires=source.field.requires,
                provides=source.field.provides,
                type=None if same_type else str(source.field.type_ref),
                external=source.field.external,
                override=source.field.override_from,
                used_overridden=source.used_overridden,
            )
            for source in sources
        ]
    return merged


def _needs_join_fields(sources: Sequence[FieldSource], parent_graphs: int) -> bool:
    """Whether the planner needs to be told which subgraphs resolve the field, and how."""
    if len(sources) < parent_graphs:
        return True
    if len({source.field.type_ref for source in sources}) > 1:
        return True
    return any(
        source.used_overridden
        or source.field.external
        or source.field.requires is not None
        or source.field.provides is not None
        or source.overriding
        for source in sources
    )


def _check_external_arguments(
    context: MergeContext,
    coordinate: str,
    type_name: str,
    merged: MergedField,
    resolving: Sequence[FieldSource],
    external: Sequence[FieldSource],
) -> None:
    for source in external:
        for argument in merged.arguments:
            if argument.name in source.field.arguments:
                continue
            declared = [s.subgraph.name for s in resolving if argument.name in s.field.arguments]
            context.issue(
                "EXTERNAL_ARGUMENT_MISSING",
                f'Field "{coordinate}" is missing argument "{coordinate}({argument.name}:)" in '
                "some subgraphs where it is marked @external: argument "
                f'"{coordinate}({argument.name}:)" is declared in {quote_subgraphs(declared)} '
                f'but not in subgraph "{source.subgraph.name}" (where "{coordinate}" is '
                "@external).",
                [*declared, source.subgraph.name],
                type_name,
                merged.name,
            )
