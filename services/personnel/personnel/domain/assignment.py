"""Grid assignments: who holds which role on a grid's team ("1+1+1+N"), from when to when."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import Aggregate
from personnel.domain.errors import (
    AssignmentAlreadyEnded,
    AssignmentDuplicate,
    AssignmentRoleTaken,
    FullTimeWorkerNotAMember,
    GridNotFound,
    GridRetiredError,
    InvalidDate,
)
from personnel.domain.events import AssignmentEnded, AssignmentEvent, AssignmentStarted
from personnel.domain.grid_view import GridView
from personnel.domain.kinds import GridRole, MembershipStatus
from personnel.domain.text import clean_text

__all__ = [
    "SINGLE_HOLDER_ROLES",
    "GridAssignment",
    "GridRole",
    "check_new_assignment",
    "end_full_time_work_of_non_member",
]

REASON_MAX_LENGTH = 500

SINGLE_HOLDER_ROLES = frozenset(
    {GridRole.GRID_LEADER, GridRole.GRID_INSTRUCTOR, GridRole.FULL_TIME_WORKER}
)
"""Roles a grid has one holder of at a time; grid workers and party instructors are many."""

_E = TypeVar("_E", bound=AssignmentEvent)


@dataclass(kw_only=True)
class GridAssignment(Aggregate):
    """A person's role on a grid's team.

    ``ends_on`` is the first day the person no longer holds the role, so a
    successor can start the same day.
    """

    aggregate_type: ClassVar[str] = "assignment"

    person_id: UUID
    grid_id: UUID
    role: GridRole
    starts_on: date
    ends_on: date | None = None
    end_reason: str | None = None

    @classmethod
    def start(
        cls,
        *,
        id: UUID,
        person_id: UUID,
        role: GridRole,
        grid_id: UUID,
        grid: GridView | None,
        starts_on: date,
        team: Sequence[GridAssignment],
        membership_status: MembershipStatus | None,
        names: Mapping[UUID, str] | None = None,
    ) -> GridAssignment:
        """Give a person a role on a grid, after :func:`check_new_assignment` allows it."""
        check_new_assignment(
            person_id=person_id,
            role=role,
            grid_id=grid_id,
            grid=grid,
            team=team,
            membership_status=membership_status,
            on=starts_on,
            names=names,
        )
        assignment = cls(
            id=id, person_id=person_id, grid_id=grid_id, role=role, starts_on=starts_on
        )
        assignment.record(assignment._event(AssignmentStarted))
        return assignment

    @property
    def is_ended(self) -> bool:
        """Whether an end date has been set."""
        return self.ends_on is not None

    def is_active_on(self, day: date) -> bool:
        """Whether the person holds the role on ``day``."""
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)

    def holds_on_or_after(self, day: date) -> bool:
        """Whether the person holds the role on ``day`` or any day after it."""
        return self.ends_on is None or self.ends_on > day

    def end(self, *, on: date, reason: str) -> AssignmentEnded:
        """Stop the assignment; ``on`` is the first day the person no longer holds the role."""
        if self.ends_on is not None:
            raise AssignmentAlreadyEnded(
                f"This {self.role.label} assignment already ended on {self.ends_on.isoformat()}",
                ends_on=self.ends_on.isoformat(),
            )
        if on < self.starts_on:
            raise InvalidDate(
                f"The assignment started on {self.starts_on.isoformat()}; it cannot end on "
                f"{on.isoformat()}, before that",
                earliest=self.starts_on.isoformat(),
            )
        self.end_reason = clean_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        self.ends_on = on
        event = self._event(AssignmentEnded, end_reason=self.end_reason)
        self.record(event)
        return event

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            assignment_id=self.id,
            person_id=self.person_id,
            grid_id=self.grid_id,
            role=self.role,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            **extra,
        )


def check_new_assignment(
    *,
    person_id: UUID,
    role: GridRole,
    grid_id: UUID,
    grid: GridView | None,
    team: Sequence[GridAssignment],
    membership_status: MembershipStatus | None,
    on: date,
    names: Mapping[UUID, str] | None = None,
) -> GridView:
    """Refuse an assignment from ``on`` that the rules of a grid team do not allow.

    ``grid`` is the view of ``grid_id`` (``None`` when unknown); ``team`` holds
    the grid's assignments, ended ones included (others are ignored);
    ``membership_status`` is the person's (``None`` without a membership
    record); ``names`` maps person ids to names, for messages.
    """
    if grid is None:
        raise GridNotFound.for_id(grid_id)
    if not grid.is_active:
        raise GridRetiredError(
            f"Grid {grid.title} is retired; no one can be given a role on it",
            grid_id=str(grid.grid_id),
        )
    holders = [
        a for a in team if a.grid_id == grid.grid_id and a.role is role and a.holds_on_or_after(on)
    ]
    named = names or {}
    if any(a.person_id == person_id for a in holders):
        raise AssignmentDuplicate(
            f"{_who(person_id, named)} is already {role.label} of grid {grid.title}",
            person_id=str(person_id),
            role=role.value,
        )
    if role in SINGLE_HOLDER_ROLES and holders:
        holder = min(holders, key=lambda a: a.starts_on)
        raise AssignmentRoleTaken(
            f"Grid {grid.title} already has a {role.label}: {_who(holder.person_id, named)}, "
            f"from {holder.starts_on.isoformat()}; end that assignment first",
            role=role.value,
            holder_id=str(holder.person_id),
            assignment_id=str(holder.id),
        )
    if role is GridRole.FULL_TIME_WORKER and not (
        membership_status is not None and membership_status.is_member
    ):
        standing = (
            "has no party membership record"
            if membership_status is None
            else f"is {membership_status.label}"
        )
        raise FullTimeWorkerNotAMember(
            f"A full-time grid worker (专职网格员) must be a probationary or full party member; "
            f"{_who(person_id, named)} {standing}",
            person_id=str(person_id),
            status=None if membership_status is None else membership_status.value,
        )
    return grid


def end_full_time_work_of_non_member(
    assignments: Sequence[GridAssignment], *, status: MembershipStatus, on: date
) -> list[GridAssignment]:
    """End the full-time grid worker roles of someone who is no longer a party member.

    A full-time worker (专职网格员) must be a party member: when the person leaves, is
    expelled or has their probation cancelled on ``on``, every open full-time worker
    role they hold ends then (a role not begun yet ends as it starts).
    Returns the assignments ended; none while the person is still a member.
    """
    if status.is_member:
        return []
    ended = []
    for assignment in assignments:
        if assignment.role is GridRole.FULL_TIME_WORKER and not assignment.is_ended:
            assignment.end(
                on=max(on, assignment.starts_on),
                reason=f"No longer a party member: {status.label}",
            )
            ended.append(assignment)
    return ended


def _who(person_id: UUID, names: Mapping[UUID, str]) -> str:
    return names.get(person_id) or f"person {person_id}"
