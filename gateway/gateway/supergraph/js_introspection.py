"""Introspection shaped as graphql-js 16 shapes it.

Apollo's gateway answers introspection with graphql-js, whose introspection types differ in a few
details from graphql-core 3.3's: some argument nullability, two descriptions, and a directive
location graphql-js does not have. A client that diffs schemas (codegen, Apollo Studio checks)
sees those details, so the gateway's schema carries copies of graphql-core's introspection types
with graphql-js's details, in its ``type_map`` and behind ``__schema`` and ``__type``.

The schema's ``to_kwargs`` leaves the copies out, so graphql-core utilities that rebuild a schema
(sorting, extending) keep working; the rebuilt schema has graphql-core's introspection again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLBoolean,
    GraphQLDeprecatedDirective,
    GraphQLDirective,
    GraphQLEnumType,
    GraphQLEnumValue,
    GraphQLField,
    GraphQLFieldResolver,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLString,
    GraphQLType,
    SchemaMetaFieldDef,
    TypeMetaFieldDef,
    introspection_types,
    is_introspection_type,
)
from graphql.type.definition import GraphQLCompositeType
from graphql.type.schema import GraphQLSchemaKwargs

__all__ = ["GRAPHQL_JS_INTROSPECTION_TYPES", "with_graphql_js_introspection"]

_FIELD_DESCRIPTIONS = {
    ("__Schema", "subscriptionType"): (
        "If this server support subscription, the type that subscription operations will be "
        "rooted at."
    ),
}
_ENUM_VALUE_DESCRIPTIONS = {
    ("__DirectiveLocation", "VARIABLE_DEFINITION"): "Location adjacent to a variable definition.",
}
_ABSENT_ENUM_VALUES = frozenset({("__DirectiveLocation", "FRAGMENT_VARIABLE_DEFINITION")})
# graphql-js declares these `includeDeprecated: Boolean = false` (nullable).
_NULLABLE_ARGUMENTS = frozenset(
    {
        ("__Type", "fields", "includeDeprecated"),
        ("__Type", "enumValues", "includeDeprecated"),
        ("__Type", "inputFields", "includeDeprecated"),
        ("__Field", "args", "includeDeprecated"),
        ("__Directive", "args", "includeDeprecated"),
    }
)


def _is_one_of(type_: GraphQLNamedType, _info: GraphQLResolveInfo[Any]) -> bool | None:
    return type_.is_one_of if isinstance(type_, GraphQLInputObjectType) else None


# Resolvers set here rather than taken over: strawberry replaces graphql-core's `isOneOf`
# process-wide with one answering `false` for every type but its own input types.
_RESOLVERS: Mapping[tuple[str, str], GraphQLFieldResolver] = {("__Type", "isOneOf"): _is_one_of}


class _ObjectType(GraphQLObjectType):
    # The copies carry the reserved introspection names graphql-core refuses to redefine.
    reserved_types: Mapping[str, GraphQLNamedType] = {}


class _EnumType(GraphQLEnumType):
    reserved_types: Mapping[str, GraphQLNamedType] = {}


def _argument(argument: GraphQLArgument, type_: GraphQLInputType) -> GraphQLArgument:
    kwargs = argument.to_kwargs()
    kwargs["type_"] = type_
    return GraphQLArgument(**kwargs)


class _Copier:
    """Copies graphql-core's introspection types, as graphql-js has them."""

    def __init__(self) -> None:
        self.types: dict[str, GraphQLNamedType] = {}
        for name, original in introspection_types.items():
            self.types[name] = self._named(original)

    def wrapped(self, type_: GraphQLType) -> Any:
        """``type_`` with its introspection named type replaced by the copy."""
        if isinstance(type_, GraphQLNonNull):
            return GraphQLNonNull(self.wrapped(type_.of_type))
        if isinstance(type_, GraphQLList):
            return GraphQLList(self.wrapped(type_.of_type))
        if isinstance(type_, GraphQLNamedType) and is_introspection_type(type_):
            return self.types[type_.name]
        return type_

    def field(self, type_name: str, name: str, field: GraphQLField) -> GraphQLField:
        """A field of an introspection type, as graphql-js declares it."""
        args = {}
        for arg_name, argument in field.args.items():
            arg_type: GraphQLInputType = self.wrapped(argument.type)
            if (type_name, name, arg_name) in _NULLABLE_ARGUMENTS:
                arg_type = GraphQLBoolean
            args[arg_name] = _argument(argument, arg_type)
        kwargs = field.to_kwargs()
        kwargs["type_"] = self.wrapped(field.type)
        kwargs["args"] = args
        kwargs["description"] = _FIELD_DESCRIPTIONS.get((type_name, name), field.description)
        kwargs["resolve"] = _RESOLVERS.get((type_name, name), field.resolve)
        return GraphQLField(**kwargs)

    def _named(self, original: GraphQLNamedType) -> GraphQLNamedType:
        if isinstance(original, GraphQLObjectType):

            def fields(original: GraphQLObjectType = original) -> dict[str, GraphQLField]:
                # A thunk: the copies refer to each other and are not all built yet.
                return {
                    name: self.field(original.name, name, field)
                    for name, field in original.fields.items()
                }

            return _ObjectType(original.name, fields, description=original.description)
        if isinstance(original, GraphQLEnumType):
            values = {}
            for name, value in original.values.items():
                if (original.name, name) in _ABSENT_ENUM_VALUES:
                    continue
                kwargs = value.to_kwargs()
                kwargs["description"] = _ENUM_VALUE_DESCRIPTIONS.get(
                    (original.name, name), value.description
                )
                values[name] = GraphQLEnumValue(**kwargs)
            return _EnumType(original.name, values, description=original.description)
        return original


_COPIER = _Copier()

GRAPHQL_JS_INTROSPECTION_TYPES: Mapping[str, GraphQLNamedType] = _COPIER.types
"""The introspection types as graphql-js 16 declares them, by name."""


def _meta_field(original: GraphQLField) -> GraphQLField:
    kwargs = original.to_kwargs()
    kwargs["type_"] = _COPIER.wrapped(original.type)
    return GraphQLField(**kwargs)


def _deprecated_directive() -> GraphQLDirective:
    kwargs = GraphQLDeprecatedDirective.to_kwargs()
    kwargs["args"] = {
        name: _argument(argument, GraphQLString)
        for name, argument in GraphQLDeprecatedDirective.args.items()
    }
    return GraphQLDirective(**kwargs)


_SCHEMA_FIELD = _meta_field(SchemaMetaFieldDef)
_TYPE_FIELD = _meta_field(TypeMetaFieldDef)
# graphql-js declares `@deprecated(reason: String = "No longer supported")` (nullable).
_DEPRECATED = _deprecated_directive()


class _GraphQLJsIntrospectionSchema(GraphQLSchema):
    """A schema whose introspection types are graphql-js's."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Swapped in place: the constructor always collects graphql-core's own, and fragment
        # conditions (`... on __Type`) match the runtime type by identity with the type_map's.
        for name, copy in GRAPHQL_JS_INTROSPECTION_TYPES.items():
            if name in self.type_map:
                self.type_map[name] = copy

    def to_kwargs(self) -> GraphQLSchemaKwargs:
        """The schema's configuration, without the copies, for graphql-core to rebuild from.

        A schema rebuilt from it (sorted, extended) has graphql-core's introspection again.
        """
        kwargs = super().to_kwargs()
        types = tuple(type_ for type_ in kwargs["types"] or () if not is_introspection_type(type_))
        kwargs["types"] = types or None
        return kwargs

    def get_field(self, parent_type: GraphQLCompositeType, field_name: str) -> GraphQLField | None:
        """Look a field up, serving the graphql-js introspection fields on the query type."""
        if field_name == "__schema":
            return _SCHEMA_FIELD if self.query_type is parent_type else None
        if field_name == "__type":
            return _TYPE_FIELD if self.query_type is parent_type else None
        return super().get_field(parent_type, field_name)


def with_graphql_js_introspection(schema: GraphQLSchema) -> GraphQLSchema:
    """The same schema with introspection (and ``@deprecated``) declared as graphql-js has them.

    Types keep their order, so ``__schema { types }`` lists them as graphql-js would.
    """
    return _GraphQLJsIntrospectionSchema(
        query=schema.query_type,
        mutation=schema.mutation_type,
        subscription=schema.subscription_type,
        types=[type_ for type_ in schema.type_map.values() if not is_introspection_type(type_)],
        directives=[
            _DEPRECATED if directive.name == _DEPRECATED.name else directive
            for directive in schema.directives
        ],
        description=schema.description,
        extensions=schema.extensions,
        ast_node=schema.ast_node,
        extension_ast_nodes=schema.extension_ast_nodes,
        assume_valid=schema.assume_valid,
    )
