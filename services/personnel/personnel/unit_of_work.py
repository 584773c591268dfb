"""The personnel service's unit of work: one transaction with personnel's repositories."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.pii import PiiProtector
from gridkit.uow import UnitOfWork
from personnel.integration_events import to_integration_event
from personnel.repository.assault_teams import AssaultTeamRepository
from personnel.repository.cadre import CadreRepository
from personnel.repository.people import PersonRepository
from personnel.repository.teams import MembershipRepository, TeamRepository
from personnel.repository.transfers import TransferRepository


class PersonnelUnitOfWork(UnitOfWork):
    """Repositories for people, memberships, grid teams, transfers, cadres and assault teams."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], protector: PiiProtector) -> None:
        super().__init__(sessions, service="personnel", translate=to_integration_event)
        self.people = PersonRepository(self, protector)
        self.memberships = MembershipRepository(self)
        self.teams = TeamRepository(self)
        self.transfers = TransferRepository(self)
        self.cadre = CadreRepository(self)
        self.assault_teams = AssaultTeamRepository(self)
