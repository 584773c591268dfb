"""Registered volunteers (注册志愿者): a person, their number, skills and availability.

The steps::

    step        from                  to
    suspend     active                suspended (暂停)
    reinstate   suspended             active
    leave       active, suspended     left (注销)
    rejoin      left                  active, under the same number

Only an active volunteer joins teams and signs up for shifts. Leaving keeps the
volunteer's records: hours served stay theirs, and certificates can still be issued.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from volunteers.domain.errors import IllegalVolunteerTransition
from volunteers.domain.events import (
    ProfileEntryAdded,
    VolunteerEvent,
    VolunteerLeft,
    VolunteerProfileUpdated,
    VolunteerRegistered,
    VolunteerReinstated,
    VolunteerRejoined,
    VolunteerSuspended,
)
from volunteers.domain.kinds import EntryKind, VolunteerStatus
from volunteers.domain.moments import aware
from volunteers.domain.profile_entry import ProfileEntry
from volunteers.domain.skills import skill_set
from volunteers.domain.text import clean_text, optional_text
from volunteers.domain.volunteer_number import VolunteerNumber

__all__ = ["Volunteer"]

AVAILABILITY_MAX_LENGTH = 500
REASON_MAX_LENGTH = 500

_S = VolunteerStatus
_E = TypeVar("_E", bound=VolunteerEvent)


@dataclass(kw_only=True)
class Volunteer(Aggregate):
    """A person registered to volunteer (志愿者), one registration per person.

    Build one with :meth:`register`; the repository rebuilds stored ones with the
    constructor. The fields are read freely; only the methods change them.
    """

    aggregate_type: ClassVar[str] = "volunteer"

    person_id: UUID
    """The person in the personnel service."""
    number: VolunteerNumber
    """The volunteer number (志愿者编号): ``V37011200000123``."""
    skills: frozenset[str] = frozenset()
    """Skill codes (技能): ``FIRST_AID``, ``SIGN_LANGUAGE`` ..."""
    availability: str | None = None
    """When the volunteer can serve, in their words: 工作日晚上、周末全天."""
    status: VolunteerStatus = VolunteerStatus.ACTIVE
    registered_at: datetime
    status_changed_at: datetime | None = None
    """When the status last changed; ``None`` while it never did."""
    status_reason: str | None = None
    """Why the volunteer was suspended or left, while they are."""
    entries: list[ProfileEntry] = field(default_factory=list)
    """Trainings, awards and evaluations (培训、表彰、评价), in the order entered."""

    @classmethod
    def register(
        cls,
        *,
        id: UUID,
        person_id: UUID,
        number: VolunteerNumber,
        at: datetime,
        skills: Iterable[str] = (),
        availability: str | None = None,
    ) -> Volunteer:
        """Register ``person_id`` as a volunteer (志愿者注册) under ``number``.

        The repository hands out the number and refuses a second registration of the
        same person (:class:`~volunteers.domain.errors.VolunteerAlreadyRegistered`).
        """
        volunteer = cls(
            id=id,
            person_id=person_id,
            number=number,
            skills=skill_set(skills),
            availability=_availability(availability),
            registered_at=aware(at),
        )
        volunteer._step(
            VolunteerRegistered,
            at=at,
            by=person_id,
            skills=volunteer.skill_list,
            availability=volunteer.availability,
        )
        return volunteer

    def update_profile(
        self,
        *,
        at: datetime,
        skills: Iterable[str] | Unchanged = UNCHANGED,
        availability: str | Unchanged | None = UNCHANGED,
        by: UUID | None = None,
    ) -> VolunteerProfileUpdated:
        """Change the skills or the availability; ``None`` clears the availability."""
        aware(at)
        new_skills = self.skills if isinstance(skills, Unchanged) else skill_set(skills)
        new_availability = (
            self.availability
            if isinstance(availability, Unchanged)
            else _availability(availability)
        )
        self.skills, self.availability = new_skills, new_availability
        return self._step(
            VolunteerProfileUpdated,
            at=at,
            by=by or self.person_id,
            skills=self.skill_list,
            availability=self.availability,
        )

    def suspend(self, *, by: UUID, reason: str, at: datetime) -> VolunteerSuspended:
        """Suspend the volunteer (暂停), saying why; they sign up for nothing until reinstated."""
        self._require("be suspended", {_S.ACTIVE}, to=_S.SUSPENDED, at=at)
        why = _reason(reason)
        self._move(_S.SUSPENDED, at=at, reason=why)
        return self._step(VolunteerSuspended, at=at, by=by, reason=why)

    def reinstate(self, *, by: UUID, at: datetime) -> VolunteerReinstated:
        """Let a suspended volunteer serve again."""
        self._require("be reinstated", {_S.SUSPENDED}, to=_S.ACTIVE, at=at)
        self._move(_S.ACTIVE, at=at, reason=None)
        return self._step(VolunteerReinstated, at=at, by=by)

    def leave(
        self, *, at: datetime, reason: str | None = None, by: UUID | None = None
    ) -> VolunteerLeft:
        """Leave volunteering (注销): by the volunteer's own wish unless ``by`` says otherwise."""
        self._require("leave", {_S.ACTIVE, _S.SUSPENDED}, to=_S.LEFT, at=at)
        why = optional_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        self._move(_S.LEFT, at=at, reason=why)
        return self._step(VolunteerLeft, at=at, by=by or self.person_id, reason=why)

    def rejoin(self, *, at: datetime) -> VolunteerRejoined:
        """Come back after leaving, under the same number."""
        self._require("rejoin", {_S.LEFT}, to=_S.ACTIVE, at=at)
        self._move(_S.ACTIVE, at=at, reason=None)
        return self._step(VolunteerRejoined, at=at, by=self.person_id)

    def add_entry(
        self,
        *,
        id: UUID,
        kind: EntryKind,
        on: date,
        title: str,
        given_by: str,
        recorded_by: UUID,
        at: datetime,
        content: str | None = None,
    ) -> ProfileEntry:
        """Add a training, an award or an evaluation to the volunteer's record."""
        entry = ProfileEntry(
            id=id,
            kind=kind,
            on=on,
            title=title,
            content=content,
            given_by=given_by,
            recorded_by=recorded_by,
            recorded_at=at,
        )
        self.entries.append(entry)
        self._step(
            ProfileEntryAdded,
            at=at,
            by=recorded_by,
            entry_id=entry.id,
            kind=entry.kind,
            on=entry.on,
            title=entry.title,
        )
        return entry

    # Reading

    @property
    def is_active(self) -> bool:
        """Whether the volunteer may join teams and sign up."""
        return self.status is _S.ACTIVE

    @property
    def skill_list(self) -> tuple[str, ...]:
        """The skill codes, sorted."""
        return tuple(sorted(self.skills))

    def missing_skills(self, needed: Iterable[str]) -> frozenset[str]:
        """The codes out of ``needed`` the volunteer has not registered."""
        return frozenset(needed) - self.skills

    def entries_of(self, kind: EntryKind) -> list[ProfileEntry]:
        """The entries of one kind, in the order entered."""
        return [entry for entry in self.entries if entry.kind is kind]

    # Internals

    def _require(
        self, action: str, allowed: set[VolunteerStatus], *, to: VolunteerStatus, at: datetime
    ) -> None:
        aware(at)
        if self.status not in allowed:
            needs = ", ".join(s.value for s in VolunteerStatus if s in allowed)
            raise IllegalVolunteerTransition(
                f"Volunteer {self.number} is {self.status.label}; they cannot {action} from "
                f"there (that needs {needs})",
                **{"from": self.status.value, "to": to.value},
            )

    def _move(self, status: VolunteerStatus, *, at: datetime, reason: str | None) -> None:
        self.status, self.status_changed_at, self.status_reason = status, at, reason

    def _step(self, event_type: type[_E], *, at: datetime, by: UUID | None, **fields: Any) -> _E:
        event = event_type(
            volunteer_id=self.id,
            person_id=self.person_id,
            number=str(self.number),
            status=self.status,
            at=at,
            by=by,
            **fields,
        )
        self.record(event)
        return event


def _availability(value: str | None) -> str | None:
    return optional_text(value, label="Availability", max_length=AVAILABILITY_MAX_LENGTH)


def _reason(value: str | None) -> str:
    return clean_text(value, label="Reason", max_length=REASON_MAX_LENGTH)
