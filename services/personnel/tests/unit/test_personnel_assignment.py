"""Grid assignments: who may take which role on a grid's team, and when it ends."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from uuid import UUID, uuid4

import pytest

from personnel.domain import (
    AssignmentAlreadyEnded,
    AssignmentDuplicate,
    AssignmentEnded,
    AssignmentRoleTaken,
    AssignmentStarted,
    FullTimeWorkerNotAMember,
    GridAssignment,
    GridNotFound,
    GridRetiredError,
    GridRole,
    GridStatus,
    GridView,
    InvalidDate,
    InvalidText,
    MembershipStatus,
    check_new_assignment,
    end_full_time_work_of_non_member,
)

R = GridRole
MakeGrid = Callable[..., GridView]
ZHANG = UUID("00000000-0000-0000-0000-000000000001")
LI = UUID("00000000-0000-0000-0000-000000000002")


def _start(
    grid: GridView | None,
    role: GridRole,
    *,
    person_id: UUID | None = None,
    team: Sequence[GridAssignment] = (),
    on: date = date(2026, 7, 1),
    membership_status: MembershipStatus | None = MembershipStatus.FULL,
    names: dict[UUID, str] | None = None,
    grid_id: UUID | None = None,
) -> GridAssignment:
    assignment = GridAssignment.start(
        id=uuid4(),
        person_id=person_id or uuid4(),
        role=role,
        grid_id=grid_id or (grid.grid_id if grid else uuid4()),
        grid=grid,
        starts_on=on,
        team=team,
        membership_status=membership_status,
        names=names,
    )
    assignment.take_events()
    return assignment


def test_starting_an_assignment_records_it(grid: GridView) -> None:
    assignment_id = uuid4()
    assignment = GridAssignment.start(
        id=assignment_id,
        person_id=ZHANG,
        role=R.GRID_LEADER,
        grid_id=grid.grid_id,
        grid=grid,
        starts_on=date(2026, 7, 1),
        team=[],
        membership_status=None,
    )
    [recorded] = assignment.take_events()
    assert recorded.aggregate_type == "assignment"
    assert recorded.event == AssignmentStarted(
        assignment_id=assignment_id,
        person_id=ZHANG,
        grid_id=grid.grid_id,
        role=R.GRID_LEADER,
        starts_on=date(2026, 7, 1),
        ends_on=None,
    )


def test_an_unknown_grid_is_refused() -> None:
    grid_id = uuid4()
    with pytest.raises(GridNotFound) as refused:
        _start(None, R.GRID_WORKER, grid_id=grid_id)
    assert refused.value.code == "GRID_NOT_FOUND"
    assert refused.value.message == f"Grid {grid_id} does not exist"


def test_no_one_is_assigned_to_a_retired_grid(make_grid: MakeGrid) -> None:
    retired = make_grid(code="370112001001002", name="第二网格", status=GridStatus.RETIRED)
    with pytest.raises(GridRetiredError) as refused:
        _start(retired, R.GRID_WORKER)
    assert refused.value.code == "GRID_RETIRED"
    assert refused.value.message == (
        "Grid 370112001001002 (第二网格) is retired; no one can be given a role on it"
    )


@pytest.mark.parametrize("role", [R.GRID_LEADER, R.GRID_INSTRUCTOR, R.FULL_TIME_WORKER])
def test_a_grid_has_one_leader_instructor_and_full_time_worker_at_a_time(
    grid: GridView, role: GridRole
) -> None:
    holder = _start(grid, role, person_id=ZHANG, on=date(2025, 1, 1))
    with pytest.raises(AssignmentRoleTaken) as refused:
        _start(grid, role, person_id=LI, team=[holder])
    assert refused.value.code == "ASSIGNMENT_ROLE_TAKEN"
    assert refused.value.details == {
        "role": role.value,
        "holder_id": str(ZHANG),
        "assignment_id": str(holder.id),
    }


def test_the_role_taken_message_names_the_holder(grid: GridView) -> None:
    holder = _start(grid, R.GRID_LEADER, person_id=ZHANG, on=date(2025, 1, 1))
    with pytest.raises(AssignmentRoleTaken) as refused:
        _start(grid, R.GRID_LEADER, person_id=LI, team=[holder], names={ZHANG: "张伟", LI: "李娜"})
    assert refused.value.message == (
        "Grid 370112001001001 (第一网格) already has a grid leader (网格长): 张伟, "
        "from 2025-01-01; end that assignment first"
    )


def test_without_a_name_the_holder_is_named_by_id(grid: GridView) -> None:
    holder = _start(grid, R.GRID_INSTRUCTOR, person_id=ZHANG, on=date(2025, 1, 1))
    with pytest.raises(AssignmentRoleTaken) as refused:
        _start(grid, R.GRID_INSTRUCTOR, person_id=LI, team=[holder])
    assert f": person {ZHANG}, from 2025-01-01" in refused.value.message


def test_a_successor_can_start_the_day_the_predecessor_stops(grid: GridView) -> None:
    holder = _start(grid, R.GRID_LEADER, person_id=ZHANG, on=date(2025, 1, 1))
    holder.end(on=date(2026, 7, 1), reason="调任街道工作")
    with pytest.raises(AssignmentRoleTaken):
        _start(grid, R.GRID_LEADER, person_id=LI, team=[holder], on=date(2026, 6, 30))
    successor = _start(grid, R.GRID_LEADER, person_id=LI, team=[holder], on=date(2026, 7, 1))
    assert successor.is_active_on(date(2026, 7, 1))


def test_a_holder_due_to_start_later_already_takes_the_role(grid: GridView) -> None:
    holder = _start(grid, R.GRID_LEADER, person_id=ZHANG, on=date(2026, 9, 1))
    with pytest.raises(AssignmentRoleTaken):
        _start(grid, R.GRID_LEADER, person_id=LI, team=[holder], on=date(2026, 7, 1))


def test_a_leader_of_another_grid_does_not_count(grid: GridView, make_grid: MakeGrid) -> None:
    other = make_grid(code="370112001001002", name="第二网格")
    elsewhere = _start(other, R.GRID_LEADER, person_id=ZHANG)
    assert _start(grid, R.GRID_LEADER, person_id=LI, team=[elsewhere]).role is R.GRID_LEADER


@pytest.mark.parametrize("role", [R.GRID_WORKER, R.PARTY_INSTRUCTOR])
def test_a_grid_has_any_number_of_grid_workers_and_party_instructors(
    grid: GridView, role: GridRole
) -> None:
    team: list[GridAssignment] = []
    for _ in range(3):
        team.append(_start(grid, role, team=team))
    assert len(team) == 3


@pytest.mark.parametrize("role", list(R))
def test_the_same_person_is_not_given_the_same_role_on_the_same_grid_twice(
    grid: GridView, role: GridRole
) -> None:
    first = _start(grid, role, person_id=ZHANG)
    with pytest.raises(AssignmentDuplicate) as refused:
        _start(grid, role, person_id=ZHANG, team=[first], names={ZHANG: "张伟"})
    assert refused.value.code == "ASSIGNMENT_DUPLICATE"
    assert (
        refused.value.message == f"张伟 is already {role.label} of grid 370112001001001 (第一网格)"
    )


def test_the_same_person_may_take_a_role_again_after_it_ended(grid: GridView) -> None:
    first = _start(grid, R.GRID_WORKER, person_id=ZHANG, on=date(2024, 1, 1))
    first.end(on=date(2025, 1, 1), reason="外出务工")
    again = _start(grid, R.GRID_WORKER, person_id=ZHANG, team=[first], on=date(2026, 1, 1))
    assert again.person_id == ZHANG


def test_the_same_person_may_hold_two_roles_on_a_grid(grid: GridView) -> None:
    leader = _start(grid, R.GRID_LEADER, person_id=ZHANG)
    worker = _start(grid, R.GRID_WORKER, person_id=ZHANG, team=[leader])
    assert worker.role is R.GRID_WORKER


@pytest.mark.parametrize(
    "status",
    [
        MembershipStatus.APPLICANT,
        MembershipStatus.ACTIVIST,
        MembershipStatus.DEVELOPMENT_TARGET,
        MembershipStatus.PROBATION_CANCELLED,
        MembershipStatus.LEFT,
        MembershipStatus.EXPELLED,
    ],
)
def test_the_full_time_worker_must_be_a_party_member(
    grid: GridView, status: MembershipStatus
) -> None:
    with pytest.raises(FullTimeWorkerNotAMember) as refused:
        _start(
            grid,
            R.FULL_TIME_WORKER,
            person_id=ZHANG,
            membership_status=status,
            names={ZHANG: "张伟"},
        )
    assert refused.value.code == "FULL_TIME_WORKER_NOT_A_MEMBER"
    assert refused.value.message == (
        "A full-time grid worker (专职网格员) must be a probationary or full party member; "
        f"张伟 is {status.label}"
    )


def test_someone_without_a_membership_record_is_not_a_full_time_worker(grid: GridView) -> None:
    with pytest.raises(FullTimeWorkerNotAMember) as refused:
        _start(
            grid, R.FULL_TIME_WORKER, person_id=ZHANG, membership_status=None, names={ZHANG: "张伟"}
        )
    assert refused.value.message.endswith("张伟 has no party membership record")


@pytest.mark.parametrize(
    "status",
    [MembershipStatus.PROBATIONARY, MembershipStatus.PROBATION_EXTENDED, MembershipStatus.FULL],
)
def test_a_probationary_or_full_member_can_be_the_full_time_worker(
    grid: GridView, status: MembershipStatus
) -> None:
    assert _start(grid, R.FULL_TIME_WORKER, membership_status=status).role is R.FULL_TIME_WORKER


@pytest.mark.parametrize("role", [R.GRID_LEADER, R.GRID_INSTRUCTOR, R.GRID_WORKER])
def test_other_roles_need_no_party_membership(grid: GridView, role: GridRole) -> None:
    assert _start(grid, role, membership_status=None).role is role


def test_the_check_alone_returns_the_grid(grid: GridView) -> None:
    assert (
        check_new_assignment(
            person_id=ZHANG,
            role=R.GRID_WORKER,
            grid_id=grid.grid_id,
            grid=grid,
            team=[],
            membership_status=None,
            on=date(2026, 7, 1),
        )
        == grid
    )


def test_ending_an_assignment_records_the_day_and_reason(grid: GridView) -> None:
    assignment = _start(grid, R.GRID_WORKER, person_id=ZHANG, on=date(2025, 1, 1))
    event = assignment.end(on=date(2026, 7, 1), reason=" 调任街道工作 ")
    assert event == AssignmentEnded(
        assignment_id=assignment.id,
        person_id=ZHANG,
        grid_id=grid.grid_id,
        role=R.GRID_WORKER,
        starts_on=date(2025, 1, 1),
        ends_on=date(2026, 7, 1),
        end_reason="调任街道工作",
    )
    assert [r.event for r in assignment.take_events()] == [event]
    assert assignment.is_ended
    assert assignment.is_active_on(date(2026, 6, 30))
    assert not assignment.is_active_on(date(2026, 7, 1))


def test_an_assignment_is_not_active_before_it_starts(grid: GridView) -> None:
    assignment = _start(grid, R.GRID_WORKER, on=date(2026, 7, 1))
    assert not assignment.is_active_on(date(2026, 6, 30))
    assert assignment.is_active_on(date(2030, 1, 1))


def test_an_assignment_ends_once(grid: GridView) -> None:
    assignment = _start(grid, R.GRID_WORKER, on=date(2025, 1, 1))
    assignment.end(on=date(2026, 1, 1), reason="辞职")
    with pytest.raises(AssignmentAlreadyEnded) as refused:
        assignment.end(on=date(2026, 2, 1), reason="辞职")
    assert refused.value.code == "ASSIGNMENT_ALREADY_ENDED"
    assert (
        refused.value.message == "This grid worker (网格员) assignment already ended on 2026-01-01"
    )


def test_an_assignment_cannot_end_before_it_starts(grid: GridView) -> None:
    assignment = _start(grid, R.GRID_WORKER, on=date(2026, 7, 1))
    with pytest.raises(InvalidDate) as refused:
        assignment.end(on=date(2026, 6, 30), reason="录入错误")
    assert refused.value.message == (
        "The assignment started on 2026-07-01; it cannot end on 2026-06-30, before that"
    )
    assert not assignment.is_ended


def test_an_assignment_ends_with_a_reason(grid: GridView) -> None:
    assignment = _start(grid, R.GRID_WORKER, on=date(2026, 7, 1))
    with pytest.raises(InvalidText):
        assignment.end(on=date(2026, 8, 1), reason="  ")
    assert assignment.ends_on is None


@pytest.mark.parametrize(
    "status",
    [MembershipStatus.LEFT, MembershipStatus.EXPELLED, MembershipStatus.PROBATION_CANCELLED],
)
def test_a_full_time_worker_who_stops_being_a_member_loses_only_that_role(
    grid: GridView, status: MembershipStatus
) -> None:
    worker = _start(grid, R.FULL_TIME_WORKER, person_id=ZHANG)
    also_grid_worker = _start(grid, R.GRID_WORKER, person_id=ZHANG)

    ended = end_full_time_work_of_non_member(
        [worker, also_grid_worker], status=status, on=date(2026, 9, 1)
    )

    assert ended == [worker]
    assert worker.ends_on == date(2026, 9, 1)
    assert worker.end_reason is not None
    assert "party member" in worker.end_reason
    assert [type(e.event) for e in worker.take_events()] == [AssignmentEnded]
    assert also_grid_worker.ends_on is None


def test_a_member_keeps_the_full_time_role() -> None:
    grid_id = uuid4()
    worker = GridAssignment(
        id=uuid4(),
        person_id=ZHANG,
        grid_id=grid_id,
        role=R.FULL_TIME_WORKER,
        starts_on=date(2026, 1, 1),
    )
    for status in (MembershipStatus.FULL, MembershipStatus.PROBATIONARY):
        assert end_full_time_work_of_non_member([worker], status=status, on=date(2026, 9, 1)) == []
    assert worker.ends_on is None


def test_a_full_time_role_not_begun_yet_ends_as_it_starts(grid: GridView) -> None:
    worker = _start(grid, R.FULL_TIME_WORKER, on=date(2026, 10, 1))

    end_full_time_work_of_non_member([worker], status=MembershipStatus.LEFT, on=date(2026, 9, 1))

    assert worker.ends_on == date(2026, 10, 1)
    assert not worker.is_active_on(date(2026, 10, 1))


def test_an_ended_full_time_role_is_left_as_it_is(grid: GridView) -> None:
    worker = _start(grid, R.FULL_TIME_WORKER)
    worker.end(on=date(2026, 8, 1), reason="调任")

    ended = end_full_time_work_of_non_member(
        [worker], status=MembershipStatus.LEFT, on=date(2026, 9, 1)
    )

    assert ended == []
    assert worker.ends_on == date(2026, 8, 1)
