"""The per-request context of the volunteers subgraph: the caller, the reads and their
DataLoaders, and a unit of work for each command."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from gridkit.auth import Caller
from gridkit.graphql.context import RequestContext
from volunteers.config import VolunteersSettings
from volunteers.domain.activity import Activity
from volunteers.domain.service_record import ServiceRecord
from volunteers.domain.team import VolunteerTeam
from volunteers.domain.volunteer import Volunteer
from volunteers.repository.reads import VolunteerReads
from volunteers.unit_of_work import VolunteersUnitOfWork


class VolunteersContext(RequestContext):
    """What volunteers resolvers reach through ``info.context``."""

    def __init__(
        self,
        *,
        caller: Caller,
        sessions: async_sessionmaker[AsyncSession],
        settings: VolunteersSettings,
    ) -> None:
        super().__init__(caller=caller)
        self.sessions = sessions
        self.settings = settings
        self.now = datetime.now(UTC)
        """When the request is served."""
        self.reads = VolunteerReads(sessions)

    def unit_of_work(self) -> VolunteersUnitOfWork:
        """A unit of work for one command."""
        return VolunteersUnitOfWork(self.sessions)

    @property
    def team(self) -> DataLoader[UUID, VolunteerTeam | None]:
        """Teams by id, batched per request."""
        return self.loader("team", self.reads.teams)

    @property
    def grid_team(self) -> DataLoader[UUID, VolunteerTeam | None]:
        """Each grid's own team, batched per request."""
        return self.loader("grid_team", self.reads.grid_teams)

    @property
    def volunteer(self) -> DataLoader[UUID, Volunteer | None]:
        """Volunteers by id, batched per request."""
        return self.loader("volunteer", self.reads.volunteers)

    @property
    def volunteer_of_person(self) -> DataLoader[UUID, Volunteer | None]:
        """Each person's registration, batched per request."""
        return self.loader("volunteer_of_person", self.reads.volunteers_of_people)

    @property
    def activity(self) -> DataLoader[UUID, Activity | None]:
        """Activities by id, batched per request."""
        return self.loader("activity", self.reads.activities)

    @property
    def record(self) -> DataLoader[UUID, ServiceRecord | None]:
        """Service records by id, batched per request."""
        return self.loader("record", self.reads.records)

    @property
    def records_of_volunteer(self) -> DataLoader[UUID, list[ServiceRecord]]:
        """Each volunteer's service records, batched per request."""
        return self.loader("records_of_volunteer", self.reads.records_of_volunteers)

    def hours_of_person(self, start: date | None, end: date | None) -> DataLoader[UUID, Decimal]:
        """People's hours in one period, batched per request and period."""

        async def load(person_ids: Sequence[UUID]) -> list[Decimal]:
            return await self.reads.hours_of_people(person_ids, start=start, end=end)

        return self.loader(f"hours:{start}:{end}", load)


Info = StrawberryInfo[VolunteersContext, None]
