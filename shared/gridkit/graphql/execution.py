"""Leaf fields read straight from their objects: the subgraphs' execution hot path.

graphql-core executes every field of every object through the same general
machinery — a resolve-info object, argument coercion, awaitable checks,
completion by type — about twenty microseconds a field. A page of a hundred
grids with their ten checklist items is three thousand fields, most of them
plain attributes of scalar or enum type (``code``, ``item``, ``status``).

This execution context reads such a field directly — the attribute, then the
type's output coercion — and leaves every other field to graphql-core: fields
with resolvers, arguments or object types, and any leaf whose value it cannot
complete cleanly (a null where the schema promises a value, a value the type
refuses), so errors, their paths and null propagation stay exactly graphql-core's.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLString,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.fields.resolver import SELF_PARAMSPEC

_STRAWBERRY_FIELD = "strawberry-definition"
_BASIC_RESOLVER = "_get_basic_result"
"""The name strawberry gives the resolver of a field that only reads an attribute."""
_SYNC_RESOLVER = "_resolver"
"""The name strawberry gives the wrapper of a resolver that is not a coroutine function."""

_INT_RANGE = range(-(2**31), 2**31)


@dataclass(frozen=True, slots=True)
class _Leaf:
    """A field that reads an attribute of scalar or enum type."""

    read: Callable[[Any, str], Any]
    attribute: str
    serialize: Callable[[Any], Any]
    nullable: bool
    exact: type | None
    """The class whose values the type passes unchanged (``str`` for String and ID, ``bool``
    for Boolean): such a value needs no call at all."""
    enum: type | None
    """An enum type's Python class, whose members are answered by :attr:`names`."""
    names: Mapping[Any, str]


@dataclass(frozen=True, slots=True)
class _Computed:
    """A field whose resolver is a plain method: ``self`` only, no info, arguments or awaits."""

    call: Callable[[Any], Any]
    type: GraphQLOutputType


_Field = _Leaf | _Computed


@dataclass(frozen=True, slots=True)
class _Plan:
    """How to complete a selection on any object of a type, worked out once per request."""

    key: tuple[str, int]
    """The object type's name and the selection's identity: where the request keeps it."""
    steps: tuple[tuple[str, _Field | None, FieldDetailsList], ...]
    """Per selected field: its response name, how to complete it (``None``: ``__typename``)."""
    sources: set[type]
    """Classes of the objects met so far that are plain values: neither an error nor an
    awaitable (checked once per class, not once per object of a long list)."""


_FIELDS = "_gridkit_plain_fields"
"""Attribute of an object type: name → how to complete the field (``None``: not plain)."""
_SERIALIZER = "_gridkit_serializer"
"""Attribute of a leaf type: its output coercion."""
_PLANS = "_gridkit_plans"
_SLOW_FIELDS = "_gridkit_slow_fields"


def _field(schema: GraphQLSchema, parent_type: GraphQLObjectType, name: str) -> _Field | None:
    # Kept on the type itself: it lives exactly as long as its schema.
    known: dict[str, _Field | None] | None = parent_type.__dict__.get(_FIELDS)
    if known is None:
        known = {}
        setattr(parent_type, _FIELDS, known)
    try:
        return known[name]
    except KeyError:
        found = known[name] = _plain_field(schema, parent_type, name)
        return found


def _plain_field(schema: GraphQLSchema, parent_type: GraphQLObjectType, name: str) -> _Field | None:
    field = parent_type.fields.get(name)
    if field is None or field.args:
        return None
    definition = (field.extensions or {}).get(_STRAWBERRY_FIELD)
    if definition is None:
        return None
    resolver_name = getattr(field.resolve, "__name__", "")
    if resolver_name == _BASIC_RESOLVER and definition.is_basic_field:
        leaf = _leaf(definition, field.type)
        if leaf is not None:
            return leaf
        read, attribute = definition.default_resolver, definition.python_name
        return _Computed(call=lambda source: read(source, attribute), type=field.type)
    if resolver_name == _SYNC_RESOLVER and _plain_method(schema, definition):
        # The function itself, without strawberry's wrapper around every call.
        function = definition.base_resolver.wrapped_func
        call = function if callable(function) else definition.base_resolver
        return _Computed(call=call, type=field.type)
    return None


def _leaf(definition: Any, field_type: GraphQLOutputType) -> _Leaf | None:
    nullable = not isinstance(field_type, GraphQLNonNull)
    leaf_type = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not is_leaf_type(leaf_type):
        return None
    members, names = _enum_names(leaf_type)
    return _Leaf(
        read=definition.default_resolver,
        attribute=definition.python_name,
        serialize=_serializer_of(leaf_type),
        nullable=nullable,
        exact=_exact_class(leaf_type),
        enum=members if isinstance(leaf_type, GraphQLEnumType) and names else None,
        names=names,
    )


def _plain_method(schema: GraphQLSchema, definition: Any) -> bool:
    """Whether the field's resolver can be called with the source alone, as strawberry would."""
    resolver = definition.base_resolver
    if resolver is None or resolver.is_async or definition.extensions:
        return False
    reserved = {spec for spec, parameter in resolver.reserved_parameters.items() if parameter}
    if resolver.arguments or reserved - {SELF_PARAMSPEC}:
        return False
    strawberry_schema = getattr(schema, "_strawberry_schema", None)
    converter = getattr(strawberry_schema, "schema_converter", None)
    # An exception handler turns a resolver's error into a value: leave those to strawberry.
    return converter is not None and not converter.exception_handlers


def _exact_class(leaf_type: GraphQLLeafType) -> type | None:
    if leaf_type is GraphQLString or leaf_type is GraphQLID:
        return str
    if leaf_type is GraphQLBoolean:
        return bool
    return None


def _enum_names(leaf_type: GraphQLLeafType) -> tuple[type | None, dict[Any, str]]:
    """A strawberry enum's Python class and its members' GraphQL names (none for other types).

    Strawberry's enum coercion scans every value per call; a member's name is one lookup.
    """
    members = getattr(leaf_type, "wrapped_cls", None)
    if not isinstance(leaf_type, GraphQLEnumType) or members is None:
        return None, {}
    return members, {
        member: name
        for name, value in leaf_type.values.items()
        for member in members
        if member.value == value.value
    }


def _serializer(leaf_type: GraphQLLeafType) -> Callable[[Any], Any]:
    """The type's output coercion, with the common cases answered without its checks."""
    coerce = leaf_type.coerce_output_value
    if leaf_type is GraphQLString or leaf_type is GraphQLID:
        return lambda value: value if value.__class__ is str else coerce(value)
    if leaf_type is GraphQLBoolean:
        return lambda value: value if value.__class__ is bool else coerce(value)
    if leaf_type is GraphQLInt:
        return lambda value: (
            value if value.__class__ is int and value in _INT_RANGE else coerce(value)
        )
    if leaf_type is GraphQLFloat:
        return lambda value: (
            value if value.__class__ is float and math.isfinite(value) else coerce(value)
        )
    members, names = _enum_names(leaf_type)
    if names:
        return lambda value: (
            names[value] if value.__class__ is members and value in names else coerce(value)
        )
    return coerce


class _Slow(Exception):
    """This value needs graphql-core's general completion."""


class _Awaits(_Slow):
    """A method handed back an awaitable: graphql-core's to await."""


_SLOW = _Slow()
_AWAITS = _Awaits()


class PlainLeafExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, completing plain fields without the machinery.

    A plain field reads an attribute of scalar or enum type, or calls a resolver
    that takes ``self`` alone and awaits nothing. An object, or a list of objects,
    whose selected fields are all plain (``division { name }``, ``standards { item
    status }``) is completed in one pass, without graphql-core's per-object work;
    anything else falls back whole, so a resolver that raises is called again by
    graphql-core, which reports the error with its path.
    """

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        """Objects and lists of objects of plain fields here; every other value as before."""
        if self._plain_manager():
            try:
                return self._plain_value(return_type, field_details_list, info, result)
            except _Slow:
                pass
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plain_manager(self) -> bool:
        manager = self.middleware_manager
        return manager is None or not manager.middlewares

    def _plans(self) -> dict[tuple[str, int], _Plan | None]:
        """This request's plans, by object type and selection (``None``: not plain)."""
        plans: dict[tuple[str, int], _Plan | None] = self.__dict__.setdefault(_PLANS, {})
        return plans

    def _slow_fields(self) -> set[tuple[str, int]]:
        """This request's method fields found not plain, by parent type and selection."""
        slow: set[tuple[str, int]] = self.__dict__.setdefault(_SLOW_FIELDS, set())
        return slow

    def _plain_value(
        self,
        return_type: GraphQLOutputType,
        details: FieldDetailsList,
        info: GraphQLResolveInfo[Any] | None,
        result: Any,
    ) -> Any:
        nullable = True
        if isinstance(return_type, GraphQLNonNull):
            nullable, return_type = False, return_type.of_type
        if result is None:
            if nullable:
                return None
            raise _SLOW
        if isinstance(return_type, GraphQLObjectType):
            return self._plain_object(return_type, self._plan(return_type, details), info, result)
        if isinstance(return_type, GraphQLList) and isinstance(result, list | tuple):
            return self._plain_list(return_type.of_type, details, info, result)
        if is_leaf_type(return_type) and not isinstance(result, Exception):
            if self.is_awaitable(result):
                raise _SLOW
            return _coerced(_serializer_of(return_type), result)
        raise _SLOW

    def _plain_list(
        self,
        item_type: GraphQLOutputType,
        details: FieldDetailsList,
        info: GraphQLResolveInfo[Any] | None,
        items: list[Any] | tuple[Any, ...],
    ) -> list[Any]:
        object_type = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if not isinstance(object_type, GraphQLObjectType):
            return [self._plain_value(item_type, details, info, item) for item in items]
        # The common case, a list of objects: one plan for all of them.
        plan, nullable = self._plan(object_type, details), object_type is item_type
        complete = self._plain_object
        answer: list[dict[str, Any] | None] = []
        for item in items:
            if item is None:
                if not nullable:
                    raise _SLOW
                answer.append(None)
            else:
                answer.append(complete(object_type, plan, info, item))
        return answer

    def _plain_object(
        self,
        object_type: GraphQLObjectType,
        plan: _Plan,
        info: GraphQLResolveInfo[Any] | None,
        value: Any,
    ) -> dict[str, Any]:
        source = value.__class__
        if source not in plan.sources:
            if isinstance(value, Exception) or self.is_awaitable(value):
                raise _SLOW
            if not inspect.isgenerator(value):  # a generator's awaitability is its own
                plan.sources.add(source)
        if object_type.is_type_of is not None and (
            info is None or object_type.is_type_of(value, info) is not True
        ):
            raise _SLOW
        answer: dict[str, Any] = {}
        for response_name, field, field_details in plan.steps:
            if field.__class__ is _Leaf:  # the checks inline: a page has thousands of leaves
                leaf: _Leaf = field
                read = leaf.read(value, leaf.attribute)
                kind = read.__class__
                if kind is leaf.exact:
                    answer[response_name] = read
                elif kind is leaf.enum:
                    answer[response_name] = leaf.names.get(read) or _leaf_value(leaf, read)
                else:
                    answer[response_name] = _leaf_value(leaf, read)
            elif field is None:
                answer[response_name] = object_type.name
            else:
                computed: _Computed = field  # type: ignore[assignment]
                try:
                    produced = self._call(computed, value)
                except _Awaits:  # it will for the other objects too: not plain, from now on
                    self._plans()[plan.key] = None
                    raise
                answer[response_name] = self._plain_value(
                    computed.type, field_details, None, produced
                )
        return answer

    def _call(self, field: _Computed, source: Any) -> Any:
        """What the field's method returns; ``_SLOW`` when it raises or hands back an
        awaitable, which graphql-core then gets from calling it again (a coroutine handed
        back here is closed unawaited: its body never ran)."""
        try:
            produced = field.call(source)
        except Exception as refused:  # graphql-core calls it again and reports it
            raise _SLOW from refused
        if self.is_awaitable(produced):
            if inspect.iscoroutine(produced):
                produced.close()
            raise _AWAITS
        return produced

    def _plan(self, object_type: GraphQLObjectType, details: FieldDetailsList) -> _Plan:
        """How to complete the selection on any object of the type: worked out once per
        request for the hundred objects of a list (``_SLOW`` when it is not plain)."""
        plans = self._plans()
        key = (object_type.name, id(details))
        try:
            plan = plans[key]
        except KeyError:
            plan = plans[key] = self._new_plan(object_type, details, key)
        if plan is None:
            raise _SLOW
        return plan

    def _new_plan(
        self, object_type: GraphQLObjectType, details: FieldDetailsList, key: tuple[str, int]
    ) -> _Plan | None:
        grouped, new_defers, _ = self.collect_subfields(object_type, details)
        if new_defers:
            return None
        plan: list[tuple[str, _Field | None, FieldDetailsList]] = []
        for response_name, field_details in grouped.items():
            node = field_details[0].node
            name = node.name.value
            if name == "__typename":
                plan.append((response_name, None, field_details))
                continue
            field = None if node.arguments else _field(self.schema, object_type, name)
            if field is None:
                return None
            plan.append((response_name, field, field_details))
        return _Plan(key=key, steps=tuple(plan), sources=set())

    def _plain_field_value(
        self, parent_type: GraphQLObjectType, source: Any, details: FieldDetailsList
    ) -> Any:
        """One field of ``source`` completed here, or ``_SLOW`` for graphql-core to execute."""
        node = details[0].node
        field = None if node.arguments else _field(self.schema, parent_type, node.name.value)
        if field is None:
            raise _SLOW
        if isinstance(field, _Leaf):
            value = field.read(source, field.attribute)
            return value if value.__class__ is field.exact else _leaf_value(field, value)
        slow, selection = self._slow_fields(), (parent_type.name, id(details))
        if selection in slow:
            raise _SLOW
        try:
            return self._plain_value(field.type, details, None, self._call(field, source))
        except _Slow:  # the same for this selection on every other object of the request
            slow.add(selection)
            raise

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """Complete the plain fields here, the other fields as graphql-core does."""
        if not self._plain_manager():  # an extension wraps every resolver
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        done: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for response_name, details in grouped_field_set.items():
            try:
                done[response_name] = self._plain_field_value(parent_type, source_value, details)
            except _Slow:
                rest[response_name] = details
        if not rest:
            return done
        others = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if self.is_awaitable(others):

            async def merged() -> dict[str, Any]:
                return _in_order(grouped_field_set, done, await others)

            return merged()
        return _in_order(grouped_field_set, done, others)  # type: ignore[arg-type]


def _serializer_of(leaf_type: GraphQLLeafType) -> Callable[[Any], Any]:
    """The type's :func:`_serializer`, built once (kept on the type, like its fields)."""
    known: Callable[[Any], Any] | None = leaf_type.__dict__.get(_SERIALIZER)
    if known is None:
        known = _serializer(leaf_type)
        setattr(leaf_type, _SERIALIZER, known)
    return known


def _leaf_value(leaf: _Leaf, value: Any) -> Any:
    """The output value of what the leaf read, or :data:`_SLOW` raised where graphql-core
    must report."""
    if value is None:
        if leaf.nullable:
            return None
        raise _SLOW
    return _coerced(leaf.serialize, value)


def _coerced(serialize: Callable[[Any], Any], value: Any) -> Any:
    if value is Undefined:
        raise _SLOW
    try:
        coerced = serialize(value)
    except Exception as refused:  # graphql-core reports it, with its path
        raise _SLOW from refused
    if coerced is None or coerced is Undefined:
        raise _SLOW
    return coerced


def _in_order(
    grouped_field_set: GroupedFieldSet, done: dict[str, Any], others: dict[str, Any]
) -> dict[str, Any]:
    """The fields in the order the operation selected them (the answer keeps it)."""
    if not done:
        return others
    results = {}
    for name in grouped_field_set:
        if name in done:
            results[name] = done[name]
        elif name in others:
            results[name] = others[name]
    return results
