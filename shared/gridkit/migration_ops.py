"""Migration steps for the tables gridkit puts in every service database.

Each service's first migration calls :func:`create_messaging_tables` instead of
writing the outbox, inbox, dead-letter and position tables out again; later
gridkit tables get their own step, added by a service migration of its own.
A step creates a table as it was when the step was written: a later change to
a gridkit table is a new step, so old migrations replay the same way forever.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


def _created_at(name: str) -> sa.Column[object]:
    return sa.Column(
        name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
    )


def create_messaging_tables() -> None:
    """The outbox, the inbox, consumers' aggregate positions and dead letters."""
    op.create_table(
        "aggregate_positions",
        sa.Column("consumer", sa.String(length=100), nullable=False),
        sa.Column("aggregate_type", sa.String(length=100), nullable=False),
        sa.Column("aggregate_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "consumer", "aggregate_type", "aggregate_id", name=op.f("pk_aggregate_positions")
        ),
    )
    op.create_table(
        "dead_letters",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("consumer", sa.String(length=100), nullable=False),
        sa.Column("event_id", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("envelope", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _created_at("failed_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dead_letters")),
        sa.UniqueConstraint("consumer", "event_id", name=op.f("uq_dead_letters_consumer_event_id")),
    )
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.String(length=100), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        _created_at("received_at"),
        sa.PrimaryKeyConstraint("consumer", "event_id", name=op.f("pk_inbox")),
    )
    op.create_table(
        "outbox",
        sa.Column("position", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("aggregate_type", sa.String(length=100), nullable=False),
        sa.Column("aggregate_id", sa.UUID(), nullable=False),
        sa.Column("aggregate_version", sa.Integer(), nullable=False),
        sa.Column("envelope", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        _created_at("created_at"),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_outbox")),
        sa.UniqueConstraint("event_id", name=op.f("uq_outbox_event_id")),
    )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["position"],
        unique=False,
        postgresql_where=sa.text("published_at IS NULL"),
    )


def drop_messaging_tables() -> None:
    """Undo :func:`create_messaging_tables`."""
    op.drop_index(
        "ix_outbox_unpublished",
        table_name="outbox",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    for table in ("outbox", "inbox", "dead_letters", "aggregate_positions"):
        op.drop_table(table)


def create_audit_table() -> None:
    """The log of personal-data reads (``gridkit.audit``), for services that reveal PII."""
    op.create_table(
        "pii_reads",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        _created_at("at"),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("subject_roles", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("entity_type", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("operation", sa.Text(), nullable=False),
        sa.Column("request_id", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pii_reads")),
    )
    op.create_index(
        "ix_pii_reads_entity", "pii_reads", ["entity_type", "entity_id", "at"], unique=False
    )
    op.create_index("ix_pii_reads_subject", "pii_reads", ["subject", "at"], unique=False)


def drop_audit_table() -> None:
    """Undo :func:`create_audit_table`."""
    op.drop_index("ix_pii_reads_subject", table_name="pii_reads")
    op.drop_index("ix_pii_reads_entity", table_name="pii_reads")
    op.drop_table("pii_reads")


def create_idempotency_table() -> None:
    """Idempotency keys of creating requests (``gridkit.idempotency``)."""
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("operation", sa.String(length=100), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_id", sa.UUID(), nullable=False),
        _created_at("created_at"),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(
        op.f("ix_idempotency_keys_expires_at"), "idempotency_keys", ["expires_at"], unique=False
    )


def drop_idempotency_table() -> None:
    """Undo :func:`create_idempotency_table`."""
    op.drop_index(op.f("ix_idempotency_keys_expires_at"), table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
