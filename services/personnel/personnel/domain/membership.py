"""Party membership and its development (党员发展), one record per person.

The way in runs applicant (入党申请人) → activist (入党积极分子) → development
target (发展对象) → probationary member (预备党员) → full member (正式党员).
A probation may be extended once, by up to a year (延长预备期), or cancelled
(取消预备党员资格); a member may leave (出党/退党) or be expelled (开除党籍).
No step goes back, and no step is dated before the one before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, NoReturn
from uuid import UUID

from gridkit.domain import Aggregate
from personnel.domain.dates import add_years
from personnel.domain.errors import (
    InvalidDate,
    InvalidMembershipTransition,
    MembershipExists,
    MembershipTooYoung,
    TransferNotAMember,
    TransferSameOrganization,
)
from personnel.domain.events import MembershipChanged, MemberTransferred
from personnel.domain.kinds import MEMBER_STATUSES, MembershipStatus
from personnel.domain.person import Person
from personnel.domain.text import optional_text

__all__ = [
    "MembershipStatus",
    "MembershipStep",
    "PartyMembership",
    "ensure_no_membership",
]

APPLICATION_AGE = 18
NOTE_MAX_LENGTH = 500

_S = MembershipStatus

_PREDECESSORS: Mapping[MembershipStatus, frozenset[MembershipStatus]] = {
    _S.APPLICANT: frozenset(),
    _S.ACTIVIST: frozenset({_S.APPLICANT}),
    _S.DEVELOPMENT_TARGET: frozenset({_S.ACTIVIST}),
    _S.PROBATIONARY: frozenset({_S.DEVELOPMENT_TARGET}),
    _S.PROBATION_EXTENDED: frozenset({_S.PROBATIONARY}),
    _S.FULL: frozenset({_S.PROBATIONARY, _S.PROBATION_EXTENDED}),
    _S.PROBATION_CANCELLED: frozenset({_S.PROBATIONARY, _S.PROBATION_EXTENDED}),
    _S.LEFT: MEMBER_STATUSES,
    _S.EXPELLED: MEMBER_STATUSES,
}

_REQUIREMENTS = {
    _S.APPLICANT: "an application is made once, when the membership record is opened",
    _S.ACTIVIST: "only an applicant (入党申请人) can become an activist",
    _S.DEVELOPMENT_TARGET: "only an activist (入党积极分子) can become a development target",
    _S.PROBATIONARY: "only a development target (发展对象) can become a probationary member",
    _S.PROBATION_EXTENDED: "only a probationary member (预备党员) can have the probation extended",
    _S.FULL: "only a probationary member (预备党员) can become a full member",
    _S.PROBATION_CANCELLED: "only a probationary member (预备党员) can have the status cancelled",
    _S.LEFT: "only a probationary or full member can leave the party",
    _S.EXPELLED: "only a probationary or full member can be expelled",
}

_ENDED = frozenset({_S.PROBATION_CANCELLED, _S.LEFT, _S.EXPELLED})

_OPENING_STATUSES = (_S.APPLICANT, _S.ACTIVIST, _S.DEVELOPMENT_TARGET, _S.PROBATIONARY, _S.FULL)
"""What a record may open with: an application, or where a person already stands."""


@dataclass(frozen=True, kw_only=True)
class MembershipStep:
    """One step of the history: the status reached, on which day, and why."""

    status: MembershipStatus
    on: date
    note: str | None = None
    probation_until: date | None = None
    """For an extension (延长预备期): the last day of the extended probation."""


@dataclass(kw_only=True)
class PartyMembership(Aggregate):
    """A person's way into and through the party, with the organisation that holds it.

    The party organisation changes only when a transfer letter is received
    (see :func:`personnel.domain.transfer.receive_transfer`).
    """

    aggregate_type: ClassVar[str] = "membership"

    person_id: UUID
    status: MembershipStatus
    party_organization_id: UUID
    steps: list[MembershipStep] = field(default_factory=list)
    """The history, oldest first; the last step is the current status."""

    @classmethod
    def apply(
        cls,
        *,
        id: UUID,
        person: Person,
        party_organization_id: UUID,
        on: date,
        note: str | None = None,
    ) -> PartyMembership:
        """Record an application to join (入党申请), made at 18 or older.

        A person has one record (check with :func:`ensure_no_membership` first).
        """
        return cls._open(
            id=id,
            person=person,
            party_organization_id=party_organization_id,
            status=_S.APPLICANT,
            on=on,
            note=note,
        )

    @classmethod
    def register_existing(
        cls,
        *,
        id: UUID,
        person: Person,
        party_organization_id: UUID,
        status: MembershipStatus,
        since: date,
        note: str | None = None,
    ) -> PartyMembership:
        """Open the record of someone who is already on the way in, or already a member.

        ``since`` is the day they reached ``status`` (for a member, the day they
        became probationary or full). The history starts with that one step.
        """
        if status not in _OPENING_STATUSES:
            allowed = ", ".join(s.label for s in _OPENING_STATUSES)
            raise InvalidMembershipTransition(
                f"A membership record cannot open as {status.label}; it opens as {allowed}",
                to=status.value,
            )
        return cls._open(
            id=id,
            person=person,
            party_organization_id=party_organization_id,
            status=status,
            on=since,
            note=note,
        )

    @classmethod
    def open(
        cls,
        *,
        id: UUID,
        person: Person,
        party_organization_id: UUID,
        status: MembershipStatus,
        since: date,
        note: str | None = None,
    ) -> PartyMembership:
        """Open a record at ``status``: an application, or someone already on the way in."""
        if status is _S.APPLICANT:
            return cls.apply(
                id=id,
                person=person,
                party_organization_id=party_organization_id,
                on=since,
                note=note,
            )
        return cls.register_existing(
            id=id,
            person=person,
            party_organization_id=party_organization_id,
            status=status,
            since=since,
            note=note,
        )

    @classmethod
    def _open(
        cls,
        *,
        id: UUID,
        person: Person,
        party_organization_id: UUID,
        status: MembershipStatus,
        on: date,
        note: str | None,
    ) -> PartyMembership:
        coming_of_age = add_years(person.birth_date, APPLICATION_AGE)
        if on < coming_of_age:
            raise MembershipTooYoung(
                f"{person.name} was born on {person.birth_date.isoformat()} and turns "
                f"{APPLICATION_AGE} on {coming_of_age.isoformat()}; an application to join the "
                f"party (入党申请) can be made from that day, not on {on.isoformat()}",
                earliest=coming_of_age.isoformat(),
            )
        membership = cls(
            id=id,
            person_id=person.id,
            status=status,
            party_organization_id=party_organization_id,
        )
        membership._take_step(MembershipStep(status=status, on=on, note=_note(note)), None)
        return membership

    @property
    def is_member(self) -> bool:
        """Whether the person is a party member now: probationary (extended or not) or full."""
        return self.status.is_member

    @property
    def probationary_since(self) -> date | None:
        """The day the person became a probationary member (入党时间), if known."""
        return self.reached_on(_S.PROBATIONARY)

    @property
    def probation_ends_on(self) -> date | None:
        """While on probation: the first day full membership can be granted."""
        if self.status is _S.PROBATION_EXTENDED:
            return self.steps[-1].probation_until
        if self.status is _S.PROBATIONARY:
            return add_years(self.steps[-1].on, 1)
        return None

    def reached_on(self, status: MembershipStatus) -> date | None:
        """The day the membership last reached ``status``, or ``None`` if it never did."""
        return next((s.on for s in reversed(self.steps) if s.status is status), None)

    def change_status(
        self,
        status: MembershipStatus,
        *,
        on: date,
        note: str | None = None,
        probation_until: date | None = None,
    ) -> MembershipChanged:
        """Take the next step of the lifecycle on ``on``.

        ``probation_until`` goes with an extension only: the last day of the
        extended probation, more than one year and at most two years after the
        person became probationary (two years when left out).
        """
        self._check_transition(status, on)
        if status is _S.PROBATION_EXTENDED:
            probation_until = self._extension_end(probation_until)
        elif probation_until is not None:
            raise InvalidDate(
                "Only an extension of the probation (延长预备期) has an end date",
                field="probation_until",
            )
        step = MembershipStep(
            status=status, on=on, note=_note(note), probation_until=probation_until
        )
        return self._take_step(step, self.status)

    def transfer_to(
        self, party_organization_id: UUID, *, on: date, transfer_id: UUID
    ) -> MemberTransferred:
        """Move the member to another party organisation, as a received transfer letter says."""
        if not self.is_member:
            raise TransferNotAMember(
                f"Only a party member's organisation relationship is transferred; "
                f"this membership is at {self.status.label}",
                status=self.status.value,
            )
        if party_organization_id == self.party_organization_id:
            raise TransferSameOrganization(
                "The member already belongs to that party organisation",
                party_organization_id=str(party_organization_id),
            )
        previous, self.party_organization_id = self.party_organization_id, party_organization_id
        event = MemberTransferred(
            membership_id=self.id,
            person_id=self.person_id,
            party_organization_id=party_organization_id,
            previous_party_organization_id=previous,
            on=on,
            transfer_id=transfer_id,
        )
        self.record(event)
        return event

    def _check_transition(self, target: MembershipStatus, on: date) -> None:
        current = self.status
        if target is current:
            why = (
                "a probation can be extended only once"
                if target is _S.PROBATION_EXTENDED
                else "that is where the membership already stands"
            )
            self._refuse(target, why)
        if current in _ENDED:
            self._refuse(target, f"a membership that ended as {current.label} takes no more steps")
        if current not in _PREDECESSORS[target]:
            self._refuse(target, _REQUIREMENTS[target])
        last = self.steps[-1]
        if on < last.on:
            self._refuse(
                target,
                f"the membership became {current.label} on {last.on.isoformat()}, and a step "
                "is never dated before the one before it",
                on=on,
            )
        if target is _S.DEVELOPMENT_TARGET:
            earliest = add_years(last.on, 1)
            if on < earliest:
                self._refuse(
                    target,
                    f"became an activist on {last.on.isoformat()}; a development target needs a "
                    f"full year as activist, so not before {earliest.isoformat()}",
                    on=on,
                    earliest=earliest,
                )
        if target is _S.FULL:
            self._check_probation_served(on)

    def _check_probation_served(self, on: date) -> None:
        last = self.steps[-1]
        if self.status is _S.PROBATION_EXTENDED and last.probation_until is not None:
            earliest = last.probation_until
            why = f"the probation was extended until {earliest.isoformat()}, so not before then"
        else:
            began = self.probationary_since or last.on
            earliest = add_years(began, 1)
            why = (
                f"became a probationary member on {began.isoformat()}; a full member needs a "
                f"full year of probation, so not before {earliest.isoformat()}"
            )
        if on < earliest:
            self._refuse(_S.FULL, why, on=on, earliest=earliest)

    def _extension_end(self, probation_until: date | None) -> date:
        began = self.probationary_since or self.steps[-1].on
        first_year_ends, latest = add_years(began, 1), add_years(began, 2)
        until = latest if probation_until is None else probation_until
        if not first_year_ends < until <= latest:
            raise InvalidDate(
                f"Became a probationary member on {began.isoformat()}; an extended probation "
                f"ends after {first_year_ends.isoformat()} and by {latest.isoformat()} at the "
                f"latest (one more year at most), not on {until.isoformat()}",
                field="probation_until",
                earliest=first_year_ends.isoformat(),
                latest=latest.isoformat(),
            )
        return until

    def _refuse(
        self,
        target: MembershipStatus,
        why: str,
        *,
        on: date | None = None,
        earliest: date | None = None,
    ) -> NoReturn:
        when = "" if on is None else f" on {on.isoformat()}"
        details = {"from": self.status.value, "to": target.value}
        if earliest is not None:
            details["earliest"] = earliest.isoformat()
        raise InvalidMembershipTransition(
            f"Cannot go from {self.status.label} to {target.label}{when}: {why}", **details
        )

    def _take_step(
        self, step: MembershipStep, previous: MembershipStatus | None
    ) -> MembershipChanged:
        self.steps.append(step)
        self.status = step.status
        event = MembershipChanged(
            membership_id=self.id,
            person_id=self.person_id,
            status=step.status,
            previous_status=previous,
            on=step.on,
            party_organization_id=self.party_organization_id,
        )
        self.record(event)
        return event


def ensure_no_membership(existing: PartyMembership | None) -> None:
    """Refuse a second membership record for a person who already has ``existing``."""
    if existing is not None:
        raise MembershipExists(
            f"This person already has a membership record, at {existing.status.label}; "
            "its history continues there",
            membership_id=str(existing.id),
        )


def _note(note: str | None) -> str | None:
    return optional_text(note, label="Note", max_length=NOTE_MAX_LENGTH)
