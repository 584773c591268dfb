"""The per-request context of the cases subgraph: the caller, the reads and their DataLoaders,
the moment the request is served, and a unit of work for each command."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from cases.domain.attachment import Attachment
from cases.domain.case import Case
from cases.domain.category import Category
from cases.domain.duplicates import DuplicatePolicy
from cases.domain.reading import ReadScope
from cases.domain.watch import Watch
from cases.domain.working_days import WorkingCalendar
from cases.handlers.access import read_scope
from cases.handlers.cases import Moment
from cases.repository.attachments import AttachmentStore
from cases.repository.calendar import CalendarStore
from cases.repository.cases import CaseReads
from cases.repository.categories import CategoryReads
from cases.repository.duplicates import DuplicateReads
from cases.repository.figures import FigureReads
from cases.repository.watches import WatchReads
from cases.unit_of_work import CasesUnitOfWork
from gridkit.auth import Caller
from gridkit.clock import local_today
from gridkit.graphql.context import RequestContext
from gridkit.pii import PiiProtector


class CasesContext(RequestContext):
    """What cases resolvers reach through ``info.context``."""

    def __init__(
        self,
        *,
        caller: Caller,
        sessions: async_sessionmaker[AsyncSession],
        protector: PiiProtector,
        timezone: str,
        duplicate_policy: DuplicatePolicy,
    ) -> None:
        super().__init__(caller=caller)
        self._sessions = sessions
        self._protector = protector
        at = datetime.now(UTC)
        self.now = Moment(at=at, today=local_today(timezone, now=at))
        """When the request is served, and its date in Asia/Shanghai."""
        self.case_reads = CaseReads(sessions)
        self.category_reads = CategoryReads(sessions)
        self.watch_reads = WatchReads(sessions)
        self.figure_reads = FigureReads(sessions, timezone=timezone)
        self.duplicate_reads = DuplicateReads(sessions, duplicate_policy)

    def visibility(self) -> ReadScope:
        """The cases the caller may read, as a list's filter (see :func:`access.read_scope`)."""
        return read_scope(self.caller)

    async def calendar(self) -> WorkingCalendar:
        """The working-day calendar deadlines count on (the State Council's, overridden)."""
        async with self._sessions() as session:
            return await CalendarStore(session).calendar()

    def unit_of_work(self) -> CasesUnitOfWork:
        """A fresh unit of work for one command."""
        return CasesUnitOfWork(self._sessions, self._protector)

    @property
    def cases(self) -> DataLoader[UUID, Case | None]:
        """Cases by id, batched per request."""
        return self.loader("cases", self.case_reads.cases)

    @property
    def categories(self) -> DataLoader[str, Category | None]:
        """Categories by code, batched per request."""
        return self.loader("categories", self.category_reads.by_codes)

    @property
    def watches_of_cases(self) -> DataLoader[UUID, list[Watch]]:
        """Each case's watches, batched per request."""
        return self.loader("watches_of_cases", self.watch_reads.of_cases)

    @property
    def attachments(self) -> DataLoader[UUID, Attachment | None]:
        """Attachments by id, batched per request."""
        return self.loader("attachments", self._attachments)

    async def _attachments(self, ids: Sequence[UUID]) -> list[Attachment | None]:
        async with self._sessions() as session:
            return await AttachmentStore(session).many(ids)


Info = StrawberryInfo[CasesContext, None]
"""Resolver ``info`` typed with the cases context."""
