"""How personnel's data is stored: one row class per table.

National ID numbers and phone numbers are stored encrypted, next to a keyed
hash for exact lookups and uniqueness, and a masked copy for display: the
plain values never reach the database.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gridkit.db import CODE, Timestamps, new_metadata

metadata = new_metadata()

CASE_ENTRY_ONCE = "uq_cadre_records_case_entry_once"
"""The index that keeps the case system to one cadre record per person and case."""

ONE_HOLDER_PER_ROLE = "ex_assignments_one_holder_per_role"
"""The constraint that keeps a grid to one holder of each single-holder role at a time."""


class Base(DeclarativeBase):
    """Declarative base bound to personnel's own metadata."""

    metadata = metadata


class GridViewRow(Base):
    """What personnel knows of an org grid (from ``org.grid.*`` events)."""

    __tablename__ = "grid_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, index=True)
    name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16))
    division_id: Mapped[uuid.UUID] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(Integer)
    """The org grid version this view reflects."""


class PartyOrganizationViewRow(Base):
    """What personnel knows of an org party organisation (from ``org.party_organization.*``)."""

    __tablename__ = "party_organization_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(24))
    division_id: Mapped[uuid.UUID] = mapped_column(index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column()
    grid_id: Mapped[uuid.UUID | None] = mapped_column()
    version: Mapped[int] = mapped_column(Integer)
    """The org party organisation version this view reflects."""


class PersonRow(Timestamps, Base):
    """A person; national ID and phone encrypted."""

    __tablename__ = "persons"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    gender: Mapped[str] = mapped_column(String(8))
    birth_date: Mapped[date] = mapped_column(Date)
    national_id_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    national_id_index: Mapped[bytes] = mapped_column(LargeBinary, unique=True)
    national_id_masked: Mapped[str] = mapped_column(String(18))
    phone_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_index: Mapped[bytes | None] = mapped_column(LargeBinary, index=True)
    phone_masked: Mapped[str | None] = mapped_column(String(11))
    address: Mapped[str | None] = mapped_column(Text)
    division_code: Mapped[str | None] = mapped_column(CODE, index=True)
    version: Mapped[int] = mapped_column(Integer)


class MembershipRow(Timestamps, Base):
    """A person's party membership and where it stands."""

    __tablename__ = "memberships"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), unique=True)
    status: Mapped[str] = mapped_column(String(24), index=True)
    party_organization_id: Mapped[uuid.UUID] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(Integer)


class MembershipStepRow(Base):
    """One step of a membership's history."""

    __tablename__ = "membership_steps"

    membership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("memberships.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(24))
    on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    probation_until: Mapped[date | None] = mapped_column(Date)


class AssignmentRow(Timestamps, Base):
    """A person's role on a grid team, from one date to another."""

    __tablename__ = "assignments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    grid_id: Mapped[uuid.UUID] = mapped_column(index=True)
    role: Mapped[str] = mapped_column(String(24))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("grid_id", "role", "person_id", "starts_on"),
        # One leader, instructor and full-time worker per grid on any day, held by the
        # database so two concurrent assignments cannot both win (needs btree_gist).
        ExcludeConstraint(
            ("grid_id", "="),
            ("role", "="),
            (text("daterange(starts_on, ends_on, '[)')"), "&&"),
            name=ONE_HOLDER_PER_ROLE,
            using="gist",
            where=text("role IN ('GRID_LEADER', 'GRID_INSTRUCTOR', 'FULL_TIME_WORKER')"),
        ),
    )


class TransferRow(Timestamps, Base):
    """An organisation transfer letter (组织关系介绍信) and where it stands."""

    __tablename__ = "transfers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    membership_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("memberships.id"))
    from_organization_id: Mapped[uuid.UUID] = mapped_column(index=True)
    to_organization_id: Mapped[uuid.UUID] = mapped_column(index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    """Kept next to the issue date so overdue letters are found by index."""
    dues_paid_until: Mapped[str] = mapped_column(String(7))
    status: Mapped[str] = mapped_column(String(16))
    received_on: Mapped[date | None] = mapped_column(Date)
    received_by: Mapped[str | None] = mapped_column(String(50))
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        # One pending letter per person, even when two issue at the same moment.
        Index(
            "uq_transfers_pending_person_id",
            "person_id",
            unique=True,
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index(
            "ix_transfers_pending_expires_on",
            "expires_on",
            postgresql_where=text("status = 'PENDING'"),
        ),
    )


class CadreRecordRow(Timestamps, Base):
    """One entry of a cadre's daily record (干部纪实)."""

    __tablename__ = "cadre_records"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    on: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    linked_case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    linked_task: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_cadre_records_person_id_on", "person_id", "on", "id"),
        # The case system writes a person one entry per case, however often the case closes.
        Index(
            CASE_ENTRY_ONCE,
            "person_id",
            "linked_case_id",
            unique=True,
            postgresql_where=text("recorded_by = '案件办理系统'"),
        ),
    )


class AssessmentRow(Timestamps, Base):
    """A cadre's assessment (考核) for a year or a quarter."""

    __tablename__ = "assessments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"))
    period: Mapped[str] = mapped_column(String(7))
    starts_on: Mapped[date] = mapped_column(Date)
    """First day of the period, kept so summaries select periods by date."""
    ends_on: Mapped[date] = mapped_column(Date)
    score: Mapped[float] = mapped_column(Float)
    grade: Mapped[str] = mapped_column(String(24))
    assessor: Mapped[str] = mapped_column(String(50))
    comments: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("person_id", "period"),)


class AssaultTeamRow(Timestamps, Base):
    """A party-building assault team (党建突击队)."""

    __tablename__ = "assault_teams"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    mission: Mapped[str] = mapped_column(Text)
    key_task: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    leader_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    division_code: Mapped[str | None] = mapped_column(CODE, index=True)
    disbanded_on: Mapped[date | None] = mapped_column(Date)
    disband_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)


class AssaultTeamMemberRow(Base):
    """A member of an assault team, in the order they joined."""

    __tablename__ = "assault_team_members"

    team_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assault_teams.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)

    __table_args__ = (UniqueConstraint("team_id", "person_id"),)
