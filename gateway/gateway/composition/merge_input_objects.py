"""Merging input object types: only the fields every subgraph accepts are kept."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.composition.context import MergeContext
from gateway.composition.merge_inputs import INPUT_FIELD, merge_inputs
from gateway.composition.metadata import merge_metadata
from gateway.composition.model import JoinType, MergedType
from gateway.composition.subgraph import Argument, Subgraph, SubgraphType, TypeKind

__all__ = ["merge_input_object"]


def merge_input_object(
    context: MergeContext, name: str, sources: Sequence[tuple[Subgraph, SubgraphType]]
) -> MergedType:
    """Merge an input object type defined by ``sources``."""
    merged = MergedType(name=name, kind=TypeKind.INPUT_OBJECT)
    merged.join_types = [JoinType(subgraph.graph) for subgraph, _ in sources]
    merge_metadata(merged, [type_ for _, type_ in sources])
    inputs: list[tuple[Subgraph, dict[str, Argument]]] = [
        (subgraph, dict(type_.input_fields)) for subgraph, type_ in sources
    ]
    fields = merge_inputs(
        context,
        kind=INPUT_FIELD,
        parent=name,
        type_name=name,
        field_name=None,
        sources=inputs,
        coordinate="{parent}.{name}",
    )
    merged.input_fields = {field.name: field for field in fields}
    if not fields and any(type_.input_fields for _, type_ in sources):
        context.issue(
            "EMPTY_MERGED_INPUT_TYPE",
            f'None of the fields of input object type "{name}" are consistently defined in all '
            "the subgraphs defining that type. As only fields common to all subgraphs are "
            "merged, this would result in an empty type.",
            [subgraph.name for subgraph, _ in sources],
            name,
        )
    return merged
