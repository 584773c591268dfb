"""Partial-update inputs: an omitted field stays, ``null`` clears or is refused.

GraphQL tells "not sent" (strawberry's ``UNSET``) from ``null``; the domain's
``UNCHANGED`` carries the first into commands, so ``None`` can mean "clear".
"""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

import strawberry

from gridkit.domain import UNCHANGED, Unchanged
from gridkit.errors import InvalidInput
from gridkit.graphql.ids import parse_id

T = TypeVar("T")


class NullNotAllowed(InvalidInput):
    """A field that cannot be empty was sent as null."""

    code = "NULL_NOT_ALLOWED"


def given(value: T | None, field: str) -> T | Unchanged:
    """Omitted: unchanged; null: refused (naming ``field``); else the value."""
    if value is strawberry.UNSET:
        return UNCHANGED
    if value is None:
        raise NullNotAllowed(f"'{field}' cannot be null; omit it to keep the current value.")
    return value


def nullable(value: T | None) -> T | Unchanged | None:
    """Omitted: unchanged; null: cleared; else the value."""
    return UNCHANGED if value is strawberry.UNSET else value


def nullable_id(value: strawberry.ID | None, field: str) -> UUID | Unchanged | None:
    """:func:`nullable` for an id, parsed (a malformed one is refused naming ``field``)."""
    kept = nullable(value)
    if kept is UNCHANGED or kept is None:
        return kept
    return parse_id(kept, what=field)
