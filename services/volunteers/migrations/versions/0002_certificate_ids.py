"""certificates: an id of their own, what a retried issuing request is answered with

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
    # Certificates issued before this revision get an id of their own too.
    op.add_column(
        "certificates",
        sa.Column("id", sa.Uuid(), nullable=False, server_default=sa.text("gen_random_uuid()")),
    )
    op.alter_column("certificates", "id", server_default=None)
    op.create_unique_constraint(op.f("uq_certificates_id"), "certificates", ["id"])


def downgrade() -> None:
    op.drop_constraint(op.f("uq_certificates_id"), "certificates", type_="unique")
    op.drop_column("certificates", "id")
