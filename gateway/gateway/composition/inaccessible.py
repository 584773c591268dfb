"""Checks of the API schema: the supergraph without its ``@inaccessible`` elements.

Hiding an element must leave a valid schema: nothing visible may still return or take a
hidden type, a visible type may not lose all its fields (or values, or members), a required
argument or input field cannot be hidden, and the query root must stay visible.
"""

from __future__ import annotations

from gateway.composition.errors import CompositionIssue, quote_subgraphs
from gateway.composition.model import MergedType, Supergraph
from gateway.composition.subgraph import TypeKind
from gateway.composition.typeref import NonNullRef, TypeRef, named_type

__all__ = ["check_api_schema"]

_CHILDREN = {
    TypeKind.OBJECT: "fields",
    TypeKind.INTERFACE: "fields",
    TypeKind.INPUT_OBJECT: "input fields",
    TypeKind.ENUM: "values",
    TypeKind.UNION: "members",
}


class _Checker:
    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph
        self.names = {value: name for value, name, _ in supergraph.graphs}
        self.issues: list[CompositionIssue] = []

    def issue(self, code: str, message: str, type_: MergedType, field: str | None = None) -> None:
        graphs = [join.graph for join in type_.join_types]
        merged_field = type_.fields.get(field) if field is not None else None
        if merged_field is not None and merged_field.join_fields:
            graphs = [join.graph for join in merged_field.join_fields if join.graph is not None]
        subgraphs = tuple(dict.fromkeys(self.names[graph] for graph in graphs))
        where = f" ({quote_subgraphs(subgraphs)})" if subgraphs else ""
        self.issues.append(CompositionIssue(code, message + where, subgraphs, type_.name, field))

    def hidden(self, type_name: str) -> bool:
        type_ = self.supergraph.types.get(type_name)
        return type_ is not None and type_.inaccessible

    def reference(self, type_: MergedType, ref: TypeRef | None, where: str, field: str) -> None:
        if ref is not None and self.hidden(named_type(ref)):
            self.issue(
                "REFERENCED_INACCESSIBLE",
                f'Type "{named_type(ref)}" is @inaccessible but is referenced by "{where}", '
                "which is in the API schema.",
                type_,
                field,
            )

    def run(self) -> list[CompositionIssue]:
        query = self.supergraph.types.get("Query")
        if query is not None and query.inaccessible:
            self.issue(
                "QUERY_ROOT_TYPE_INACCESSIBLE",
                'Type "Query" is @inaccessible but is the query root type, which must be in the '
                "API schema.",
                query,
            )
        for type_ in self.supergraph.types.values():
            if not type_.inaccessible:
                self.visible_type(type_)
        return self.issues

    def visible_type(self, type_: MergedType) -> None:
        children = self.children(type_)
        if children and all(children):
            self.issue(
                "ONLY_INACCESSIBLE_CHILDREN",
                f'Type "{type_.name}" is in the API schema but all of its '
                f"{_CHILDREN[type_.kind]} are @inaccessible.",
                type_,
            )
        for field in type_.fields.values():
            if field.inaccessible:
                continue
            where = f"{type_.name}.{field.name}"
            self.reference(type_, field.type, where, field.name)
            for argument in field.arguments:
                coordinate = f"{where}({argument.name}:)"
                if argument.inaccessible:
                    self.required(type_, argument.type, argument.default, coordinate, field.name)
                else:
                    self.reference(type_, argument.type, coordinate, field.name)
        for input_field in type_.input_fields.values():
            where = f"{type_.name}.{input_field.name}"
            if input_field.inaccessible:
                self.required(type_, input_field.type, input_field.default, where, input_field.name)
            else:
                self.reference(type_, input_field.type, where, input_field.name)

    def children(self, type_: MergedType) -> list[bool]:
        """Whether each child of the type is hidden."""
        if type_.kind in (TypeKind.OBJECT, TypeKind.INTERFACE):
            return [field.inaccessible for field in type_.fields.values()]
        if type_.kind is TypeKind.INPUT_OBJECT:
            return [field.inaccessible for field in type_.input_fields.values()]
        if type_.kind is TypeKind.ENUM:
            return [value.inaccessible for value in type_.values.values()]
        if type_.kind is TypeKind.UNION:
            return [self.hidden(member) for member in type_.members]
        return []

    def required(
        self,
        type_: MergedType,
        ref: TypeRef | None,
        default: str | None,
        where: str,
        field: str,
    ) -> None:
        if isinstance(ref, NonNullRef) and default is None:
            self.issue(
                "REQUIRED_INACCESSIBLE",
                f'"{where}" is @inaccessible but is required (non-null without a default), so '
                "clients could not call what takes it.",
                type_,
                field,
            )


def check_api_schema(supergraph: Supergraph) -> list[CompositionIssue]:
    """Check that hiding the ``@inaccessible`` elements leaves a valid API schema."""
    return _Checker(supergraph).run()
