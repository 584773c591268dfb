"""The personnel service's unit of work: one transaction with personnel's repositories."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.pii import PiiProtector
from gridkit.uow import UnitOfWork
from personnel.integration_events import to_integration_event
from personnel.repository.assault_teams import AssaultTeamRepository
from personnel.repository.cadre import AssessmentRepository, CadreRecordRepository
from personnel.repository.org_views import OrgViews
from personnel.repository.people import MembershipRepository, PersonRepository
from personnel.repository.teams import AssignmentRepository
from personnel.repository.transfers import TransferRepository


class PersonnelUnitOfWork(UnitOfWork):
    """People, memberships, grid assignments, transfers, cadre records and assault teams."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession] | AsyncSession, protector: PiiProtector
    ) -> None:
        """A unit of work of its own per use, or one joining a consumer's ``AsyncSession``."""
        super().__init__(sessions, service="personnel", translate=to_integration_event)
        self.people = PersonRepository(self, protector)
        self.memberships = MembershipRepository(self)
        self.assignments = AssignmentRepository(self)
        self.transfers = TransferRepository(self)
        self.cadre_records = CadreRecordRepository(self)
        self.assessments = AssessmentRepository(self)
        self.assault_teams = AssaultTeamRepository(self)

    @property
    def org_views(self) -> OrgViews:
        """What personnel knows of org's grids and party organisations, in this transaction."""
        return OrgViews(self.session)
