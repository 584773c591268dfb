"""``@override``: a field moves from one subgraph to another.

The overridden field leaves the supergraph for its old subgraph, unless that subgraph still
selects it in a key, ``@requires`` or ``@provides``: then it stays, marked
``usedOverridden``, and the planner never fetches it from there. An override naming an
unknown subgraph (or one without the field) takes nothing over, although the supergraph
still records it.
"""

from __future__ import annotations

from gateway.composition.context import MergeContext
from gateway.composition.subgraph import TypeKind

__all__ = ["resolve_overrides"]


def resolve_overrides(context: MergeContext) -> None:
    """Record in ``context`` which overridden fields are dropped or kept as used."""
    for subgraph in context.subgraphs:
        for type_ in subgraph.types.values():
            for field in type_.fields.values():
                source_name = field.override_from
                if source_name is None:
                    continue
                coordinate = f"{type_.name}.{field.name}"
                where = (subgraph.name,)
                if source_name == subgraph.name:
                    context.issue(
                        "OVERRIDE_FROM_SELF_ERROR",
                        f'Source and destination subgraphs "{source_name}" are the same for '
                        f'overridden field "{coordinate}"',
                        where,
                        type_.name,
                        field.name,
                    )
                    continue
                if type_.kind is TypeKind.INTERFACE:
                    context.issue(
                        "OVERRIDE_ON_INTERFACE",
                        f'@override cannot be used on field "{coordinate}" on subgraph '
                        f'"{subgraph.name}": @override is not supported on interface type fields.',
                        where,
                        type_.name,
                        field.name,
                    )
                    continue
                if field.external:
                    context.issue(
                        "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                        f'@override cannot be used on field "{coordinate}" on subgraph '
                        f'"{subgraph.name}" since "{coordinate}" on "{subgraph.name}" is marked '
                        'with directive "@external"',
                        where,
                        type_.name,
                        field.name,
                    )
                    continue
                source = context.by_name(source_name)
                old = source.field(type_.name, field.name) if source is not None else None
                if source is None or old is None:
                    continue  # nothing to take over: the field merges like any other
                if old.override_from is not None:
                    context.issue(
                        "OVERRIDE_SOURCE_HAS_OVERRIDE",
                        f'Field "{coordinate}" on subgraph "{subgraph.name}" is also marked with '
                        f'directive @override in subgraph "{source_name}". Only one @override '
                        "directive is allowed per field.",
                        (subgraph.name, source_name),
                        type_.name,
                        field.name,
                    )
                    continue
                if old.external or old.requires is not None or old.provides is not None:
                    directive = (
                        "@external"
                        if old.external
                        else "@requires"
                        if old.requires is not None
                        else "@provides"
                    )
                    context.issue(
                        "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                        f'@override cannot be used on field "{coordinate}" on subgraph '
                        f'"{subgraph.name}" since "{coordinate}" on "{source_name}" is marked '
                        f'with directive "{directive}"',
                        (subgraph.name, source_name),
                        type_.name,
                        field.name,
                    )
                    continue
                overridden = (source_name, type_.name, field.name)
                context.overriding.add((subgraph.name, type_.name, field.name))
                if context.usage(source).used((type_.name, field.name)):
                    context.used_overridden.add(overridden)
                else:
                    context.dropped.add(overridden)
