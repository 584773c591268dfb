"""Events published by the personnel service (stream ``PERSONNEL``, subjects ``personnel.>``).

No event carries a plain national ID or phone number: only their masked forms.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from gridkit.contracts.base import IntegrationEvent


class PersonState(BaseModel):
    """A person as they stand after the change, personal numbers masked."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    person_id: UUID
    name: str
    gender: str
    birth_date: date
    division_code: str | None = None
    national_id_masked: str
    phone_masked: str | None = None


class PersonRegistered(PersonState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.person.registered"


class PersonUpdated(PersonState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.person.updated"
    changed_fields: list[str]


class MembershipChanged(IntegrationEvent):
    """A party membership took a step (application ... full member, left, expelled)."""

    event_type: ClassVar[str] = "personnel.membership.changed"
    membership_id: UUID
    person_id: UUID
    status: str
    previous_status: str | None = None
    on: date
    party_organization_id: UUID


class MemberTransferred(IntegrationEvent):
    """A member's organisation relationship moved to another party organisation."""

    event_type: ClassVar[str] = "personnel.membership.transferred"
    membership_id: UUID
    person_id: UUID
    party_organization_id: UUID
    previous_party_organization_id: UUID
    on: date
    transfer_id: UUID


class TransferState(BaseModel):
    """A transfer letter (组织关系转接)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    transfer_id: UUID
    person_id: UUID
    from_organization_id: UUID
    to_organization_id: UUID


class TransferIssued(TransferState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.transfer.issued"
    issued_on: date
    dues_paid_until: str
    expires_on: date


class TransferReceived(TransferState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.transfer.received"
    received_on: date
    received_by: str


class TransferExpired(TransferState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.transfer.expired"
    expired_on: date


class AssignmentState(BaseModel):
    """A person's role on a grid team."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    assignment_id: UUID
    person_id: UUID
    grid_id: UUID
    role: str
    starts_on: date
    ends_on: date | None = None


class AssignmentStarted(AssignmentState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.assignment.started"


class AssignmentEnded(AssignmentState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.assignment.ended"
    end_reason: str


class CadreRecordAdded(IntegrationEvent):
    """A cadre's daily record (干部纪实) was written."""

    event_type: ClassVar[str] = "personnel.cadre_record.added"
    record_id: UUID
    person_id: UUID
    on: date
    category: str
    content: str
    linked_case_id: UUID | None = None
    linked_task: str | None = None
    recorded_by: str


class CadreAssessed(IntegrationEvent):
    """A cadre was assessed for a period."""

    event_type: ClassVar[str] = "personnel.assessment.recorded"
    assessment_id: UUID
    person_id: UUID
    period: str
    score: float
    grade: str
    assessor: str


class AssaultTeamState(BaseModel):
    """An assault team (党建突击队)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    team_id: UUID
    name: str
    mission: str
    key_task: str
    starts_on: date
    ends_on: date | None = None
    leader_id: UUID
    member_ids: list[UUID]
    status: str
    division_code: str | None = None


class AssaultTeamFormed(AssaultTeamState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.assault_team.formed"


class AssaultTeamUpdated(AssaultTeamState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.assault_team.updated"
    changed_fields: list[str]


class AssaultTeamDisbanded(AssaultTeamState, IntegrationEvent):
    event_type: ClassVar[str] = "personnel.assault_team.disbanded"
    disbanded_on: date
    reason: str


EVENTS: tuple[type[IntegrationEvent], ...] = (
    PersonRegistered,
    PersonUpdated,
    MembershipChanged,
    MemberTransferred,
    TransferIssued,
    TransferReceived,
    TransferExpired,
    AssignmentStarted,
    AssignmentEnded,
    CadreRecordAdded,
    CadreAssessed,
    AssaultTeamFormed,
    AssaultTeamUpdated,
    AssaultTeamDisbanded,
)
