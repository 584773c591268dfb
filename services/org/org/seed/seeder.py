"""Writing what is missing: the plan applied through the command handlers, phase by phase.

Every write goes through its handler as an administrator, so every row gets its outbox events
like any other write; what :class:`~org.seed.known.Known` already holds is counted and left alone.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.auth import Caller, Role
from org.commands.departments import CreateDepartment
from org.commands.divisions import CreateDivision
from org.commands.grids import AddMicroPosition, AddProxyServiceItem, ConfirmStandard, CreateGrid
from org.commands.party_organizations import CreatePartyOrganization
from org.commands.units import RegisterUnit
from org.domain import PartyOrganizationKind
from org.handlers.departments import create_department
from org.handlers.divisions import create_division
from org.handlers.grids import (
    add_micro_position,
    add_proxy_service_item,
    confirm_standard,
    create_grid,
)
from org.handlers.party_organizations import create_party_organization
from org.handlers.units import register_unit
from org.seed.known import Known
from org.seed.plan import CommunityPlan, DepartmentPlan, DivisionPlan, GridPlan, SeedPlan
from org.unit_of_work import OrgUnitOfWork

SEED_CALLER = Caller(subject="seed", name="seed", roles=frozenset({Role.ADMIN.value}))

Job = Callable[[], Awaitable[None]]


class Seeder:
    """Applies a plan through the handlers, many jobs at once; each job runs in order."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        known: Known,
        *,
        concurrency: int,
        say: Callable[[str], None],
    ) -> None:
        self._sessions = sessions
        self._known = known
        self._concurrency = concurrency
        self._say = say
        self.created: Counter[str] = Counter()
        self.existing: Counter[str] = Counter()

    async def apply(self, plan: SeedPlan) -> None:
        """Create, phase by phase, whatever the plan holds and the database lacks."""
        grids = plan.grids
        await self._phase("district", [partial(self._division, plan.district)])
        await self._phase("subdistricts", [partial(self._division, t) for t in plan.townships])
        await self._phase(
            "communities and villages",
            [partial(self._divisions_under, t.code, plan) for t in plan.townships],
        )
        await self._phase("grids", [partial(self._grids_of, c) for c in plan.communities])
        await self._phase(
            "party committees", [partial(self._committee, c) for c in plan.communities]
        )
        await self._phase(
            "party branches",
            [partial(self._branch, c, g) for c in plan.communities for g in c.grids],
        )
        await self._phase("units", [partial(self._unit, g) for g in grids if g.unit])
        await self._phase(
            "grid services and standards", [partial(self._services, g) for g in grids]
        )
        await self._phase("departments", [partial(self._departments, plan.departments)])

    async def _phase(self, label: str, jobs: Sequence[Job]) -> None:
        started = time.perf_counter()
        created_before = self.created.total()
        gate = asyncio.Semaphore(self._concurrency)
        # Long phases report each quarter, so a full run never looks stuck.
        milestones = {len(jobs) * q // 4 for q in (1, 2, 3)} if len(jobs) >= 1000 else set()
        done = 0

        async def run(job: Job) -> None:
            nonlocal done
            async with gate:
                await job()
            done += 1
            if done in milestones:
                self._say(f"  {label}: {done}/{len(jobs)}")

        async with asyncio.TaskGroup() as group:
            for job in jobs:
                group.create_task(run(job))
        self._say(
            f"{label:<28} {self.created.total() - created_before:>6} written"
            f"  {time.perf_counter() - started:6.1f} s"
        )

    def _uow(self) -> OrgUnitOfWork:
        return OrgUnitOfWork(self._sessions)

    async def _division(self, division: DivisionPlan) -> None:
        if division.code in self._known.division_ids:
            self.existing["divisions"] += 1
            return
        parent_id = self._known.division_ids[division.parent_code] if division.parent_code else None
        created = await create_division(
            CreateDivision(
                name=division.name, level=division.level, parent_id=parent_id, code=division.code
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.division_ids[division.code] = created.id
        self.created["divisions"] += 1

    async def _divisions_under(self, township_code: str, plan: SeedPlan) -> None:
        # One township at a time: creating a child locks its parent anyway.
        for community in plan.communities:
            if community.division.parent_code == township_code:
                await self._division(community.division)

    async def _grids_of(self, community: CommunityPlan) -> None:
        # In plan order, so that on an empty database the codes follow it too.
        division_id = self._known.division_ids[community.division.code]
        for grid in community.grids:
            if (division_id, grid.name) in self._known.grid_ids:
                self.existing["grids"] += 1
                continue
            created = await create_grid(
                CreateGrid(
                    division_id=division_id,
                    name=grid.name,
                    kind=grid.kind,
                    dedicated_to=grid.dedicated_to,
                    boundary=grid.boundary,
                    households=grid.households,
                    residents=grid.residents,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self._known.grid_ids[division_id, grid.name] = created.id
            self.created["grids"] += 1

    async def _committee(self, community: CommunityPlan) -> None:
        division_id = self._known.division_ids[community.division.code]
        key = (division_id, community.party_committee)
        if key in self._known.party_organizations:
            self.existing["party committees"] += 1
            return
        created = await create_party_organization(
            CreatePartyOrganization(
                name=community.party_committee,
                kind=PartyOrganizationKind.COMMITTEE,
                division_id=division_id,
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.party_organizations[key] = created.id
        self.created["party committees"] += 1

    async def _branch(self, community: CommunityPlan, grid: GridPlan) -> None:
        grid_id = self._active_grid_id(grid)
        if grid.party_branch is None or grid_id is None:
            return
        if grid_id in self._known.served_grids:
            self.existing["party branches"] += 1
            return
        division_id = self._known.division_ids[community.division.code]
        await create_party_organization(
            CreatePartyOrganization(
                name=grid.party_branch,
                kind=PartyOrganizationKind.BRANCH,
                division_id=division_id,
                parent_id=self._known.party_organizations[division_id, community.party_committee],
                grid_id=grid_id,
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.served_grids.add(grid_id)
        self.created["party branches"] += 1

    async def _unit(self, grid: GridPlan) -> None:
        grid_id = self._active_grid_id(grid)
        if grid.unit is None or grid_id is None:
            return
        if grid.unit.credit_code in self._known.credit_codes:
            self.existing["units"] += 1
            return
        await register_unit(
            RegisterUnit(
                name=grid.unit.name,
                kind=grid.unit.kind,
                credit_code=grid.unit.credit_code,
                grid_id=grid_id,
            ),
            self._uow(),
            SEED_CALLER,
        )
        self._known.credit_codes.add(grid.unit.credit_code)
        self.created["units"] += 1

    async def _services(self, grid: GridPlan) -> None:
        """Micro-positions, proxy-service items and checklist confirmations of one grid."""
        grid_id = self._active_grid_id(grid)
        if grid_id is None:
            return
        known = self._known
        for position in grid.micro_positions:
            if self._seen("micro-positions", known.micro_positions, grid_id, position.name):
                continue
            await add_micro_position(
                AddMicroPosition(
                    grid_id=grid_id,
                    name=position.name,
                    address=position.address,
                    opening_hours=position.opening_hours,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self.created["micro-positions"] += 1
        for item in grid.proxy_service_items:
            if self._seen("proxy-service items", known.proxy_service_items, grid_id, item.name):
                continue
            await add_proxy_service_item(
                AddProxyServiceItem(
                    grid_id=grid_id,
                    name=item.name,
                    responsible_department=item.responsible_department,
                    time_limit_working_days=item.time_limit_working_days,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self.created["proxy-service items"] += 1
        for standard in grid.standards:
            # A confirmation already there, whoever made it, is not overwritten.
            if self._seen("standards confirmations", known.standards, grid_id, standard.item):
                continue
            await confirm_standard(
                ConfirmStandard(
                    grid_id=grid_id,
                    item=standard.item,
                    status=standard.status,
                    evidence=standard.evidence,
                ),
                self._uow(),
                SEED_CALLER,
            )
            self.created["standards confirmations"] += 1

    async def _departments(self, departments: Sequence[DepartmentPlan]) -> None:
        # One job, in plan order: a section's parent is set up before it.
        for department in departments:
            await self._department(department)

    async def _department(self, department: DepartmentPlan) -> None:
        known = self._known
        division_id = known.division_ids[department.division_code]
        if (division_id, department.name) in known.departments:
            self.existing["departments"] += 1
            return
        parent_id = None
        if department.parent is not None:
            parent_id = known.departments.get((division_id, department.parent))
            if parent_id is None or parent_id in known.dissolved_departments:
                return  # the parent was dissolved since an earlier run: no new sections
        created = await create_department(
            CreateDepartment(
                name=department.name,
                kind=department.kind,
                division_id=division_id,
                parent_id=parent_id,
                categories=department.categories,
            ),
            self._uow(),
            SEED_CALLER,
        )
        known.departments[division_id, department.name] = created.id
        self.created["departments"] += 1

    def _seen(self, kind: str, keys: set[tuple[UUID, str]], grid_id: UUID, name: str) -> bool:
        """Whether the grid already has ``name``; names compare without case, as the domain does."""
        key = (grid_id, name.casefold())
        if key in keys:
            self.existing[kind] += 1
            return True
        keys.add(key)
        return False

    def _active_grid_id(self, grid: GridPlan) -> UUID | None:
        grid_id = self._known.grid_ids[self._known.division_ids[grid.community_code], grid.name]
        # A grid retired since an earlier run keeps what it had and gets nothing new.
        return None if grid_id in self._known.retired_grids else grid_id
