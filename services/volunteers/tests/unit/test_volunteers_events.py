"""Events are immutable, past tense, and named after their integration subjects."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from volunteers.domain import events
from volunteers.domain.events import ActivityEvent, ServiceRecordEvent, TeamEvent, VolunteerEvent

BASES = {
    "team": TeamEvent,
    "volunteer": VolunteerEvent,
    "activity": ActivityEvent,
    "service_record": ServiceRecordEvent,
}
CONCRETE = [
    cls
    for _, cls in inspect.getmembers(events, inspect.isclass)
    if cls.__module__ == events.__name__ and "name" in vars(cls)
]


def _subjects(base: type[object], aggregate: str) -> list[str]:
    return sorted(
        f"volunteers.{aggregate}.{cls.name}"  # type: ignore[attr-defined]
        for cls in CONCRETE
        if issubclass(cls, base)
    )


def test_each_team_event_has_a_name_of_its_own() -> None:
    assert _subjects(TeamEvent, "team") == sorted(
        f"volunteers.team.{name}"
        for name in [
            "created",
            "updated",
            "leader_appointed",
            "leader_removed",
            "join_requested",
            "member_joined",
            "join_rejected",
            "member_left",
        ]
    )


def test_each_volunteer_event_has_a_name_of_its_own() -> None:
    assert _subjects(VolunteerEvent, "volunteer") == sorted(
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
    )


def test_each_activity_event_has_a_name_of_its_own() -> None:
    assert _subjects(ActivityEvent, "activity") == sorted(
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
            "signup_confirmed",
            "signup_waitlisted",
            "signup_promoted",
            "signup_cancelled",
            "code_issued",
            "checked_in",
            "checked_out",
            "no_show_recorded",
        ]
    )


def test_each_service_record_event_has_a_name_of_its_own() -> None:
    assert _subjects(ServiceRecordEvent, "service_record") == sorted(
        f"volunteers.service_record.{name}"
        for name in ["hours_recorded", "correction_requested", "corrected", "correction_rejected"]
    )


def test_every_event_belongs_to_one_aggregate() -> None:
    for cls in CONCRETE:
        assert sum(issubclass(cls, base) for base in BASES.values()) == 1, cls


@pytest.mark.parametrize("cls", CONCRETE, ids=lambda cls: cls.__name__)
def test_events_are_frozen_keyword_only_dataclasses(cls: type[object]) -> None:
    assert dataclasses.is_dataclass(cls)
    parameters = dataclasses.fields(cls)
    assert all(field.kw_only for field in parameters)
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert "name" not in {field.name for field in parameters}
    assert cls.__doc__


def test_no_event_carries_a_check_in_code() -> None:
    for cls in CONCRETE:
        assert not {"code", "code_hash"} & {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
