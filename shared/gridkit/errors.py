"""Errors that reach the client with a stable code.

Domain packages define their own errors by subclassing :class:`DomainError`
(it has no dependencies, so the domain stays plain Python). The GraphQL layer
turns any ``DomainError`` into an error whose ``extensions.code`` is ``code``.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self
from uuid import UUID


class DomainError(Exception):
    """A rule of the domain refused the request. Nothing was changed."""

    code: ClassVar[str] = "BAD_REQUEST"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(DomainError):
    """The thing asked for does not exist (or is outside the caller's scope)."""

    code: ClassVar[str] = "NOT_FOUND"


class MissingById(NotFound):
    """Base of the "no such thing" errors, with a ready-made message.

    A subclass names its ``code`` and its ``subject`` ("Grid", "Volunteer team") and is
    raised as ``GridNotFound.for_id(grid_id)``."""

    subject: ClassVar[str] = "Record"

    @classmethod
    def for_id(cls, id: UUID) -> Self:
        """The error for a lookup of ``id`` that found nothing."""
        return cls(f"{cls.subject} {id} does not exist", id=str(id))


class InvalidInput(DomainError):
    """The input is malformed: wrong format, out of range, inconsistent."""

    code: ClassVar[str] = "BAD_USER_INPUT"


class Conflict(DomainError):
    """The request collides with existing data (duplicate, already exists)."""

    code: ClassVar[str] = "CONFLICT"


class ConcurrentUpdate(DomainError):
    """Someone else changed the aggregate since it was read; retry with fresh data."""

    code: ClassVar[str] = "CONCURRENT_UPDATE"


class Unauthenticated(DomainError):
    """No valid credentials were presented."""

    code: ClassVar[str] = "UNAUTHENTICATED"


class Forbidden(DomainError):
    """The caller is known but may not do this, or not in this part of the district."""

    code: ClassVar[str] = "FORBIDDEN"
