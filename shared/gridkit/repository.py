"""The base of every service's repositories: load, load for update, add, save.

A repository works inside the caller's unit of work. Every aggregate it hands
out or is given is tracked, so the events that aggregate raises are committed
with it as outbox rows. Writes compare the version column (see
:func:`gridkit.persistence.store`), so a lost race is ``CONCURRENT_UPDATE``,
never a silent overwrite.

A concrete repository names its mapped row class and says how a row becomes
an aggregate and an aggregate becomes column values; it adds the queries of
its own area (``with_credit_code``, ``codes_in`` ...) next to them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.domain import Aggregate
from gridkit.errors import Conflict, DomainError, NotFound
from gridkit.persistence import constraint_name, store, unique_violation_as_conflict
from gridkit.uow import UnitOfWork

A = TypeVar("A", bound=Aggregate)
Row = TypeVar("Row")


class Repository(ABC, Generic[A, Row]):
    """Aggregates of one type, for commands.

    Subclasses set :attr:`row_type` and implement :meth:`to_domain`,
    :meth:`values` and :meth:`not_found`. An aggregate with parts in other
    tables overrides :meth:`to_domain_many` (to load the parts of many rows in
    one query each) and :meth:`write_parts`.
    """

    row_type: ClassVar[type[Any]]
    """The mapped class with ``id`` and ``version`` columns."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def session(self) -> AsyncSession:
        """The session of the unit of work's open transaction."""
        return self._uow.session

    @abstractmethod
    def to_domain(self, row: Row) -> A:
        """The aggregate stored in ``row``."""

    @abstractmethod
    def values(self, aggregate: A) -> Mapping[str, Any]:
        """The columns of ``aggregate`` besides ``id`` and ``version``."""

    @abstractmethod
    def not_found(self, aggregate_id: UUID) -> NotFound:
        """The coded error for an id that names nothing."""

    async def to_domain_many(self, rows: Sequence[Row]) -> list[A]:
        """The aggregates stored in ``rows`` (override to load their parts in bulk)."""
        return [self.to_domain(row) for row in rows]

    async def write_parts(self, aggregate: A) -> None:
        """Write the rows an aggregate owns in other tables (after its own row changed)."""

    def conflict(self, constraint: str | None, aggregate: A) -> DomainError | None:
        """The domain's own error for a constraint the database refused ``aggregate`` on.

        Rules that must hold under concurrency (one leader per grid) are held by a
        constraint; override this to name them in the domain's words. ``None`` keeps
        the generic ``CONFLICT``.
        """
        return None

    async def find(self, aggregate_id: UUID, *, lock: bool = False) -> A | None:
        """The aggregate, or ``None``; locked for the transaction when ``lock``."""
        found = await self.load_where(
            select(self.row_type).where(self.row_type.id == aggregate_id), lock=lock
        )
        return found[0] if found else None

    async def get(self, aggregate_id: UUID, *, lock: bool = False) -> A:
        """The aggregate, or its NOT_FOUND error; locked for the transaction when ``lock``."""
        found = await self.find(aggregate_id, lock=lock)
        if found is None:
            raise self.not_found(aggregate_id)
        return found

    async def load_where(self, statement: Select[Any], *, lock: bool = False) -> list[A]:
        """The aggregates whose rows ``statement`` selects, tracked."""
        if lock:
            statement = statement.with_for_update()
        rows = list(await self.session.scalars(statement))
        return [self.track(aggregate) for aggregate in await self.to_domain_many(rows)]

    async def add(self, aggregate: A) -> A:
        """Store a new aggregate; a unique constraint it breaks is ``CONFLICT``."""
        await self.save(aggregate)
        return aggregate

    async def save(self, *aggregates: A) -> None:
        """Insert new aggregates and update changed ones (unchanged ones write nothing)."""
        for aggregate in aggregates:
            self.track(aggregate)
            try:
                if await store(self.session, self.row_type, aggregate, self.values(aggregate)):
                    await self.write_parts(aggregate)
            except Conflict as refused:
                raise (
                    self.conflict(refused.details.get("constraint"), aggregate) or refused
                ) from None
            except IntegrityError as exc:
                own = self.conflict(constraint_name(exc), aggregate)
                raise own or unique_violation_as_conflict(exc) from exc

    def track(self, aggregate: A) -> A:
        """Have the unit of work collect ``aggregate``'s events at commit."""
        self._uow.track(aggregate)
        return aggregate
