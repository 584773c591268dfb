"""Volunteer teams (志愿服务队): one in every grid, others by skill or by unit.

Every grid has a volunteer team (党建引领网格化建设基本标准): it is created from
org's grid events with :meth:`VolunteerTeam.for_grid` and follows the grid's
code and name. Skill teams (专业志愿服务队) and unit teams (单位志愿服务队) are
formed with :meth:`VolunteerTeam.form`.

Joining: an active volunteer asks to join; a team that takes anyone makes them a
member at once, a team that needs approval keeps the request pending until one
of its leaders (队长) approves or rejects it. Members leave when they like, and
a pending request may be withdrawn the same way. Each volunteer has one
membership per team, which a new request after leaving or a rejection reuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from volunteers.domain.errors import (
    AlreadyInTeam,
    InvalidTeam,
    NoJoinRequest,
    NotATeamLeader,
    NotInTeam,
    TeamLeaderAlreadyAppointed,
    TeamLeaderNotFound,
    VolunteerNotActive,
)
from volunteers.domain.events import (
    JoinRejected,
    JoinRequested,
    MemberJoined,
    MemberLeft,
    TeamCreated,
    TeamEvent,
    TeamLeaderAppointed,
    TeamLeaderRemoved,
    TeamUpdated,
)
from volunteers.domain.kinds import MembershipStatus, TeamKind
from volunteers.domain.moments import aware
from volunteers.domain.skills import skill_code
from volunteers.domain.text import clean_text, optional_text
from volunteers.domain.volunteer import Volunteer

__all__ = ["GRID_TEAM_SUFFIX", "Membership", "VolunteerTeam"]

NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 500
GRID_TEAM_SUFFIX = "志愿服务队"
"""A grid's team is named after its grid: 香溢紫郡第一网格志愿服务队."""

_M = MembershipStatus
_E = TypeVar("_E", bound=TeamEvent)


@dataclass(frozen=True, kw_only=True)
class Membership:
    """A volunteer's place in a team: asked, member, turned down or gone."""

    volunteer_id: UUID
    person_id: UUID
    """The volunteer's person, so "my teams" needs no join."""
    status: MembershipStatus
    requested_at: datetime
    """When the volunteer (last) asked to join."""
    joined_at: datetime | None = None
    """When they became a member, for an active membership."""
    decided_by: UUID | None = None
    """The leader who approved or rejected the last request; ``None`` if none was needed."""
    decided_at: datetime | None = None
    rejection_reason: str | None = None
    left_at: datetime | None = None


@dataclass(kw_only=True)
class VolunteerTeam(Aggregate):
    """A volunteer team (志愿服务队): its kind, leaders, joining rule and memberships.

    Build one with :meth:`for_grid` or :meth:`form`; the repository rebuilds stored
    ones with the constructor. The fields are read freely; only the methods change them.
    """

    aggregate_type: ClassVar[str] = "team"

    name: str
    kind: TeamKind
    grid_id: UUID | None = None
    """A grid team's grid (unique: one team per grid); the grid a skill or unit team
    serves, if it serves one."""
    grid_code: str | None = None
    """A grid team's grid code, as org last announced it."""
    skill: str | None = None
    """A skill team's skill code (``FIRST_AID``)."""
    unit_id: UUID | None = None
    """A unit team's unit in org (an enterprise, a public unit, a 两新 organisation)."""
    description: str | None = None
    leader_ids: tuple[UUID, ...] = ()
    """The leaders (队长), person ids, in the order appointed."""
    approval_required: bool = False
    """Whether a request to join waits for a leader's approval."""
    memberships: list[Membership] = field(default_factory=list)
    """One per volunteer who ever asked to join, in the order they first asked."""
    created_at: datetime

    # Forming

    @classmethod
    def for_grid(
        cls, *, id: UUID, grid_id: UUID, grid_code: str, grid_name: str, at: datetime
    ) -> VolunteerTeam:
        """The grid's own team (网格志愿服务队), as org announces a new grid.

        It is named after the grid, takes anyone who asks (no approval needed) and has
        no leaders until some are appointed. The repository holds "one per grid" with a
        unique constraint on ``grid_id``.
        """
        team = cls(
            id=id,
            name=_grid_team_name(grid_name),
            kind=TeamKind.GRID,
            grid_id=grid_id,
            grid_code=clean_text(grid_code, label="Grid code", max_length=NAME_MAX_LENGTH),
            created_at=aware(at),
        )
        team._created(at=at, by=None)
        return team

    @classmethod
    def form(
        cls,
        *,
        id: UUID,
        name: str,
        kind: TeamKind,
        at: datetime,
        by: UUID | None = None,
        skill: str | None = None,
        unit_id: UUID | None = None,
        grid_id: UUID | None = None,
        description: str | None = None,
        leader_ids: Iterable[UUID] = (),
        approval_required: bool = True,
    ) -> VolunteerTeam:
        """Form a skill team (naming its ``skill``) or a unit team (naming its ``unit_id``).

        A grid's team is not formed by hand: it comes with its grid (:meth:`for_grid`).
        """
        if kind is TeamKind.GRID:
            raise InvalidTeam(
                "A grid's volunteer team is created with the grid itself; form a skill or a "
                "unit team instead",
                kind=kind.value,
            )
        if (kind is TeamKind.SKILL) != (skill is not None):
            raise InvalidTeam(
                "A skill team names its skill, and only a skill team does", kind=kind.value
            )
        if (kind is TeamKind.UNIT) != (unit_id is not None):
            raise InvalidTeam(
                "A unit team names its unit, and only a unit team does", kind=kind.value
            )
        leaders = tuple(dict.fromkeys(leader_ids))
        team = cls(
            id=id,
            name=clean_text(name, label="Team name", max_length=NAME_MAX_LENGTH),
            kind=kind,
            grid_id=grid_id,
            skill=None if skill is None else skill_code(skill),
            unit_id=unit_id,
            description=_description(description),
            leader_ids=leaders,
            approval_required=approval_required,
            created_at=aware(at),
        )
        team._created(at=at, by=by)
        return team

    def follow_grid(self, *, grid_code: str, grid_name: str, at: datetime) -> TeamUpdated | None:
        """Take a grid's new code or name (org's ``grid.updated``); ``None`` if nothing changed."""
        aware(at)
        if self.kind is not TeamKind.GRID:
            raise InvalidTeam(
                f"{self.name} is a {self.kind.label}; only a grid team follows its grid",
                kind=self.kind.value,
            )
        code = clean_text(grid_code, label="Grid code", max_length=NAME_MAX_LENGTH)
        name = _grid_team_name(grid_name)
        if (code, name) == (self.grid_code, self.name):
            return None
        self.grid_code, self.name = code, name
        return self._updated(at=at, by=None)

    def revise(
        self,
        *,
        at: datetime,
        by: UUID | None = None,
        name: str | Unchanged = UNCHANGED,
        description: str | Unchanged | None = UNCHANGED,
        approval_required: bool | Unchanged = UNCHANGED,
    ) -> TeamUpdated:
        """Change the name, the description or whether joining needs approval.

        Requests already pending stay pending when approval stops being required: a
        leader still decides them.
        """
        aware(at)
        if not isinstance(name, Unchanged):
            self.name = clean_text(name, label="Team name", max_length=NAME_MAX_LENGTH)
        if not isinstance(description, Unchanged):
            self.description = _description(description)
        if not isinstance(approval_required, Unchanged):
            self.approval_required = approval_required
        return self._updated(at=at, by=by)

    # Leaders (队长)

    def appoint_leader(
        self, *, person_id: UUID, at: datetime, by: UUID | None = None
    ) -> TeamLeaderAppointed:
        """Make ``person_id`` a leader of the team."""
        aware(at)
        if person_id in self.leader_ids:
            raise TeamLeaderAlreadyAppointed(
                f"Person {person_id} leads {self.name} already", person_id=str(person_id)
            )
        self.leader_ids = (*self.leader_ids, person_id)
        return self._step(TeamLeaderAppointed, at=at, by=by, person_id=person_id)

    def remove_leader(
        self, *, person_id: UUID, at: datetime, by: UUID | None = None
    ) -> TeamLeaderRemoved:
        """Stop ``person_id`` leading the team."""
        aware(at)
        if person_id not in self.leader_ids:
            raise TeamLeaderNotFound(
                f"Person {person_id} does not lead {self.name}", person_id=str(person_id)
            )
        self.leader_ids = tuple(leader for leader in self.leader_ids if leader != person_id)
        return self._step(TeamLeaderRemoved, at=at, by=by, person_id=person_id)

    # Joining and leaving

    def request_to_join(self, *, volunteer: Volunteer, at: datetime) -> Membership:
        """The volunteer asks to join: a member at once, or pending a leader's approval."""
        aware(at)
        if not volunteer.is_active:
            raise VolunteerNotActive(
                f"Volunteer {volunteer.number} is {volunteer.status.label}; only an active "
                "volunteer joins a team",
                volunteer_id=str(volunteer.id),
                status=volunteer.status.value,
            )
        current = self.membership_of(volunteer.id)
        if current is not None and current.status in (_M.ACTIVE, _M.PENDING):
            raise AlreadyInTeam(
                f"Volunteer {volunteer.number} is {current.status.label} in {self.name} already",
                volunteer_id=str(volunteer.id),
                status=current.status.value,
            )
        pending = self.approval_required
        membership = Membership(
            volunteer_id=volunteer.id,
            person_id=volunteer.person_id,
            status=_M.PENDING if pending else _M.ACTIVE,
            requested_at=at,
            joined_at=None if pending else at,
        )
        self._put(membership)
        if pending:
            self._member_step(JoinRequested, membership, at=at, by=volunteer.person_id)
        else:
            self._member_step(
                MemberJoined, membership, at=at, by=volunteer.person_id, approved_by=None
            )
        return membership

    def approve(self, *, volunteer_id: UUID, by: UUID, at: datetime) -> Membership:
        """A leader approves the volunteer's request: they become a member."""
        request = self._pending_request(volunteer_id, by=by, at=at)
        membership = replace(request, status=_M.ACTIVE, joined_at=at, decided_by=by, decided_at=at)
        self._put(membership)
        self._member_step(MemberJoined, membership, at=at, by=by, approved_by=by)
        return membership

    def reject(
        self, *, volunteer_id: UUID, by: UUID, at: datetime, reason: str | None = None
    ) -> Membership:
        """A leader turns the volunteer's request down; they may ask again later."""
        request = self._pending_request(volunteer_id, by=by, at=at)
        why = optional_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        membership = replace(
            request, status=_M.REJECTED, decided_by=by, decided_at=at, rejection_reason=why
        )
        self._put(membership)
        self._member_step(JoinRejected, membership, at=at, by=by, reason=why)
        return membership

    def leave(self, *, volunteer_id: UUID, at: datetime) -> Membership:
        """The volunteer leaves the team, or withdraws a request still pending."""
        aware(at)
        current = self.membership_of(volunteer_id)
        if current is None or current.status not in (_M.ACTIVE, _M.PENDING):
            raise NotInTeam(
                f"Volunteer {volunteer_id} is not a member of {self.name}, nor waiting to be",
                volunteer_id=str(volunteer_id),
            )
        membership = replace(current, status=_M.LEFT, left_at=at)
        self._put(membership)
        self._member_step(MemberLeft, membership, at=at, by=current.person_id, was=current.status)
        return membership

    # Reading

    def certifier(self, *, issuer: UUID, volunteer_id: UUID, by_staff: bool) -> UUID:
        """Who is in charge (负责人) of a certificate the team issues for ``volunteer_id``.

        A leader issues for a volunteer who is or was a member, and is in charge of it; staff
        issue for anyone, naming the team's first leader (themselves while it has none).
        Anyone else is refused (``TEAM_NOT_LEADER``), as is a leader certifying a volunteer
        the team never had (``TEAM_NOT_MEMBER``).
        """
        if by_staff:
            return issuer if self.is_leader(issuer) else next(iter(self.leader_ids), issuer)
        if not self.is_leader(issuer):
            raise NotATeamLeader(
                f"Person {issuer} does not lead {self.name}; its leaders issue its certificates",
                person_id=str(issuer),
            )
        membership = self.membership_of(volunteer_id)
        if membership is None or membership.joined_at is None:
            raise NotInTeam(
                f"Volunteer {volunteer_id} never was a member of {self.name}; the team "
                "certifies only its own members' service",
                volunteer_id=str(volunteer_id),
            )
        return issuer

    def is_leader(self, person_id: UUID) -> bool:
        """Whether ``person_id`` leads the team."""
        return person_id in self.leader_ids

    def membership_of(self, volunteer_id: UUID) -> Membership | None:
        """The volunteer's membership in whatever status, or ``None`` if they never asked."""
        return next((m for m in self.memberships if m.volunteer_id == volunteer_id), None)

    def is_member(self, volunteer_id: UUID) -> bool:
        """Whether the volunteer is a member now."""
        membership = self.membership_of(volunteer_id)
        return membership is not None and membership.status is _M.ACTIVE

    @property
    def members(self) -> list[Membership]:
        """The active memberships."""
        return [m for m in self.memberships if m.status is _M.ACTIVE]

    @property
    def pending_requests(self) -> list[Membership]:
        """The requests waiting for a leader, oldest first."""
        return sorted(
            (m for m in self.memberships if m.status is _M.PENDING),
            key=lambda m: m.requested_at,
        )

    # Internals

    def _pending_request(self, volunteer_id: UUID, *, by: UUID, at: datetime) -> Membership:
        aware(at)
        if not self.is_leader(by):
            raise NotATeamLeader(
                f"Person {by} does not lead {self.name}; only a leader of the team decides on "
                "requests to join it",
                person_id=str(by),
            )
        current = self.membership_of(volunteer_id)
        if current is None or current.status is not _M.PENDING:
            raise NoJoinRequest(
                f"Volunteer {volunteer_id} has no request to join {self.name} waiting",
                volunteer_id=str(volunteer_id),
            )
        return current

    def _put(self, membership: Membership) -> None:
        for index, current in enumerate(self.memberships):
            if current.volunteer_id == membership.volunteer_id:
                self.memberships[index] = membership
                return
        self.memberships.append(membership)

    def _created(self, *, at: datetime, by: UUID | None) -> None:
        self._step(
            TeamCreated,
            at=at,
            by=by,
            grid_code=self.grid_code,
            skill=self.skill,
            unit_id=self.unit_id,
            approval_required=self.approval_required,
            leader_ids=self.leader_ids,
        )

    def _updated(self, *, at: datetime, by: UUID | None) -> TeamUpdated:
        return self._step(
            TeamUpdated,
            at=at,
            by=by,
            grid_code=self.grid_code,
            description=self.description,
            approval_required=self.approval_required,
        )

    def _member_step(
        self,
        event_type: type[_E],
        membership: Membership,
        *,
        at: datetime,
        by: UUID | None,
        **fields: Any,
    ) -> _E:
        return self._step(
            event_type,
            at=at,
            by=by,
            volunteer_id=membership.volunteer_id,
            person_id=membership.person_id,
            status=membership.status,
            **fields,
        )

    def _step(self, event_type: type[_E], *, at: datetime, by: UUID | None, **fields: Any) -> _E:
        event = event_type(
            team_id=self.id,
            team_name=self.name,
            kind=self.kind,
            grid_id=self.grid_id,
            at=at,
            by=by,
            **fields,
        )
        self.record(event)
        return event


def _grid_team_name(grid_name: str) -> str:
    name = clean_text(
        grid_name, label="Grid name", max_length=NAME_MAX_LENGTH - len(GRID_TEAM_SUFFIX)
    )
    return name if name.endswith(GRID_TEAM_SUFFIX) else name + GRID_TEAM_SUFFIX


def _description(value: str | None) -> str | None:
    return optional_text(value, label="Description", max_length=DESCRIPTION_MAX_LENGTH)
