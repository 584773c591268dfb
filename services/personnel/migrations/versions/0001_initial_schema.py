"""people memberships assignments grid views audit and messaging tables

Revision ID: 0001
Revises:
Create Date: 2026-11-27 11:26:55.792407
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from gridkit.migration_ops import (
    create_audit_table,
    create_messaging_tables,
    drop_audit_table,
    drop_messaging_tables,
)

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grid_views",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=15, collation="C"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("division_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_views")),
    )
    op.create_index(op.f("ix_grid_views_code"), "grid_views", ["code"], unique=False)
    op.create_index(op.f("ix_grid_views_division_id"), "grid_views", ["division_id"], unique=False)
    op.create_table(
        "persons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("gender", sa.String(length=8), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("national_id_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("national_id_index", sa.LargeBinary(), nullable=False),
        sa.Column("national_id_masked", sa.String(length=18), nullable=False),
        sa.Column("phone_encrypted", sa.LargeBinary(), nullable=True),
        sa.Column("phone_index", sa.LargeBinary(), nullable=True),
        sa.Column("phone_masked", sa.String(length=11), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("division_code", sa.String(length=15, collation="C"), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("national_id_index", name=op.f("uq_persons_national_id_index")),
    )
    op.create_index(op.f("ix_persons_division_code"), "persons", ["division_code"], unique=False)
    op.create_index(op.f("ix_persons_name"), "persons", ["name"], unique=False)
    op.create_index(op.f("ix_persons_phone_index"), "persons", ["phone_index"], unique=False)
    op.create_table(
        "assignments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("grid_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_assignments_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint(
            "grid_id",
            "role",
            "person_id",
            "starts_on",
            name=op.f("uq_assignments_grid_id_role_person_id_starts_on"),
        ),
    )
    op.create_index(op.f("ix_assignments_grid_id"), "assignments", ["grid_id"], unique=False)
    op.create_index(op.f("ix_assignments_person_id"), "assignments", ["person_id"], unique=False)
    op.create_table(
        "memberships",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("party_organization_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_memberships_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("person_id", name=op.f("uq_memberships_person_id")),
    )
    op.create_index(
        op.f("ix_memberships_party_organization_id"),
        "memberships",
        ["party_organization_id"],
        unique=False,
    )
    op.create_index(op.f("ix_memberships_status"), "memberships", ["status"], unique=False)
    op.create_table(
        "membership_steps",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("probation_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_membership_steps_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("membership_id", "position", name=op.f("pk_membership_steps")),
    )
    create_messaging_tables()
    create_audit_table()


def downgrade() -> None:
    drop_audit_table()
    drop_messaging_tables()
    op.drop_table("membership_steps")
    op.drop_index(op.f("ix_memberships_status"), table_name="memberships")
    op.drop_index(op.f("ix_memberships_party_organization_id"), table_name="memberships")
    op.drop_table("memberships")
    op.drop_index(op.f("ix_assignments_person_id"), table_name="assignments")
    op.drop_index(op.f("ix_assignments_grid_id"), table_name="assignments")
    op.drop_table("assignments")
    op.drop_index(op.f("ix_persons_phone_index"), table_name="persons")
    op.drop_index(op.f("ix_persons_name"), table_name="persons")
    op.drop_index(op.f("ix_persons_division_code"), table_name="persons")
    op.drop_table("persons")
    op.drop_index(op.f("ix_grid_views_division_id"), table_name="grid_views")
    op.drop_index(op.f("ix_grid_views_code"), table_name="grid_views")
    op.drop_table("grid_views")
