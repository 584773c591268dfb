"""The audit log of personal data reads: who saw whose data, when and through what.

Every service that returns personal data unmasked writes one ``pii_reads``
row per entity and purpose it reveals. The table lives on its own MetaData,
:data:`audit_metadata`, which the service's Alembic environment must include
next to its own tables and the messaging tables.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Table,
    Text,
    func,
    insert,
)
from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.db import new_metadata

audit_metadata = new_metadata()

pii_reads = Table(
    "pii_reads",
    audit_metadata,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("subject", Text, nullable=False),
    Column("subject_roles", Text, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("entity_type", Text, nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("operation", Text, nullable=False),
    Column("request_id", Text),
    # The two questions an auditor asks: who read this person, what did this user read.
    Index("ix_pii_reads_entity", "entity_type", "entity_id", "at"),
    Index("ix_pii_reads_subject", "subject", "at"),
)


async def record_pii_read(
    session: AsyncSession,
    *,
    caller_subject: str,
    roles: Iterable[str],
    purpose: str,
    entity_type: str,
    entity_id: str,
    operation: str,
    request_id: str | None = None,
) -> None:
    """Write one audit row: ``caller_subject`` read ``purpose`` of an entity.

    ``purpose`` is the one the value was encrypted for (``"national_id"``),
    ``operation`` what asked for it (a GraphQL field path such as
    ``Query.person.nationalId``). Roles are stored sorted and comma-separated.

    The row belongs to the session's transaction: commit that transaction
    before the plaintext leaves the service, or the read goes unrecorded.
    The service's Alembic environment must include :data:`audit_metadata`.
    """
    await session.execute(
        insert(pii_reads).values(
            subject=caller_subject,
            subject_roles=",".join(sorted(roles)),
            purpose=purpose,
            entity_type=entity_type,
            entity_id=entity_id,
            operation=operation,
            request_id=request_id,
        )
    )
