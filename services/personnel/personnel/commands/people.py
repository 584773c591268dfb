"""What callers ask of people and their party membership (党员发展)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from gridkit.domain import UNCHANGED, Unchanged
from personnel.domain.kinds import Gender, MembershipStatus


@dataclass(frozen=True, kw_only=True)
class RegisterPerson:
    """Register a person by their resident ID card."""

    name: str
    national_id: str
    gender: Gender | None = None
    birth_date: date | None = None
    phone: str | None = None
    address: str | None = None
    division_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class UpdatePerson:
    """Change some of a person's particulars."""

    person_id: UUID
    name: str | Unchanged = UNCHANGED
    phone: str | Unchanged | None = UNCHANGED
    address: str | Unchanged | None = UNCHANGED
    division_code: str | Unchanged | None = UNCHANGED


@dataclass(frozen=True, kw_only=True)
class OpenMembership:
    """Record an application to join, or a person already on the way in or a member."""

    person_id: UUID
    party_organization_id: UUID
    status: MembershipStatus
    since: date
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class ChangeMembershipStatus:
    """Take the next step of the membership lifecycle."""

    person_id: UUID
    status: MembershipStatus
    on: date
    note: str | None = None
    probation_until: date | None = None
