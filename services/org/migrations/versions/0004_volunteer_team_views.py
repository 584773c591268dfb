"""volunteer team views: the volunteers service's teams, kept from its events

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


def upgrade() -> None:
    op.create_table(
        "volunteer_team_views",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("grid_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_team_views")),
    )
    op.create_index(
        op.f("ix_volunteer_team_views_grid_id"), "volunteer_team_views", ["grid_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_volunteer_team_views_grid_id"), table_name="volunteer_team_views")
    op.drop_table("volunteer_team_views")
