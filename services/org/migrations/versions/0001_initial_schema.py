"""divisions grids party organisations units standards and messaging tables

Revision ID: 0001
Revises:
Create Date: 2026-11-27 10:00:25.327369
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from gridkit.migration_ops import create_messaging_tables, drop_messaging_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "divisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=15, collation="C"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
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
            ["parent_id"], ["divisions.id"], name=op.f("fk_divisions_parent_id_divisions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_divisions")),
        sa.UniqueConstraint("code", name=op.f("uq_divisions_code")),
    )
    op.create_index(op.f("ix_divisions_level"), "divisions", ["level"], unique=False)
    op.create_index(op.f("ix_divisions_parent_id"), "divisions", ["parent_id"], unique=False)
    op.create_table(
        "grids",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=15, collation="C"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("dedicated_to", sa.String(length=32), nullable=True),
        sa.Column("division_id", sa.Uuid(), nullable=False),
        sa.Column("boundary", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("min_lon", sa.Float(), nullable=True),
        sa.Column("min_lat", sa.Float(), nullable=True),
        sa.Column("max_lon", sa.Float(), nullable=True),
        sa.Column("max_lat", sa.Float(), nullable=True),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("residents", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("retired_reason", sa.Text(), nullable=True),
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
        sa.CheckConstraint(
            "households >= 0 AND residents >= 0", name=op.f("ck_grids_counts_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["division_id"], ["divisions.id"], name=op.f("fk_grids_division_id_divisions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grids")),
        sa.UniqueConstraint("code", name=op.f("uq_grids_code")),
    )
    op.create_index(
        "ix_grids_bbox", "grids", ["min_lon", "max_lon", "min_lat", "max_lat"], unique=False
    )
    op.create_index(op.f("ix_grids_division_id"), "grids", ["division_id"], unique=False)
    op.create_index(op.f("ix_grids_kind"), "grids", ["kind"], unique=False)
    op.create_index(op.f("ix_grids_status"), "grids", ["status"], unique=False)
    op.create_table(
        "grid_standards",
        sa.Column("grid_id", sa.Uuid(), nullable=False),
        sa.Column("item", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=200), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["grid_id"],
            ["grids.id"],
            name=op.f("fk_grid_standards_grid_id_grids"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("grid_id", "item", name=op.f("pk_grid_standards")),
    )
    op.create_table(
        "micro_positions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("grid_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("opening_hours", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"],
            ["grids.id"],
            name=op.f("fk_micro_positions_grid_id_grids"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_micro_positions")),
        sa.UniqueConstraint("grid_id", "name", name=op.f("uq_micro_positions_grid_id_name")),
    )
    op.create_index(
        op.f("ix_micro_positions_grid_id"), "micro_positions", ["grid_id"], unique=False
    )
    op.create_table(
        "party_organizations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("grid_id", sa.Uuid(), nullable=True),
        sa.Column("division_id", sa.Uuid(), nullable=False),
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
            ["division_id"],
            ["divisions.id"],
            name=op.f("fk_party_organizations_division_id_divisions"),
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grids.id"], name=op.f("fk_party_organizations_grid_id_grids")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["party_organizations.id"],
            name=op.f("fk_party_organizations_parent_id_party_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_organizations")),
        sa.UniqueConstraint("grid_id", name=op.f("uq_party_organizations_grid_id")),
    )
    op.create_index(
        op.f("ix_party_organizations_division_id"),
        "party_organizations",
        ["division_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_party_organizations_parent_id"), "party_organizations", ["parent_id"], unique=False
    )
    op.create_table(
        "proxy_service_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("grid_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("responsible_department", sa.String(length=100), nullable=False),
        sa.Column("time_limit_working_days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grid_id"],
            ["grids.id"],
            name=op.f("fk_proxy_service_items_grid_id_grids"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proxy_service_items")),
        sa.UniqueConstraint("grid_id", "name", name=op.f("uq_proxy_service_items_grid_id_name")),
    )
    op.create_index(
        op.f("ix_proxy_service_items_grid_id"), "proxy_service_items", ["grid_id"], unique=False
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("grid_id", sa.Uuid(), nullable=False),
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
        sa.ForeignKeyConstraint(["grid_id"], ["grids.id"], name=op.f("fk_units_grid_id_grids")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("credit_code", name=op.f("uq_units_credit_code")),
    )
    op.create_index(op.f("ix_units_grid_id"), "units", ["grid_id"], unique=False)
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    op.drop_index(op.f("ix_units_grid_id"), table_name="units")
    op.drop_table("units")
    op.drop_index(op.f("ix_proxy_service_items_grid_id"), table_name="proxy_service_items")
    op.drop_table("proxy_service_items")
    op.drop_index(op.f("ix_party_organizations_parent_id"), table_name="party_organizations")
    op.drop_index(op.f("ix_party_organizations_division_id"), table_name="party_organizations")
    op.drop_table("party_organizations")
    op.drop_index(op.f("ix_micro_positions_grid_id"), table_name="micro_positions")
    op.drop_table("micro_positions")
    op.drop_table("grid_standards")
    op.drop_index(op.f("ix_grids_status"), table_name="grids")
    op.drop_index(op.f("ix_grids_kind"), table_name="grids")
    op.drop_index(op.f("ix_grids_division_id"), table_name="grids")
    op.drop_index("ix_grids_bbox", table_name="grids")
    op.drop_table("grids")
    op.drop_index(op.f("ix_divisions_parent_id"), table_name="divisions")
    op.drop_index(op.f("ix_divisions_level"), table_name="divisions")
    op.drop_table("divisions")
