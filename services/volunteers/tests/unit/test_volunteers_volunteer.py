"""A volunteer registers, changes their profile, is suspended, leaves and comes back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from uuid import UUID

import pytest
from volunteers_testing import LEADER, at, volunteer

from volunteers.domain import (
    EntryKind,
    IllegalVolunteerTransition,
    InvalidText,
    ProfileEntryAdded,
    Volunteer,
    VolunteerEvent,
    VolunteerNumber,
    VolunteerProfileUpdated,
    VolunteerRegistered,
    VolunteerStatus,
)

S = VolunteerStatus
MOMENT = at(2)
OFFICER = UUID(int=77)


def test_registering_records_the_number_skills_and_availability() -> None:
    registered = Volunteer.register(
        id=UUID(int=1),
        person_id=UUID(int=2),
        number=VolunteerNumber("370112", 7),
        skills=["sign_language", "FIRST_AID"],
        availability=" 工作日晚上 ",
        at=MOMENT,
    )
    assert registered.status is S.ACTIVE
    assert registered.skills == {"FIRST_AID", "SIGN_LANGUAGE"}
    assert registered.availability == "工作日晚上"
    [recorded] = registered.take_events()
    assert (recorded.aggregate_type, recorded.version) == ("volunteer", 1)
    assert recorded.event == VolunteerRegistered(
        volunteer_id=UUID(int=1),
        person_id=UUID(int=2),
        number="V37011200000007",
        status=S.ACTIVE,
        at=MOMENT,
        by=UUID(int=2),
        skills=("FIRST_AID", "SIGN_LANGUAGE"),
        availability="工作日晚上",
    )


def test_a_profile_update_changes_only_what_it_names() -> None:
    someone = volunteer(1, skills=["FIRST_AID"])
    event = someone.update_profile(skills=["FIRST_AID", "LEGAL_ADVICE"], at=MOMENT)
    assert someone.skills == {"FIRST_AID", "LEGAL_ADVICE"}
    assert someone.availability == "周末全天"
    assert isinstance(event, VolunteerProfileUpdated)
    someone.update_profile(availability=None, at=MOMENT)
    assert someone.availability is None
    assert someone.skills == {"FIRST_AID", "LEGAL_ADVICE"}
    assert len(someone.take_events()) == 2


def test_missing_skills_are_those_needed_but_not_registered() -> None:
    someone = volunteer(1, skills=["FIRST_AID"])
    assert someone.missing_skills({"FIRST_AID", "SIGN_LANGUAGE"}) == {"SIGN_LANGUAGE"}
    assert someone.missing_skills(set()) == frozenset()


Step = Callable[[Volunteer], object]

STEPS: dict[str, tuple[frozenset[VolunteerStatus], VolunteerStatus, Step]] = {
    "suspend": (
        frozenset({S.ACTIVE}),
        S.SUSPENDED,
        lambda v: v.suspend(by=OFFICER, reason="多次无故缺席", at=MOMENT),
    ),
    "reinstate": (frozenset({S.SUSPENDED}), S.ACTIVE, lambda v: v.reinstate(by=OFFICER, at=MOMENT)),
    "leave": (frozenset({S.ACTIVE, S.SUSPENDED}), S.LEFT, lambda v: v.leave(at=MOMENT)),
    "rejoin": (frozenset({S.LEFT}), S.ACTIVE, lambda v: v.rejoin(at=MOMENT)),
}


def volunteer_at(status: VolunteerStatus) -> Volunteer:
    someone = volunteer(1)
    if status is S.SUSPENDED:
        someone.suspend(by=OFFICER, reason="待核实", at=at(1))
    if status is S.LEFT:
        someone.leave(at=at(1), reason="工作调动")
    someone.take_events()
    return someone


@pytest.mark.parametrize(
    ("name", "status"),
    [
        pytest.param(name, status, id=f"{name}-from-{status.value}")
        for name, (allowed, _, _) in STEPS.items()
        for status in S
        if status in allowed
    ],
)
def test_a_volunteer_step_from_where_it_is_allowed_records_one_event(
    name: str, status: VolunteerStatus
) -> None:
    _, leads_to, step = STEPS[name]
    someone = volunteer_at(status)
    step(someone)
    assert someone.status is leads_to
    assert someone.status_changed_at == MOMENT
    [recorded] = someone.take_events()
    assert isinstance(recorded.event, VolunteerEvent)
    assert recorded.event.status is leads_to


@pytest.mark.parametrize(
    ("name", "status"),
    [
        pytest.param(name, status, id=f"{name}-from-{status.value}")
        for name, (allowed, _, _) in STEPS.items()
        for status in S
        if status not in allowed
    ],
)
def test_a_volunteer_step_from_anywhere_else_is_refused_and_changes_nothing(
    name: str, status: VolunteerStatus
) -> None:
    allowed, leads_to, step = STEPS[name]
    someone = volunteer_at(status)
    version = someone.version
    with pytest.raises(IllegalVolunteerTransition) as refused:
        step(someone)
    assert refused.value.code == "VOLUNTEER_ILLEGAL_TRANSITION"
    assert refused.value.details == {"from": status.value, "to": leads_to.value}
    assert f"is {status.label}" in refused.value.message
    assert all(needed.value in refused.value.message for needed in allowed)
    assert (someone.status, someone.version) == (status, version)


def test_a_suspension_keeps_its_reason_until_reinstated() -> None:
    someone = volunteer(1)
    someone.suspend(by=OFFICER, reason="多次无故缺席", at=at(1))
    assert (someone.status_reason, someone.is_active) == ("多次无故缺席", False)
    someone.reinstate(by=OFFICER, at=at(2))
    assert (someone.status_reason, someone.is_active) == (None, True)


def test_a_suspension_needs_a_reason() -> None:
    with pytest.raises(InvalidText):
        volunteer(1).suspend(by=OFFICER, reason=" ", at=MOMENT)


def test_a_volunteer_who_rejoins_keeps_their_number() -> None:
    someone = volunteer_at(S.LEFT)
    someone.rejoin(at=MOMENT)
    assert str(someone.number) == "V37011200000001"


def test_trainings_awards_and_evaluations_are_kept_with_who_gave_them() -> None:
    someone = volunteer(1)
    training = someone.add_entry(
        id=UUID(int=11),
        kind=EntryKind.TRAINING,
        on=date(2026, 5, 12),
        title="社区急救员培训",
        content="心肺复苏与AED使用，8学时",
        given_by="历城区红十字会",
        recorded_by=LEADER,
        at=MOMENT,
    )
    someone.add_entry(
        id=UUID(int=12),
        kind=EntryKind.AWARD,
        on=date(2026, 12, 5),
        title="优秀志愿者",
        given_by="历城区委宣传部",
        recorded_by=LEADER,
        at=MOMENT,
    )
    assert someone.entries_of(EntryKind.TRAINING) == [training]
    assert training.given_by == "历城区红十字会"
    assert [e.kind for e in someone.entries] == [EntryKind.TRAINING, EntryKind.AWARD]
    events = [r.event for r in someone.take_events()]
    assert all(isinstance(e, ProfileEntryAdded) for e in events)
    assert [e.title for e in events if isinstance(e, ProfileEntryAdded)] == [
        "社区急救员培训",
        "优秀志愿者",
    ]


def test_an_entry_needs_a_title_and_who_gave_it() -> None:
    someone = volunteer(1)
    with pytest.raises(InvalidText, match="Given by"):
        someone.add_entry(
            id=UUID(int=11),
            kind=EntryKind.EVALUATION,
            on=date(2026, 5, 12),
            title="服务评价",
            given_by="",
            recorded_by=LEADER,
            at=MOMENT,
        )
    assert someone.entries == []
    assert someone.take_events() == []


def test_a_naive_moment_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        volunteer(1).suspend(by=OFFICER, reason="x", at=datetime(2026, 10, 17, 1))
