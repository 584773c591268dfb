"""departments that handle cases: bureaus, subdistrict offices, sections, outside parties

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("division_id", sa.Uuid(), nullable=False),
        sa.Column("division_code", sa.String(length=15, collation="C"), nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
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
            ["division_id"], ["divisions.id"], name=op.f("fk_departments_division_id_divisions")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["departments.id"], name=op.f("fk_departments_parent_id_departments")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_departments_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
    )
    op.create_index(
        "ix_departments_categories",
        "departments",
        ["categories"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        op.f("ix_departments_division_code"), "departments", ["division_code"], unique=False
    )
    op.create_index(
        op.f("ix_departments_division_id"), "departments", ["division_id"], unique=False
    )
    op.create_index(op.f("ix_departments_parent_id"), "departments", ["parent_id"], unique=False)
    op.create_index(op.f("ix_departments_unit_id"), "departments", ["unit_id"], unique=False)
    op.create_index(
        "uq_departments_active_name",
        "departments",
        ["division_id", "name"],
        unique=True,
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_departments_active_name",
        table_name="departments",
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.drop_index(op.f("ix_departments_unit_id"), table_name="departments")
    op.drop_index(op.f("ix_departments_parent_id"), table_name="departments")
    op.drop_index(op.f("ix_departments_division_id"), table_name="departments")
    op.drop_index(op.f("ix_departments_division_code"), table_name="departments")
    op.drop_index("ix_departments_categories", table_name="departments", postgresql_using="gin")
    op.drop_table("departments")
