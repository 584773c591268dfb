"""Field sharing: a field resolved by several subgraphs must be ``@shareable`` in each.

A subgraph resolves a field it declares without ``@external`` (or one it ``@provides``);
fields of its keys count as shareable, and so does every field of a Federation 1 subgraph.
An overridden field is not resolved by its old subgraph any more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gateway.composition.context import MergeContext
from gateway.composition.errors import quote_subgraphs
from gateway.composition.subgraph import Subgraph, SubgraphType, TypeKind

__all__ = ["check_field_sharing"]


def check_field_sharing(
    context: MergeContext, grouped: Mapping[str, Sequence[tuple[Subgraph, SubgraphType]]]
) -> None:
    """Report every non-shareable field that several subgraphs resolve."""
    for type_name, sources in grouped.items():
        if any(type_.kind is not TypeKind.OBJECT or type_.interface_object for _, type_ in sources):
            continue
        field_names: list[str] = []
        for _, type_ in sources:
            field_names.extend(name for name in type_.fields if name not in field_names)
        for field_name in field_names:
            _check_field(context, type_name, field_name, sources)


def _check_field(
    context: MergeContext,
    type_name: str,
    field_name: str,
    sources: Sequence[tuple[Subgraph, SubgraphType]],
) -> None:
    resolving: list[str] = []
    non_shareable: list[str] = []
    coordinate = (type_name, field_name)
    for subgraph, type_ in sources:
        field = type_.fields.get(field_name)
        overridden = (subgraph.name, type_name, field_name)
        if field is None or overridden in context.dropped or overridden in context.used_overridden:
            continue
        usage = context.usage(subgraph)
        if field.external:
            if coordinate in usage.by_provides:
                resolving.append(subgraph.name)
            continue
        resolving.append(subgraph.name)
        if not field.shareable and coordinate not in usage.by_key:
            non_shareable.append(subgraph.name)
    if len(resolving) < 2 or not non_shareable:
        return
    where = (
        "all of them" if len(non_shareable) == len(resolving) else quote_subgraphs(non_shareable)
    )
    context.issue(
        "INVALID_FIELD_SHARING",
        f'Non-shareable field "{type_name}.{field_name}" is resolved from multiple subgraphs: '
        f"it is resolved from {quote_subgraphs(resolving)} and defined as non-shareable in "
        f"{where}",
        resolving,
        type_name,
        field_name,
    )
