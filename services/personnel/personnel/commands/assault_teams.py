"""What callers ask of party-building assault teams (党建突击队), in imperative names."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from gridkit.domain import UNCHANGED, Unchanged


@dataclass(frozen=True, kw_only=True)
class FormAssaultTeam:
    """Form a team around a key task; the leader is its first member."""

    name: str
    mission: str
    key_task: str
    starts_on: date
    leader_id: UUID
    ends_on: date | None = None
    member_ids: tuple[UUID, ...] = field(default_factory=tuple)
    division_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateAssaultTeam:
    """Change some of a team's details; a new leader joins the team."""

    team_id: UUID
    name: str | Unchanged = UNCHANGED
    mission: str | Unchanged = UNCHANGED
    key_task: str | Unchanged = UNCHANGED
    starts_on: date | Unchanged = UNCHANGED
    ends_on: date | Unchanged | None = UNCHANGED
    leader_id: UUID | Unchanged = UNCHANGED
    division_code: str | Unchanged | None = UNCHANGED


@dataclass(frozen=True, kw_only=True)
class ActivateAssaultTeam:
    """Put a forming team to work."""

    team_id: UUID


@dataclass(frozen=True, kw_only=True)
class AddAssaultTeamMember:
    """Add a person to a team."""

    team_id: UUID
    person_id: UUID


@dataclass(frozen=True, kw_only=True)
class RemoveAssaultTeamMember:
    """Take a person off a team."""

    team_id: UUID
    person_id: UUID


@dataclass(frozen=True, kw_only=True)
class DisbandAssaultTeam:
    """Stand a team down."""

    team_id: UUID
    on: date
    reason: str
