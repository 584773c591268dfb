"""Plain-Python building blocks for domain models (no I/O, no frameworks).

An aggregate records the events it raises; each event takes the next
version number, so the version column is both the optimistic-concurrency
token and the per-aggregate order that consumers rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar, Final
from uuid import UUID


@dataclass(frozen=True)
class Recorded:
    """An event with its place in its aggregate's history."""

    aggregate_type: str
    aggregate_id: UUID
    version: int
    event: object


@dataclass(kw_only=True)
class Aggregate:
    """Base of every aggregate root: identity, version and pending events."""

    aggregate_type: ClassVar[str] = "aggregate"

    id: UUID
    version: int = 0
    persisted_version: int = field(default=0, repr=False, compare=False)
    """Version as last read from storage; the update succeeds only if it is still current."""
    pending_events: list[Recorded] = field(default_factory=list, repr=False, compare=False)

    def record(self, event: object) -> None:
        """Raise ``event``: it takes the next version and waits for the unit of work."""
        self.version += 1
        self.pending_events.append(Recorded(self.aggregate_type, self.id, self.version, event))

    def take_events(self) -> list[Recorded]:
        """Hand the pending events over (to the unit of work) and forget them."""
        events, self.pending_events = self.pending_events, []
        return events


class Unchanged(Enum):
    """Type of :data:`UNCHANGED`."""

    UNCHANGED = "UNCHANGED"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = Unchanged.UNCHANGED
"""The "leave this field as it is" marker for partial updates.

``None`` cannot play that part: clearing a boundary or a parent is a real change."""


def mask_phone(value: str) -> str:
    """A phone number for display: the first three and last four digits, the rest starred.

    ``13812345678`` reads ``138****5678``; separators are dropped first, so a landline
    ``0531-88881234`` reads ``053*****1234``; seven digits or fewer are all starred. Every
    service shows phones this way (personnel's people, cases' anonymous reporters)."""
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
