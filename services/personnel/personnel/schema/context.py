"""The per-request context of the personnel subgraph."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from gridkit.auth import Caller
from gridkit.graphql.context import RequestContext
from gridkit.pii import PiiProtector
from personnel.domain.assault_team import AssaultTeam
from personnel.domain.assignment import GridAssignment
from personnel.domain.transfer import TransferLetter
from personnel.repository.assault_teams import AssaultTeamReads
from personnel.repository.cadre import CadreReads
from personnel.repository.reads import PersonnelReads
from personnel.repository.tables import MembershipRow, MembershipStepRow, PersonRow
from personnel.repository.transfers import TransferReads
from personnel.unit_of_work import PersonnelUnitOfWork


class PersonnelContext(RequestContext):
    """What personnel resolvers reach through ``info.context``."""

    def __init__(
        self,
        *,
        caller: Caller,
        sessions: async_sessionmaker[AsyncSession],
        protector: PiiProtector,
        today: date,
    ) -> None:
        super().__init__(caller=caller)
        self.sessions = sessions
        self.protector = protector
        self.today = today
        self.reads = PersonnelReads(sessions)

    def unit_of_work(self) -> PersonnelUnitOfWork:
        """A fresh unit of work for one command."""
        return PersonnelUnitOfWork(self.sessions, self.protector)

    @property
    def people(self) -> DataLoader[UUID, PersonRow | None]:
        """People by id, batched per request."""
        return self.loader("people", self.reads.people)

    @property
    def memberships(self) -> DataLoader[UUID, MembershipRow | None]:
        """Membership records by person id, batched per request."""
        return self.loader("memberships", self.reads.memberships)

    @property
    def membership_steps(self) -> DataLoader[UUID, list[MembershipStepRow]]:
        """Membership histories by membership id, batched per request."""
        return self.loader("membership_steps", self.reads.membership_steps)

    @property
    def assignments_of_people(self) -> DataLoader[UUID, list[GridAssignment]]:
        """Assignments by person id, batched per request."""
        return self.loader("assignments_of_people", self.reads.assignments_of_people)

    @property
    def assignments_of_grids(self) -> DataLoader[UUID, list[GridAssignment]]:
        """Assignments by grid id, batched per request."""
        return self.loader("assignments_of_grids", self.reads.assignments_of_grids)

    @property
    def transfer_reads(self) -> TransferReads:
        """Queries of transfer letters."""
        return TransferReads(self.sessions)

    @property
    def cadre_reads(self) -> CadreReads:
        """Queries of cadre records, assessments and their summaries."""
        return CadreReads(self.sessions)

    @property
    def assault_team_reads(self) -> AssaultTeamReads:
        """Queries of assault teams."""
        return AssaultTeamReads(self.sessions)

    @property
    def transfer_letters(self) -> DataLoader[UUID, TransferLetter | None]:
        """Transfer letters by id, batched per request."""
        return self.loader("transfer_letters", self.transfer_reads.letters)

    @property
    def assault_teams(self) -> DataLoader[UUID, AssaultTeam | None]:
        """Assault teams by id, batched per request."""
        return self.loader("assault_teams", self.assault_team_reads.teams)


Info = StrawberryInfo[PersonnelContext, None]
"""Resolver ``info`` typed with the personnel context."""
