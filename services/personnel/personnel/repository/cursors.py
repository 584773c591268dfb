"""Cursor keys read back into their columns' types.

A cursor carries its sort key as JSON, where dates and ids travel as strings;
the database driver wants ``date`` and ``UUID`` objects back before comparing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from gridkit.graphql.pagination import InvalidCursor, PageRequest

KeyPart = Callable[[Any], Any]
"""Reads one value of a cursor's key; raises ``ValueError`` or ``TypeError`` on a bad one."""


def day(value: Any) -> date:
    """A date sent as ``YYYY-MM-DD``."""
    return date.fromisoformat(str(value))


def uuid(value: Any) -> UUID:
    """An id sent as its text."""
    return UUID(str(value))


def text(value: Any) -> str:
    """A text key (names, periods)."""
    if not isinstance(value, str):
        raise TypeError("text expected")
    return value


def typed(request: PageRequest, *parts: KeyPart) -> PageRequest:
    """``request`` with the keys of its cursors converted by ``parts``, one per key column."""
    return replace(
        request, after=_convert(request.after, parts), before=_convert(request.before, parts)
    )


def _convert(key: Sequence[Any] | None, parts: Sequence[KeyPart]) -> list[Any] | None:
    if key is None:
        return None
    try:
        if len(key) != len(parts):
            raise ValueError("wrong number of key values")
        return [part(value) for part, value in zip(parts, key, strict=True)]
    except (TypeError, ValueError) as exc:
        raise InvalidCursor(
            "This cursor does not belong to this list; use one from a previous page of it."
        ) from exc
