"""Root types under their default names: ``Query``, ``Mutation``, ``Subscription``.

A subgraph may call its query root ``RootQuery``; the supergraph always says ``Query``. Every
federation subgraph answers ``_service`` on its query root, so each one has a ``Query``,
even when nothing else is left on it.
"""

from __future__ import annotations

from gateway.composition.errors import CompositionIssue, subgraph_issue
from gateway.composition.subgraph import Subgraph, SubgraphType, TypeKind
from gateway.composition.typeref import rename_types

__all__ = ["normalise_roots"]

_DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}


def normalise_roots(subgraph: Subgraph) -> list[CompositionIssue]:
    """Rename the subgraph's root types to the default names, in place."""
    issues: list[CompositionIssue] = []
    types = subgraph.types
    renames: dict[str, str] = {}
    for operation, default in _DEFAULT_ROOTS.items():
        actual = subgraph.roots.get(operation)
        if actual is None:
            if default in types:
                subgraph.roots[operation] = default
            continue
        if actual == default:
            continue
        if default in types:
            issues.append(
                subgraph_issue(
                    subgraph.name,
                    "UNSUPPORTED_FEATURE",
                    f'The {operation} root is "{actual}" while another type is named '
                    f'"{default}"; rename one of them.',
                    actual,
                )
            )
            continue
        renames[actual] = default
        subgraph.roots[operation] = default
    if renames:
        _rename(subgraph, renames)
    if "Query" not in subgraph.types:
        subgraph.types["Query"] = SubgraphType(name="Query", kind=TypeKind.OBJECT)
    subgraph.roots["query"] = "Query"
    return issues


def _rename(subgraph: Subgraph, renames: dict[str, str]) -> None:
    renamed: dict[str, SubgraphType] = {}
    for name, type_ in subgraph.types.items():
        type_.name = renames.get(name, name)
        for field in type_.fields.values():
            field.type = rename_types(field.type_ref, renames)
        renamed[type_.name] = type_
    subgraph.types = renamed
