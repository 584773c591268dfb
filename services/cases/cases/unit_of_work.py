"""The cases service's unit of work: one transaction with cases' repositories and views."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cases.integration_events import to_integration_event
from cases.repository.calendar import CalendarStore
from cases.repository.cases import CaseRepository
from cases.repository.categories import CategoryStore
from cases.repository.places import Places
from cases.repository.watches import WatchRepository
from gridkit.pii import PiiProtector
from gridkit.uow import UnitOfWork


class CasesUnitOfWork(UnitOfWork):
    """Cases, watches, the catalogue, the calendar and the views of grids and departments."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession] | AsyncSession, protector: PiiProtector
    ) -> None:
        """A unit of work of its own per use, or one joining a consumer's ``AsyncSession``."""
        super().__init__(sessions, service="cases", translate=to_integration_event)
        self.cases = CaseRepository(self, protector)
        self.watches = WatchRepository(self)

    @property
    def categories(self) -> CategoryStore:
        """The case catalogue, in this transaction."""
        return CategoryStore(self.session)

    @property
    def calendar(self) -> CalendarStore:
        """The working-day calendar and its overrides, in this transaction."""
        return CalendarStore(self.session)

    @property
    def places(self) -> Places:
        """What cases knows of grids, departments and grid workers, in this transaction."""
        return Places(self.session)
