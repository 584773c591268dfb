"""transfers, cadre records and assessments, assault teams with their members

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 11:38:11.118212
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assault_teams",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("mission", sa.Text(), nullable=False),
        sa.Column("key_task", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("leader_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("division_code", sa.String(length=15, collation="C"), nullable=True),
        sa.Column("disbanded_on", sa.Date(), nullable=True),
        sa.Column("disband_reason", sa.Text(), nullable=True),
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
            ["leader_id"], ["persons.id"], name=op.f("fk_assault_teams_leader_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assault_teams")),
    )
    op.create_index(
        op.f("ix_assault_teams_division_code"), "assault_teams", ["division_code"], unique=False
    )
    op.create_index(
        op.f("ix_assault_teams_leader_id"), "assault_teams", ["leader_id"], unique=False
    )
    op.create_index(op.f("ix_assault_teams_name"), "assault_teams", ["name"], unique=False)
    op.create_index(op.f("ix_assault_teams_status"), "assault_teams", ["status"], unique=False)
    op.create_table(
        "assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("grade", sa.String(length=24), nullable=False),
        sa.Column("assessor", sa.String(length=50), nullable=False),
        sa.Column("comments", sa.Text(), nullable=True),
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
            ["person_id"], ["persons.id"], name=op.f("fk_assessments_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("person_id", "period", name=op.f("uq_assessments_person_id_period")),
    )
    op.create_table(
        "cadre_records",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("linked_case_id", sa.Uuid(), nullable=True),
        sa.Column("linked_task", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
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
            ["person_id"], ["persons.id"], name=op.f("fk_cadre_records_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre_records")),
    )
    op.create_index(
        op.f("ix_cadre_records_linked_case_id"), "cadre_records", ["linked_case_id"], unique=False
    )
    op.create_index(
        "ix_cadre_records_person_id_on", "cadre_records", ["person_id", "on", "id"], unique=False
    )
    op.create_table(
        "assault_team_members",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_assault_team_members_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["assault_teams.id"],
            name=op.f("fk_assault_team_members_team_id_assault_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "position", name=op.f("pk_assault_team_members")),
        sa.UniqueConstraint(
            "team_id", "person_id", name=op.f("uq_assault_team_members_team_id_person_id")
        ),
    )
    op.create_index(
        op.f("ix_assault_team_members_person_id"),
        "assault_team_members",
        ["person_id"],
        unique=False,
    )
    op.create_table(
        "transfers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column("from_organization_id", sa.Uuid(), nullable=False),
        sa.Column("to_organization_id", sa.Uuid(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("dues_paid_until", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("received_by", sa.String(length=50), nullable=True),
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
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_transfers_membership_id_memberships"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_transfers_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfers")),
    )
    op.create_index(
        op.f("ix_transfers_from_organization_id"),
        "transfers",
        ["from_organization_id"],
        unique=False,
    )
    op.create_index(
        "ix_transfers_pending_expires_on",
        "transfers",
        ["expires_on"],
        unique=False,
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.create_index(op.f("ix_transfers_person_id"), "transfers", ["person_id"], unique=False)
    op.create_index(
        op.f("ix_transfers_to_organization_id"), "transfers", ["to_organization_id"], unique=False
    )
    op.create_index(
        "uq_transfers_pending_person_id",
        "transfers",
        ["person_id"],
        unique=True,
        postgresql_where=sa.text("status = 'PENDING'"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_transfers_pending_person_id",
        table_name="transfers",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_index(op.f("ix_transfers_to_organization_id"), table_name="transfers")
    op.drop_index(op.f("ix_transfers_person_id"), table_name="transfers")
    op.drop_index(
        "ix_transfers_pending_expires_on",
        table_name="transfers",
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_index(op.f("ix_transfers_from_organization_id"), table_name="transfers")
    op.drop_table("transfers")
    op.drop_index(op.f("ix_assault_team_members_person_id"), table_name="assault_team_members")
    op.drop_table("assault_team_members")
    op.drop_index("ix_cadre_records_person_id_on", table_name="cadre_records")
    op.drop_index(op.f("ix_cadre_records_linked_case_id"), table_name="cadre_records")
    op.drop_table("cadre_records")
    op.drop_table("assessments")
    op.drop_index(op.f("ix_assault_teams_status"), table_name="assault_teams")
    op.drop_index(op.f("ix_assault_teams_name"), table_name="assault_teams")
    op.drop_index(op.f("ix_assault_teams_leader_id"), table_name="assault_teams")
    op.drop_index(op.f("ix_assault_teams_division_code"), table_name="assault_teams")
    op.drop_table("assault_teams")
