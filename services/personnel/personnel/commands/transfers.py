"""What callers ask of organisation transfers (组织关系转接), in imperative names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class IssueTransfer:
    """Issue a transfer letter moving a party member to another party organisation."""

    person_id: UUID
    to_organization_id: UUID
    issued_on: date
    dues_paid_until: str
    """The month party dues (党费) are paid up to, as YYYY-MM."""


@dataclass(frozen=True, kw_only=True)
class ReceiveTransfer:
    """Record that the receiving organisation took the member in."""

    transfer_id: UUID
    received_on: date
    received_by: str | None = None
    """Who recorded the receipt; the caller when left out."""


@dataclass(frozen=True, kw_only=True)
class ExpireTransfers:
    """Lapse the pending letters not received within three months."""

    as_of: date
    """The day to judge by; today or earlier."""
    division_code: str | None = None
    """Only the letters of people under this division (the caller's scope when left out)."""
