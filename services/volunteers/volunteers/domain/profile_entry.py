"""Trainings, awards and evaluations (培训、表彰、评价): the volunteer's record besides service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from volunteers.domain.kinds import EntryKind
from volunteers.domain.moments import aware
from volunteers.domain.text import clean_text, optional_text

__all__ = ["ProfileEntry"]

TITLE_MAX_LENGTH = 200
CONTENT_MAX_LENGTH = 2000
GIVEN_BY_MAX_LENGTH = 100


@dataclass(frozen=True, kw_only=True)
class ProfileEntry:
    """One training taken, award received or evaluation given, as the record keeps it.

    ``"2026年社区急救员培训"`` given by ``"历城区红十字会"``; ``"优秀志愿者"`` given by
    ``"历城区委宣传部"``; an evaluation ``"服务认真，群众满意"`` given by the team leader.
    """

    id: UUID
    kind: EntryKind
    on: date
    """The day of the training, the award, or the evaluation."""
    title: str
    content: str | None = None
    """The details: the course's hours, the citation, the evaluation's words."""
    given_by: str
    """Who trained, awarded or evaluated: a body or a person, by name."""
    recorded_by: UUID
    """Who entered it (a person id)."""
    recorded_at: datetime

    def __post_init__(self) -> None:
        aware(self.recorded_at)
        values = {
            "title": clean_text(self.title, label="Title", max_length=TITLE_MAX_LENGTH),
            "content": optional_text(self.content, label="Content", max_length=CONTENT_MAX_LENGTH),
            "given_by": clean_text(self.given_by, label="Given by", max_length=GIVEN_BY_MAX_LENGTH),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
