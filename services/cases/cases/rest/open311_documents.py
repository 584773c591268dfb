"""Open311 documents: what the API answers of the catalogue's services and of the cases."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from cases.domain.case import Case
from cases.domain.category import STRING_VALUE_MAX_LENGTH, AttributeDefinition, Category
from cases.domain.kinds import AssigneeKind, AttributeType, Level

END_OF_DAY = time(23, 59, 59)
"""A due date's last moment: a case due on a day may be finished until it ends."""

DATATYPES: Mapping[AttributeType, str] = {
    AttributeType.STRING: "string",
    AttributeType.NUMBER: "number",
    AttributeType.DATETIME: "datetime",
    AttributeType.SINGLE_CHOICE: "singlevaluelist",
    AttributeType.MULTIPLE_CHOICE: "multivaluelist",
}
"""Open311's datatype of each attribute type (its ``text`` has no counterpart here)."""

_HINTS: Mapping[AttributeType, str] = {
    AttributeType.STRING: f"Text, at most {STRING_VALUE_MAX_LENGTH} characters.",
    AttributeType.NUMBER: "A number, such as 55 or 55.5.",
    AttributeType.DATETIME: (
        "A moment in ISO 8601 with its UTC offset, such as 2026-09-30T09:30:00+08:00."
    ),
    AttributeType.SINGLE_CHOICE: "One of the keys of values.",
    AttributeType.MULTIPLE_CHOICE: (
        "Keys of values, each sent as its own attribute[code][]=key, at most once each."
    ),
}


def service_json(category: Category) -> dict[str, Any]:
    """A category as an Open311 service (the catalogue keeps no keywords or groups)."""
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": None,
        "group": None,
    }


def definition_json(category: Category) -> dict[str, Any]:
    """A category's attributes as an Open311 service definition, in form order."""
    attributes = sorted(category.attributes, key=lambda d: (d.order, d.code))
    return {"service_code": category.code, "attributes": [_attribute_json(d) for d in attributes]}


def _attribute_json(definition: AttributeDefinition) -> dict[str, Any]:
    question = definition.name
    if definition.description:
        question = f"{question} — {definition.description}"
    return {
        "variable": True,
        "code": definition.code,
        "datatype": DATATYPES[definition.type],
        "required": definition.required,
        "datatype_description": _HINTS[definition.type],
        "order": definition.order,
        "description": question,
        "values": [{"key": choice.key, "name": choice.name} for choice in definition.choices],
    }


def filed_json(case: Case, category: Category) -> dict[str, Any]:
    """What a POST answers of the case it filed."""
    days = category.time_limit(case.priority)
    return {
        "service_request_id": str(case.number),
        "service_notice": (
            f"Filed as case {case.number}: quote this number to follow it up. Once accepted "
            f"and dispatched, it is handled within {days} working days."
        ),
        "account_id": None,
    }


def request_json(case: Case, *, service_name: str, zone: ZoneInfo) -> dict[str, Any]:
    """What Open311 shows of a case: what, where and how far along; never who reported it."""
    location = case.location
    updated = case.timeline[-1].at if case.timeline else case.reported_at
    due = None if case.due_on is None else datetime.combine(case.due_on, END_OF_DAY, zone)
    return {
        "service_request_id": str(case.number),
        "status": "open" if case.status.is_open else "closed",
        "status_notes": _status_notes(case),
        "service_name": service_name,
        "service_code": case.category_code,
        "description": case.description,
        "agency_responsible": _agency(case),
        "service_notice": _notice(case),
        "requested_datetime": _w3c(case.reported_at, zone),
        "updated_datetime": _w3c(updated, zone),
        "expected_datetime": None if due is None else _w3c(due, zone),
        "address": location.address,
        "address_id": None,
        "zipcode": None,
        "lat": location.latitude,
        "long": location.longitude,
        "media_url": None,
    }


def _w3c(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _status_notes(case: Case) -> str:
    # Our status in words; the timeline's notes stay inside: staff write them for staff.
    if case.status.is_open and case.level is not Level.GRID:
        return f"{case.status.label}, escalated to the {case.level.label}"
    return case.status.label


def _agency(case: Case) -> str | None:
    lead = case.lead
    if lead is None:
        return None
    # A grid worker is named by role: the public is told who answers, not which person.
    return "grid worker (网格员)" if lead.kind is AssigneeKind.GRID_WORKER else lead.name


def _notice(case: Case) -> str | None:
    if case.time_limit_days is None or case.dispatched_on is None:
        return None
    notice = (
        f"Handled within {case.time_limit_days} working days of its dispatch on "
        f"{case.dispatched_on.isoformat()}"
    )
    if case.overdue_on is not None and case.status.is_open:
        notice += f"; overdue since {case.overdue_on.isoformat()}"
    return f"{notice}."
