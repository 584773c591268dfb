"""Grid teams ("1+1+1+N") in GraphQL: assignments, the Grid's team, the staffing report."""

from __future__ import annotations

from datetime import date
from typing import Any, Self
from uuid import UUID

import strawberry

from gridkit.graphql.idempotency import ClientMutationId
from gridkit.graphql.ids import parse_id, representation_ids
from gridkit.graphql.selection import selects_only
from gridkit.idempotency import apply_once
from personnel.commands.teams import AssignToGrid, EndAssignment
from personnel.domain.assignment import GridAssignment as AssignmentModel
from personnel.domain.person_record import PersonRecord
from personnel.domain.team import DivisionStaffing, GridStaffing, GridTeam
from personnel.domain.team import StaffingReport as ReportModel
from personnel.handlers import teams
from personnel.schema.context import Info
from personnel.schema.enums import GridRole
from personnel.schema.people import Person, Reveal, load_person, reveal_for


@strawberry.type(description="A person's role on a grid's team.")
class GridAssignment:
    id: strawberry.ID
    role: GridRole = strawberry.field(description="The role.")
    starts_on: date = strawberry.field(description="First day in the role.")
    ends_on: date | None = strawberry.field(description="First day no longer in the role.")
    end_reason: str | None = strawberry.field(description="Why it ended.")
    assignment: strawberry.Private[AssignmentModel]
    holder: strawberry.Private[PersonRecord]
    reveal: strawberry.Private[Reveal | None]

    @classmethod
    def of(cls, assignment: AssignmentModel, holder: PersonRecord, reveal: Reveal | None) -> Self:
        """The GraphQL view of an assignment held by ``holder``."""
        return cls(
            id=strawberry.ID(str(assignment.id)),
            role=assignment.role,
            starts_on=assignment.starts_on,
            ends_on=assignment.ends_on,
            end_reason=assignment.end_reason,
            assignment=assignment,
            holder=holder,
            reveal=reveal,
        )

    @classmethod
    async def load(cls, info: Info, assignment: AssignmentModel) -> Self:
        """The view of an assignment, with its holder loaded (batched)."""
        holder = await load_person(info, assignment.person_id)
        return cls.of(assignment, holder.record, holder.reveal)

    @strawberry.field(description="Who holds the role.")
    def person(self) -> Person:
        return Person.with_reveal(self.reveal, self.holder)

    @strawberry.field(description="The grid, with its team today (other fields from org).")
    async def grid(self, info: Info) -> Grid:
        grid_id = self.assignment.grid_id
        if selects_only(info, _GRID_KEY):  # the gateway's join: no team is asked for
            return Grid.of(None, GridTeam(grid_id=grid_id))
        return Grid.of(reveal_for(info), await info.context.grid_teams.load(grid_id))


_GRID_KEY = ("id", "__typename")


@strawberry.federation.type(keys=["id"], description="A grid, with its team from personnel.")
class Grid:
    id: strawberry.ID
    team: strawberry.Private[GridTeam]
    reveal: strawberry.Private[Reveal | None]

    @classmethod
    def of(cls, reveal: Reveal | None, team: GridTeam) -> Self:
        """The grid's view of its team today; ``reveal`` reads its people's full numbers."""
        return cls(id=strawberry.ID(str(team.grid_id)), team=team, reveal=reveal)

    @classmethod
    async def resolve_references(
        cls, info: Info, representations: list[dict[str, Any]]
    ) -> list[Self | Exception]:
        """Entity lookup for the gateway: any grid id (its team may be empty), every team of
        the request loaded at once with its people."""
        ids = representation_ids(representations)
        known = [i for i in ids if isinstance(i, UUID)]
        teams = dict(zip(known, await info.context.grid_teams.load_many(known), strict=True))
        reveal = reveal_for(info)
        return [i if isinstance(i, Exception) else cls.of(reveal, teams[i]) for i in ids]

    def _person(self, person: PersonRecord | None) -> Person | None:
        return None if person is None else Person.with_reveal(self.reveal, person)

    @strawberry.field(description="Everyone serving on the grid's team today.")
    def staff(self) -> list[GridAssignment]:
        team = self.team
        return [GridAssignment.of(a, team.member(a), self.reveal) for a in team.serving]

    @strawberry.field(description="The grid leader (网格长).")
    def leader(self) -> Person | None:
        return self._person(self.team.holder(GridRole.GRID_LEADER))

    @strawberry.field(description="The grid instructor (网格指导员).")
    def instructor(self) -> Person | None:
        return self._person(self.team.holder(GridRole.GRID_INSTRUCTOR))

    @strawberry.field(description="The full-time grid worker (专职网格员), a party member.")
    def full_time_worker(self) -> Person | None:
        return self._person(self.team.holder(GridRole.FULL_TIME_WORKER))

    @strawberry.field(description="The party-building instructor (党建指导员).")
    def party_instructor(self) -> Person | None:
        return self._person(self.team.holder(GridRole.PARTY_INSTRUCTOR))


@strawberry.type(description="One grid's team on the report's day.")
class GridStaffingLine:
    grid_id: strawberry.ID = strawberry.field(description="The grid.")
    code: str = strawberry.field(description="Its 15-digit code.")
    name: str = strawberry.field(description="Its name.")
    complete: bool = strawberry.field(description="Leader, instructor and full-time worker serve.")
    missing: list[GridRole] = strawberry.field(description="The roles of 1+1+1 it lacks.")
    grid_workers: int = strawberry.field(description="How many grid workers (the N) serve.")
    has_party_instructor: bool = strawberry.field(description="A party-building instructor serves.")

    @classmethod
    def from_domain(cls, grid: GridStaffing) -> Self:
        """The GraphQL view of one grid's staffing."""
        return cls(
            grid_id=strawberry.ID(str(grid.grid_id)),
            code=grid.code,
            name=grid.name,
            complete=grid.complete,
            missing=list(grid.missing),
            grid_workers=grid.grid_worker_count,
            has_party_instructor=grid.has_party_instructor,
        )


@strawberry.type(description="Complete teams among one community's (or village's) grids.")
class DivisionStaffingLine:
    division_id: strawberry.ID = strawberry.field(description="The community or village.")
    grids: int = strawberry.field(description="Its active grids.")
    complete: int = strawberry.field(description="Those with a complete team.")
    rate: float = strawberry.field(description="complete / grids.")

    @classmethod
    def from_domain(cls, division: DivisionStaffing) -> Self:
        """The GraphQL view of one community's or village's staffing."""
        return cls(
            division_id=strawberry.ID(str(division.division_id)),
            grids=division.grids,
            complete=division.complete,
            rate=division.rate,
        )


@strawberry.type(description="How many grids have a complete 1+1+1+N team, and what is missing.")
class StaffingReport:
    on: date = strawberry.field(description="The day the report describes.")
    total_grids: int = strawberry.field(description="Active grids counted.")
    complete: int = strawberry.field(
        description="Grids with leader, instructor and full-time worker."
    )
    rate: float = strawberry.field(description="complete / totalGrids.")
    incomplete_grid_codes: list[str] = strawberry.field(description="Grids missing a role.")
    grids: list[GridStaffingLine] = strawberry.field(description="Every active grid, by code.")
    divisions: list[DivisionStaffingLine] = strawberry.field(
        description="Per community or village, in the order of their grids' codes."
    )

    @classmethod
    def from_domain(cls, report: ReportModel) -> Self:
        """The GraphQL view of a staffing report."""
        return cls(
            on=report.on,
            total_grids=report.total_grids,
            complete=report.complete,
            rate=report.rate,
            incomplete_grid_codes=[g.code for g in report.grids if not g.complete],
            grids=[GridStaffingLine.from_domain(g) for g in report.grids],
            divisions=[DivisionStaffingLine.from_domain(d) for d in report.divisions],
        )


@strawberry.type
class TeamQuery:
    @strawberry.field(description="Team staffing of the grids under a division code (all without).")
    async def staffing_report(
        self, info: Info, division_code: str | None = None, on: date | None = None
    ) -> StaffingReport:
        report = await info.context.team_reads.staffing(division_code, on or info.context.today)
        return StaffingReport.from_domain(report)


def _assign_to_grid(
    person_id: strawberry.ID, grid_id: strawberry.ID, role: GridRole, starts_on: date
) -> AssignToGrid:
    """The command assignToGrid's arguments ask for."""
    return AssignToGrid(
        person_id=parse_id(person_id, what="personId"),
        grid_id=parse_id(grid_id, what="gridId"),
        role=role,
        starts_on=starts_on,
    )


def _end_assignment(id: strawberry.ID, on: date, reason: str) -> EndAssignment:
    """The command endAssignment's arguments ask for."""
    return EndAssignment(assignment_id=parse_id(id), on=on, reason=reason)


@strawberry.type
class TeamMutation:
    @strawberry.mutation(description="Give a person a role on a grid's team (1+1+1+N rules).")
    async def assign_to_grid(
        self,
        info: Info,
        person_id: strawberry.ID,
        grid_id: strawberry.ID,
        role: GridRole,
        starts_on: date,
        client_mutation_id: ClientMutationId = None,
    ) -> GridAssignment:
        context = info.context
        command = _assign_to_grid(person_id, grid_id, role, starts_on)
        key = context.idempotency_key("assignToGrid", command, client_mutation_id)
        assignment = await apply_once(
            lambda: teams.assign_to_grid(command, context.unit_of_work().once(key), context.caller),
            replay=context.team_reads.assignment,
        )
        return await GridAssignment.load(info, assignment)

    @strawberry.mutation(description="End a role on a grid's team.")
    async def end_assignment(
        self, info: Info, id: strawberry.ID, on: date, reason: str
    ) -> GridAssignment:
        context = info.context
        assignment = await teams.end_assignment(
            _end_assignment(id, on, reason), context.unit_of_work(), context.caller
        )
        return await GridAssignment.load(info, assignment)
