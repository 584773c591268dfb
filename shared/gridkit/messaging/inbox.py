"""Apply a received event once and in order, or keep it as a dead letter.

This is the database half of consuming (the JetStream half is
:mod:`gridkit.messaging.consumer`). In one transaction: the inbox row
(consumer, event id) proves the event was not applied before; the consumer's
position on the event's aggregate proves its predecessor was; then the handler
runs and the position moves on. Everything commits together or not at all.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

import orjson
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.events import CloudEvent
from gridkit.messaging.tables import aggregate_positions, dead_letters, inbox

EventHandler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]
"""Applies one event inside the runner's transaction. It must not commit: the runner
commits its writes together with the inbox row and the new position."""

MAX_ERROR_CHARS = 20_000


class Verdict(StrEnum):
    """What became of a received event."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"
    """Applied before (same event id, or its aggregate is already past this version)."""
    OUT_OF_ORDER = "out_of_order"
    """An earlier version of its aggregate has not been applied yet: try again later."""


class PoisonMessage(ValueError):
    """A message that can never be applied: not a readable Pioneer Grid event."""


@dataclass(frozen=True)
class Received:
    """An event as read from the wire, with what the inbox needs to know about it."""

    event: CloudEvent
    event_id: UUID
    aggregate_type: str
    aggregate_id: UUID | None
    version: int | None
    """None for events without ``sequence``: they are applied in arrival order."""


def read_event(raw: bytes) -> Received:
    """Parse a CloudEvent from the wire; raises :class:`PoisonMessage` if it is not usable."""
    try:
        event = CloudEvent.from_json(raw)
    except (orjson.JSONDecodeError, ValidationError, TypeError) as exc:
        raise PoisonMessage(f"not a CloudEvents JSON document: {exc}") from exc
    try:
        event_id = UUID(event.id)
    except ValueError as exc:
        raise PoisonMessage(f"event id {event.id!r} is not a UUID") from exc
    parts = event.type.split(".")
    if len(parts) < 3 or not all(parts):
        raise PoisonMessage(f"event type {event.type!r} is not <service>.<aggregate>.<event>")
    try:
        version = event.version
    except ValueError as exc:
        raise PoisonMessage(f"sequence {event.sequence!r} is not an integer") from exc
    aggregate_id: UUID | None = None
    if version is not None:
        try:
            aggregate_id = UUID(event.subject or "")
        except ValueError as exc:
            raise PoisonMessage(
                f"event with a sequence needs its aggregate id as subject, got {event.subject!r}"
            ) from exc
    return Received(event, event_id, event.aggregate_type, aggregate_id, version)


async def apply_once(
    sessions: async_sessionmaker[AsyncSession],
    consumer: str,
    received: Received,
    handler: EventHandler,
    *,
    subject: str,
    strict_order: bool = True,
) -> Verdict:
    """Run ``handler`` for ``received`` unless it is a duplicate or too early.

    Exceptions from the handler (and from the database) propagate after the
    transaction was rolled back: nothing of the attempt remains.
    """
    async with sessions() as session:
        first_time = await session.scalar(
            insert(inbox)
            .values(consumer=consumer, event_id=received.event_id, subject=subject)
            .on_conflict_do_nothing()
            .returning(inbox.c.event_id)
        )
        if first_time is None:
            return Verdict.DUPLICATE
        if received.version is not None:
            applied = await _applied_version(session, consumer, received)
            if received.version <= applied:
                return Verdict.DUPLICATE
            if strict_order and received.version > applied + 1:
                return Verdict.OUT_OF_ORDER
        await handler(session, received.event)
        if received.version is not None:
            await _advance(session, consumer, received)
        await session.commit()
        return Verdict.APPLIED


async def _applied_version(session: AsyncSession, consumer: str, received: Received) -> int:
    version = await session.scalar(
        select(aggregate_positions.c.version)
        .where(
            aggregate_positions.c.consumer == consumer,
            aggregate_positions.c.aggregate_type == received.aggregate_type,
            aggregate_positions.c.aggregate_id == received.aggregate_id,
        )
        .with_for_update()
    )
    return int(version or 0)


async def _advance(session: AsyncSession, consumer: str, received: Received) -> None:
    statement = insert(aggregate_positions).values(
        consumer=consumer,
        aggregate_type=received.aggregate_type,
        aggregate_id=received.aggregate_id,
        version=received.version,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[
                aggregate_positions.c.consumer,
                aggregate_positions.c.aggregate_type,
                aggregate_positions.c.aggregate_id,
            ],
            set_={"version": statement.excluded.version},
            # Never move backwards, whatever raced with us.
            where=aggregate_positions.c.version < statement.excluded.version,
        )
    )


def describe_error(exc: BaseException) -> str:
    """The error and its traceback, as ops read it in ``dead_letters.error``."""
    text = "".join(traceback.format_exception(exc)).strip()
    return text if len(text) <= MAX_ERROR_CHARS else text[-MAX_ERROR_CHARS:]


async def record_dead_letter(
    sessions: async_sessionmaker[AsyncSession],
    *,
    consumer: str,
    event_id: str,
    subject: str,
    raw: bytes,
    error: str,
    attempts: int,
) -> None:
    """Keep a message that will not be applied, with why; a repeat updates the row."""
    text = raw.decode("utf-8", errors="replace")
    envelope: Any = None
    # PostgreSQL text and jsonb refuse NUL characters; the raw text is kept either way.
    if "\\u0000" not in text:
        with contextlib.suppress(orjson.JSONDecodeError):
            envelope = orjson.loads(raw)
    values = {
        "consumer": consumer,
        "event_id": event_id[:100],
        "subject": subject[:200],
        "envelope": envelope if isinstance(envelope, dict) else None,
        "raw": text.replace("\x00", "\ufffd"),
        "error": error,
        "attempts": attempts,
    }
    statement = insert(dead_letters).values(values)
    async with sessions() as session:
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[dead_letters.c.consumer, dead_letters.c.event_id],
                set_={
                    "error": statement.excluded.error,
                    "attempts": statement.excluded.attempts,
                    "raw": statement.excluded.raw,
                    "envelope": statement.excluded.envelope,
                    "failed_at": func.now(),
                },
            )
        )
        await session.commit()
