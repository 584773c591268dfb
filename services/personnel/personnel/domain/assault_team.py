"""Party-building assault teams (党建突击队): members gathered around one key task for a while."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from personnel.domain.errors import (
    AssaultTeamDisbandedError,
    AssaultTeamDuplicateMember,
    AssaultTeamLeaderRequired,
    AssaultTeamMemberNotFound,
    InvalidAssaultTeamTransition,
    InvalidDate,
)
from personnel.domain.events import (
    AssaultTeamDisbanded,
    AssaultTeamEvent,
    AssaultTeamFormed,
    AssaultTeamUpdated,
)
from personnel.domain.kinds import AssaultTeamStatus
from personnel.domain.text import clean_name, clean_text, optional_division_code

__all__ = ["AssaultTeam", "AssaultTeamStatus"]

MISSION_MAX_LENGTH = 500
KEY_TASK_MAX_LENGTH = 200
REASON_MAX_LENGTH = 500

_S = AssaultTeamStatus
_NEXT = {_S.FORMING: {_S.ACTIVE, _S.DISBANDED}, _S.ACTIVE: {_S.DISBANDED}, _S.DISBANDED: set()}

_E = TypeVar("_E", bound=AssaultTeamEvent)


@dataclass(kw_only=True)
class AssaultTeam(Aggregate):
    """An assault team: its mission and key task, its period, its leader and members.

    The leader is always a member. A team is formed, goes active, and is
    disbanded in the end (or before it ever went active).
    """

    aggregate_type: ClassVar[str] = "assault_team"

    name: str
    mission: str
    key_task: str
    starts_on: date
    ends_on: date | None = None
    leader_id: UUID
    member_ids: list[UUID] = field(default_factory=list)
    """Members in the order they joined, the first leader first."""
    status: AssaultTeamStatus = AssaultTeamStatus.FORMING
    division_code: str | None = None
    """The division the team works in, for scoping who sees it."""
    disbanded_on: date | None = None
    disband_reason: str | None = None

    @classmethod
    def form(
        cls,
        *,
        id: UUID,
        name: str,
        mission: str,
        key_task: str,
        starts_on: date,
        leader_id: UUID,
        ends_on: date | None = None,
        member_ids: Iterable[UUID] = (),
        division_code: str | None = None,
    ) -> AssaultTeam:
        """Form a team; the leader joins it as its first member."""
        members = [leader_id]
        for person_id in member_ids:
            if person_id == leader_id:
                continue
            if person_id in members:
                raise _duplicate(person_id)
            members.append(person_id)
        team = cls(
            id=id,
            name=clean_name(name, label="Team name"),
            mission=clean_text(mission, label="Mission", max_length=MISSION_MAX_LENGTH),
            key_task=clean_text(key_task, label="Key task", max_length=KEY_TASK_MAX_LENGTH),
            starts_on=starts_on,
            ends_on=_check_period(starts_on, ends_on),
            leader_id=leader_id,
            member_ids=members,
            division_code=optional_division_code(division_code),
        )
        team.record(team._event(AssaultTeamFormed))
        return team

    @property
    def is_disbanded(self) -> bool:
        """Whether the team has been stood down."""
        return self.status is _S.DISBANDED

    def has_member(self, person_id: UUID) -> bool:
        """Whether ``person_id`` is on the team (the leader is)."""
        return person_id in self.member_ids

    def update(
        self,
        *,
        name: str | Unchanged = UNCHANGED,
        mission: str | Unchanged = UNCHANGED,
        key_task: str | Unchanged = UNCHANGED,
        starts_on: date | Unchanged = UNCHANGED,
        ends_on: date | Unchanged | None = UNCHANGED,
        leader_id: UUID | Unchanged = UNCHANGED,
        division_code: str | Unchanged | None = UNCHANGED,
    ) -> tuple[str, ...]:
        """Change some details; returns the fields that changed.

        A new leader who is not yet a member joins the team. ``ends_on=None``
        leaves the period open-ended.
        """
        self._ensure_not_disbanded()
        new_starts_on = self.starts_on if starts_on is UNCHANGED else starts_on
        new_ends_on = self.ends_on if ends_on is UNCHANGED else ends_on
        new_leader = self.leader_id if leader_id is UNCHANGED else leader_id
        proposed: dict[str, Any] = {
            "name": self.name if name is UNCHANGED else clean_name(name, label="Team name"),
            "mission": self.mission
            if mission is UNCHANGED
            else clean_text(mission, label="Mission", max_length=MISSION_MAX_LENGTH),
            "key_task": self.key_task
            if key_task is UNCHANGED
            else clean_text(key_task, label="Key task", max_length=KEY_TASK_MAX_LENGTH),
            "starts_on": new_starts_on,
            "ends_on": _check_period(new_starts_on, new_ends_on),
            "leader_id": new_leader,
            "member_ids": self.member_ids
            if new_leader in self.member_ids
            else [*self.member_ids, new_leader],
            "division_code": self.division_code
            if division_code is UNCHANGED
            else optional_division_code(division_code),
        }
        return self._apply(proposed)

    def activate(self) -> AssaultTeamUpdated:
        """Put a forming team to work."""
        self._move_to(_S.ACTIVE)
        self.status = _S.ACTIVE
        return self._updated(("status",))

    def add_member(self, person_id: UUID) -> AssaultTeamUpdated:
        """Add a person to the team."""
        self._ensure_not_disbanded()
        if person_id in self.member_ids:
            raise _duplicate(person_id)
        self.member_ids = [*self.member_ids, person_id]
        return self._updated(("member_ids",))

    def remove_member(self, person_id: UUID) -> AssaultTeamUpdated:
        """Take a person off the team; the leader stays until another is named."""
        self._ensure_not_disbanded()
        if person_id not in self.member_ids:
            raise AssaultTeamMemberNotFound(
                f"Person {person_id} is not on team {self.name}", person_id=str(person_id)
            )
        if person_id == self.leader_id:
            raise AssaultTeamLeaderRequired(
                f"Person {person_id} leads team {self.name}; name another leader first",
                person_id=str(person_id),
            )
        self.member_ids = [m for m in self.member_ids if m != person_id]
        return self._updated(("member_ids",))

    def disband(self, *, on: date, reason: str) -> AssaultTeamDisbanded:
        """Stand the team down; it keeps its record but takes no more changes."""
        self._move_to(_S.DISBANDED)
        reason = clean_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        self.status, self.disbanded_on, self.disband_reason = _S.DISBANDED, on, reason
        event = self._event(AssaultTeamDisbanded, disbanded_on=on, reason=reason)
        self.record(event)
        return event

    def _apply(self, proposed: dict[str, Any]) -> tuple[str, ...]:
        changed = tuple(f for f, value in proposed.items() if getattr(self, f) != value)
        if changed:
            for f in changed:
                setattr(self, f, proposed[f])
            self._updated(changed)
        return changed

    def _move_to(self, target: AssaultTeamStatus) -> None:
        if target not in _NEXT[self.status]:
            raise InvalidAssaultTeamTransition(
                f"Team {self.name} is {self.status.value.lower()}; it cannot become "
                f"{target.value.lower()}",
                **{"from": self.status.value, "to": target.value},
            )

    def _ensure_not_disbanded(self) -> None:
        if self.is_disbanded:
            raise AssaultTeamDisbandedError(
                f"Team {self.name} was disbanded and takes no more changes",
                team_id=str(self.id),
            )

    def _updated(self, changed: tuple[str, ...]) -> AssaultTeamUpdated:
        event = self._event(AssaultTeamUpdated, changed_fields=changed)
        self.record(event)
        return event

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            team_id=self.id,
            name=self.name,
            mission=self.mission,
            key_task=self.key_task,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            leader_id=self.leader_id,
            member_ids=tuple(self.member_ids),
            status=self.status,
            division_code=self.division_code,
            **extra,
        )


def _check_period(starts_on: date, ends_on: date | None) -> date | None:
    if ends_on is not None and ends_on < starts_on:
        raise InvalidDate(
            f"A team's period ends on or after its start ({starts_on.isoformat()}), "
            f"not on {ends_on.isoformat()}",
            earliest=starts_on.isoformat(),
        )
    return ends_on


def _duplicate(person_id: UUID) -> AssaultTeamDuplicateMember:
    return AssaultTeamDuplicateMember(
        f"Person {person_id} is on the team already", person_id=str(person_id)
    )
