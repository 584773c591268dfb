"""Read a Federation 1 subgraph the way Federation 2 composition understands it.

Federation 1 had no ``@shareable``: any field could be resolved by several subgraphs, so
every field of a Fed 1 subgraph is shareable. An ``@external`` field no directive uses has
no meaning and is dropped. Keys on interfaces did not exist, so they are ignored.
"""

from __future__ import annotations

from gateway.composition.errors import CompositionIssue, subgraph_issue
from gateway.composition.subgraph import Subgraph, TypeKind
from gateway.composition.usage import field_usage, required_by_interface

__all__ = ["upgrade_fed1"]


def upgrade_fed1(subgraph: Subgraph) -> list[CompositionIssue]:
    """Rewrite a Fed 1 subgraph in place with Fed 2 meanings; return what cannot be."""
    issues: list[CompositionIssue] = []
    for type_ in subgraph.types.values():
        if type_.kind is TypeKind.INTERFACE:
            type_.keys.clear()
        if type_.kind is not TypeKind.OBJECT:
            continue
        for field in type_.fields.values():
            field.shareable = True
    usage = field_usage(subgraph)
    for type_ in subgraph.types.values():
        if type_.kind is not TypeKind.OBJECT:
            continue
        unused = [
            name
            for name, field in type_.fields.items()
            if field.external
            and not usage.used((type_.name, name))
            and not required_by_interface(subgraph, type_, name)
        ]
        if unused and len(unused) == len(type_.fields):
            issues.append(
                subgraph_issue(
                    subgraph.name,
                    "TYPE_WITH_ONLY_UNUSED_EXTERNAL",
                    f'Type "{type_.name}" contains only external fields and all those fields '
                    "are unused (they are not referenced by any @key, @requires or @provides).",
                    type_.name,
                )
            )
            continue
        for name in unused:
            del type_.fields[name]
    return issues
