"""Oversight of a case from above: supervision orders (督办) and joint meetings (联席会议)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cases.domain.assignment import DepartmentRef
from cases.domain.errors import InvalidText
from cases.domain.people import Actor
from cases.domain.text import clean_text, optional_text

__all__ = ["JointMeeting", "SupervisionOrder"]

REASON_MAX_LENGTH = 500
MINUTES_MAX_LENGTH = 4000
PARTICIPANT_MAX_LENGTH = 100
DECISION_MAX_LENGTH = 500


@dataclass(frozen=True, kw_only=True)
class SupervisionOrder:
    """An order from the supervision office (督办) to get an overdue or reworked case done."""

    ordered_on: date
    """The local date the order was given."""
    by: Actor
    """Who gave it, usually the supervision office."""
    reason: str


@dataclass(frozen=True, kw_only=True)
class JointMeeting:
    """A joint meeting (联席会议): the bodies concerned meet on a case too big for one.

    The departments it names join the case as co-handlers.
    """

    held_on: date
    convened_by: Actor
    """Who convened the meeting and recorded it."""
    participants: tuple[str, ...]
    """Who attended, in words: 王舍人街道城管办 李明, 区市场监管局 赵强 ..."""
    departments: tuple[DepartmentRef, ...]
    """Departments the meeting put on the case."""
    minutes: str
    """The meeting's minutes (会议纪要)."""
    decisions: tuple[str, ...] = ()
    """What was decided, one item each."""

    def __post_init__(self) -> None:
        participants = _items(self.participants, label="Participant", limit=PARTICIPANT_MAX_LENGTH)
        if not participants:
            raise InvalidText("A joint meeting lists who took part", field="participants")
        object.__setattr__(self, "participants", participants)
        minutes = clean_text(self.minutes, label="Minutes", max_length=MINUTES_MAX_LENGTH)
        object.__setattr__(self, "minutes", minutes)
        object.__setattr__(
            self, "decisions", _items(self.decisions, label="Decision", limit=DECISION_MAX_LENGTH)
        )
        object.__setattr__(self, "departments", tuple(dict.fromkeys(self.departments)))


def _items(values: Sequence[str], *, label: str, limit: int) -> tuple[str, ...]:
    cleaned = (optional_text(value, label=label, max_length=limit) for value in values)
    return tuple(item for item in cleaned if item is not None)
