"""one cadre record per person and case from the case system

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "uq_cadre_records_case_entry_once",
        "cadre_records",
        ["person_id", "linked_case_id"],
        unique=True,
        postgresql_where=sa.text("recorded_by = '案件办理系统'"),
    )


def downgrade() -> None:
    op.drop_index("uq_cadre_records_case_entry_once", table_name="cadre_records")
