"""Extensions (延期): more working days for a case, approved higher up each time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cases.domain.kinds import ExtensionStatus, Level
from cases.domain.people import Actor

__all__ = ["MAX_EXTENSION_DAYS", "MIN_EXTENSION_DAYS", "Extension", "required_approver_level"]

MIN_EXTENSION_DAYS = 1
MAX_EXTENSION_DAYS = 30


@dataclass(frozen=True, kw_only=True)
class Extension:
    """A request for more time and its decision."""

    sequence: int
    """1 for the case's first request, 2 for the next ..."""
    days: int
    """Working days asked for, 1 to 30."""
    reason: str
    """Why more time is needed."""
    requested_by: Actor
    requested_at: datetime
    status: ExtensionStatus = ExtensionStatus.PENDING
    decided_by: Actor | None = None
    """Who approved or refused it; the next approval must come from above their level."""
    decided_at: datetime | None = None
    decision_note: str | None = None
    """Why it was refused, or what the approver added."""

    @property
    def is_pending(self) -> bool:
        """Whether the request waits for a decision."""
        return self.status is ExtensionStatus.PENDING

    @property
    def is_approved(self) -> bool:
        """Whether the request was approved."""
        return self.status is ExtensionStatus.APPROVED


def required_approver_level(case_level: Level, previous_approver: Level | None) -> Level | None:
    """The lowest level that may approve the next extension, or ``None`` when none may.

    The first approval needs someone at the case's level or above. Every
    later one needs someone strictly above the approver of the one before
    (and still at the case's level or above): a case that keeps running late
    goes up the chain. ``previous_approver`` is ``None`` while no extension
    was approved. After a district approval no level is left above it.
    """
    if previous_approver is None:
        return case_level
    above = previous_approver.next()
    return None if above is None else max(above, case_level)
