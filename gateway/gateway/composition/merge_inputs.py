"""Merging input values: field arguments, directive arguments and input object fields.

Inputs are merged by intersection: the supergraph only offers what every subgraph accepts.
An optional input missing from some subgraph is left out; a required one is an error. The
type kept is the strictest one (``Int!`` over ``Int``), and a default value is kept only if
every subgraph gives the same one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gateway.composition.context import MergeContext
from gateway.composition.errors import quote_subgraphs, spread
from gateway.composition.metadata import merge_metadata
from gateway.composition.model import JoinField, MergedArgument
from gateway.composition.subgraph import Argument, Subgraph
from gateway.composition.typeref import TypeRef, is_subtype

__all__ = ["InputKind", "merge_input_type", "merge_inputs"]


@dataclass(frozen=True, slots=True)
class InputKind:
    """Wording and codes for one kind of input value."""

    noun: str
    """``Argument`` or ``Input object field``."""
    type_noun: str
    """``argument`` or ``field``, as in 'Type of argument "Query.t(a:)"'."""
    missing_code: str
    type_code: str
    default_code: str
    default_noun: str
    annotated: bool
    """Whether a type differing between subgraphs is recorded with ``@join__field``."""


ARGUMENT = InputKind(
    noun="Argument",
    type_noun="argument",
    missing_code="REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
    type_code="FIELD_ARGUMENT_TYPE_MISMATCH",
    default_code="FIELD_ARGUMENT_DEFAULT_MISMATCH",
    default_noun="Argument",
    annotated=False,
)
INPUT_FIELD = InputKind(
    noun="Input object field",
    type_noun="field",
    missing_code="REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
    type_code="FIELD_TYPE_MISMATCH",
    default_code="INPUT_FIELD_DEFAULT_MISMATCH",
    default_noun="Input field",
    annotated=True,
)


def merge_input_type(types: Sequence[TypeRef]) -> TypeRef | None:
    """The strictest of ``types``, or ``None`` when they are not nullability variants."""
    merged = types[0]
    for candidate in types[1:]:
        if is_subtype(candidate, merged):
            merged = candidate
        elif not is_subtype(merged, candidate):
            return None
    return merged


def merge_inputs(
    context: MergeContext,
    *,
    kind: InputKind,
    parent: str,
    type_name: str,
    field_name: str | None,
    sources: Sequence[tuple[Subgraph, dict[str, Argument]]],
    coordinate: str = "{parent}({name}:)",
) -> list[MergedArgument]:
    """Merge the inputs each subgraph declares on one element (``parent``).

    ``coordinate`` spells an input's coordinate for messages (``Query.t(a:)``, ``In.a``).
    """
    names: list[str] = []
    for _, inputs in sources:
        names.extend(name for name in inputs if name not in names)
    merged: list[MergedArgument] = []
    for name in names:
        where = coordinate.format(parent=parent, name=name)
        present = [(subgraph, inputs[name]) for subgraph, inputs in sources if name in inputs]
        if len(present) < len(sources):
            required = [subgraph.name for subgraph, value in present if value.required]
            if required:
                absent = [subgraph.name for subgraph, inputs in sources if name not in inputs]
                context.issue(
                    kind.missing_code,
                    f'{kind.noun} "{where}" is required in some subgraphs but does not appear in '
                    f"all subgraphs: it is required in {quote_subgraphs(required)} but does not "
                    f"appear in {quote_subgraphs(absent)}",
                    required,
                    type_name,
                    field_name,
                )
            continue
        merged.append(_merge_one(context, kind, where, name, present, type_name, field_name))
    return merged


def _merge_one(
    context: MergeContext,
    kind: InputKind,
    where: str,
    name: str,
    present: list[tuple[Subgraph, Argument]],
    type_name: str,
    field_name: str | None,
) -> MergedArgument:
    subgraph_names = [subgraph.name for subgraph, _ in present]
    types = [value.type for _, value in present if value.type is not None]
    merged_type = merge_input_type(types)
    if merged_type is None:
        context.issue(
            kind.type_code,
            f'Type of {kind.type_noun} "{where}" is incompatible across subgraphs: it has '
            + spread("type", [(subgraph.name, f'"{value.type}"') for subgraph, value in present]),
            subgraph_names,
            type_name,
            field_name,
        )
        merged_type = types[0]
    defaults = [value.default for _, value in present]
    default: str | None = None
    if all(value is not None for value in defaults):
        if len(set(defaults)) > 1:
            context.issue(
                kind.default_code,
                f'{kind.default_noun} "{where}" has incompatible default values across '
                "subgraphs: it has "
                + spread(
                    "default value",
                    [(subgraph.name, str(value.default)) for subgraph, value in present],
                ),
                subgraph_names,
                type_name,
                field_name,
            )
        default = defaults[0]
    result = MergedArgument(name=name, type=merged_type, default=default)
    merge_metadata(result, [value for _, value in present])
    if kind.annotated and len(set(types)) > 1:
        result.join_fields = [
            JoinField(graph=subgraph.graph, type=str(value.type)) for subgraph, value in present
        ]
    return result
