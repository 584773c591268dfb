"""Checks of one subgraph on its own: its keys, ``@requires``, ``@provides`` and externals.

Messages follow Apollo's wording, prefixed with ``[subgraph]``, so an error reads the same
whichever composer reported it.
"""

from __future__ import annotations

from graphql import GraphQLError, print_ast

from gateway.composition.errors import CompositionIssue, subgraph_issue
from gateway.composition.fieldset import parse_field_set, resolve_field_set
from gateway.composition.subgraph import Field, Subgraph, SubgraphType, TypeKind
from gateway.composition.typeref import named_type
from gateway.composition.usage import field_usage, required_by_interface

__all__ = ["check_subgraph"]

_PROVIDABLE = (TypeKind.OBJECT, TypeKind.INTERFACE, TypeKind.UNION)


class _Checker:
    def __init__(self, subgraph: Subgraph) -> None:
        self.subgraph = subgraph
        self.issues: list[CompositionIssue] = []

    def issue(self, code: str, message: str, type_name: str, field_name: str | None = None) -> None:
        self.issues.append(subgraph_issue(self.subgraph.name, code, message, type_name, field_name))

    def run(self) -> list[CompositionIssue]:
        for type_ in self.subgraph.types.values():
            self.keys(type_)
            for field in type_.fields.values():
                self.requires(type_, field)
                self.provides(type_, field)
                if field.external and type_.kind is TypeKind.INTERFACE:
                    self.issue(
                        "EXTERNAL_ON_INTERFACE",
                        f'Interface type field "{type_.name}.{field.name}" is marked @external '
                        "but @external is not allowed on interface fields (it is nonsensical).",
                        type_.name,
                        field.name,
                    )
            if type_.interface_object and not type_.keys:
                self.issue(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f"The @interfaceObject directive can only be applied to entity types but "
                    f'type "{type_.name}" has no @key in this subgraph.',
                    type_.name,
                )
        if not self.subgraph.is_fed1:
            self.unused_externals()
        return self.issues

    def keys(self, type_: SubgraphType) -> None:
        if type_.kind is TypeKind.INTERFACE:
            self.interface_keys(type_)
        for key in type_.keys:
            _, problems = resolve_field_set(self.subgraph, type_.name, key.fields, directive="key")
            for problem in problems:
                self.issue(
                    f"KEY_{problem.suffix}",
                    f'On type "{type_.name}", for @key(fields: "{key.fields}"): {problem.message}',
                    type_.name,
                )

    def interface_keys(self, interface: SubgraphType) -> None:
        """An entity interface's keys must be keys of each of its implementations."""
        implementations = [
            type_
            for type_ in self.subgraph.types.values()
            if type_.kind is TypeKind.OBJECT and interface.name in type_.interfaces
        ]
        for key in interface.keys:
            wanted = _normalised(key.fields)
            missing = [
                type_.name
                for type_ in implementations
                if all(_normalised(other.fields) != wanted for other in type_.keys)
            ]
            if missing:
                names = " and ".join(f'"{name}"' for name in missing)
                noun = "type" if len(missing) == 1 else "types"
                self.issue(
                    "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                    f'Key @key(fields: "{key.fields}") on interface type "{interface.name}" is '
                    f"missing on implementation {noun} {names}.",
                    interface.name,
                )

    def requires(self, type_: SubgraphType, field: Field) -> None:
        if field.requires is None:
            return
        where = f'On field "{type_.name}.{field.name}", for @requires(fields: "{field.requires}")'
        references, problems = resolve_field_set(
            self.subgraph, type_.name, field.requires, directive="requires"
        )
        for problem in problems:
            self.issue(f"REQUIRES_{problem.suffix}", f"{where}: {problem.message}", type_.name)
        if self.subgraph.is_fed1:
            return
        for reference in references:
            if reference.top_level and not reference.field.external:
                self.issue(
                    "REQUIRES_FIELDS_MISSING_EXTERNAL",
                    f'{where}: field "{reference.parent}.{reference.name}" should not be part '
                    "of a @requires since it is already provided by this subgraph (it is not "
                    "marked @external)",
                    type_.name,
                    field.name,
                )

    def provides(self, type_: SubgraphType, field: Field) -> None:
        if field.provides is None:
            return
        where = f'On field "{type_.name}.{field.name}", for @provides(fields: "{field.provides}")'
        target = self.subgraph.types.get(named_type(field.type_ref))
        if target is None or target.kind not in _PROVIDABLE:
            self.issue(
                "PROVIDES_ON_NON_OBJECT_FIELD",
                f'Invalid @provides directive on field "{type_.name}.{field.name}": field has '
                f'type "{field.type_ref}" which is not a Composite Type',
                type_.name,
                field.name,
            )
            return
        references, problems = resolve_field_set(
            self.subgraph, target.name, field.provides, directive="provides"
        )
        for problem in problems:
            self.issue(f"PROVIDES_{problem.suffix}", f"{where}: {problem.message}", type_.name)
        if self.subgraph.is_fed1:
            return
        for reference in references:
            if reference.top_level and not reference.field.external:
                self.issue(
                    "PROVIDES_FIELDS_MISSING_EXTERNAL",
                    f'{where}: field "{reference.parent}.{reference.name}" should not be part '
                    "of a @provides since it is already provided by this subgraph (it is not "
                    "marked @external)",
                    type_.name,
                    field.name,
                )

    def unused_externals(self) -> None:
        usage = field_usage(self.subgraph)
        for type_ in self.subgraph.types.values():
            if type_.kind is not TypeKind.OBJECT:
                continue
            for field in type_.fields.values():
                if (
                    field.external
                    and not usage.used((type_.name, field.name))
                    and not required_by_interface(self.subgraph, type_, field.name)
                ):
                    self.issue(
                        "EXTERNAL_UNUSED",
                        f'Field "{type_.name}.{field.name}" is marked @external but is not used '
                        "in any federation directive (@key, @provides, @requires) or to satisfy "
                        "an interface; the field declaration has no use and should be removed "
                        "(or the field should not be @external).",
                        type_.name,
                        field.name,
                    )


def _normalised(fields: str) -> str:
    try:
        return print_ast(parse_field_set(fields))
    except GraphQLError:
        return fields


def check_subgraph(subgraph: Subgraph) -> list[CompositionIssue]:
    """Check one subgraph's federation directives; return the issues found."""
    return _Checker(subgraph).run()
