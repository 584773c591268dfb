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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

_STRAWBERRY_FIELD = "strawberry-definition"
_BASIC_RESOLVER = "_get_basic_result"
"""The name strawberry gives the resolver of a field that only reads an attribute."""


@dataclass(frozen=True, slots=True)
class _Leaf:
    read: Callable[[Any, str], Any]
    attribute: str
    type: GraphQLLeafType
    nullable: bool


_NOT_PLAIN = None
_CACHE = "_gridkit_plain_leaves"


def _leaf(parent_type: GraphQLObjectType, name: str) -> _Leaf | None:
    # Kept on the type itself: it lives exactly as long as its schema.
    known: dict[str, _Leaf | None] | None = parent_type.__dict__.get(_CACHE)
    if known is None:
        known = {}
        setattr(parent_type, _CACHE, known)
    try:
        return known[name]
    except KeyError:
        found = known[name] = _plain_leaf(parent_type, name)
        return found


def _plain_leaf(parent_type: GraphQLObjectType, name: str) -> _Leaf | None:
    field = parent_type.fields.get(name)
    if field is None or field.args:
        return _NOT_PLAIN
    definition = (field.extensions or {}).get(_STRAWBERRY_FIELD)
    resolve = field.resolve
    if definition is None or getattr(resolve, "__name__", "") != _BASIC_RESOLVER:
        return _NOT_PLAIN
    if not definition.is_basic_field or definition.base_resolver is not None:
        return _NOT_PLAIN
    nullable = not isinstance(field.type, GraphQLNonNull)
    leaf_type = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if not is_leaf_type(leaf_type):
        return _NOT_PLAIN
    return _Leaf(
        read=definition.default_resolver,
        attribute=definition.python_name,
        type=leaf_type,
        nullable=nullable,
    )


class _Slow(Exception):
    """This value needs graphql-core's general completion."""


_SLOW = _Slow()


class PlainLeafExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, completing plain leaf fields without the machinery.

    It also completes an object, or a list of objects, whose selected fields are
    all plain leaves (``division { name }``, ``standards { item status }``) in one
    pass, without graphql-core's per-object work; anything else falls back whole.
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
        """Objects and lists of objects of plain leaves here; every other value as before."""
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

    def _plain_value(
        self,
        return_type: GraphQLOutputType,
        details: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
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
            return self._plain_object(return_type, details, info, result)
        if isinstance(return_type, GraphQLList) and isinstance(result, list | tuple):
            item_type = return_type.of_type
            return [self._plain_value(item_type, details, info, item) for item in result]
        raise _SLOW

    def _plain_object(
        self,
        object_type: GraphQLObjectType,
        details: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        value: Any,
    ) -> dict[str, Any]:
        if isinstance(value, Exception) or self.is_awaitable(value):
            raise _SLOW
        # The same selection on a hundred objects of a list: find out once that it is not plain.
        selection = (object_type.name, id(details))
        known_slow: set[tuple[str, int]] = self.__dict__.setdefault("_gridkit_slow", set())
        if selection in known_slow:
            raise _SLOW
        if object_type.is_type_of is not None and object_type.is_type_of(value, info) is not True:
            raise _SLOW
        grouped, new_defers, _ = self.collect_subfields(object_type, details)
        if new_defers:
            known_slow.add(selection)
            raise _SLOW
        answer: dict[str, Any] = {}
        for response_name, field_details in grouped.items():
            node = field_details[0].node
            name = node.name.value
            if name == "__typename":
                answer[response_name] = object_type.name
                continue
            leaf = None if node.arguments else _leaf(object_type, name)
            if leaf is None:
                known_slow.add(selection)
                raise _SLOW
            answer[response_name] = _complete_leaf(leaf, value)
        return answer

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """Complete the plain leaves here, the other fields as graphql-core does."""
        if not self._plain_manager():  # an extension wraps every resolver
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        done: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for response_name, details in grouped_field_set.items():
            node = details[0].node
            leaf = None if node.arguments else _leaf(parent_type, node.name.value)
            if leaf is not None:
                try:
                    done[response_name] = _complete_leaf(leaf, source_value)
                    continue
                except _Slow:
                    pass
            rest[response_name] = details
        if not rest:
            return done
        others = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if self.is_awaitable(others):

            async def merged() -> dict[str, Any]:
                return _in_order(grouped_field_set, done, await others)

            return merged()
        return _in_order(grouped_field_set, done, others)  # type: ignore[arg-type]


def _complete_leaf(leaf: _Leaf, source: Any) -> Any:
    """The leaf's output value, or :data:`_SLOW` raised where graphql-core must report."""
    value = leaf.read(source, leaf.attribute)
    if value is None:
        if leaf.nullable:
            return None
        raise _SLOW
    if value is Undefined:
        raise _SLOW
    try:
        coerced = leaf.type.coerce_output_value(value)
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
