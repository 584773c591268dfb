"""What a grid offers: micro-positions (党群活动微阵地) and proxy-service items (代办服务事项)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from org.domain.counts import check_count
from org.domain.errors import DuplicateName
from org.domain.text import clean_name, clean_text

ADDRESS_MAX_LENGTH = 200
OPENING_HOURS_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 1000
MAX_TIME_LIMIT_WORKING_DAYS = 365


@dataclass(frozen=True, kw_only=True)
class MicroPosition:
    """A party-mass activity micro-position (党群活动微阵地) in a grid."""

    id: UUID
    name: str
    address: str
    opening_hours: str
    """Free text as posted at the door, e.g. "周一至周五 9:00-17:00"; may be empty."""

    @classmethod
    def create(cls, *, id: UUID, name: str, address: str, opening_hours: str = "") -> MicroPosition:
        """A micro-position with its texts checked and trimmed."""
        return cls(
            id=id,
            name=clean_name(name, label="Micro-position name"),
            address=clean_text(address, label="Address", max_length=ADDRESS_MAX_LENGTH),
            opening_hours=clean_text(
                opening_hours,
                label="Opening hours",
                max_length=OPENING_HOURS_MAX_LENGTH,
                required=False,
            ),
        )


@dataclass(frozen=True, kw_only=True)
class ProxyServiceItem:
    """A proxy-service item (代办服务事项): a matter grid staff handle on a resident's behalf."""

    id: UUID
    name: str
    description: str
    responsible_department: str
    time_limit_working_days: int

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        name: str,
        responsible_department: str,
        time_limit_working_days: int,
        description: str = "",
    ) -> ProxyServiceItem:
        """A proxy-service item with its fields checked and trimmed."""
        return cls(
            id=id,
            name=clean_name(name, label="Proxy-service item name"),
            description=clean_text(
                description,
                label="Description",
                max_length=DESCRIPTION_MAX_LENGTH,
                required=False,
            ),
            responsible_department=clean_name(
                responsible_department, label="Responsible department"
            ),
            time_limit_working_days=check_count(
                time_limit_working_days,
                label="Time limit in working days",
                minimum=1,
                maximum=MAX_TIME_LIMIT_WORKING_DAYS,
            ),
        )


class _Named(Protocol):
    @property
    def id(self) -> UUID: ...

    @property
    def name(self) -> str: ...


def ensure_unique_name(candidate: _Named, siblings: Iterable[_Named], *, what: str) -> None:
    """Refuse a name another sibling already has (ignoring case); the entity itself may keep it."""
    key = candidate.name.casefold()
    if any(s.id != candidate.id and s.name.casefold() == key for s in siblings):
        raise DuplicateName(
            f"This grid already has a {what} named {candidate.name!r}", name=candidate.name
        )
