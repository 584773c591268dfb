"""Party-building assault teams (党建突击队): forming, members, going active, disbanding."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest

from personnel.domain import (
    UNCHANGED,
    AssaultTeam,
    AssaultTeamDisbanded,
    AssaultTeamDisbandedError,
    AssaultTeamDuplicateMember,
    AssaultTeamFormed,
    AssaultTeamLeaderRequired,
    AssaultTeamMemberNotFound,
    AssaultTeamStatus,
    AssaultTeamUpdated,
    InvalidAssaultTeamTransition,
    InvalidDate,
    InvalidName,
    InvalidText,
)

S = AssaultTeamStatus
LEADER = UUID("00000000-0000-0000-0000-0000000000e1")
MEMBER = UUID("00000000-0000-0000-0000-0000000000e2")
OTHER = UUID("00000000-0000-0000-0000-0000000000e3")


def _team(name: str = "防汛党员突击队") -> AssaultTeam:
    team = AssaultTeam.form(
        id=uuid4(),
        name=name,
        mission="汛期巡查河道、转移群众",
        key_task="小清河沿线防汛",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 9, 30),
        leader_id=LEADER,
        member_ids=[MEMBER],
    )
    team.take_events()
    return team


def _running_from_june(ends_on: date | None) -> AssaultTeam:
    return AssaultTeam.form(
        id=uuid4(),
        name="突击队",
        mission="任务",
        key_task="重点任务",
        starts_on=date(2026, 6, 1),
        ends_on=ends_on,
        leader_id=LEADER,
    )


def test_forming_a_team_makes_the_leader_its_first_member() -> None:
    team_id = uuid4()
    team = AssaultTeam.form(
        id=team_id,
        name=" 防汛党员突击队 ",
        mission=" 汛期巡查河道、转移群众 ",
        key_task="小清河沿线防汛",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 9, 30),
        leader_id=LEADER,
        member_ids=[MEMBER, LEADER, OTHER],
        division_code="370112001",
    )
    assert team.member_ids == [LEADER, MEMBER, OTHER]
    assert team.status is S.FORMING
    [recorded] = team.take_events()
    assert recorded.aggregate_type == "assault_team"
    assert recorded.event == AssaultTeamFormed(
        team_id=team_id,
        name="防汛党员突击队",
        mission="汛期巡查河道、转移群众",
        key_task="小清河沿线防汛",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 9, 30),
        leader_id=LEADER,
        member_ids=(LEADER, MEMBER, OTHER),
        status=S.FORMING,
        division_code="370112001",
    )


def test_a_member_listed_twice_is_refused() -> None:
    with pytest.raises(AssaultTeamDuplicateMember) as refused:
        AssaultTeam.form(
            id=uuid4(),
            name="突击队",
            mission="任务",
            key_task="重点任务",
            starts_on=date(2026, 6, 1),
            leader_id=LEADER,
            member_ids=[MEMBER, MEMBER],
        )
    assert refused.value.code == "ASSAULT_TEAM_DUPLICATE_MEMBER"
    assert refused.value.message == f"Person {MEMBER} is on the team already"


def test_a_period_ends_on_or_after_its_start() -> None:
    assert _running_from_june(date(2026, 6, 1)).ends_on == date(2026, 6, 1)
    assert _running_from_june(None).ends_on is None
    with pytest.raises(InvalidDate) as refused:
        _running_from_june(date(2026, 5, 31))
    assert refused.value.message == (
        "A team's period ends on or after its start (2026-06-01), not on 2026-05-31"
    )


def test_a_team_needs_a_name_a_mission_and_a_key_task() -> None:
    with pytest.raises(InvalidName):
        _team(name=" ")
    team = _team()
    with pytest.raises(InvalidText):
        team.update(mission="")
    with pytest.raises(InvalidText):
        team.update(key_task="任" * 201)


def test_a_forming_team_goes_active() -> None:
    team = _team()
    event = team.activate()
    assert team.status is S.ACTIVE
    assert isinstance(event, AssaultTeamUpdated)
    assert (event.status, event.changed_fields) == (S.ACTIVE, ("status",))


def test_an_active_team_does_not_go_active_again() -> None:
    team = _team()
    team.activate()
    with pytest.raises(InvalidAssaultTeamTransition) as refused:
        team.activate()
    assert refused.value.code == "ASSAULT_TEAM_INVALID_TRANSITION"
    assert refused.value.message == "Team 防汛党员突击队 is active; it cannot become active"


@pytest.mark.parametrize("active", [False, True])
def test_a_team_is_disbanded_whether_forming_or_active(active: bool) -> None:
    team = _team()
    if active:
        team.activate()
    event = team.disband(on=date(2026, 10, 1), reason=" 汛期结束 ")
    assert event == AssaultTeamDisbanded(
        team_id=team.id,
        name="防汛党员突击队",
        mission="汛期巡查河道、转移群众",
        key_task="小清河沿线防汛",
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 9, 30),
        leader_id=LEADER,
        member_ids=(LEADER, MEMBER),
        status=S.DISBANDED,
        division_code=None,
        disbanded_on=date(2026, 10, 1),
        reason="汛期结束",
    )
    assert (team.status, team.disbanded_on, team.disband_reason) == (
        S.DISBANDED,
        date(2026, 10, 1),
        "汛期结束",
    )


def test_a_disbanded_team_takes_no_more_changes() -> None:
    team = _team()
    team.disband(on=date(2026, 10, 1), reason="汛期结束")
    team.take_events()
    with pytest.raises(InvalidAssaultTeamTransition):
        team.activate()
    with pytest.raises(InvalidAssaultTeamTransition):
        team.disband(on=date(2026, 10, 2), reason="again")
    with pytest.raises(AssaultTeamDisbandedError) as refused:
        team.add_member(OTHER)
    assert refused.value.code == "ASSAULT_TEAM_DISBANDED"
    assert refused.value.message == "Team 防汛党员突击队 was disbanded and takes no more changes"
    with pytest.raises(AssaultTeamDisbandedError):
        team.remove_member(MEMBER)
    with pytest.raises(AssaultTeamDisbandedError):
        team.update(name="新名字")
    assert team.take_events() == []


def test_disbanding_needs_a_reason() -> None:
    team = _team()
    with pytest.raises(InvalidText):
        team.disband(on=date(2026, 10, 1), reason="")
    assert team.status is S.FORMING


def test_members_join_and_leave() -> None:
    team = _team()
    joined = team.add_member(OTHER)
    assert team.member_ids == [LEADER, MEMBER, OTHER]
    assert (joined.member_ids, joined.changed_fields) == ((LEADER, MEMBER, OTHER), ("member_ids",))
    team.remove_member(MEMBER)
    assert team.member_ids == [LEADER, OTHER]
    assert team.has_member(OTHER)
    assert not team.has_member(MEMBER)


def test_a_member_joins_once() -> None:
    team = _team()
    with pytest.raises(AssaultTeamDuplicateMember):
        team.add_member(MEMBER)
    with pytest.raises(AssaultTeamDuplicateMember):
        team.add_member(LEADER)


def test_removing_someone_not_on_the_team_is_refused() -> None:
    with pytest.raises(AssaultTeamMemberNotFound) as refused:
        _team().remove_member(OTHER)
    assert refused.value.code == "ASSAULT_TEAM_MEMBER_NOT_FOUND"


def test_the_leader_stays_on_the_team_until_another_is_named() -> None:
    team = _team()
    with pytest.raises(AssaultTeamLeaderRequired) as refused:
        team.remove_member(LEADER)
    assert refused.value.code == "ASSAULT_TEAM_LEADER_REQUIRED"
    assert refused.value.message == (
        f"Person {LEADER} leads team 防汛党员突击队; name another leader first"
    )
    assert team.update(leader_id=MEMBER) == ("leader_id",)
    team.remove_member(LEADER)
    assert team.member_ids == [MEMBER]


def test_a_new_leader_from_outside_joins_the_team() -> None:
    team = _team()
    assert team.update(leader_id=OTHER) == ("leader_id", "member_ids")
    assert team.member_ids == [LEADER, MEMBER, OTHER]


def test_updating_records_the_fields_that_changed() -> None:
    team = _team()
    changed = team.update(
        name="防汛抗旱党员突击队",
        ends_on=None,
        starts_on=UNCHANGED,
        division_code="370112001001",
    )
    assert changed == ("name", "ends_on", "division_code")
    [recorded] = team.take_events()
    assert isinstance(recorded.event, AssaultTeamUpdated)
    assert recorded.event.changed_fields == changed
    assert recorded.event.ends_on is None


def test_an_update_that_changes_nothing_records_nothing() -> None:
    team = _team()
    assert team.update(name=" 防汛党员突击队 ", leader_id=LEADER) == ()
    assert team.take_events() == []


def test_moving_the_start_after_the_end_is_refused() -> None:
    team = _team()
    with pytest.raises(InvalidDate):
        team.update(starts_on=date(2026, 10, 1))
    assert team.starts_on == date(2026, 6, 1)
