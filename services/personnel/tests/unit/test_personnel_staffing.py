"""Staffing report: which grids have their "1+1+1+N" team, per grid and per community."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

import pytest

from personnel.domain import (
    DivisionStaffing,
    GridAssignment,
    GridRole,
    GridStatus,
    GridView,
    staffing_report,
)

R = GridRole
MakeGrid = Callable[..., GridView]
ON = date(2026, 7, 1)
COMMUNITY_A = UUID("00000000-0000-0000-0000-0000000000a1")
COMMUNITY_B = UUID("00000000-0000-0000-0000-0000000000b1")


def _serving(
    grid: GridView,
    role: GridRole,
    person_id: UUID | None = None,
    *,
    starts_on: date = date(2025, 1, 1),
    ends_on: date | None = None,
) -> GridAssignment:
    """An assignment as loaded from storage (the rules were checked when it started)."""
    return GridAssignment(
        id=uuid4(),
        person_id=person_id or uuid4(),
        grid_id=grid.grid_id,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def _core_team(grid: GridView) -> list[GridAssignment]:
    return [
        _serving(grid, R.GRID_LEADER),
        _serving(grid, R.GRID_INSTRUCTOR),
        _serving(grid, R.FULL_TIME_WORKER),
    ]


def test_a_leader_an_instructor_and_a_full_time_worker_make_a_complete_team(
    grid: GridView,
) -> None:
    leader, instructor, worker = _core_team(grid)
    staffing = staffing_report([grid], [leader, instructor, worker], on=ON).grid(grid.grid_id)
    assert (staffing.leader_id, staffing.instructor_id, staffing.full_time_worker_id) == (
        leader.person_id,
        instructor.person_id,
        worker.person_id,
    )
    assert staffing.grid_worker_count == 0
    assert staffing.complete
    assert staffing.missing == ()


def test_grid_workers_and_party_instructors_are_counted(grid: GridView) -> None:
    workers = [_serving(grid, R.GRID_WORKER, starts_on=date(2025, 1, day)) for day in (4, 3, 2, 1)]
    party_instructor = _serving(grid, R.PARTY_INSTRUCTOR)
    staffing = staffing_report([grid], [*workers, party_instructor], on=ON).grid(grid.grid_id)
    assert staffing.grid_worker_count == 4
    assert staffing.grid_worker_ids == tuple(w.person_id for w in reversed(workers))  # by start
    assert staffing.has_party_instructor
    assert staffing.party_instructor_ids == (party_instructor.person_id,)


def test_missing_roles_are_named_in_team_order(grid: GridView) -> None:
    staffing = staffing_report(
        [grid], [_serving(grid, R.GRID_INSTRUCTOR), _serving(grid, R.GRID_WORKER)], on=ON
    ).grid(grid.grid_id)
    assert staffing.missing == (R.GRID_LEADER, R.FULL_TIME_WORKER)
    assert not staffing.complete
    assert (staffing.has_leader, staffing.has_instructor, staffing.has_full_time_worker) == (
        False,
        True,
        False,
    )
    assert not staffing.has_party_instructor


def test_a_party_instructor_is_not_needed_for_a_complete_team(grid: GridView) -> None:
    staffing = staffing_report([grid], _core_team(grid), on=ON).grid(grid.grid_id)
    assert staffing.complete
    assert not staffing.has_party_instructor


def test_only_assignments_held_on_the_day_count(grid: GridView) -> None:
    ended = _serving(grid, R.GRID_LEADER, ends_on=ON)
    future = _serving(grid, R.GRID_INSTRUCTOR, starts_on=date(2026, 7, 2))
    current = _serving(grid, R.FULL_TIME_WORKER, starts_on=ON, ends_on=date(2026, 7, 2))
    staffing = staffing_report([grid], [ended, future, current], on=ON).grid(grid.grid_id)
    assert staffing.missing == (R.GRID_LEADER, R.GRID_INSTRUCTOR)
    assert staffing.full_time_worker_id == current.person_id


def test_retired_grids_and_unknown_grids_are_left_out(grid: GridView, make_grid: MakeGrid) -> None:
    retired = make_grid(code="370112001001009", status=GridStatus.RETIRED)
    unknown = make_grid(code="370112001001010")
    report = staffing_report([grid, retired], [_serving(unknown, R.GRID_LEADER)], on=ON)
    assert [g.grid_id for g in report.grids] == [grid.grid_id]
    assert not report.grid(grid.grid_id).has_leader


def test_totals_per_community_give_the_complete_count_and_rate(make_grid: MakeGrid) -> None:
    a1 = make_grid(code="370112001001002", division_id=COMMUNITY_A)
    a2 = make_grid(code="370112001001001", division_id=COMMUNITY_A)
    b1 = make_grid(code="370112001002001", division_id=COMMUNITY_B)
    assignments = [*_core_team(a1), *_core_team(b1), _serving(a2, R.GRID_LEADER)]
    report = staffing_report([b1, a1, a2], assignments, on=ON)
    assert [g.code for g in report.grids] == [
        "370112001001001",
        "370112001001002",
        "370112001002001",
    ]
    assert report.divisions == (
        DivisionStaffing(division_id=COMMUNITY_A, grids=2, complete=1),
        DivisionStaffing(division_id=COMMUNITY_B, grids=1, complete=1),
    )
    assert [d.rate for d in report.divisions] == [0.5, 1.0]
    assert (report.total_grids, report.complete, report.on) == (3, 2, ON)
    assert report.rate == pytest.approx(2 / 3)


def test_an_empty_report_has_a_rate_of_zero() -> None:
    report = staffing_report([], [], on=ON)
    assert (report.total_grids, report.complete, report.rate, report.divisions) == (0, 0, 0.0, ())
    assert DivisionStaffing(division_id=COMMUNITY_A, grids=0, complete=0).rate == 0.0


def test_of_two_overlapping_leaders_the_earlier_counts(grid: GridView) -> None:
    earlier = _serving(grid, R.GRID_LEADER, starts_on=date(2024, 1, 1))
    later = _serving(grid, R.GRID_LEADER, starts_on=date(2025, 1, 1))
    staffing = staffing_report([grid], [later, earlier], on=ON).grid(grid.grid_id)
    assert staffing.leader_id == earlier.person_id
