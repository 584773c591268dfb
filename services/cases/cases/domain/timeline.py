"""The timeline (办理轨迹): every step of a case, who took it, when and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from cases.domain.evidence import Evidence
from cases.domain.kinds import CaseAction, CaseStatus
from cases.domain.people import Actor

__all__ = ["TimelineEntry"]


@dataclass(frozen=True, kw_only=True)
class TimelineEntry:
    """One step of a case, in the order the steps were taken."""

    at: datetime
    actor: Actor
    """Who took the step, in which role (the system for timers)."""
    action: CaseAction
    status: CaseStatus
    """Where the case stood after the step."""
    note: str | None = None
    """Why, in the actor's words: a reason, an opinion, a decision."""
    evidence: Evidence | None = None
    """What the handler showed, for a resolution; the files sent with a report, for a report."""
    details: Mapping[str, str] = field(default_factory=dict)
    """Facts of the step, as text: ``due_on``, ``from_level``/``to_level``, ``assignees`` ..."""
