"""Tables every service database holds for reliable messaging.

They live on their own MetaData so each service's Alembic environment can
include them next to its own tables (``target_metadata=[service, messaging]``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from gridkit.db import new_metadata

metadata = new_metadata()

outbox = Table(
    "outbox",
    metadata,
    # Claim order: strictly increasing in commit-independent insert order.
    Column("position", BigInteger, Identity(always=True), primary_key=True),
    Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("subject", String(200), nullable=False),
    Column("aggregate_type", String(100), nullable=False),
    Column("aggregate_id", UUID(as_uuid=True), nullable=False),
    Column("aggregate_version", Integer, nullable=False),
    Column("envelope", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text),
    Index("ix_outbox_unpublished", "position", postgresql_where=text("published_at IS NULL")),
)

inbox = Table(
    "inbox",
    metadata,
    Column("consumer", String(100), nullable=False),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("consumer", "event_id"),
)

aggregate_positions = Table(
    "aggregate_positions",
    metadata,
    # The last version of each foreign aggregate a consumer has applied.
    Column("consumer", String(100), nullable=False),
    Column("aggregate_type", String(100), nullable=False),
    Column("aggregate_id", UUID(as_uuid=True), nullable=False),
    Column("version", Integer, nullable=False),
    PrimaryKeyConstraint("consumer", "aggregate_type", "aggregate_id"),
)

dead_letters = Table(
    "dead_letters",
    metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("consumer", String(100), nullable=False),
    Column("event_id", String(100), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("envelope", JSONB),
    Column("raw", Text, nullable=False),
    Column("error", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("failed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("consumer", "event_id"),
)
