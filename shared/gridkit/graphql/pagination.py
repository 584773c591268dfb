"""Relay cursor connections with keyset pagination.

A cursor is the opaque, URL-safe encoding of the sort key of an edge's node,
so pages stay stable while rows are added and cost the same at any depth.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
import strawberry

from gridkit.errors import InvalidInput
from gridkit.graphql.selection import selects

NodeT = TypeVar("NodeT")
ItemT = TypeVar("ItemT")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class InvalidCursor(InvalidInput):
    """The cursor was not produced by this API."""

    code = "INVALID_CURSOR"


class InvalidPageSize(InvalidInput):
    """``first``/``last`` is out of range."""

    code = "INVALID_PAGE_SIZE"


def encode_cursor(key: Sequence[Any]) -> str:
    """Opaque cursor for a sort key."""
    return base64.urlsafe_b64encode(orjson.dumps(list(key))).decode()


def decode_cursor(cursor: str) -> list[Any]:
    """Sort key of a cursor; refuses anything this API did not issue."""
    try:
        key = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, orjson.JSONDecodeError, ValueError) as exc:
        raise InvalidCursor(_bad_cursor(cursor)) from exc
    if not isinstance(key, list):
        raise InvalidCursor(_bad_cursor(cursor))
    return key


def _bad_cursor(cursor: str) -> str:
    return f"Cursor {cursor!r} is not valid; use one from a previous page."


@dataclass(frozen=True)
class PageRequest:
    """Validated Relay arguments: forward (first/after) or backward (last/before)."""

    size: int
    after: list[Any] | None
    before: list[Any] | None
    backward: bool
    count: bool = True
    """Whether to count every matching item (only when ``totalCount`` is asked for)."""

    @classmethod
    def from_args(
        cls,
        *,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        info: Any = None,
    ) -> PageRequest:
        """Check the arguments and decode the cursors.

        With the resolver's ``info``, the total is counted only when the request
        selects ``totalCount``: a count over a large table costs more than the page.
        """
        if first is not None and last is not None:
            raise InvalidPageSize("Pass either 'first' or 'last', not both.")
        size = last if last is not None else first
        if size is None:
            size = DEFAULT_PAGE_SIZE
        if not 0 <= size <= MAX_PAGE_SIZE:
            raise InvalidPageSize(f"Page size must be between 0 and {MAX_PAGE_SIZE}, got {size}.")
        return cls(
            size=size,
            after=decode_cursor(after) if after else None,
            before=decode_cursor(before) if before else None,
            backward=last is not None,
            count=info is None or selects(info, "totalCount"),
        )


@dataclass(frozen=True)
class Page(Generic[ItemT]):
    """One page of items read with ``size + 1`` rows to know if more exist."""

    items: list[ItemT]
    has_more: bool
    total: int | None
    """Every matching item, when counted (see :attr:`PageRequest.count`)."""


@strawberry.federation.type(shareable=True)
class PageInfo:
    """Where this page sits in the whole list (shared by every subgraph: ``@shareable``)."""

    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="More items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last edge.")


@strawberry.type
class Edge(Generic[NodeT]):
    """An item of a list and the cursor that points at it."""

    node: NodeT = strawberry.field(description="The item.")
    key: strawberry.Private[Sequence[Any]]

    @strawberry.field(description="Pass as 'after' or 'before' to page on.")
    def cursor(self) -> str:
        # Encoded only when asked for: most pages select nodes and pageInfo alone.
        return encode_cursor(self.key)


@strawberry.type
class Connection(Generic[NodeT]):
    """A page of a list (Relay cursor connection)."""

    edges: list[Edge[NodeT]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Whether more pages exist.")
    nodes: list[NodeT] = strawberry.field(description="The items of this page, without cursors.")
    total: strawberry.Private[int | None]

    @strawberry.field(description="Number of items matching the filter.")
    def total_count(self) -> int:
        if self.total is None:  # counted whenever selected: this is a bug, not bad input
            raise RuntimeError("totalCount was selected but not counted")
        return self.total

    @classmethod
    def build(
        cls,
        page: Page[ItemT],
        request: PageRequest,
        *,
        key: Callable[[ItemT], Sequence[Any]],
        node: Callable[[ItemT], NodeT],
    ) -> Connection[NodeT]:
        """Assemble a connection from a page read in sort order."""
        edges = [Edge(node=node(item), key=key(item)) for item in page.items]
        if request.backward:
            has_next, has_previous = request.before is not None, page.has_more
        else:
            has_next, has_previous = page.has_more, request.after is not None
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=has_next,
                has_previous_page=has_previous,
                start_cursor=edges[0].cursor() if edges else None,
                end_cursor=edges[-1].cursor() if edges else None,
            ),
            total=page.total,
            nodes=[edge.node for edge in edges],
        )
