"""The per-request context of the personnel subgraph: the caller, the reads and their
DataLoaders, and a unit of work for each command."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from gridkit.auth import Caller
from gridkit.graphql.context import RequestContext
from gridkit.idempotency import IdempotencyKey
from gridkit.pii import PiiProtector
from personnel.domain.assault_team import AssaultTeam
from personnel.domain.assignment import GridAssignment
from personnel.domain.membership import PartyMembership
from personnel.domain.person_record import PersonRecord
from personnel.domain.personal_number import PersonalNumber
from personnel.domain.team import GridTeam
from personnel.domain.transfer import TransferLetter
from personnel.repository.assault_teams import AssaultTeamReads
from personnel.repository.cadre import CadreReads
from personnel.repository.people import PeopleReads
from personnel.repository.teams import TeamReads
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
        self._sessions = sessions
        self._protector = protector
        self.today = today
        """The local date (Asia/Shanghai) the request is served on."""
        self.people_reads = PeopleReads(sessions)
        self.team_reads = TeamReads(sessions)
        self.transfer_reads = TransferReads(sessions)
        self.cadre_reads = CadreReads(sessions)
        self.assault_team_reads = AssaultTeamReads(sessions)

    def unit_of_work(self) -> PersonnelUnitOfWork:
        """A fresh unit of work for one command."""
        return PersonnelUnitOfWork(self._sessions, self._protector)

    def idempotency_key(
        self, operation: str, command: object, client_mutation_id: str | None = None
    ) -> IdempotencyKey | None:
        """The key guarding a creating ``command`` (see :class:`RequestContext`).

        A command's personal numbers enter the key's fingerprint as their keyed
        hashes: the key table holds nothing from which a national ID or phone
        number could be guessed back.
        """
        return super().idempotency_key(
            operation, self._without_plain_numbers(command), client_mutation_id
        )

    def _without_plain_numbers(self, command: object) -> object:
        if not dataclasses.is_dataclass(command) or isinstance(command, type):
            return command
        fields = dataclasses.asdict(command)
        for number in PersonalNumber:
            value = fields.get(number.value)
            if isinstance(value, str):
                fields[number.value] = self._protector.blind_index(value, purpose=number).hex()
        return fields

    @property
    def people(self) -> DataLoader[UUID, PersonRecord | None]:
        """People by id, batched per request."""
        return self.loader("people", self.people_reads.people)

    @property
    def memberships(self) -> DataLoader[UUID, PartyMembership | None]:
        """Membership records (with their history) by person id, batched per request."""
        return self.loader("memberships", self.people_reads.memberships)

    @property
    def assignments_of_people(self) -> DataLoader[UUID, list[GridAssignment]]:
        """Assignments by person id, batched per request."""
        return self.loader("assignments_of_people", self.team_reads.assignments_of_people)

    @property
    def grid_teams(self) -> DataLoader[UUID, GridTeam]:
        """Grids' teams today with their people, by grid id, batched per request."""
        return self.loader("grid_teams", self._teams_today)

    async def _teams_today(self, grid_ids: Sequence[UUID]) -> list[GridTeam]:
        return await self.team_reads.teams(grid_ids, on=self.today)

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
