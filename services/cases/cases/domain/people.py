"""Who acts on a case, and who reported it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from uuid import UUID

from cases.domain.errors import InvalidReporter
from cases.domain.kinds import ActorRole, AssigneeKind, Level
from cases.domain.text import optional_text
from gridkit.domain import mask_phone

__all__ = ["SYSTEM_ACTOR", "Actor", "AnonymousContact", "Reporter", "mask_phone"]

CONTACT_NAME_MAX_LENGTH = 50
_PHONE = re.compile(r"\+?[0-9][0-9 -]{4,22}[0-9]")
"""A mobile or a landline as people write them: 13812345678, 0531-88881234, +86 138 ..."""


@dataclass(frozen=True, kw_only=True)
class Actor:
    """Someone acting on a case, as the caller's token says, with the role they act in."""

    subject: str
    """The token's subject: the stable key of the account."""
    name: str
    """The name shown on the timeline."""
    role: ActorRole
    person_id: UUID | None = None
    """The person in the personnel service, for staff who are registered there."""
    acts_for: str | None = None
    """The assignment ``ref`` the actor works for, when the access module vouches for it:
    a department's id, or a community's division code. A grid worker needs none: their
    assignment names them by ``person_id``."""

    @property
    def level(self) -> Level | None:
        """The level the actor works at (from the role), or ``None`` outside the chain."""
        return self.role.level

    def is_same_person(self, other: Actor | None) -> bool:
        """Whether ``other`` is the same account or the same registered person."""
        if other is None:
            return False
        if self.subject == other.subject:
            return True
        return self.person_id is not None and self.person_id == other.person_id

    def answers_for(self, kind: AssigneeKind, ref: str) -> bool:
        """Whether the actor may act as the assignee ``ref`` of ``kind``."""
        if kind is AssigneeKind.GRID_WORKER:
            return self.person_id is not None and str(self.person_id) == ref
        return self.acts_for is not None and self.acts_for == ref


SYSTEM_ACTOR = Actor(subject="system", name="系统", role=ActorRole.SYSTEM)
"""The system itself, acting on a timer (the deadline watch)."""


@dataclass(frozen=True, kw_only=True)
class AnonymousContact:
    """A reporter who is not registered: how to call them back for the return visit (回访).

    The phone is kept here as given; the repository stores it encrypted, and
    events and default reads carry only :attr:`masked_phone`.
    """

    name: str | None = None
    """What the reporter gave as their name, if anything (e.g. 王女士)."""
    phone: str | None = field(default=None, repr=False)
    """The number as given; ``None`` when the contact was read back without it (a list of
    cases shows only :attr:`masked_phone`, and revealing the number is its own audited read)."""
    masked: str | None = field(default=None, repr=False)
    """The masked number as stored, for a contact read back without its number."""

    def __post_init__(self) -> None:
        name = optional_text(self.name, label="Contact name", max_length=CONTACT_NAME_MAX_LENGTH)
        object.__setattr__(self, "name", name)
        if self.phone is None and self.masked is not None:
            return
        phone = self.phone.strip() if isinstance(self.phone, str) else None
        if phone is None or not _PHONE.fullmatch(phone):
            raise InvalidReporter(
                "An anonymous reporter leaves a phone number to be called back on, such as "
                "13812345678 or 0531-88881234"
            )
        object.__setattr__(self, "phone", phone)
        object.__setattr__(self, "masked", mask_phone(phone))

    @property
    def masked_phone(self) -> str:
        """The phone with all but the first three and last four digits starred."""
        return self.masked or ""


@dataclass(frozen=True, kw_only=True)
class Reporter:
    """Who reported a case: a registered person, or an anonymous contact; exactly one."""

    person_id: UUID | None = None
    """The reporter in the personnel service."""
    contact: AnonymousContact | None = None
    """How to reach a reporter who is not registered."""

    def __post_init__(self) -> None:
        if (self.person_id is None) == (self.contact is None):
            raise InvalidReporter(
                "A reporter is either a registered person or an anonymous contact, "
                "exactly one of the two"
            )

    @classmethod
    def person(cls, person_id: UUID) -> Reporter:
        """A reporter registered in the personnel service."""
        return cls(person_id=person_id)

    @classmethod
    def anonymous(cls, *, phone: str, name: str | None = None) -> Reporter:
        """A reporter who left only a phone number (and maybe a name)."""
        return cls(contact=AnonymousContact(name=name, phone=phone))

    @property
    def is_anonymous(self) -> bool:
        """Whether the reporter is not a registered person."""
        return self.contact is not None
