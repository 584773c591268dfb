"""Which fields a subgraph's own ``@key``, ``@requires`` and ``@provides`` select.

An ``@external`` field must be used by one of them (or be needed by an interface), and an
overridden field that one of them still selects stays in its old subgraph, marked
``usedOverridden`` in the supergraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gateway.composition.fieldset import resolve_field_set
from gateway.composition.subgraph import Subgraph, SubgraphType, TypeKind
from gateway.composition.typeref import named_type

__all__ = ["FieldUsage", "field_usage", "required_by_interface"]

Coordinate = tuple[str, str]


@dataclass(slots=True)
class FieldUsage:
    """Fields selected by the subgraph's federation directives, as ``(type, field)``."""

    by_key: set[Coordinate] = field(default_factory=set)
    by_requires: set[Coordinate] = field(default_factory=set)
    by_provides: set[Coordinate] = field(default_factory=set)

    def used(self, coordinate: Coordinate) -> bool:
        """Whether any of the directives selects the field."""
        return (
            coordinate in self.by_key
            or coordinate in self.by_requires
            or coordinate in self.by_provides
        )


def field_usage(subgraph: Subgraph) -> FieldUsage:
    """Collect the fields selected by every key, ``@requires`` and ``@provides``."""
    usage = FieldUsage()
    for type_ in subgraph.types.values():
        for key in type_.keys:
            references, _ = resolve_field_set(subgraph, type_.name, key.fields, directive="key")
            usage.by_key.update((ref.parent, ref.name) for ref in references)
        for field_ in type_.fields.values():
            if field_.requires is not None:
                references, _ = resolve_field_set(
                    subgraph, type_.name, field_.requires, directive="requires"
                )
                usage.by_requires.update((ref.parent, ref.name) for ref in references)
            if field_.provides is not None:
                target = named_type(field_.type_ref)
                if target in subgraph.types:
                    references, _ = resolve_field_set(
                        subgraph, target, field_.provides, directive="provides"
                    )
                    usage.by_provides.update((ref.parent, ref.name) for ref in references)
    return usage


def required_by_interface(subgraph: Subgraph, type_: SubgraphType, field_name: str) -> bool:
    """Whether an interface the type implements in this subgraph declares the field."""
    for interface_name in type_.interfaces:
        interface = subgraph.types.get(interface_name)
        if (
            interface is not None
            and interface.kind is TypeKind.INTERFACE
            and field_name in interface.fields
        ):
            return True
    return False
