"""How org's aggregates are stored: one row class per table, and the one view org keeps of
another service's data (the volunteers service's teams).

Rows are not domain objects: repositories translate between the two, so the
domain stays plain Python. Codes use the "C" collation so a b-tree index
serves prefix (subtree) searches.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gridkit.db import CODE, Timestamps, new_metadata

metadata = new_metadata()


class Base(DeclarativeBase):
    """Declarative base bound to org's own metadata."""

    metadata = metadata


class DivisionRow(Timestamps, Base):
    """A district, subdistrict/town or community/village."""

    __tablename__ = "divisions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)


class GridRow(Timestamps, Base):
    """A grid; its boundary's bounding box pre-filters point lookups."""

    __tablename__ = "grids"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    dedicated_to: Mapped[str | None] = mapped_column(String(32))
    division_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("divisions.id"), index=True)
    boundary: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    min_lon: Mapped[float | None] = mapped_column(Float)
    min_lat: Mapped[float | None] = mapped_column(Float)
    max_lon: Mapped[float | None] = mapped_column(Float)
    max_lat: Mapped[float | None] = mapped_column(Float)
    households: Mapped[int] = mapped_column(Integer)
    residents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    retired_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("households >= 0 AND residents >= 0", name="counts_not_negative"),
        Index("ix_grids_bbox", "min_lon", "max_lon", "min_lat", "max_lat"),
    )


class GridStandardRow(Base):
    """One item of a grid's standards checklist as last confirmed."""

    __tablename__ = "grid_standards"

    grid_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("grids.id", ondelete="CASCADE"), primary_key=True
    )
    item: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str | None] = mapped_column(Text)
    confirmed_by: Mapped[str | None] = mapped_column(String(200))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MicroPositionRow(Base):
    """A party-mass activity micro-position (党群活动微阵地) of a grid."""

    __tablename__ = "micro_positions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    grid_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("grids.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200))
    opening_hours: Mapped[str] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("grid_id", "name"),)


class ProxyServiceItemRow(Base):
    """An item of a grid's proxy-service catalogue (代办服务事项)."""

    __tablename__ = "proxy_service_items"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    grid_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("grids.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    responsible_department: Mapped[str] = mapped_column(String(100))
    time_limit_working_days: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("grid_id", "name"),)


class PartyOrganizationRow(Timestamps, Base):
    """A party committee, general branch, branch or group."""

    __tablename__ = "party_organizations"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("party_organizations.id"), index=True
    )
    # Unique: a grid has at most one party organisation (NULLs do not collide).
    grid_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("grids.id"), unique=True)
    division_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("divisions.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)


class UnitRow(Timestamps, Base):
    """An enterprise, public unit or 两新 organisation in a dedicated grid."""

    __tablename__ = "units"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    grid_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("grids.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)


class DepartmentRow(Timestamps, Base):
    """A district bureau, subdistrict office, section or outside party that takes cases.

    ``division_code`` copies the code of the division served (re-coded with it on a
    move), so "departments serving this part of the district" is a prefix search.
    """

    __tablename__ = "departments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(24))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("departments.id"), index=True)
    division_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("divisions.id"), index=True)
    division_code: Mapped[str] = mapped_column(CODE, index=True)
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"), index=True)
    # An office's public number, not personal data: plain text (see Department).
    phone: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        # Names are unique among the active departments of a division; a dissolved one
        # frees its name. Held here too, so two requests at the same moment cannot both win.
        Index(
            "uq_departments_active_name",
            "division_id",
            "name",
            unique=True,
            postgresql_where=text("status = 'ACTIVE'"),
        ),
        # "Departments taking category X" is an array containment (@>) search.
        Index("ix_departments_categories", "categories", postgresql_using="gin"),
    )


class VolunteerTeamViewRow(Base):
    """A volunteer team of the volunteers service (from ``volunteers.team.*``), as last reported.

    No foreign key to ``grids``: the row is another service's word, kept as it came. The
    ``grid_id`` index serves the overview's "has an active grid team" test, one probe per grid.
    """

    __tablename__ = "volunteer_team_views"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    grid_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
