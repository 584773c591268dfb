"""Events are immutable, past tense, and named after their integration subjects."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from cases.domain import events
from cases.domain.events import CaseEvent, WatchEvent

CASE_EVENTS = [
    cls
    for _, cls in inspect.getmembers(events, inspect.isclass)
    if issubclass(cls, CaseEvent) and cls is not CaseEvent
]
WATCH_EVENTS = [
    cls
    for _, cls in inspect.getmembers(events, inspect.isclass)
    if issubclass(cls, WatchEvent) and cls is not WatchEvent
]


def test_each_case_event_is_one_integration_subject() -> None:
    assert sorted(f"cases.case.{cls.name}" for cls in CASE_EVENTS) == sorted(
        f"cases.case.{name}"
        for name in [
            "reported",
            "accepted",
            "rejected",
            "dispatched",
            "returned",
            "started",
            "escalated",
            "resolved",
            "verified",
            "rework_ordered",
            "closed",
            "reopened",
            "extension_requested",
            "extension_approved",
            "extension_rejected",
            "suspended",
            "resumed",
            "deadline_warning",
            "overdue",
            "merged",
            "supervision_ordered",
            "joint_meeting_held",
        ]
    )


def test_each_watch_event_is_one_integration_subject() -> None:
    assert sorted(cls.name for cls in WATCH_EVENTS) == ["checked", "completed", "failed", "started"]


@pytest.mark.parametrize("cls", [*CASE_EVENTS, *WATCH_EVENTS], ids=lambda cls: cls.__name__)
def test_events_are_frozen_keyword_only_dataclasses(cls: type[object]) -> None:
    assert dataclasses.is_dataclass(cls)
    parameters = dataclasses.fields(cls)
    assert all(field.kw_only for field in parameters)
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert "name" not in {field.name for field in parameters}
