"""How cases' data is stored: one row class per table.

A case is one row with its value objects (assignments, extensions, meetings ...) as JSON, its
timeline in an append-only table, and its assignees again in a narrow table that the "cases
dispatched to this department / person" queries use. An anonymous reporter's phone is stored
encrypted beside a masked copy; the plain number never reaches the database.

The ``*_views`` tables are what cases knows of other services (org's grids and departments,
personnel's grid assignments), kept by the consumers of their events.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    literal_column,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gridkit.db import CODE, Timestamps, new_metadata

metadata = new_metadata()

DIVISION_CODE = String(12, collation="C")
"""A division code of 6, 9 or 12 digits, compared byte-wise so prefixes use the index."""


FIGURE_COLUMNS = [
    "status",
    "closed_at",
    "closed_on",
    "due_on",
    "rework_count",
    "extension_count",
    "visit_count",
    "satisfied_visit_count",
]
"""What the performance figures read of each case, beside its place and report time."""


class Base(DeclarativeBase):
    """Declarative base bound to cases' own metadata."""

    metadata = metadata


# What cases knows of other services


class GridViewRow(Base):
    """An org grid (from ``org.grid.*``), with its boundary to find the grid of a location."""

    __tablename__ = "grid_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, index=True)
    name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16))
    division_id: Mapped[uuid.UUID] = mapped_column(index=True)
    boundary: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    """GeoJSON Polygon or MultiPolygon (WGS-84), when org has one."""
    min_longitude: Mapped[float | None] = mapped_column(Float)
    max_longitude: Mapped[float | None] = mapped_column(Float)
    min_latitude: Mapped[float | None] = mapped_column(Float)
    max_latitude: Mapped[float | None] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index(
            "ix_grid_views_bounding_box",
            "min_longitude",
            "max_longitude",
            "min_latitude",
            "max_latitude",
        ),
    )


class DepartmentViewRow(Base):
    """An org department (from ``org.department.*``) cases may be dispatched to."""

    __tablename__ = "department_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(24))
    parent_id: Mapped[uuid.UUID | None] = mapped_column()
    division_id: Mapped[uuid.UUID] = mapped_column()
    division_code: Mapped[str] = mapped_column(DIVISION_CODE, index=True)
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)


class GridWorkerViewRow(Base):
    """A personnel grid assignment (from ``personnel.assignment.*``): who works which grid."""

    __tablename__ = "grid_worker_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    """The assignment's id."""
    grid_id: Mapped[uuid.UUID] = mapped_column(index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(index=True)
    role: Mapped[str] = mapped_column(String(24))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer)


# The catalogue and the calendar


class CategoryRow(Base, Timestamps):
    """A case category (like an Open311 service definition) with its typed attributes."""

    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(40, collation="C"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    time_limits: Mapped[dict[str, int]] = mapped_column(JSONB)
    """Working days to resolve, by priority."""
    acceptance_conditions: Mapped[str | None] = mapped_column(Text)
    closing_conditions: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)


class CalendarOverrideRow(Base, Timestamps):
    """A day whose working status differs from the State Council calendar the library knows."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200))


class CaseNumberRow(Base):
    """The last case number handed out in a year (``2026-000123``)."""

    __tablename__ = "case_numbers"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


# Cases


class CaseRow(Base, Timestamps):
    """A case: its state and value objects; the timeline lives in ``case_timeline``."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16, collation="C"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    category_code: Mapped[str] = mapped_column(String(40, collation="C"))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB)
    priority: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(12))
    address: Mapped[str] = mapped_column(String(200))
    longitude: Mapped[float | None] = mapped_column(Float)
    latitude: Mapped[float | None] = mapped_column(Float)
    grid_id: Mapped[uuid.UUID] = mapped_column()
    division_code: Mapped[str] = mapped_column(DIVISION_CODE)
    reporter_person_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    reporter_name: Mapped[str | None] = mapped_column(String(100))
    reporter_phone_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    reporter_phone_masked: Mapped[str | None] = mapped_column(String(20))
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dispatched_on: Mapped[date | None] = mapped_column(Date)
    """The local date of dispatch: the deadline counts working days after it."""
    time_limit_days: Mapped[int | None] = mapped_column(Integer)
    due_on: Mapped[date | None] = mapped_column(Date)
    warned_on: Mapped[date | None] = mapped_column(Date)
    """When the yellow warning was given (the working day before the deadline)."""
    overdue_on: Mapped[date | None] = mapped_column(Date)
    """When the red flag was raised (the first day after the deadline)."""
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_on: Mapped[date | None] = mapped_column(Date)
    """The local date of closing: on time when it is not after ``due_on``."""
    rework_count: Mapped[int] = mapped_column(Integer)
    reopen_count: Mapped[int] = mapped_column(Integer)
    extension_count: Mapped[int] = mapped_column(Integer)
    """Approved extensions (延期)."""
    visit_count: Mapped[int] = mapped_column(Integer)
    """Return visits (回访) answered, dissatisfied ones included."""
    satisfied_visit_count: Mapped[int] = mapped_column(Integer)
    """Return visits answered satisfied or basically satisfied."""
    satisfaction: Mapped[str | None] = mapped_column(String(24))
    duplicate_of: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"))
    state: Mapped[dict[str, Any]] = mapped_column(JSONB)
    """The case's value objects: assignments, handler, resolver, extensions, suspension,
    supervision orders and joint meetings (as the repository writes them)."""

    __table_args__ = (
        # The figures read cases by place and period, scope filters by division prefix: the
        # figures' columns ride in the index, so a district's year is an index-only scan.
        Index(
            "ix_cases_division_reported",
            "division_code",
            "reported_at",
            postgresql_include=FIGURE_COLUMNS,
        ),
        Index(
            "ix_cases_grid_reported", "grid_id", "reported_at", postgresql_include=FIGURE_COLUMNS
        ),
        # The deadline timer reads the open, clocked cases only.
        Index(
            "ix_cases_open_due",
            "due_on",
            postgresql_where=text("status IN ('DISPATCHED', 'IN_PROGRESS')"),
        ),
        # Duplicate suggestions: open cases of a category, recent first.
        Index(
            "ix_cases_open_category",
            "category_code",
            "reported_at",
            postgresql_where=text("status NOT IN ('REJECTED', 'CLOSED', 'MERGED')"),
        ),
    )


class TimelineRow(Base):
    """One step of a case's timeline: who, in which role, when, what, with what evidence."""

    __tablename__ = "case_timeline"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[dict[str, Any]] = mapped_column(JSONB)
    note: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    details: Mapped[dict[str, str]] = mapped_column(JSONB)

    __table_args__ = (
        # Who may read a file asks which cases name it: ``NAMED_ATTACHMENTS ? '<id>'``.
        Index(
            "ix_case_timeline_attachment_ids",
            text("(evidence -> 'attachment_ids')"),
            postgresql_using="gin",
        ),
    )


NAMED_ATTACHMENTS = TimelineRow.evidence.op("->", return_type=JSONB)(
    literal_column("'attachment_ids'")
)
"""The ids of the files a timeline entry's evidence names (a JSON array of text), written as
``ix_case_timeline_attachment_ids`` indexes it: ``->`` with the key inline, not a subscript
(SQLAlchemy's default for JSONB) nor a bound parameter, which the index would not match."""


class AssigneeRow(Base):
    """A current assignee of a case: a grid worker, a community or a department."""

    __tablename__ = "case_assignees"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    ref: Mapped[str] = mapped_column(String(40, collation="C"), primary_key=True)

    __table_args__ = (Index("ix_case_assignees_ref", "kind", "ref"),)


class WatchRow(Base, Timestamps):
    """A follow-up watch (持续关注) on a closed case, with its checks as JSON."""

    __tablename__ = "watches"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    started_on: Mapped[date] = mapped_column(Date)
    interval_days: Mapped[int] = mapped_column(Integer)
    checks_planned: Mapped[int] = mapped_column(Integer)
    next_check_on: Mapped[date | None] = mapped_column(Date)
    ordered_by: Mapped[dict[str, Any]] = mapped_column(JSONB)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)


class AttachmentRow(Base):
    """An uploaded file's metadata; its bytes live in the object store under its SHA-256."""

    __tablename__ = "attachments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64, collation="C"), index=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(200))
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
