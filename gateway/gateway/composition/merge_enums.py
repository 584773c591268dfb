"""Merging enum types, by how the supergraph uses them.

An enum only returned by fields takes every value any subgraph defines (no subgraph can
receive a value it does not know). One only taken as input keeps the values every subgraph
defines. One used both ways must define the same values everywhere. An unused enum is
merged like an output enum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gateway.composition.context import MergeContext
from gateway.composition.errors import quote_subgraphs
from gateway.composition.metadata import merge_metadata
from gateway.composition.model import JoinType, MergedEnumValue, MergedType
from gateway.composition.subgraph import Subgraph, SubgraphType, TypeKind
from gateway.composition.typeref import named_type

__all__ = ["EnumUsage", "enum_usage", "merge_enum"]


@dataclass(slots=True)
class EnumUsage:
    """Where an enum is used: a coordinate of each use, for the messages."""

    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)


def enum_usage(subgraphs: Sequence[Subgraph]) -> dict[str, EnumUsage]:
    """Find, for each type name, where subgraphs take it as input and return it as output."""
    usage: dict[str, EnumUsage] = {}

    def use(type_name: str) -> EnumUsage:
        return usage.setdefault(type_name, EnumUsage())

    for subgraph in subgraphs:
        for type_ in subgraph.types.values():
            for field_ in type_.fields.values():
                use(named_type(field_.type_ref)).outputs.append(f"{type_.name}.{field_.name}")
                for argument in field_.arguments.values():
                    if argument.type is not None:
                        use(named_type(argument.type)).inputs.append(
                            f"{type_.name}.{field_.name}({argument.name}:)"
                        )
            for input_field in type_.input_fields.values():
                if input_field.type is not None:
                    use(named_type(input_field.type)).inputs.append(
                        f"{type_.name}.{input_field.name}"
                    )
        for directive in subgraph.directives.values():
            for argument in directive.arguments.values():
                if argument.type is not None:
                    use(named_type(argument.type)).inputs.append(
                        f"@{directive.name}({argument.name}:)"
                    )
    return usage


def merge_enum(
    context: MergeContext,
    name: str,
    sources: Sequence[tuple[Subgraph, SubgraphType]],
    usage: EnumUsage,
) -> MergedType:
    """Merge an enum type defined by ``sources``."""
    merged = MergedType(name=name, kind=TypeKind.ENUM)
    merged.join_types = [JoinType(subgraph.graph) for subgraph, _ in sources]
    merge_metadata(merged, [type_ for _, type_ in sources])
    value_names: list[str] = []
    for _, type_ in sources:
        value_names.extend(value for value in type_.values if value not in value_names)
    everywhere = len(sources)
    for value_name in value_names:
        defining = [(subgraph, type_) for subgraph, type_ in sources if value_name in type_.values]
        if len(defining) < everywhere and usage.inputs:
            if usage.outputs:
                _mismatch(context, name, value_name, sources, defining, usage)
            continue  # an input-only enum keeps the values every subgraph accepts
        value = MergedEnumValue(
            name=value_name, graphs=[subgraph.graph for subgraph, _ in defining]
        )
        merge_metadata(value, [type_.values[value_name] for _, type_ in defining])
        merged.values[value_name] = value
    if not merged.values:
        context.issue(
            "EMPTY_MERGED_ENUM_TYPE",
            f'None of the values of enum type "{name}" are defined consistently in all the '
            "subgraphs defining that type. As only values common to all subgraphs are merged, "
            "this would result in an empty type.",
            [subgraph.name for subgraph, _ in sources],
            name,
        )
    return merged


def _mismatch(
    context: MergeContext,
    name: str,
    value_name: str,
    sources: Sequence[tuple[Subgraph, SubgraphType]],
    defining: Sequence[tuple[Subgraph, SubgraphType]],
    usage: EnumUsage,
) -> None:
    defined = [subgraph.name for subgraph, _ in defining]
    missing = [subgraph.name for subgraph, _ in sources if subgraph.name not in defined]
    context.issue(
        "ENUM_VALUE_MISMATCH",
        f'Enum type "{name}" is used as both input type (for example, as type of '
        f'"{usage.inputs[0]}") and output type (for example, as type of "{usage.outputs[0]}"), '
        f'but value "{value_name}" is not defined in all the subgraphs defining "{name}": '
        f'"{value_name}" is defined in {quote_subgraphs(defined)} but not in '
        f"{quote_subgraphs(missing)}",
        [subgraph.name for subgraph, _ in sources],
        name,
    )
