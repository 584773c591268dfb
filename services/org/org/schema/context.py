"""The per-request context of the org subgraph: caller, each area's reads, loaders, commands."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from gridkit.auth import Caller
from gridkit.graphql.context import RequestContext
from org.domain import Department, Division, PartyOrganization, Unit
from org.domain.grid_overview import GridOverview
from org.domain.grid_services import MicroPosition, ProxyServiceItem
from org.repository.compliance import ComplianceReads
from org.repository.departments import DepartmentReads
from org.repository.divisions import DivisionReads
from org.repository.grids import GridReads
from org.repository.party_organizations import PartyOrganizationReads
from org.repository.units import UnitReads
from org.unit_of_work import OrgUnitOfWork


class OrgContext(RequestContext):
    """What org resolvers reach through ``info.context``."""

    def __init__(self, *, caller: Caller, sessions: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(caller=caller)
        self._sessions = sessions
        self.division_reads = DivisionReads(sessions)
        self.grid_reads = GridReads(sessions)
        self.party_organization_reads = PartyOrganizationReads(sessions)
        self.unit_reads = UnitReads(sessions)
        self.compliance_reads = ComplianceReads(sessions)
        self.department_reads = DepartmentReads(sessions)

    def unit_of_work(self) -> OrgUnitOfWork:
        """A fresh unit of work for one command."""
        return OrgUnitOfWork(self._sessions)

    @property
    def divisions(self) -> DataLoader[UUID, Division | None]:
        """Divisions by id, batched per request."""
        return self.loader("divisions", self.division_reads.divisions)

    @property
    def grids(self) -> DataLoader[UUID, GridOverview | None]:
        """Grids by id with what an overview holds, batched per request."""
        return self.loader("grids", self.grid_reads.grids)

    @property
    def micro_positions(self) -> DataLoader[UUID, list[MicroPosition]]:
        """Each grid's micro-positions, batched per request."""
        return self.loader("micro_positions", self.grid_reads.micro_positions)

    @property
    def proxy_service_items(self) -> DataLoader[UUID, list[ProxyServiceItem]]:
        """Each grid's proxy-service list, batched per request."""
        return self.loader("proxy_service_items", self.grid_reads.proxy_service_items)

    @property
    def party_organizations(self) -> DataLoader[UUID, PartyOrganization | None]:
        """Party organisations by id, batched per request."""
        return self.loader("party_organizations", self.party_organization_reads.party_organizations)

    @property
    def units(self) -> DataLoader[UUID, Unit | None]:
        """Units by id, batched per request."""
        return self.loader("units", self.unit_reads.units)

    @property
    def departments(self) -> DataLoader[UUID, Department | None]:
        """Departments by id, batched per request."""
        return self.loader("departments", self.department_reads.departments)

    @property
    def department_sections(self) -> DataLoader[UUID, list[Department]]:
        """Each department's sections by name, batched per request."""
        return self.loader("department_sections", self.department_reads.sections)


Info = StrawberryInfo[OrgContext, None]
"""Resolver ``info`` typed with the org context."""
