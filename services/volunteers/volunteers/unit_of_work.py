"""The volunteers service's unit of work: one transaction with its repositories and views."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.uow import UnitOfWork
from volunteers.integration_events import to_integration_event
from volunteers.repository.aggregates import (
    ActivityRepository,
    ServiceRecordRepository,
    TeamRepository,
    VolunteerRepository,
)
from volunteers.repository.certificates import CertificateStore
from volunteers.repository.places import Places


class VolunteersUnitOfWork(UnitOfWork):
    """Teams, volunteers, activities, service records, certificates and the views of others."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession] | AsyncSession) -> None:
        """A unit of work of its own per use, or one joining a consumer's ``AsyncSession``."""
        super().__init__(sessions, service="volunteers", translate=to_integration_event)
        self.teams = TeamRepository(self)
        self.volunteers = VolunteerRepository(self)
        self.activities = ActivityRepository(self)
        self.records = ServiceRecordRepository(self)

    @property
    def certificates(self) -> CertificateStore:
        """The certificates issued, in this transaction."""
        return CertificateStore(self.session)

    @property
    def places(self) -> Places:
        """What volunteers knows of grids and people, in this transaction."""
        return Places(self.session)
