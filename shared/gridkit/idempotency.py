"""A retried write is applied once: idempotency keys stored with the change.

A client that loses its connection after the server committed cannot know
whether its ``createGrid`` happened. It sends the same request again with the
same key (the ``Idempotency-Key`` header or the input's ``clientMutationId``),
and gets the first answer instead of a second grid.

The key row is written in the same transaction as the change it guards, so
either both exist or neither does. Requests with the same key are serialised
by a transaction-level advisory lock: the second waits for the first to
commit, then finds its row and replays it. A key reused for different input
or another operation is refused. Keys are scoped to the caller, so one user's
key never answers another's request, and expire after a configurable time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from sqlalchemy import Column, DateTime, String, Table, delete, func, select, text
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.db import new_metadata
from gridkit.errors import Conflict, InvalidInput

T = TypeVar("T")

metadata = new_metadata()

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("scope", String(200), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("operation", String(100), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("created_id", PG_UUID(as_uuid=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)

MAX_KEY_LENGTH = 200
DEFAULT_TTL = timedelta(hours=24)


class IdempotencyKeyReused(Conflict):
    """The key was used before for another operation or other input."""

    code: ClassVar[str] = "IDEMPOTENCY_KEY_REUSED"


class InvalidIdempotencyKey(InvalidInput):
    """The key is empty or too long."""

    code: ClassVar[str] = "INVALID_IDEMPOTENCY_KEY"


class AlreadyApplied(Exception):  # control flow: never reaches the client
    """The request was applied before; ``created_id`` names what it created."""

    def __init__(self, created_id: UUID) -> None:
        super().__init__(f"already applied: {created_id}")
        self.created_id = created_id


@dataclass(frozen=True, kw_only=True)
class IdempotencyKey:
    """One creating request's key, with what it must match on a retry."""

    scope: str
    """Whose key it is: the caller's subject."""
    key: str
    operation: str
    """The mutation, e.g. ``createGrid``."""
    fingerprint: str
    """SHA-256 of the command's fields: a retry must ask for the same thing."""
    ttl: timedelta = DEFAULT_TTL

    @classmethod
    def for_command(
        cls,
        key: str | None,
        *,
        scope: str,
        operation: str,
        command: object,
        ttl: timedelta = DEFAULT_TTL,
    ) -> IdempotencyKey | None:
        """The key for running ``command`` as ``operation``; ``None`` without a key."""
        if key is None:
            return None
        if not key.strip() or len(key) > MAX_KEY_LENGTH:
            raise InvalidIdempotencyKey(
                f"An idempotency key has 1 to {MAX_KEY_LENGTH} characters.", length=len(key)
            )
        return cls(
            scope=scope, key=key, operation=operation, fingerprint=fingerprint(command), ttl=ttl
        )

    @property
    def lock_id(self) -> str:
        """Text whose hash names the advisory lock that serialises this key's requests."""
        return f"idempotency:{self.scope}:{self.key}"


def fingerprint(command: object) -> str:
    """A stable digest of a command's fields (dataclass), for spotting a reused key."""
    fields: object = command
    if dataclasses.is_dataclass(command) and not isinstance(command, type):
        fields = dataclasses.asdict(command)
    canonical = json.dumps(fields, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    return str(value)


async def claim(session: AsyncSession, key: IdempotencyKey) -> None:
    """Serialise requests with ``key`` and refuse or replay one seen before.

    Raises :class:`AlreadyApplied` when a live row matches, and
    :class:`IdempotencyKeyReused` when it was used for something else.
    """
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:lock, 0))"), {"lock": key.lock_id}
    )
    row = (
        await session.execute(
            select(
                idempotency_keys.c.operation,
                idempotency_keys.c.fingerprint,
                idempotency_keys.c.created_id,
            ).where(
                idempotency_keys.c.scope == key.scope,
                idempotency_keys.c.key == key.key,
                idempotency_keys.c.expires_at > func.now(),
            )
        )
    ).first()
    if row is None:
        return
    if row.operation != key.operation or row.fingerprint != key.fingerprint:
        raise IdempotencyKeyReused(
            "This idempotency key was already used for a different request; "
            "send a new key for a new request.",
            key=key.key,
            first_operation=row.operation,
        )
    raise AlreadyApplied(row.created_id)


async def remember(session: AsyncSession, key: IdempotencyKey, created_id: UUID) -> None:
    """Write the key with what it created, in the transaction of the change."""
    values = {
        "operation": key.operation,
        "fingerprint": key.fingerprint,
        "created_id": created_id,
        "created_at": func.now(),
        "expires_at": func.now() + key.ttl,
    }
    statement = (
        insert(idempotency_keys)
        .values(scope=key.scope, key=key.key, **values)
        .on_conflict_do_update(
            index_elements=[idempotency_keys.c.scope, idempotency_keys.c.key],
            set_=values,
            # Only an expired key may be taken again; a live one was claimed above.
            where=idempotency_keys.c.expires_at <= func.now(),
        )
        .returning(idempotency_keys.c.key)
    )
    if (await session.execute(statement)).first() is None:
        raise Conflict("A request with this idempotency key is being applied; retry shortly.")


async def purge_expired(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Delete expired keys; returns how many (a periodic job calls it)."""
    result = await session.execute(
        delete(idempotency_keys).where(idempotency_keys.c.expires_at <= (now or datetime.now(UTC)))
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def apply_once(
    run: Callable[[], Awaitable[T]], *, replay: Callable[[UUID], Awaitable[T]]
) -> T:
    """Run a creating command; if its key was applied before, answer with what it created."""
    try:
        return await run()
    except AlreadyApplied as applied:
        return await replay(applied.created_id)
