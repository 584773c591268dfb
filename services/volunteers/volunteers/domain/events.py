"""Domain events of the volunteers service (past tense, immutable).

Each event carries its aggregate as it stands after the change, who made the
change (a person id; ``None`` for the system or for what another service's
event caused) and when, and what is particular to it. Its ``name`` tells it from the
other events of its aggregate; the type it is published under is its contract's
(:mod:`gridkit.contracts.volunteers`): ``volunteers.team.*``, ``volunteers.volunteer.*``,
``volunteers.activity.*``, ``volunteers.signup.*`` (sign-ups, which belong to their
activity and share its versions) and ``volunteers.hours.*`` (service records).
Enum values are ``StrEnum`` members, which serialise as their plain strings;
hours are :class:`~decimal.Decimal` tenths. No event carries a check-in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from volunteers.domain.kinds import (
    ActivityCategory,
    ActivityStatus,
    CheckMethod,
    EntryKind,
    MembershipStatus,
    SignupStatus,
    TeamKind,
    VolunteerStatus,
)

# Teams (志愿服务队)


@dataclass(frozen=True, kw_only=True)
class TeamEvent:
    """A team as it stands after the change, and who changed it, when."""

    name: ClassVar[str]
    """The event's name in ``volunteers.team.<name>``."""

    team_id: UUID
    team_name: str
    kind: TeamKind
    grid_id: UUID | None
    """The grid of a grid team; the grid served, if any, for the others."""
    at: datetime
    by: UUID | None
    """Who made the change; ``None`` for the system (a grid's team created from org's event)."""


@dataclass(frozen=True, kw_only=True)
class TeamCreated(TeamEvent):
    """A team was formed, or created with its grid (网格志愿服务队)."""

    name: ClassVar[str] = "created"

    grid_code: str | None
    skill: str | None
    unit_id: UUID | None
    approval_required: bool
    leader_ids: tuple[UUID, ...]


@dataclass(frozen=True, kw_only=True)
class TeamUpdated(TeamEvent):
    """A team's name, description or joining rule changed (or its grid's code or name)."""

    name: ClassVar[str] = "updated"

    grid_code: str | None
    description: str | None
    approval_required: bool


@dataclass(frozen=True, kw_only=True)
class TeamLeaderAppointed(TeamEvent):
    """Someone was made a leader of the team (队长)."""

    name: ClassVar[str] = "leader_appointed"

    person_id: UUID


@dataclass(frozen=True, kw_only=True)
class TeamLeaderRemoved(TeamEvent):
    """Someone no longer leads the team."""

    name: ClassVar[str] = "leader_removed"

    person_id: UUID


@dataclass(frozen=True, kw_only=True)
class MembershipEvent(TeamEvent):
    """A volunteer's membership of the team changed."""

    volunteer_id: UUID
    person_id: UUID
    status: MembershipStatus
    """The membership's status after the change."""


@dataclass(frozen=True, kw_only=True)
class JoinRequested(MembershipEvent):
    """A volunteer asked to join a team that needs a leader's approval (申请入队)."""

    name: ClassVar[str] = "join_requested"


@dataclass(frozen=True, kw_only=True)
class MemberJoined(MembershipEvent):
    """A volunteer joined the team: directly, or approved by a leader (入队)."""

    name: ClassVar[str] = "member_joined"

    approved_by: UUID | None
    """The leader who approved the request; ``None`` when the team takes anyone."""


@dataclass(frozen=True, kw_only=True)
class JoinRejected(MembershipEvent):
    """A leader turned a request to join down."""

    name: ClassVar[str] = "join_rejected"

    reason: str | None


@dataclass(frozen=True, kw_only=True)
class MemberLeft(MembershipEvent):
    """A member left the team, or a volunteer withdrew their request (退队)."""

    name: ClassVar[str] = "member_left"

    was: MembershipStatus
    """What the volunteer was before: ACTIVE (a member) or PENDING (a request)."""


# Volunteers (志愿者)


@dataclass(frozen=True, kw_only=True)
class VolunteerEvent:
    """A volunteer as they stand after the change, and who changed it, when."""

    name: ClassVar[str]
    """The event's name in ``volunteers.volunteer.<name>``."""

    volunteer_id: UUID
    person_id: UUID
    number: str
    """The volunteer number, ``V37011200000123``."""
    status: VolunteerStatus
    at: datetime
    by: UUID | None


@dataclass(frozen=True, kw_only=True)
class VolunteerRegistered(VolunteerEvent):
    """A person registered as a volunteer (志愿者注册)."""

    name: ClassVar[str] = "registered"

    skills: tuple[str, ...]
    """Skill codes, sorted."""
    availability: str | None


@dataclass(frozen=True, kw_only=True)
class VolunteerProfileUpdated(VolunteerEvent):
    """A volunteer's skills or availability changed."""

    name: ClassVar[str] = "profile_updated"

    skills: tuple[str, ...]
    availability: str | None


@dataclass(frozen=True, kw_only=True)
class VolunteerSuspended(VolunteerEvent):
    """A volunteer was suspended (暂停); their sign-ups stand, new ones are refused."""

    name: ClassVar[str] = "suspended"

    reason: str


@dataclass(frozen=True, kw_only=True)
class VolunteerReinstated(VolunteerEvent):
    """A suspended volunteer may serve again."""

    name: ClassVar[str] = "reinstated"


@dataclass(frozen=True, kw_only=True)
class VolunteerLeft(VolunteerEvent):
    """A volunteer left volunteering (注销); their records stay."""

    name: ClassVar[str] = "left"

    reason: str | None


@dataclass(frozen=True, kw_only=True)
class VolunteerRejoined(VolunteerEvent):
    """A volunteer who had left came back, under the same number."""

    name: ClassVar[str] = "rejoined"


@dataclass(frozen=True, kw_only=True)
class ProfileEntryAdded(VolunteerEvent):
    """A training, an award or an evaluation was added to the volunteer's record."""

    name: ClassVar[str] = "entry_added"

    entry_id: UUID
    kind: EntryKind
    on: date
    title: str


# Activities (志愿服务活动)


@dataclass(frozen=True, kw_only=True)
class ActivityEvent:
    """An activity as it stands after the change, and who changed it, when."""

    name: ClassVar[str]
    """The event's name in ``volunteers.activity.<name>``."""

    activity_id: UUID
    title: str
    status: ActivityStatus
    grid_id: UUID
    organiser_id: UUID
    at: datetime
    by: UUID | None
    """Who made the change; ``None`` for the system (a timer)."""


@dataclass(frozen=True, kw_only=True)
class ActivityDrafted(ActivityEvent):
    """An activity was drafted (草稿)."""

    name: ClassVar[str] = "drafted"

    category: ActivityCategory
    starts_at: datetime
    ends_at: datetime
    team_id: UUID | None
    case_id: UUID | None


@dataclass(frozen=True, kw_only=True)
class ActivityRevised(ActivityEvent):
    """A draft's details changed."""

    name: ClassVar[str] = "revised"

    category: ActivityCategory
    starts_at: datetime
    ends_at: datetime
    team_id: UUID | None
    case_id: UUID | None


@dataclass(frozen=True, kw_only=True)
class ShiftEvent(ActivityEvent):
    """A draft's shift (班次) was added, changed or removed."""

    shift_id: UUID
    starts_at: datetime
    ends_at: datetime
    needed: int
    waitlist_limit: int


@dataclass(frozen=True, kw_only=True)
class ShiftAdded(ShiftEvent):
    """A shift was added to a draft."""

    name: ClassVar[str] = "shift_added"


@dataclass(frozen=True, kw_only=True)
class ShiftRevised(ShiftEvent):
    """A draft's shift changed."""

    name: ClassVar[str] = "shift_revised"


@dataclass(frozen=True, kw_only=True)
class ShiftRemoved(ShiftEvent):
    """A shift was taken out of a draft."""

    name: ClassVar[str] = "shift_removed"


@dataclass(frozen=True, kw_only=True)
class ActivityPublished(ActivityEvent):
    """An activity was published (发布招募): volunteers may sign up."""

    name: ClassVar[str] = "published"

    category: ActivityCategory
    starts_at: datetime
    ends_at: datetime
    team_id: UUID | None
    case_id: UUID | None
    """The case (诉求) the activity answers, if any."""
    places: int
    """Volunteers needed, over all shifts."""


@dataclass(frozen=True, kw_only=True)
class ActivityStarted(ActivityEvent):
    """An activity got under way (开始): check-in opened."""

    name: ClassVar[str] = "started"


@dataclass(frozen=True, kw_only=True)
class ActivityFinished(ActivityEvent):
    """An activity ended (结束): its service can be recorded."""

    name: ClassVar[str] = "finished"

    case_id: UUID | None
    served: int
    """Sign-ups that checked out: the volunteers whose service will be recorded."""


@dataclass(frozen=True, kw_only=True)
class ActivityCancelled(ActivityEvent):
    """An activity was called off (取消); its confirmed and waitlisted sign-ups went with it."""

    name: ClassVar[str] = "cancelled"

    reason: str
    cancelled_from: ActivityStatus
    volunteer_ids: tuple[UUID, ...]
    """The volunteers whose sign-ups were cancelled with it, to be told."""


# Sign-ups and attendance (报名与签到)


@dataclass(frozen=True, kw_only=True)
class SignupEvent(ActivityEvent):
    """A sign-up of the activity as it stands after the change."""

    signup_id: UUID
    shift_id: UUID
    volunteer_id: UUID
    person_id: UUID
    signup_status: SignupStatus


@dataclass(frozen=True, kw_only=True)
class SignupConfirmed(SignupEvent):
    """A volunteer signed up and got a place (报名成功)."""

    name: ClassVar[str] = "signup_confirmed"


@dataclass(frozen=True, kw_only=True)
class SignupWaitlisted(SignupEvent):
    """A volunteer signed up for a full shift and waits for a place (候补)."""

    name: ClassVar[str] = "signup_waitlisted"

    position: int
    """Place on the waitlist: 1 is promoted first."""


@dataclass(frozen=True, kw_only=True)
class SignupPromoted(SignupEvent):
    """A waitlisted volunteer got the place a cancellation freed (候补转正)."""

    name: ClassVar[str] = "signup_promoted"

    replacing: UUID
    """The cancelled sign-up whose place it took."""


@dataclass(frozen=True, kw_only=True)
class SignupCancelled(SignupEvent):
    """A volunteer cancelled their sign-up (取消报名)."""

    name: ClassVar[str] = "signup_cancelled"

    was: SignupStatus
    """CONFIRMED (a place freed) or WAITLISTED."""
    reason: str | None


@dataclass(frozen=True, kw_only=True)
class CheckInCodeIssued(SignupEvent):
    """A one-time code (签到码) was issued to the volunteer; the code itself is not here."""

    name: ClassVar[str] = "code_issued"


@dataclass(frozen=True, kw_only=True)
class CheckedIn(SignupEvent):
    """A volunteer checked in (签到); ``at`` is the moment."""

    name: ClassVar[str] = "checked_in"

    method: CheckMethod


@dataclass(frozen=True, kw_only=True)
class CheckedOut(SignupEvent):
    """A volunteer checked out (签退); ``at`` is the moment."""

    name: ClassVar[str] = "checked_out"

    method: CheckMethod
    checked_in_at: datetime
    hours: Decimal
    """Hours served, check-in to check-out, to the tenth."""


@dataclass(frozen=True, kw_only=True)
class NoShowRecorded(SignupEvent):
    """A confirmed volunteer never checked in to a shift now over (缺席)."""

    name: ClassVar[str] = "no_show_recorded"


# Service records (志愿服务记录)


@dataclass(frozen=True, kw_only=True)
class ServiceRecordEvent:
    """A service record as it stands after the change, and who changed it, when."""

    name: ClassVar[str]
    """The event's name in ``volunteers.service_record.<name>``."""

    record_id: UUID
    volunteer_id: UUID
    person_id: UUID
    activity_id: UUID
    signup_id: UUID
    organiser_id: UUID
    served_on: date
    hours: Decimal
    """The hours as they stand after the change."""
    at: datetime
    by: UUID
    """The organiser, or (for a request) the volunteer's person."""


@dataclass(frozen=True, kw_only=True)
class HoursRecorded(ServiceRecordEvent):
    """The organiser recorded a volunteer's service (记录服务时长)."""

    name: ClassVar[str] = "hours_recorded"

    activity_title: str
    content: str


@dataclass(frozen=True, kw_only=True)
class CorrectionRequested(ServiceRecordEvent):
    """The volunteer asked for their record to be corrected (申请更正)."""

    name: ClassVar[str] = "correction_requested"

    correction_number: int
    reason: str
    requested_hours: Decimal | None
    requested_content: str | None


@dataclass(frozen=True, kw_only=True)
class RecordCorrected(ServiceRecordEvent):
    """The organiser corrected the record on the volunteer's request (更正); the earlier
    versions are kept."""

    name: ClassVar[str] = "corrected"

    correction_number: int
    version: int
    """The record's version after the correction: 2 for the first."""
    previous_hours: Decimal
    content: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class CorrectionRejected(ServiceRecordEvent):
    """The organiser kept the record as it was (不予更正)."""

    name: ClassVar[str] = "correction_rejected"

    correction_number: int
    reason: str
