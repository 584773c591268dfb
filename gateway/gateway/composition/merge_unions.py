"""Merging union types: members are the union of every subgraph's members."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.composition.metadata import merge_metadata
from gateway.composition.model import JoinType, MergedType
from gateway.composition.subgraph import Subgraph, SubgraphType, TypeKind

__all__ = ["merge_union"]


def merge_union(name: str, sources: Sequence[tuple[Subgraph, SubgraphType]]) -> MergedType:
    """Merge a union defined by ``sources``, noting which subgraph has which member."""
    merged = MergedType(name=name, kind=TypeKind.UNION)
    merged.join_types = [JoinType(subgraph.graph) for subgraph, _ in sources]
    merge_metadata(merged, [type_ for _, type_ in sources])
    for _, type_ in sources:
        merged.members.extend(member for member in type_.members if member not in merged.members)
    merged.join_members = [
        (subgraph.graph, member)
        for member in merged.members
        for subgraph, type_ in sources
        if member in type_.members
    ]
    return merged
