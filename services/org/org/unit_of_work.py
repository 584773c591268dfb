"""The org service's unit of work: one transaction with org's repositories."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.uow import UnitOfWork
from org.integration_events import to_integration_event
from org.repository.departments import DepartmentRepository
from org.repository.divisions import DivisionRepository
from org.repository.grids import GridRepository
from org.repository.party_organizations import PartyOrganizationRepository
from org.repository.units import UnitRepository


class OrgUnitOfWork(UnitOfWork):
    """Repositories for divisions, grids, party organisations, units and departments."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(sessions, service="org", translate=to_integration_event)
        self.divisions = DivisionRepository(self)
        self.grids = GridRepository(self)
        self.party_organizations = PartyOrganizationRepository(self)
        self.units = UnitRepository(self)
        self.departments = DepartmentRepository(self)
