"""Organisation transfers (组织关系转接): moving a member to another party organisation.

The sending organisation issues a letter (组织关系介绍信); the member keeps
belonging to it until the receiving organisation records the receipt. A letter
not received within three months expires, and the member stays where they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import Aggregate
from personnel.domain.dates import YearMonth, add_months
from personnel.domain.errors import (
    InvalidDate,
    TransferAlreadyPending,
    TransferDuesUnpaid,
    TransferExpiredError,
    TransferMismatch,
    TransferNotAMember,
    TransferNotPending,
    TransferSameOrganization,
)
from personnel.domain.events import (
    MemberTransferred,
    TransferEvent,
    TransferExpired,
    TransferIssued,
    TransferReceived,
)
from personnel.domain.kinds import TransferStatus
from personnel.domain.membership import PartyMembership
from personnel.domain.text import clean_name

__all__ = [
    "TransferLetter",
    "TransferStatus",
    "ensure_no_pending_transfer",
    "receive_transfer",
]

VALIDITY_MONTHS = 3

_E = TypeVar("_E", bound=TransferEvent)


@dataclass(kw_only=True)
class TransferLetter(Aggregate):
    """A transfer letter for one member, from one party organisation to another."""

    aggregate_type: ClassVar[str] = "transfer"

    person_id: UUID
    membership_id: UUID
    from_organization_id: UUID
    to_organization_id: UUID
    issued_on: date
    dues_paid_until: YearMonth
    """The month party dues (党费) are paid up to when the letter was issued."""
    status: TransferStatus = TransferStatus.PENDING
    received_on: date | None = None
    received_by: str | None = None

    @classmethod
    def issue(
        cls,
        *,
        id: UUID,
        membership: PartyMembership,
        to_organization_id: UUID,
        issued_on: date,
        dues_paid_until: YearMonth | str,
    ) -> TransferLetter:
        """Issue a letter moving a member from their party organisation to another.

        Dues must be paid up to at least the month before ``issued_on``. A
        person has one pending letter at a time (check with
        :func:`ensure_no_pending_transfer` first).
        """
        if not membership.is_member:
            raise TransferNotAMember(
                f"Only party members are transferred; this membership is at "
                f"{membership.status.label}",
                status=membership.status.value,
            )
        if to_organization_id == membership.party_organization_id:
            raise TransferSameOrganization(
                "A transfer goes to another party organisation; the member already belongs "
                "to this one",
                party_organization_id=str(to_organization_id),
            )
        paid = (
            dues_paid_until
            if isinstance(dues_paid_until, YearMonth)
            else YearMonth.parse(dues_paid_until)
        )
        needed = YearMonth.of(issued_on).previous()
        if paid < needed:
            raise TransferDuesUnpaid(
                f"Party dues (党费) are paid up to {paid}; a letter issued on "
                f"{issued_on.isoformat()} needs them paid up to {needed} at least",
                paid_until=str(paid),
                needed=str(needed),
            )
        letter = cls(
            id=id,
            person_id=membership.person_id,
            membership_id=membership.id,
            from_organization_id=membership.party_organization_id,
            to_organization_id=to_organization_id,
            issued_on=issued_on,
            dues_paid_until=paid,
        )
        letter.record(
            letter._event(
                TransferIssued,
                issued_on=issued_on,
                dues_paid_until=str(paid),
                expires_on=letter.expires_on,
            )
        )
        return letter

    @property
    def expires_on(self) -> date:
        """The day the letter lapses: three months after issue (received up to the day before)."""
        return add_months(self.issued_on, VALIDITY_MONTHS)

    @property
    def is_pending(self) -> bool:
        """Whether the letter still waits for its receipt."""
        return self.status is TransferStatus.PENDING

    def receive(self, *, on: date, received_by: str, today: date) -> TransferReceived:
        """Record the receipt; use :func:`receive_transfer` to move the membership with it.

        The receipt date lies between the issue date and the day before expiry, and not
        after ``today`` (the local date): a receipt is recorded once it has happened.
        """
        self._ensure_pending()
        if on > today:
            raise InvalidDate(
                f"A receipt is recorded once it happened; {on.isoformat()} is after today "
                f"({today.isoformat()})",
                latest=today.isoformat(),
            )
        if on < self.issued_on:
            raise InvalidDate(
                f"The letter was issued on {self.issued_on.isoformat()}; it cannot be received "
                f"on {on.isoformat()}, before that",
                earliest=self.issued_on.isoformat(),
            )
        if on >= self.expires_on:
            raise TransferExpiredError(
                f"The letter issued on {self.issued_on.isoformat()} lapsed on "
                f"{self.expires_on.isoformat()}; a new one is needed",
                expired_on=self.expires_on.isoformat(),
            )
        clerk = clean_name(received_by, label="Received by")
        self.status = TransferStatus.RECEIVED
        self.received_on, self.received_by = on, clerk
        event = self._event(TransferReceived, received_on=on, received_by=clerk)
        self.record(event)
        return event

    def expire_if_due(self, today: date) -> TransferExpired | None:
        """Mark a pending letter expired once three months have passed without receipt."""
        if not self.is_pending or today < self.expires_on:
            return None
        self.status = TransferStatus.EXPIRED
        event = self._event(TransferExpired, expired_on=self.expires_on)
        self.record(event)
        return event

    def _ensure_pending(self) -> None:
        if not self.is_pending:
            state = "was received already" if self.status is TransferStatus.RECEIVED else "lapsed"
            raise TransferNotPending(
                f"The letter issued on {self.issued_on.isoformat()} {state}; "
                "only a pending letter can be received",
                status=self.status.value,
            )

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            transfer_id=self.id,
            person_id=self.person_id,
            from_organization_id=self.from_organization_id,
            to_organization_id=self.to_organization_id,
            **extra,
        )


def ensure_no_pending_transfer(pending: TransferLetter | None) -> None:
    """Refuse a new letter while ``pending`` (the person's open letter, if any) waits.

    Expire an overdue letter (:meth:`TransferLetter.expire_if_due`) before asking.
    """
    if pending is not None and pending.is_pending:
        raise TransferAlreadyPending(
            f"A transfer letter issued on {pending.issued_on.isoformat()} is still pending "
            f"(it lapses on {pending.expires_on.isoformat()}); it must be received or lapse "
            "before another is issued",
            transfer_id=str(pending.id),
        )


def receive_transfer(
    letter: TransferLetter,
    membership: PartyMembership,
    *,
    on: date,
    received_by: str,
    today: date,
) -> tuple[TransferReceived, MemberTransferred]:
    """Receive ``letter`` and move ``membership`` to the receiving organisation.

    Both change or neither does: everything is checked before anything changes. A letter
    already received or expired is refused first, as such.
    """
    letter._ensure_pending()
    if membership.id != letter.membership_id or membership.person_id != letter.person_id:
        raise TransferMismatch(
            "The letter transfers another person's membership",
            transfer_id=str(letter.id),
            membership_id=str(membership.id),
        )
    if membership.party_organization_id != letter.from_organization_id:
        raise TransferMismatch(
            "The member no longer belongs to the organisation that issued the letter",
            transfer_id=str(letter.id),
            party_organization_id=str(membership.party_organization_id),
        )
    if not membership.is_member:
        raise TransferNotAMember(
            f"The membership is now at {membership.status.label}; only a party member is "
            "transferred",
            status=membership.status.value,
        )
    received = letter.receive(on=on, received_by=received_by, today=today)
    moved = membership.transfer_to(letter.to_organization_id, on=on, transfer_id=letter.id)
    return received, moved
