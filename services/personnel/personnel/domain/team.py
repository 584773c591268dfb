"""Staffing of grid teams: is every grid's "1+1+1+N" team in place (网格力量配备)?"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from personnel.domain.assignment import GridAssignment
from personnel.domain.grid_view import GridView
from personnel.domain.kinds import GridRole
from personnel.domain.person_record import PersonRecord

__all__ = [
    "REQUIRED_ROLES",
    "DivisionStaffing",
    "GridStaffing",
    "GridTeam",
    "StaffingReport",
    "staffing_report",
]

REQUIRED_ROLES = (GridRole.GRID_LEADER, GridRole.GRID_INSTRUCTOR, GridRole.FULL_TIME_WORKER)
"""The "1+1+1" every grid needs: a leader, an instructor and a full-time worker."""


@dataclass(frozen=True, kw_only=True)
class GridStaffing:
    """Who serves on one grid's team on the report's day."""

    grid_id: UUID
    code: str
    name: str
    division_id: UUID
    leader_id: UUID | None
    instructor_id: UUID | None
    full_time_worker_id: UUID | None
    grid_worker_ids: tuple[UUID, ...]
    party_instructor_ids: tuple[UUID, ...]

    @property
    def has_leader(self) -> bool:
        """Whether a grid leader (网格长) serves."""
        return self.leader_id is not None

    @property
    def has_instructor(self) -> bool:
        """Whether a grid instructor (网格指导员) serves."""
        return self.instructor_id is not None

    @property
    def has_full_time_worker(self) -> bool:
        """Whether a full-time grid worker (专职网格员) serves."""
        return self.full_time_worker_id is not None

    @property
    def grid_worker_count(self) -> int:
        """How many grid workers (网格员) serve: the "N"."""
        return len(self.grid_worker_ids)

    @property
    def has_party_instructor(self) -> bool:
        """Whether a party-building instructor (党建指导员) serves (not part of "1+1+1+N")."""
        return bool(self.party_instructor_ids)

    @property
    def missing(self) -> tuple[GridRole, ...]:
        """Which of leader, instructor and full-time worker the team lacks."""
        present = {
            GridRole.GRID_LEADER: self.has_leader,
            GridRole.GRID_INSTRUCTOR: self.has_instructor,
            GridRole.FULL_TIME_WORKER: self.has_full_time_worker,
        }
        return tuple(role for role in REQUIRED_ROLES if not present[role])

    @property
    def complete(self) -> bool:
        """Whether the team is "1+1+1+N": one leader, one instructor, one full-time worker.

        N, the number of grid workers, may be 0: a team without grid workers is complete.
        """
        return not self.missing


@dataclass(frozen=True, kw_only=True)
class DivisionStaffing:
    """How many of a community's (or village's) grids have a complete team."""

    division_id: UUID
    grids: int
    complete: int

    @property
    def rate(self) -> float:
        """Share of the division's grids with a complete team (0 to 1)."""
        return self.complete / self.grids if self.grids else 0.0


@dataclass(frozen=True, kw_only=True)
class StaffingReport:
    """Team staffing of the active grids on one day."""

    on: date
    grids: tuple[GridStaffing, ...]
    """One entry per active grid, by code."""
    divisions: tuple[DivisionStaffing, ...]
    """One entry per division holding grids, in the order of their grids' codes."""

    @property
    def total_grids(self) -> int:
        """How many active grids the report covers."""
        return len(self.grids)

    @property
    def complete(self) -> int:
        """How many of them have a complete team."""
        return sum(1 for g in self.grids if g.complete)

    @property
    def rate(self) -> float:
        """Share of grids with a complete team (0 when there are no grids)."""
        return self.complete / self.total_grids if self.grids else 0.0

    def grid(self, grid_id: UUID) -> GridStaffing:
        """The entry for one grid."""
        return next(g for g in self.grids if g.grid_id == grid_id)


def serving_on(team: Iterable[GridAssignment], day: date) -> list[GridAssignment]:
    """The assignments in force on ``day``: earliest first, then by role and person."""
    return sorted(
        (a for a in team if a.is_active_on(day)),
        key=lambda a: (a.starts_on, a.role.value, str(a.person_id)),
    )


def holder(serving: Iterable[GridAssignment], role: GridRole) -> UUID | None:
    """Who holds ``role`` among ``serving``: should two hold a one-holder role, the earlier."""
    return next((a.person_id for a in serving if a.role is role), None)


def staffing_report(
    grids: Iterable[GridView], assignments: Iterable[GridAssignment], *, on: date
) -> StaffingReport:
    """Who serves on each active grid on ``on``, and how many teams are complete.

    Retired grids are left out, and so are assignments of grids not given.
    Should a grid have two holders of a one-holder role, the earlier one counts.
    """
    active = sorted((g for g in grids if g.is_active), key=lambda g: g.code)
    teams: dict[UUID, list[GridAssignment]] = {g.grid_id: [] for g in active}
    for assignment in assignments:
        if assignment.grid_id in teams:
            teams[assignment.grid_id].append(assignment)
    staffed = tuple(_staffing(grid, serving_on(teams[grid.grid_id], on)) for grid in active)
    return StaffingReport(on=on, grids=staffed, divisions=_by_division(staffed))


def _staffing(grid: GridView, team: list[GridAssignment]) -> GridStaffing:
    def holders(role: GridRole) -> tuple[UUID, ...]:
        return tuple(dict.fromkeys(a.person_id for a in team if a.role is role))

    return GridStaffing(
        grid_id=grid.grid_id,
        code=grid.code,
        name=grid.name,
        division_id=grid.division_id,
        leader_id=holder(team, GridRole.GRID_LEADER),
        instructor_id=holder(team, GridRole.GRID_INSTRUCTOR),
        full_time_worker_id=holder(team, GridRole.FULL_TIME_WORKER),
        grid_worker_ids=holders(GridRole.GRID_WORKER),
        party_instructor_ids=holders(GridRole.PARTY_INSTRUCTOR),
    )


def _by_division(staffed: tuple[GridStaffing, ...]) -> tuple[DivisionStaffing, ...]:
    totals: dict[UUID, list[int]] = {}
    for grid in staffed:  # grids come by code, so divisions come in code order too
        counts = totals.setdefault(grid.division_id, [0, 0])
        counts[0] += 1
        counts[1] += grid.complete
    return tuple(
        DivisionStaffing(division_id=division_id, grids=count, complete=complete)
        for division_id, (count, complete) in totals.items()
    )


@dataclass(frozen=True, kw_only=True)
class GridTeam:
    """One grid's team on a day, with the people on it: what a grid's team fields show."""

    grid_id: UUID
    serving: tuple[GridAssignment, ...] = ()
    """The assignments in force, in :func:`serving_on`'s order."""
    people: Mapping[UUID, PersonRecord] = field(default_factory=dict)
    """Everyone ``serving`` names (people on record are never deleted)."""

    @classmethod
    def on(
        cls,
        grid_id: UUID,
        assignments: Iterable[GridAssignment],
        people: Mapping[UUID, PersonRecord],
        day: date,
    ) -> GridTeam:
        """The team of ``grid_id`` on ``day``, from any of its assignments."""
        return cls(grid_id=grid_id, serving=tuple(serving_on(assignments, day)), people=people)

    def member(self, assignment: GridAssignment) -> PersonRecord:
        """Who holds ``assignment``."""
        return self.people[assignment.person_id]

    def holder(self, role: GridRole) -> PersonRecord | None:
        """Who holds ``role`` (the earlier of two, should a one-holder role have two)."""
        person_id = holder(self.serving, role)
        return None if person_id is None else self.people[person_id]
