"""Every domain event becomes its integration event (gridkit.contracts.volunteers) field for
field, under a subject of its own, and none publishes a code hash, an ID number or a phone."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from fnmatch import fnmatch
from uuid import UUID

import pytest
from volunteers_testing import (
    AFTERNOON,
    DAY,
    GRID_ID,
    LEADER,
    MORNING,
    ORGANISER,
    PLACE,
    activity_at,
    at,
    sign,
    volunteer,
)

from gridkit.contracts import REGISTRY
from gridkit.contracts import volunteers as contracts
from gridkit.domain import Aggregate, Recorded
from gridkit.events import CloudEvent
from volunteers.domain import (
    Activity,
    ActivityCategory,
    ActivityStatus,
    EntryKind,
    ServiceRecord,
    TeamKind,
    Volunteer,
    VolunteerNumber,
    VolunteerTeam,
    events,
)
from volunteers.domain.events import MembershipEvent
from volunteers.integration_events import CONTRACT_OF, to_integration_event

CONCRETE = [
    cls
    for _, cls in inspect.getmembers(events, inspect.isclass)
    if cls.__module__ == events.__name__ and dataclasses.is_dataclass(cls) and "name" in vars(cls)
]
"""The domain events an aggregate records: the dataclasses that name themselves."""

FORBIDDEN_FIELDS = ["*code_hash*", "code", "national_id*", "id_number*", "phone*"]


# Every event, recorded by driving the aggregates


def _recorded(*aggregates: Aggregate) -> list[Recorded]:
    return [recorded for aggregate in aggregates for recorded in aggregate.take_events()]


def _teams() -> list[Recorded]:
    grid_team = VolunteerTeam.for_grid(
        id=UUID(int=300),
        grid_id=GRID_ID,
        grid_code="370112001001-01",
        grid_name="香溢紫郡第一网格",
        at=at(0),
    )
    team = VolunteerTeam.form(
        id=UUID(int=301),
        name="历城区红十字应急救护志愿服务队",
        kind=TeamKind.SKILL,
        skill="first_aid",
        leader_ids=[LEADER],
        at=at(0),
        by=LEADER,
    )
    team.revise(description="急救培训与赛事保障", at=at(1), by=LEADER)
    deputy = UUID(int=302)
    team.appoint_leader(person_id=deputy, at=at(2), by=LEADER)
    team.remove_leader(person_id=deputy, at=at(3), by=LEADER)
    accepted, turned_down = volunteer(1), volunteer(2)
    team.request_to_join(volunteer=accepted, at=at(4))
    team.approve(volunteer_id=accepted.id, by=LEADER, at=at(5))
    team.request_to_join(volunteer=turned_down, at=at(4))
    team.reject(volunteer_id=turned_down.id, by=LEADER, at=at(5), reason="暂无急救证书")
    team.leave(volunteer_id=accepted.id, at=at(6))
    return _recorded(grid_team, team)


def _volunteers() -> list[Recorded]:
    someone = Volunteer.register(
        id=UUID(int=1001),
        person_id=UUID(int=2001),
        number=VolunteerNumber("370112", 1),
        skills=["FIRST_AID"],
        availability="周末全天",
        at=at(0, day=date(2026, 9, 1)),
    )
    someone.update_profile(skills=["FIRST_AID", "SIGN_LANGUAGE"], at=at(1))
    someone.suspend(by=ORGANISER, reason="多次无故缺席", at=at(2))
    someone.reinstate(by=ORGANISER, at=at(3))
    someone.add_entry(
        id=UUID(int=1101),
        kind=EntryKind.TRAINING,
        on=DAY,
        title="应急救护员培训",
        given_by="历城区红十字会",
        recorded_by=ORGANISER,
        at=at(4),
    )
    someone.leave(reason="迁居外地", at=at(5))
    someone.rejoin(at=at(6))
    return _recorded(someone)


def _activity_served_by_one() -> tuple[Activity, Volunteer]:
    """Drafted, revised, published; one served, one cancelled, one promoted and absent."""
    planned = at(0, day=date(2026, 10, 1))
    activity = Activity.draft(
        id=UUID(int=400),
        title="香溢紫郡小区环境整治",
        description="清理楼道杂物、绿化带垃圾，宣传垃圾分类。",
        category=ActivityCategory.ENVIRONMENT,
        grid_id=GRID_ID,
        place=PLACE,
        starts_at=at(1),
        ends_at=at(8),
        organiser_id=ORGANISER,
        at=planned,
    )
    activity.revise(title="香溢紫郡小区环境整治（第二期）", at=planned)
    activity.add_shift(
        shift_id=MORNING, starts_at=at(1), ends_at=at(4), needed=2, waitlist_limit=2, at=planned
    )
    activity.add_shift(shift_id=AFTERNOON, starts_at=at(4), ends_at=at(7), needed=2, at=planned)
    activity.revise_shift(shift_id=AFTERNOON, needed=3, at=planned)
    activity.remove_shift(shift_id=AFTERNOON, at=planned)
    activity.publish(by=ORGANISER, at=at(0, day=date(2026, 10, 2)))
    served, gave_up, waiting = volunteer(1), volunteer(2), volunteer(3)
    mine = sign(activity, served)
    theirs = sign(activity, gave_up)
    sign(activity, waiting)
    activity.cancel_signup(
        signup_id=theirs.id,
        volunteer_id=gave_up.id,
        cancel_cut_off=timedelta(hours=2),
        at=at(9, day=date(2026, 10, 16)),
        reason="临时出差",
    )
    activity.start(at=at(0, 50))
    activity.issue_code(signup_id=mine.id, volunteer_id=served.id, at=at(0, 58))
    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(1, 2))
    activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(3, 59))
    activity.record_no_shows(shift_id=MORNING, at=at(4))
    activity.finish(at=at(8), by=ORGANISER)
    return activity, served


def _activities() -> list[Recorded]:
    activity, _ = _activity_served_by_one()
    called_off = activity_at(ActivityStatus.PUBLISHED)
    sign(called_off, volunteer(4))
    called_off.cancel(by=ORGANISER, reason="台风预警", at=at(0, day=date(2026, 10, 16)))
    return _recorded(activity, called_off)


def _service_records() -> list[Recorded]:
    activity, served = _activity_served_by_one()
    activity.take_events()
    [mine] = [signup for signup in activity.signups if signup.volunteer_id == served.id]
    record = ServiceRecord.record_service(
        id=UUID(int=600),
        activity=activity,
        signup_id=mine.id,
        content="清理3号楼楼道杂物，分拣可回收物",
        served_on=DAY,
        by=ORGANISER,
        at=at(9),
    )
    record.request_correction(
        volunteer_id=served.id, hours="3.5", reason="签退时忘记扫码，实际服务至 4:30", at=at(10)
    )
    record.apply_correction(by=ORGANISER, at=at(11))
    record.request_correction(volunteer_id=served.id, hours="4.0", reason="还整理了工具", at=at(12))
    record.reject_correction(by=ORGANISER, reason="工具整理不计入服务时长", at=at(13))
    return _recorded(record)


FAMILIES = {
    "team": _teams,
    "volunteer": _volunteers,
    "activity": _activities,
    "service_record": _service_records,
}


def _every_recorded_event() -> list[Recorded]:
    return [recorded for make in FAMILIES.values() for recorded in make()]


def _published_value(value: object) -> object:
    """What a domain event's value becomes in its contract."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_published_value(item) for item in value]
    return value


def _contract_field(event: object, field: str) -> str:
    """The contract's name of an event's field: a membership's status sits beside the team's."""
    if isinstance(event, MembershipEvent) and field == "status":
        return "membership_status"
    return field


# The mapping


def test_every_domain_event_has_its_contract() -> None:
    assert len(CONCRETE) == 36
    assert set(CONTRACT_OF) == set(CONCRETE)


def test_every_contract_is_listed_and_registered() -> None:
    assert set(contracts.EVENTS) == {*CONTRACT_OF.values(), contracts.TeamDissolved}
    assert len(set(contracts.EVENTS)) == len(contracts.EVENTS)
    for contract in contracts.EVENTS:
        assert REGISTRY[contract.event_type] is contract


def test_each_contract_has_an_event_type_of_its_own_under_volunteers() -> None:
    types = [contract.event_type for contract in contracts.EVENTS]
    assert len(set(types)) == len(types)
    assert all(t.startswith("volunteers.") for t in types)
    assert all(len(t.split(".")) == 3 for t in types)


def test_the_event_types_are_named_after_the_aggregate_family_and_the_event() -> None:
    assert sorted(contract.event_type for contract in contracts.EVENTS) == sorted(
        [
            *(
                f"volunteers.team.{name}"
                for name in [
                    "created",
                    "updated",
                    "dissolved",
                    "leader_appointed",
                    "leader_removed",
                    "join_requested",
                    "member_joined",
                    "join_rejected",
                    "member_left",
                ]
            ),
            *(
                f"volunteers.volunteer.{name}"
                for name in [
                    "registered",
                    "profile_updated",
                    "suspended",
                    "reinstated",
                    "left",
                    "rejoined",
                    "entry_added",
                ]
            ),
            *(
                f"volunteers.activity.{name}"
                for name in [
                    "drafted",
                    "revised",
                    "shift_added",
                    "shift_revised",
                    "shift_removed",
                    "published",
                    "started",
                    "finished",
                    "cancelled",
                ]
            ),
            *(
                f"volunteers.signup.{name}"
                for name in [
                    "confirmed",
                    "waitlisted",
                    "promoted",
                    "cancelled",
                    "code_issued",
                    "checked_in",
                    "checked_out",
                    "no_show",
                ]
            ),
            *(
                f"volunteers.hours.{name}"
                for name in ["recorded", "correction_requested", "corrected", "correction_rejected"]
            ),
        ]
    )


@pytest.mark.parametrize(
    ("family", "base", "prefix"),
    [
        ("team", events.TeamEvent, "volunteers.team."),
        ("volunteer", events.VolunteerEvent, "volunteers.volunteer."),
        ("activity", events.ActivityEvent, "volunteers.activity."),
        ("signup", events.SignupEvent, "volunteers.signup."),
        ("service_record", events.ServiceRecordEvent, "volunteers.hours."),
    ],
)
def test_each_family_publishes_under_its_own_prefix(
    family: str, base: type[object], prefix: str
) -> None:
    members = [cls for cls in CONCRETE if issubclass(cls, base)]
    if family == "activity":
        members = [cls for cls in members if not issubclass(cls, events.SignupEvent)]
    assert members
    assert all(CONTRACT_OF[cls].event_type.startswith(prefix) for cls in members)


# Field for field


@pytest.mark.parametrize("family", FAMILIES)
def test_a_family_s_recorded_events_translate_field_for_field(family: str) -> None:
    recorded = FAMILIES[family]()
    assert recorded
    for one in recorded:
        event = one.event
        payload = to_integration_event(one)
        assert type(payload) is CONTRACT_OF[type(event)]
        fields = [field.name for field in dataclasses.fields(event)]  # type: ignore[arg-type]
        for field in fields:
            published = getattr(payload, _contract_field(event, field))
            expected = _published_value(getattr(event, field))
            assert (published, type(published)) == (expected, type(expected)), (
                type(event).__name__,
                field,
            )
        extra = set(type(payload).model_fields) - {_contract_field(event, f) for f in fields}
        assert extra <= {"status"}, type(event).__name__


def test_driving_the_aggregates_records_every_kind_of_event() -> None:
    assert {type(recorded.event) for recorded in _every_recorded_event()} == set(CONCRETE)


def test_every_payload_reads_back_the_same_off_the_wire() -> None:
    for recorded in _every_recorded_event():
        payload = to_integration_event(recorded)
        envelope = CloudEvent.wrap(
            payload,
            source="/pioneer-grid/volunteers",
            aggregate_id=recorded.aggregate_id,
            version=recorded.version,
        )
        received = CloudEvent.from_json(envelope.to_json())
        assert received.payload(REGISTRY[received.type]) == payload


# What org reads of a team


def test_a_grid_team_is_published_as_an_active_grid_team() -> None:
    created = to_integration_event(_teams()[0])
    assert isinstance(created, contracts.TeamCreated)
    assert (created.kind, created.status, created.grid_id, created.team_name) == (
        "GRID",
        "ACTIVE",
        GRID_ID,
        "香溢紫郡第一网格志愿服务队",
    )


def test_a_membership_event_keeps_the_team_active_beside_the_membership_s_status() -> None:
    left = to_integration_event(_teams()[-1])
    assert isinstance(left, contracts.MemberLeft)
    assert (left.status, left.membership_status, left.was) == ("ACTIVE", "LEFT", "ACTIVE")
    as_a_team = contracts.TeamState.model_validate(left.model_dump(mode="json"))
    assert as_a_team.status == "ACTIVE"


def test_a_dissolved_team_is_published_as_dissolved() -> None:
    dissolved = contracts.TeamDissolved(
        team_id=UUID(int=300), team_name="香溢紫郡第一网格志愿服务队", kind="GRID", at=at(0)
    )
    assert (dissolved.event_type, dissolved.status) == ("volunteers.team.dissolved", "DISSOLVED")


def test_hours_travel_as_decimal_tenths() -> None:
    checked_out = next(
        to_integration_event(r) for r in _activities() if isinstance(r.event, events.CheckedOut)
    )
    assert isinstance(checked_out, contracts.CheckedOut)
    assert checked_out.hours == Decimal("3.0")
    assert checked_out.model_dump(mode="json")["hours"] == "3.0"


# Privacy


@pytest.mark.parametrize("contract", contracts.EVENTS, ids=lambda c: c.event_type)
def test_no_contract_publishes_a_code_hash_an_id_number_or_a_phone(contract: type[object]) -> None:
    fields = contract.model_fields  # type: ignore[attr-defined]
    assert not [f for f in fields for p in FORBIDDEN_FIELDS if fnmatch(f, p)]


def test_no_payload_carries_the_check_in_code_issued() -> None:
    activity = activity_at(ActivityStatus.ONGOING)
    someone = volunteer(1)
    mine = sign(activity, someone, moment=at(0, 55))
    code = activity.issue_code(signup_id=mine.id, volunteer_id=someone.id, at=at(0, 58))
    published = [to_integration_event(r).model_dump_json() for r in activity.take_events()]
    assert mine.code_hash is not None
    assert not [p for p in published if code in p or mine.code_hash in p]
