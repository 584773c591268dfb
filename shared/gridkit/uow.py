"""Unit of work: the change and the outbox rows of its events commit together."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Self
from uuid import UUID, uuid4

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.contracts.base import IntegrationEvent
from gridkit.domain import Aggregate, Recorded
from gridkit.events import CloudEvent
from gridkit.idempotency import IdempotencyKey, claim, remember
from gridkit.messaging.tables import outbox

Translator = Callable[[Recorded], IntegrationEvent]
"""Maps a domain event to the integration event other services see.

Every recorded event is published: a consumer applies an aggregate's events in
version order, so a version with no event would make it wait forever."""


def outbox_channel(service: str) -> str:
    """The LISTEN/NOTIFY channel that wakes a service's relay."""
    return f"outbox_{service}"


class UnitOfWork:
    """One database transaction for one command.

    Repositories work on :attr:`session`; aggregates they load or add are
    :meth:`track`-ed, and :meth:`commit` turns their pending events into outbox
    rows in the same transaction. Nothing is published here: the relay does it.

    A creating command run :meth:`once` with an idempotency key is applied
    once: opening the unit of work replays an earlier run of the same key
    (:class:`~gridkit.idempotency.AlreadyApplied`), and :meth:`commit` stores
    the key with what the command created.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession] | AsyncSession,
        *,
        service: str,
        translate: Translator,
    ) -> None:
        """``sessions`` opens a transaction per use; a session instead joins its transaction.

        A consumer's handler runs in the transaction that also writes the inbox row: its
        unit of work joins it, so the change, its outbox rows and the inbox row commit
        together. :meth:`commit` then writes and flushes without committing, and leaving
        the block neither rolls back nor closes the session (its owner does).
        """
        self._joined = sessions if isinstance(sessions, AsyncSession) else None
        self._sessions = None if isinstance(sessions, AsyncSession) else sessions
        self._service = service
        self._translate = translate
        self._tracked: list[Aggregate] = []
        self._session: AsyncSession | None = None
        self._idempotency: IdempotencyKey | None = None

    def once(self, key: IdempotencyKey | None) -> Self:
        """Apply the command at most once for ``key`` (no key: no guard)."""
        self._idempotency = key
        return self

    @property
    def session(self) -> AsyncSession:
        """The session of the open transaction."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open; use 'async with uow:'")
        return self._session

    async def __aenter__(self) -> Self:
        self._tracked = []
        if self._sessions is None:
            if self._idempotency is not None:
                raise TypeError("a joined unit of work has no idempotency key of its own")
            self._session = self._joined
            return self
        self._session = self._sessions()
        if self._idempotency is not None:
            try:
                await claim(self._session, self._idempotency)
            except BaseException:
                await self._session.close()
                self._session = None
                raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self.session, None
        if self._joined is not None:
            return
        try:
            await session.rollback()  # a no-op after commit; undoes everything otherwise
        finally:
            await session.close()

    def track(self, aggregate: Aggregate) -> None:
        """Collect ``aggregate``'s events at commit."""
        if all(tracked is not aggregate for tracked in self._tracked):
            self._tracked.append(aggregate)

    async def commit(self, *, created: UUID | None = None) -> list[CloudEvent]:
        """Write the outbox rows and commit; returns the envelopes written.

        ``created`` is the id of what a creating command made: with an
        idempotency key it is stored, and a retry answers with it.
        """
        if self._idempotency is not None:
            if created is None:
                raise TypeError("a command run once must say what it created: commit(created=id)")
            await remember(self.session, self._idempotency, created)
        envelopes = await self._write_outbox()
        if envelopes:
            # NOTIFY is transactional: the relay wakes only once the rows are visible.
            await self.session.execute(
                text("SELECT pg_notify(:channel, '')"),
                {"channel": outbox_channel(self._service)},
            )
        if self._joined is not None:
            await self.session.flush()
            return envelopes
        await self.session.commit()
        for aggregate in self._tracked:
            aggregate.persisted_version = aggregate.version
        return envelopes

    async def _write_outbox(self) -> list[CloudEvent]:
        rows, envelopes = [], []
        for aggregate in self._tracked:
            for recorded in aggregate.take_events():
                payload = self._translate(recorded)
                event_id = uuid4()
                envelope = CloudEvent.wrap(
                    payload,
                    source=f"/pioneer-grid/{self._service}",
                    aggregate_id=recorded.aggregate_id,
                    version=recorded.version,
                    event_id=event_id,
                )
                envelopes.append(envelope)
                rows.append(
                    {
                        "event_id": event_id,
                        "subject": payload.event_type,
                        "aggregate_type": recorded.aggregate_type,
                        "aggregate_id": recorded.aggregate_id,
                        "aggregate_version": recorded.version,
                        "envelope": envelope.model_dump(mode="json", exclude_none=True),
                    }
                )
        if rows:
            await self.session.execute(insert(outbox), rows)
        return envelopes


def translator(contract_of: Mapping[type[object], type[IntegrationEvent]]) -> Translator:
    """A translator for domain events that carry their contract's field names."""

    def translate(recorded: Recorded) -> IntegrationEvent:
        event = recorded.event
        if not dataclasses.is_dataclass(event) or isinstance(event, type):
            raise TypeError(f"domain events are dataclass instances, got {event!r}")
        return contract_of[type(event)].model_validate(dataclasses.asdict(event))

    return translate
