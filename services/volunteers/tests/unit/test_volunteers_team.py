"""Teams: one per grid from org's events, others by skill or unit; joining, approval, leaving."""

from __future__ import annotations

from uuid import UUID

import pytest
from volunteers_testing import GRID_ID, LEADER, STRANGER, at, volunteer

from volunteers.domain import (
    AlreadyInTeam,
    InvalidTeam,
    JoinRejected,
    JoinRequested,
    MemberJoined,
    MemberLeft,
    MembershipStatus,
    NoJoinRequest,
    NotATeamLeader,
    NotInTeam,
    TeamCreated,
    TeamKind,
    TeamLeaderAlreadyAppointed,
    TeamLeaderNotFound,
    TeamUpdated,
    VolunteerNotActive,
    VolunteerTeam,
)

M = MembershipStatus
TEAM_ID = UUID(int=300)
UNIT_ID = UUID(int=301)


def grid_team() -> VolunteerTeam:
    team = VolunteerTeam.for_grid(
        id=TEAM_ID,
        grid_id=GRID_ID,
        grid_code="370112001001-01",
        grid_name="香溢紫郡第一网格",
        at=at(0),
    )
    team.take_events()
    return team


def first_aid_team(*, approval_required: bool = True) -> VolunteerTeam:
    team = VolunteerTeam.form(
        id=TEAM_ID,
        name="历城区红十字应急救护志愿服务队",
        kind=TeamKind.SKILL,
        skill="first_aid",
        leader_ids=[LEADER],
        approval_required=approval_required,
        at=at(0),
        by=LEADER,
    )
    team.take_events()
    return team


# Forming


def test_a_grid_team_is_created_from_its_grid_named_after_it_and_open_to_all() -> None:
    team = VolunteerTeam.for_grid(
        id=TEAM_ID,
        grid_id=GRID_ID,
        grid_code="370112001001-01",
        grid_name="香溢紫郡第一网格",
        at=at(0),
    )
    assert (team.name, team.kind, team.grid_id) == (
        "香溢紫郡第一网格志愿服务队",
        TeamKind.GRID,
        GRID_ID,
    )
    assert (team.approval_required, team.leader_ids) == (False, ())
    [recorded] = team.take_events()
    assert recorded.aggregate_type == "team"
    assert recorded.event == TeamCreated(
        team_id=TEAM_ID,
        team_name="香溢紫郡第一网格志愿服务队",
        kind=TeamKind.GRID,
        grid_id=GRID_ID,
        at=at(0),
        by=None,
        grid_code="370112001001-01",
        skill=None,
        unit_id=None,
        approval_required=False,
        leader_ids=(),
    )


def test_a_grid_named_like_a_team_is_not_suffixed_twice() -> None:
    team = VolunteerTeam.for_grid(
        id=TEAM_ID, grid_id=GRID_ID, grid_code="G1", grid_name="花园志愿服务队", at=at(0)
    )
    assert team.name == "花园志愿服务队"


def test_a_grid_team_follows_its_grid_s_new_name() -> None:
    team = grid_team()
    event = team.follow_grid(grid_code="370112001001-01", grid_name="香溢紫郡东网格", at=at(1))
    assert isinstance(event, TeamUpdated)
    assert team.name == "香溢紫郡东网格志愿服务队"
    assert (
        team.follow_grid(grid_code="370112001001-01", grid_name="香溢紫郡东网格", at=at(2)) is None
    )
    assert len(team.take_events()) == 1


def test_only_a_grid_team_follows_a_grid() -> None:
    with pytest.raises(InvalidTeam):
        first_aid_team().follow_grid(grid_code="G1", grid_name="花园", at=at(1))


def test_a_skill_team_names_its_skill() -> None:
    team = first_aid_team()
    assert (team.kind, team.skill, team.leader_ids) == (TeamKind.SKILL, "FIRST_AID", (LEADER,))


def test_a_unit_team_names_its_unit() -> None:
    team = VolunteerTeam.form(
        id=TEAM_ID, name="历城区人民医院志愿服务队", kind=TeamKind.UNIT, unit_id=UNIT_ID, at=at(0)
    )
    assert (team.kind, team.unit_id, team.approval_required) == (TeamKind.UNIT, UNIT_ID, True)


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (TeamKind.GRID, {"grid_id": GRID_ID}),
        (TeamKind.SKILL, {}),
        (TeamKind.SKILL, {"skill": "FIRST_AID", "unit_id": UNIT_ID}),
        (TeamKind.UNIT, {}),
        (TeamKind.UNIT, {"unit_id": UNIT_ID, "skill": "FIRST_AID"}),
    ],
    ids=[
        "grid-by-hand",
        "skill-without-skill",
        "skill-with-unit",
        "unit-without-unit",
        "unit-with-skill",
    ],
)
def test_a_team_whose_kind_does_not_fit_what_it_names_is_refused(
    kind: TeamKind, fields: dict[str, object]
) -> None:
    with pytest.raises(InvalidTeam) as refused:
        VolunteerTeam.form(id=TEAM_ID, name="某志愿服务队", kind=kind, at=at(0), **fields)  # type: ignore[arg-type]
    assert refused.value.code == "TEAM_INVALID"


# Leaders (队长)


def test_leaders_are_appointed_and_removed() -> None:
    team = grid_team()
    team.appoint_leader(person_id=LEADER, at=at(1))
    assert team.is_leader(LEADER)
    team.remove_leader(person_id=LEADER, at=at(2))
    assert not team.is_leader(LEADER)
    assert len(team.take_events()) == 2


def test_a_leader_is_appointed_once() -> None:
    with pytest.raises(TeamLeaderAlreadyAppointed) as refused:
        first_aid_team().appoint_leader(person_id=LEADER, at=at(1))
    assert refused.value.code == "TEAM_ALREADY_LEADER"


def test_someone_who_does_not_lead_cannot_be_removed_as_leader() -> None:
    with pytest.raises(TeamLeaderNotFound) as refused:
        first_aid_team().remove_leader(person_id=STRANGER, at=at(1))
    assert refused.value.code == "TEAM_LEADER_NOT_FOUND"


# Joining


def test_a_team_that_takes_anyone_makes_the_volunteer_a_member_at_once() -> None:
    team, someone = grid_team(), volunteer(1)
    membership = team.request_to_join(volunteer=someone, at=at(1))
    assert (membership.status, membership.joined_at) == (M.ACTIVE, at(1))
    assert team.is_member(someone.id)
    [recorded] = team.take_events()
    assert isinstance(recorded.event, MemberJoined)
    assert (recorded.event.approved_by, recorded.event.person_id) == (None, someone.person_id)


def test_a_team_that_needs_approval_keeps_the_request_pending() -> None:
    team, someone = first_aid_team(), volunteer(1, skills=["FIRST_AID"])
    membership = team.request_to_join(volunteer=someone, at=at(1))
    assert membership.status is M.PENDING
    assert not team.is_member(someone.id)
    assert team.pending_requests == [membership]
    [recorded] = team.take_events()
    assert isinstance(recorded.event, JoinRequested)


def test_a_leader_approves_a_pending_request() -> None:
    team, someone = first_aid_team(), volunteer(1)
    team.request_to_join(volunteer=someone, at=at(1))
    membership = team.approve(volunteer_id=someone.id, by=LEADER, at=at(2))
    assert (membership.status, membership.decided_by, membership.joined_at) == (
        M.ACTIVE,
        LEADER,
        at(2),
    )
    assert team.members == [membership]
    events = [r.event for r in team.take_events()]
    assert isinstance(events[-1], MemberJoined)
    assert events[-1].approved_by == LEADER


def test_only_a_team_leader_approves_and_a_refusal_changes_nothing() -> None:
    team, someone = first_aid_team(), volunteer(1)
    team.request_to_join(volunteer=someone, at=at(1))
    version = team.version
    with pytest.raises(NotATeamLeader) as refused:
        team.approve(volunteer_id=someone.id, by=STRANGER, at=at(2))
    assert refused.value.code == "TEAM_NOT_LEADER"
    with pytest.raises(NotATeamLeader):
        team.reject(volunteer_id=someone.id, by=STRANGER, at=at(2))
    assert team.membership_of(someone.id).status is M.PENDING  # type: ignore[union-attr]
    assert team.version == version


def test_a_leader_rejects_a_request_and_the_volunteer_may_ask_again() -> None:
    team, someone = first_aid_team(), volunteer(1)
    team.request_to_join(volunteer=someone, at=at(1))
    rejected = team.reject(volunteer_id=someone.id, by=LEADER, reason="暂未取得急救证书", at=at(2))
    assert (rejected.status, rejected.rejection_reason) == (M.REJECTED, "暂未取得急救证书")
    again = team.request_to_join(volunteer=someone, at=at(3))
    assert (again.status, again.requested_at) == (M.PENDING, at(3))
    assert len(team.memberships) == 1
    assert [type(r.event) for r in team.take_events()] == [
        JoinRequested,
        JoinRejected,
        JoinRequested,
    ]


def test_there_is_nothing_to_approve_without_a_pending_request() -> None:
    team, someone = first_aid_team(approval_required=False), volunteer(1)
    with pytest.raises(NoJoinRequest) as refused:
        team.approve(volunteer_id=someone.id, by=LEADER, at=at(2))
    assert refused.value.code == "TEAM_NO_PENDING_REQUEST"
    team.request_to_join(volunteer=someone, at=at(1))
    with pytest.raises(NoJoinRequest):
        team.reject(volunteer_id=someone.id, by=LEADER, at=at(2))


@pytest.mark.parametrize("approval_required", [True, False], ids=["pending", "member"])
def test_a_volunteer_asks_to_join_once(approval_required: bool) -> None:
    team, someone = first_aid_team(approval_required=approval_required), volunteer(1)
    team.request_to_join(volunteer=someone, at=at(1))
    with pytest.raises(AlreadyInTeam) as refused:
        team.request_to_join(volunteer=someone, at=at(2))
    assert refused.value.code == "TEAM_ALREADY_MEMBER"


def test_a_suspended_volunteer_joins_no_team() -> None:
    someone = volunteer(1)
    someone.suspend(by=LEADER, reason="待核实", at=at(0))
    team = grid_team()
    with pytest.raises(VolunteerNotActive) as refused:
        team.request_to_join(volunteer=someone, at=at(1))
    assert refused.value.code == "VOLUNTEER_NOT_ACTIVE"
    assert team.memberships == []


def test_approval_stopping_to_be_required_leaves_pending_requests_to_a_leader() -> None:
    team, first, second = first_aid_team(), volunteer(1), volunteer(2)
    team.request_to_join(volunteer=first, at=at(1))
    team.revise(approval_required=False, at=at(2))
    assert team.membership_of(first.id).status is M.PENDING  # type: ignore[union-attr]
    assert team.request_to_join(volunteer=second, at=at(3)).status is M.ACTIVE


# Leaving


def test_a_member_leaves_and_may_come_back() -> None:
    team, someone = grid_team(), volunteer(1)
    team.request_to_join(volunteer=someone, at=at(1))
    left = team.leave(volunteer_id=someone.id, at=at(2))
    assert (left.status, left.left_at) == (M.LEFT, at(2))
    assert team.members == []
    assert team.request_to_join(volunteer=someone, at=at(3)).status is M.ACTIVE
    events = [r.event for r in team.take_events()]
    assert isinstance(events[1], MemberLeft)
    assert events[1].was is M.ACTIVE


def test_a_pending_request_is_withdrawn_by_leaving() -> None:
    team, someone = first_aid_team(), volunteer(1)
    team.request_to_join(volunteer=someone, at=at(1))
    assert team.leave(volunteer_id=someone.id, at=at(2)).status is M.LEFT
    assert team.pending_requests == []


def test_someone_who_is_not_in_the_team_cannot_leave_it() -> None:
    team, someone = grid_team(), volunteer(1)
    with pytest.raises(NotInTeam) as refused:
        team.leave(volunteer_id=someone.id, at=at(1))
    assert refused.value.code == "TEAM_NOT_MEMBER"
    team.request_to_join(volunteer=someone, at=at(1))
    team.leave(volunteer_id=someone.id, at=at(2))
    with pytest.raises(NotInTeam):
        team.leave(volunteer_id=someone.id, at=at(3))


# Certificates in the team's name


def test_a_leader_certifies_a_member_and_is_in_charge_of_the_certificate() -> None:
    team, member = first_aid_team(), volunteer(1)
    team.request_to_join(volunteer=member, at=at(1))
    team.approve(volunteer_id=member.id, by=LEADER, at=at(2))

    assert team.certifier(issuer=LEADER, volunteer_id=member.id, by_staff=False) == LEADER


def test_a_leader_does_not_certify_a_volunteer_the_team_never_had() -> None:
    team, outsider = first_aid_team(), volunteer(1)
    team.request_to_join(volunteer=outsider, at=at(1))  # pending: not yet a member

    with pytest.raises(NotInTeam):
        team.certifier(issuer=LEADER, volunteer_id=outsider.id, by_staff=False)


def test_only_a_leader_or_staff_certify_and_staff_name_the_first_leader() -> None:
    team, member = first_aid_team(), volunteer(1)

    with pytest.raises(NotATeamLeader):
        team.certifier(issuer=STRANGER, volunteer_id=member.id, by_staff=False)
    assert team.certifier(issuer=STRANGER, volunteer_id=member.id, by_staff=True) == LEADER
    assert grid_team().certifier(issuer=STRANGER, volunteer_id=member.id, by_staff=True) == (
        STRANGER
    )
