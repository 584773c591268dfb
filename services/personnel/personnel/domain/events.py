"""Domain events of the personnel service (past tense, immutable).

Each event carries what its integration event needs, field for field. Enum
values are ``StrEnum`` members, which serialise as their plain strings.
Events about people never carry a plain national ID or phone number: only
their masked forms (``3701**********123X``, ``138****5678``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from personnel.domain.kinds import (
    AssaultTeamStatus,
    AssessmentGrade,
    CadreCategory,
    Gender,
    GridRole,
    MembershipStatus,
)

# People


@dataclass(frozen=True, kw_only=True)
class PersonEvent:
    """A person as they stand after the change, personal numbers masked."""

    person_id: UUID
    name: str
    gender: Gender
    birth_date: date
    division_code: str | None
    national_id_masked: str
    phone_masked: str | None


@dataclass(frozen=True, kw_only=True)
class PersonRegistered(PersonEvent):
    """A person was registered."""


@dataclass(frozen=True, kw_only=True)
class PersonUpdated(PersonEvent):
    """Some of a person's fields changed (named in ``changed_fields``, in a stable order)."""

    changed_fields: tuple[str, ...]


# Party membership (党员发展)


@dataclass(frozen=True, kw_only=True)
class MembershipChanged:
    """A membership took a step: application, activist, ..., full member, left.

    ``previous_status`` is ``None`` for the first step.
    """

    membership_id: UUID
    person_id: UUID
    status: MembershipStatus
    previous_status: MembershipStatus | None
    on: date
    party_organization_id: UUID


@dataclass(frozen=True, kw_only=True)
class MemberTransferred:
    """A member's organisation relationship moved to another party organisation."""

    membership_id: UUID
    person_id: UUID
    party_organization_id: UUID
    previous_party_organization_id: UUID
    on: date
    transfer_id: UUID


# Organisation transfers (组织关系转接)


@dataclass(frozen=True, kw_only=True)
class TransferEvent:
    """A transfer letter: whose, from which party organisation to which."""

    transfer_id: UUID
    person_id: UUID
    from_organization_id: UUID
    to_organization_id: UUID


@dataclass(frozen=True, kw_only=True)
class TransferIssued(TransferEvent):
    """A transfer letter was issued; it must be received before ``expires_on``."""

    issued_on: date
    dues_paid_until: str
    """The month dues are paid up to, as YYYY-MM."""
    expires_on: date


@dataclass(frozen=True, kw_only=True)
class TransferReceived(TransferEvent):
    """The new party organisation received the letter; the member now belongs there."""

    received_on: date
    received_by: str


@dataclass(frozen=True, kw_only=True)
class TransferExpired(TransferEvent):
    """Three months passed without receipt; the member stays with the sender."""

    expired_on: date


# Grid teams


@dataclass(frozen=True, kw_only=True)
class AssignmentEvent:
    """A person's role on a grid's team, as it stands after the change."""

    assignment_id: UUID
    person_id: UUID
    grid_id: UUID
    role: GridRole
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True, kw_only=True)
class AssignmentStarted(AssignmentEvent):
    """A person took a role on a grid's team."""


@dataclass(frozen=True, kw_only=True)
class AssignmentEnded(AssignmentEvent):
    """A person's role on a grid's team ended."""

    end_reason: str


# Cadre records (干部纪实) and assessments (考核)


@dataclass(frozen=True, kw_only=True)
class CadreRecordAdded:
    """A cadre's daily record was written."""

    record_id: UUID
    person_id: UUID
    on: date
    category: CadreCategory
    content: str
    linked_case_id: UUID | None
    linked_task: str | None
    recorded_by: str


@dataclass(frozen=True, kw_only=True)
class CadreAssessed:
    """A cadre was assessed for a period."""

    assessment_id: UUID
    person_id: UUID
    period: str
    score: float
    grade: AssessmentGrade
    assessor: str


# Assault teams (党建突击队)


@dataclass(frozen=True, kw_only=True)
class AssaultTeamEvent:
    """An assault team as it stands after the change."""

    team_id: UUID
    name: str
    mission: str
    key_task: str
    starts_on: date
    ends_on: date | None
    leader_id: UUID
    member_ids: tuple[UUID, ...]
    status: AssaultTeamStatus
    division_code: str | None


@dataclass(frozen=True, kw_only=True)
class AssaultTeamFormed(AssaultTeamEvent):
    """An assault team was formed around a key task."""


@dataclass(frozen=True, kw_only=True)
class AssaultTeamUpdated(AssaultTeamEvent):
    """Some of a team's fields changed: details, members, or status (forming to active)."""

    changed_fields: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class AssaultTeamDisbanded(AssaultTeamEvent):
    """An assault team was stood down."""

    disbanded_on: date
    reason: str
