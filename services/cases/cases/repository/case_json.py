"""A case's value objects as JSON and back: actors, assignments, evidence, extensions ...

The case row keeps them in JSONB columns (``state``, the timeline's ``actor``/``evidence``),
written and read only here, so the shapes stay in one place. Decimals travel as strings,
moments as ISO 8601 with their offset.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from cases.domain.assignment import Assignment, DepartmentRef
from cases.domain.evidence import Evidence, Measurement
from cases.domain.extension import Extension
from cases.domain.kinds import (
    ActorRole,
    AssigneeKind,
    CaseAction,
    CaseStatus,
    ExtensionStatus,
)
from cases.domain.oversight import JointMeeting, SupervisionOrder
from cases.domain.people import Actor
from cases.domain.timeline import TimelineEntry

Json = dict[str, Any]


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def actor_json(actor: Actor) -> Json:
    """An actor as stored."""
    return {
        "subject": actor.subject,
        "name": actor.name,
        "role": actor.role.value,
        "person_id": None if actor.person_id is None else str(actor.person_id),
        "acts_for": actor.acts_for,
    }


def actor_of(data: Json) -> Actor:
    """The actor stored as ``data``."""
    person = data.get("person_id")
    return Actor(
        subject=data["subject"],
        name=data["name"],
        role=ActorRole(data["role"]),
        person_id=None if person is None else UUID(person),
        acts_for=data.get("acts_for"),
    )


def optional_actor_of(data: Json | None) -> Actor | None:
    """The actor stored as ``data``, if any."""
    return None if data is None else actor_of(data)


def assignment_json(assignment: Assignment) -> Json:
    """An assignment as stored."""
    return {
        "kind": assignment.kind.value,
        "ref": assignment.ref,
        "name": assignment.name,
        "lead": assignment.lead,
        "since": assignment.since.isoformat(),
    }


def assignment_of(data: Json) -> Assignment:
    """The assignment stored as ``data``."""
    return Assignment(
        kind=AssigneeKind(data["kind"]),
        ref=data["ref"],
        name=data["name"],
        lead=bool(data["lead"]),
        since=datetime.fromisoformat(data["since"]),
    )


def evidence_json(evidence: Evidence) -> Json:
    """Evidence as stored."""
    return {
        "text": evidence.text,
        "attachment_ids": [str(attachment) for attachment in evidence.attachment_ids],
        "measurements": [
            {
                "name": m.name,
                "value": str(m.value),
                "unit": m.unit,
                "limit": None if m.limit is None else str(m.limit),
            }
            for m in evidence.measurements
        ],
    }


def evidence_of(data: Json | None) -> Evidence | None:
    """The evidence stored as ``data``, if any."""
    if data is None:
        return None
    return Evidence(
        text=data["text"],
        attachment_ids=tuple(UUID(attachment) for attachment in data.get("attachment_ids", ())),
        measurements=tuple(
            Measurement(
                name=m["name"],
                value=Decimal(m["value"]),
                unit=m["unit"],
                limit=None if m.get("limit") is None else Decimal(m["limit"]),
            )
            for m in data.get("measurements", ())
        ),
    )


def extension_json(extension: Extension) -> Json:
    """An extension request as stored."""
    return {
        "sequence": extension.sequence,
        "days": extension.days,
        "reason": extension.reason,
        "requested_by": actor_json(extension.requested_by),
        "requested_at": extension.requested_at.isoformat(),
        "status": extension.status.value,
        "decided_by": None if extension.decided_by is None else actor_json(extension.decided_by),
        "decided_at": None if extension.decided_at is None else extension.decided_at.isoformat(),
        "decision_note": extension.decision_note,
    }


def extension_of(data: Json) -> Extension:
    """The extension request stored as ``data``."""
    return Extension(
        sequence=int(data["sequence"]),
        days=int(data["days"]),
        reason=data["reason"],
        requested_by=actor_of(data["requested_by"]),
        requested_at=datetime.fromisoformat(data["requested_at"]),
        status=ExtensionStatus(data["status"]),
        decided_by=optional_actor_of(data.get("decided_by")),
        decided_at=_moment(data.get("decided_at")),
        decision_note=data.get("decision_note"),
    )


def supervision_json(order: SupervisionOrder) -> Json:
    """A supervision order as stored."""
    return {
        "ordered_on": order.ordered_on.isoformat(),
        "by": actor_json(order.by),
        "reason": order.reason,
    }


def supervision_of(data: Json) -> SupervisionOrder:
    """The supervision order stored as ``data``."""
    return SupervisionOrder(
        ordered_on=date.fromisoformat(data["ordered_on"]),
        by=actor_of(data["by"]),
        reason=data["reason"],
    )


def meeting_json(meeting: JointMeeting) -> Json:
    """A joint meeting as stored."""
    return {
        "held_on": meeting.held_on.isoformat(),
        "convened_by": actor_json(meeting.convened_by),
        "participants": list(meeting.participants),
        "departments": [{"ref": d.ref, "name": d.name} for d in meeting.departments],
        "minutes": meeting.minutes,
        "decisions": list(meeting.decisions),
    }


def meeting_of(data: Json) -> JointMeeting:
    """The joint meeting stored as ``data``."""
    return JointMeeting(
        held_on=date.fromisoformat(data["held_on"]),
        convened_by=actor_of(data["convened_by"]),
        participants=tuple(data["participants"]),
        departments=tuple(DepartmentRef(ref=d["ref"], name=d["name"]) for d in data["departments"]),
        minutes=data["minutes"],
        decisions=tuple(data.get("decisions", ())),
    )


def timeline_values(entry: TimelineEntry) -> Json:
    """The columns of one timeline row (without the case id and position)."""
    return {
        "at": entry.at,
        "action": entry.action.value,
        "status": entry.status.value,
        "actor": actor_json(entry.actor),
        "note": entry.note,
        "evidence": None if entry.evidence is None else evidence_json(entry.evidence),
        "details": dict(entry.details),
    }


def timeline_entry(
    at: datetime,
    action: str,
    status: str,
    actor: Json,
    note: str | None,
    evidence: Json | None,
    details: dict[str, str],
) -> TimelineEntry:
    """The timeline entry stored in one row's columns."""
    return TimelineEntry(
        at=at,
        actor=actor_of(actor),
        action=CaseAction(action),
        status=CaseStatus(status),
        note=note,
        evidence=evidence_of(evidence),
        details=details,
    )
