"""Selection sets under construction, one per fetch and position.

The planner adds the client's fields and the fields the gateway itself needs
(``__typename``, entity keys, ``@requires`` inputs). Identical fields merge; a
gateway field whose response key is already used by a different client field
is aliased, so subgraph operations stay valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import (
    ArgumentNode,
    DirectiveNode,
    FieldNode,
    InlineFragmentNode,
    NamedTypeNode,
    NameNode,
    SelectionNode,
    SelectionSetNode,
    print_ast,
)

INTERNAL_ALIAS_PREFIX = "_gw_"


def signature(arguments: tuple[ArgumentNode, ...]) -> str:
    """A comparable text for a field's arguments, order-independent."""
    return ",".join(sorted(print_ast(argument) for argument in arguments))


def directives_signature(directives: tuple[DirectiveNode, ...]) -> str:
    """A comparable text for directives."""
    return " ".join(print_ast(directive) for directive in directives)


@dataclass
class FieldSelection:
    """A field in a selection set under construction."""

    name: str
    alias: str | None
    arguments: tuple[ArgumentNode, ...] = ()
    directives: tuple[DirectiveNode, ...] = ()
    selections: SelectionSetBuilder | None = None

    @property
    def response_key(self) -> str:
        """Where the value lands in the response."""
        return self.alias or self.name

    def to_ast(self) -> FieldNode:
        """The field as a graphql-core node."""
        return FieldNode(
            alias=NameNode(value=self.alias) if self.alias else None,
            name=NameNode(value=self.name),
            arguments=self.arguments,
            directives=self.directives,
            selection_set=self.selections.to_ast() if self.selections is not None else None,
        )


@dataclass
class FragmentSelection:
    """An inline fragment in a selection set under construction."""

    type_condition: str | None
    directives: tuple[DirectiveNode, ...] = ()
    selections: SelectionSetBuilder = field(default_factory=lambda: SelectionSetBuilder())

    def to_ast(self) -> InlineFragmentNode:
        """The fragment as a graphql-core node."""
        return InlineFragmentNode(
            type_condition=NamedTypeNode(name=NameNode(value=self.type_condition))
            if self.type_condition
            else None,
            directives=self.directives,
            selection_set=self.selections.to_ast(),
        )


class SelectionSetBuilder:
    """An ordered, merging selection set."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, ...], FieldSelection | FragmentSelection] = {}
        self._keys: dict[str, tuple[str, str]] = {}
        """Response key -> (field name, argument signature) of the fields using it."""
        self._aliases = 0

    def __bool__(self) -> bool:
        return bool(self._items)

    @property
    def items(self) -> list[FieldSelection | FragmentSelection]:
        """The selections, in the order they were first added."""
        return list(self._items.values())

    def add_field(
        self,
        name: str,
        *,
        alias: str | None = None,
        arguments: tuple[ArgumentNode, ...] = (),
        directives: tuple[DirectiveNode, ...] = (),
        composite: bool = False,
    ) -> FieldSelection:
        """Add (or find) a field as the client wrote it; returns it to add sub-selections."""
        args = signature(arguments)
        key = ("field", alias or name, name, args, directives_signature(directives))
        existing = self._items.get(key)
        if isinstance(existing, FieldSelection):
            return existing
        selection = FieldSelection(
            name=name,
            alias=alias,
            arguments=arguments,
            directives=directives,
            selections=SelectionSetBuilder() if composite else None,
        )
        self._items[key] = selection
        self._keys.setdefault(selection.response_key, (name, args))
        return selection

    def add_internal_field(
        self,
        name: str,
        *,
        arguments: tuple[ArgumentNode, ...] = (),
        composite: bool = False,
    ) -> FieldSelection:
        """Add a field the gateway needs; aliased when its plain key is taken by another field."""
        args = signature(arguments)
        for item in self._items.values() if arguments else ():
            if (
                isinstance(item, FieldSelection)
                and item.alias is not None
                and item.alias.startswith(INTERNAL_ALIAS_PREFIX)
                and item.name == name
                and signature(item.arguments) == args
            ):
                if composite and item.selections is None:
                    item.selections = SelectionSetBuilder()
                return item  # asked for the gateway already, under its own key
        used = self._keys.get(name)
        # A field with arguments gets a key of its own even while its name is free: the client
        # may ask the same field with other arguments later, under the plain name.
        if used == (name, args) or (used is None and not arguments):
            alias = None
        else:
            self._aliases += 1
            alias = f"{INTERNAL_ALIAS_PREFIX}{self._aliases}_{name}"
        if used == (name, args):
            # Reuse the client's own (undirected) field when there is one.
            for item in self._items.values():
                if (
                    isinstance(item, FieldSelection)
                    and item.alias is None
                    and item.name == name
                    and not item.directives
                    and signature(item.arguments) == args
                ):
                    if composite and item.selections is None:
                        item.selections = SelectionSetBuilder()
                    return item
        return self.add_field(name, alias=alias, arguments=arguments, composite=composite)

    def add_fragment(
        self, type_condition: str | None, directives: tuple[DirectiveNode, ...] = ()
    ) -> FragmentSelection:
        """Add (or find) an inline fragment."""
        key = ("fragment", type_condition or "", directives_signature(directives))
        existing = self._items.get(key)
        if isinstance(existing, FragmentSelection):
            return existing
        fragment = FragmentSelection(type_condition=type_condition, directives=directives)
        self._items[key] = fragment
        return fragment

    def to_ast(self) -> SelectionSetNode:
        """The selection set as a graphql-core node."""
        selections: list[SelectionNode] = []
        for item in self._items.values():
            node = item.to_ast()
            if isinstance(node, InlineFragmentNode) and not node.selection_set.selections:
                continue  # a fragment nothing was placed in (or only empty fragments)
            selections.append(node)
        return SelectionSetNode(selections=tuple(selections))

    def merge(self, other: SelectionSetBuilder) -> None:
        """Add every selection of ``other`` (groups merge only when they ask the same)."""
        for key, item in other._items.items():
            mine = self._items.get(key)
            if mine is None:
                self._items[key] = item
                if isinstance(item, FieldSelection):
                    self._keys.setdefault(item.response_key, (item.name, signature(item.arguments)))
            elif mine.selections is not None and item.selections is not None:
                mine.selections.merge(item.selections)
