"""one holder per single-holder role held by the database; party organisation views

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SINGLE_HOLDER_ROLES = "role IN ('GRID_LEADER', 'GRID_INSTRUCTOR', 'FULL_TIME_WORKER')"


def upgrade() -> None:
    # gist indexes over plain equality (uuid, text) come from btree_gist, shipped with PostgreSQL.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute(
        "ALTER TABLE assignments ADD CONSTRAINT ex_assignments_one_holder_per_role "
        "EXCLUDE USING gist (grid_id WITH =, role WITH =, "
        "daterange(starts_on, ends_on, '[)') WITH &&) "
        f"WHERE ({SINGLE_HOLDER_ROLES})"
    )
    op.create_table(
        "party_organization_views",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("division_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("grid_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_organization_views")),
    )
    op.create_index(
        op.f("ix_party_organization_views_division_id"),
        "party_organization_views",
        ["division_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_party_organization_views_division_id"), table_name="party_organization_views"
    )
    op.drop_table("party_organization_views")
    op.execute("ALTER TABLE assignments DROP CONSTRAINT ex_assignments_one_holder_per_role")
