"""Type references in a subgraph: each names a type it defines, fit for where it is used.

A field returns an output type (not an input object); an argument or input field takes an
input type (an input object, enum or scalar).
"""

from __future__ import annotations

from gateway.composition.errors import CompositionIssue, subgraph_issue
from gateway.composition.subgraph import Subgraph, TypeKind
from gateway.composition.typeref import named_type

__all__ = ["BUILTIN_SCALARS", "check_references"]

BUILTIN_SCALARS = frozenset({"Int", "Float", "String", "Boolean", "ID"})


def check_references(subgraph: Subgraph) -> list[CompositionIssue]:
    """Report references to unknown types, and types used in the wrong position."""
    issues: list[CompositionIssue] = []
    for type_ in subgraph.types.values():
        for name in [*type_.interfaces, *type_.members]:
            issues.extend(_reference(subgraph, name, None, type_.name))
        for field in type_.fields.values():
            coordinate = f"{type_.name}.{field.name}"
            issues.extend(_reference(subgraph, named_type(field.type_ref), True, coordinate))
            for argument in field.arguments.values():
                if argument.type is not None:
                    where = f"{coordinate}({argument.name}:)"
                    issues.extend(_reference(subgraph, named_type(argument.type), False, where))
        for input_field in type_.input_fields.values():
            if input_field.type is not None:
                where = f"{type_.name}.{input_field.name}"
                issues.extend(_reference(subgraph, named_type(input_field.type), False, where))
    return issues


def _reference(
    subgraph: Subgraph, name: str, output: bool | None, coordinate: str
) -> list[CompositionIssue]:
    """Check a reference to ``name``; ``output`` tells the position (``None``: any)."""
    if name in BUILTIN_SCALARS:
        return []
    target = subgraph.types.get(name)
    type_name = coordinate.split(".", 1)[0]
    if target is None:
        message = f'Unknown type "{name}" (referenced by "{coordinate}").'
        return [subgraph_issue(subgraph.name, "INVALID_GRAPHQL", message, type_name)]
    if output is None or target.kind in (TypeKind.ENUM, TypeKind.SCALAR):
        return []
    if output != (target.kind is TypeKind.INPUT_OBJECT):
        return []
    position = "Output" if output else "Input"
    kind = target.kind.value.replace(" ", "").replace("Type", "") + "Type"
    message = f'The type of "{coordinate}" must be {position} Type but got "{name}", a {kind}.'
    return [subgraph_issue(subgraph.name, "INVALID_GRAPHQL", message, type_name)]
