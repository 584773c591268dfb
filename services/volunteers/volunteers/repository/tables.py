"""How volunteers' data is stored: one row class per table.

Each aggregate is one row: the columns that queries and constraints use, and its whole state
as a JSON document (``state``, see :mod:`gridkit.documents`). Two rules hold in the database:
one team per grid (a unique index on the grid of ``GRID`` teams) and one registration per person
(a unique ``person_id``). Capacity holds because a sign-up locks its activity's row, and the
version compared on every write refuses a change made on a stale read. ``signups`` repeats each
sign-up narrowly, so a volunteer's other commitments are one indexed query.

The ``*_views`` tables are what volunteers knows of other services (org's grids, personnel's
people), kept by the consumers of their events.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Sequence,
    String,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gridkit.db import CODE, new_metadata

metadata = new_metadata()

VOLUNTEER_NUMBERS = Sequence("volunteer_number_seq", metadata=metadata)
"""The sequence part of volunteer numbers (gaps are harmless; repeats never happen)."""


class Base(DeclarativeBase):
    """Declarative base bound to volunteers' own metadata."""

    metadata = metadata


class TeamRow(Base):
    """A volunteer team (志愿服务队) and its memberships."""

    __tablename__ = "teams"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    grid_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSONB)

    __table_args__ = (
        # Every grid has exactly one team of its own, however often org's event arrives.
        Index(
            "uq_teams_grid_team",
            "grid_id",
            unique=True,
            postgresql_where=text("kind = 'GRID'"),
        ),
    )


class VolunteerRow(Base):
    """A registered volunteer (志愿者): a person of personnel, with number, skills, status."""

    __tablename__ = "volunteers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    number: Mapped[str] = mapped_column(CODE, unique=True)
    status: Mapped[str] = mapped_column(String(16))
    state: Mapped[dict[str, Any]] = mapped_column(JSONB)


class ActivityRow(Base):
    """A volunteer activity (志愿服务活动) with its shifts and their sign-ups."""

    __tablename__ = "activities"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    grid_id: Mapped[uuid.UUID] = mapped_column(index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    organiser_id: Mapped[uuid.UUID] = mapped_column(index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[dict[str, Any]] = mapped_column(JSONB)


class SignupRow(Base):
    """One sign-up, repeated from its activity's document for "what else does this volunteer
    do then" and "my sign-ups"."""

    __tablename__ = "signups"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    activity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    shift_id: Mapped[uuid.UUID] = mapped_column()
    volunteer_id: Mapped[uuid.UUID] = mapped_column()
    person_id: Mapped[uuid.UUID] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_signups_volunteer_time", "volunteer_id", "starts_at"),)


class ServiceRecordRow(Base):
    """A service record (志愿服务记录) with every version it had; one per attended sign-up."""

    __tablename__ = "service_records"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    volunteer_id: Mapped[uuid.UUID] = mapped_column()
    person_id: Mapped[uuid.UUID] = mapped_column(index=True)
    activity_id: Mapped[uuid.UUID] = mapped_column(index=True)
    signup_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    served_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 1))
    """The current version's hours, for the figures."""
    state: Mapped[dict[str, Any]] = mapped_column(JSONB)

    __table_args__ = (Index("ix_service_records_volunteer_day", "volunteer_id", "served_on"),)


class CertificateRow(Base):
    """A service certificate (志愿服务证明) as issued: verifiable by its number."""

    __tablename__ = "certificates"

    number: Mapped[str] = mapped_column(String(20, collation="C"), primary_key=True)
    """``ZYFW-2026-000123``."""
    id: Mapped[uuid.UUID] = mapped_column(unique=True)
    """What a retried issuing request (same idempotency key) is answered with."""
    volunteer_id: Mapped[uuid.UUID] = mapped_column(index=True)
    person_id: Mapped[uuid.UUID] = mapped_column()
    """The holder's person, who may download it."""
    issued_on: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    issued_by: Mapped[uuid.UUID] = mapped_column()
    document: Mapped[dict[str, Any]] = mapped_column(JSONB)
    """The certificate's fields, as printed."""


class CertificateCounterRow(Base):
    """The last certificate sequence handed out in a year (numbers restart each year)."""

    __tablename__ = "certificate_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


# What volunteers knows of other services


class GridViewRow(Base):
    """An org grid (from ``org.grid.*``)."""

    __tablename__ = "grid_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, index=True)
    name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16))
    division_id: Mapped[uuid.UUID] = mapped_column()
    version: Mapped[int] = mapped_column(Integer)


class PersonViewRow(Base):
    """A personnel person (from ``personnel.person.*``): name and masked numbers only."""

    __tablename__ = "person_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    national_id_masked: Mapped[str] = mapped_column(String(32))
    phone_masked: Mapped[str | None] = mapped_column(String(32))
    division_code: Mapped[str | None] = mapped_column(CODE)
    version: Mapped[int] = mapped_column(Integer)
