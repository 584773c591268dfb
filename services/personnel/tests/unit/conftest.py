"""People, memberships and grids to build personnel tests on (no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from personnel.domain import (
    GridStatus,
    GridView,
    MembershipStatus,
    PartyMembership,
    Person,
)

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
TODAY = date(2026, 7, 1)


def with_check_character(body: str) -> str:
    """The seventeen digits ``body`` followed by their check character."""
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def id_number(born: date, *, sequence: int = 123, region: str = "370112") -> str:
    """A resident ID number with a correct check character (odd sequence: male)."""
    return with_check_character(f"{region}{born:%Y%m%d}{sequence:03d}")


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def make_id() -> Callable[..., str]:
    """Build a valid ID number: ``make_id(date(1990, 1, 1), sequence=124)``."""
    return id_number


@pytest.fixture
def complete_id() -> Callable[[str], str]:
    """Append the right check character to seventeen digits, whatever they say."""
    return with_check_character


@pytest.fixture
def make_person() -> Callable[..., Person]:
    """Register a person (events taken); keyword arguments override."""

    def make(**overrides: Any) -> Person:
        born = overrides.pop("born", date(1990, 1, 1))
        arguments: dict[str, Any] = {
            "id": uuid4(),
            "name": "王芳",
            "national_id": id_number(born, sequence=overrides.pop("sequence", 124)),
            "today": TODAY,
        }
        arguments.update(overrides)
        person = Person.register(**arguments)
        person.take_events()
        return person

    return make


@pytest.fixture
def person(make_person: Callable[..., Person]) -> Person:
    return make_person()


@pytest.fixture
def branch_id() -> UUID:
    """A party branch (党支部) in org."""
    return uuid4()


@pytest.fixture
def make_membership(person: Person, branch_id: UUID) -> Callable[..., PartyMembership]:
    """A membership standing at ``status`` since ``since`` (events taken)."""

    def make(
        status: MembershipStatus = MembershipStatus.FULL,
        since: date = date(2015, 7, 1),
        **overrides: Any,
    ) -> PartyMembership:
        arguments: dict[str, Any] = {
            "id": uuid4(),
            "person": person,
            "party_organization_id": branch_id,
            "status": status,
            "since": since,
        }
        arguments.update(overrides)
        membership = PartyMembership.register_existing(**arguments)
        membership.take_events()
        return membership

    return make


@pytest.fixture
def full_member(make_membership: Callable[..., PartyMembership]) -> PartyMembership:
    return make_membership()


@pytest.fixture
def make_grid() -> Callable[..., GridView]:
    """A grid as org reported it; keyword arguments override."""

    def make(**overrides: Any) -> GridView:
        arguments: dict[str, Any] = {
            "grid_id": uuid4(),
            "code": "370112001001001",
            "name": "第一网格",
            "status": GridStatus.ACTIVE,
            "division_id": uuid4(),
        }
        arguments.update(overrides)
        return GridView(**arguments)

    return make


@pytest.fixture
def grid(make_grid: Callable[..., GridView]) -> GridView:
    return make_grid()
