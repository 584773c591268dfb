"""index the files a timeline's evidence names, for who may read an attachment

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_case_timeline_attachment_ids",
        "case_timeline",
        [sa.text("(evidence -> 'attachment_ids')")],
        unique=False,
        postgresql_using="gin",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_case_timeline_attachment_ids", table_name="case_timeline", postgresql_using="gin"
    )
