"""Events published by the volunteers service (stream ``VOLUNTEERS``, subjects ``volunteers.>``).

Every event carries its aggregate as it stands after the change, who made the change (``by``, a
person id; ``None`` for the system) and when (``at``), and beside it what belongs to the step.
The field names are the domain events' own, so the volunteers service translates an event
field for field; enum values travel as their plain strings and hours as decimal tenths.

A team event carries the team (:class:`TeamState`), so org judges a grid's "volunteer team"
standards item (志愿服务队) from one shape: a grid has a team while its ``GRID`` team is
``ACTIVE``. Sign-ups belong to their activity: a sign-up event carries the activity
(:class:`ActivityState`) beside the sign-up (:class:`SignupState`), and its version is the
activity's, so the activity's versions are spread over ``volunteers.activity.*`` and
``volunteers.signup.*``: a consumer of either turns strict ordering off. Service records
(志愿服务记录) are ``volunteers.hours.*``.

No event carries a volunteer's ID number or phone, nor a check-in code (签到码) or its hash.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, model_validator

from gridkit.contracts.base import IntegrationEvent


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


# Teams (志愿服务队)


class TeamState(_Part):
    """A volunteer team after the change, and who changed it, when."""

    team_id: UUID
    team_name: str
    kind: str
    """GRID (the team every grid has), SKILL or UNIT."""
    status: str = "ACTIVE"
    """ACTIVE or DISSOLVED; every team is ACTIVE until teams can be dissolved."""
    grid_id: UUID | None = None
    """The grid of a ``GRID`` team; the grid served, if any, for the others."""
    at: datetime
    by: UUID | None = None
    """Who made the change; ``None`` for the system (a grid's team created from org's event)."""


class _TeamEvent(TeamState, IntegrationEvent):
    """Base of every ``volunteers.team.*`` event."""


class TeamCreated(_TeamEvent):
    """A team was formed, or created with its grid (网格志愿服务队)."""

    event_type: ClassVar[str] = "volunteers.team.created"
    grid_code: str | None = None
    skill: str | None = None
    unit_id: UUID | None = None
    approval_required: bool
    leader_ids: list[UUID] = []
    """The leaders' person ids."""


class TeamUpdated(_TeamEvent):
    """A team's name, description or joining rule changed (or its grid's code or name)."""

    event_type: ClassVar[str] = "volunteers.team.updated"
    grid_code: str | None = None
    description: str | None = None
    approval_required: bool


class TeamDissolved(_TeamEvent):
    """A team was dissolved. Not published yet: the volunteers domain dissolves no team."""

    event_type: ClassVar[str] = "volunteers.team.dissolved"
    status: str = "DISSOLVED"


class TeamLeaderAppointed(_TeamEvent):
    """Someone was made a leader of the team (队长)."""

    event_type: ClassVar[str] = "volunteers.team.leader_appointed"
    person_id: UUID


class TeamLeaderRemoved(_TeamEvent):
    """Someone no longer leads the team."""

    event_type: ClassVar[str] = "volunteers.team.leader_removed"
    person_id: UUID


class _MembershipEvent(_TeamEvent):
    """A volunteer's membership of the team changed.

    ``status`` stays the team's; the membership's is :attr:`membership_status`. The domain
    event calls it ``status``: validating a domain event's fields moves it across.
    """

    volunteer_id: UUID
    person_id: UUID
    membership_status: str
    """PENDING, ACTIVE, REJECTED or LEFT, after the change."""

    @model_validator(mode="before")
    @classmethod
    def _membership_status_of_the_domain_event(cls, data: Any) -> Any:
        if isinstance(data, dict) and "membership_status" not in data and "status" in data:
            data = dict(data)
            data["membership_status"] = data.pop("status")
        return data


class JoinRequested(_MembershipEvent):
    """A volunteer asked to join a team that needs a leader's approval (申请入队)."""

    event_type: ClassVar[str] = "volunteers.team.join_requested"


class MemberJoined(_MembershipEvent):
    """A volunteer joined the team: directly, or approved by a leader (入队)."""

    event_type: ClassVar[str] = "volunteers.team.member_joined"
    approved_by: UUID | None = None
    """The leader who approved the request; ``None`` when the team takes anyone."""


class JoinRejected(_MembershipEvent):
    """A leader turned a request to join down."""

    event_type: ClassVar[str] = "volunteers.team.join_rejected"
    reason: str | None = None


class MemberLeft(_MembershipEvent):
    """A member left the team, or a volunteer withdrew their request (退队)."""

    event_type: ClassVar[str] = "volunteers.team.member_left"
    was: str
    """What the volunteer was before: ACTIVE (a member) or PENDING (a request)."""


# Volunteers (志愿者)


class VolunteerState(_Part):
    """A registered volunteer after the change, and who changed it, when."""

    volunteer_id: UUID
    person_id: UUID
    number: str
    """The volunteer number, ``V37011200000123``."""
    status: str
    """ACTIVE, SUSPENDED or LEFT."""
    at: datetime
    by: UUID | None = None


class _VolunteerEvent(VolunteerState, IntegrationEvent):
    """Base of every ``volunteers.volunteer.*`` event."""


class VolunteerRegistered(_VolunteerEvent):
    """A person registered as a volunteer (志愿者注册)."""

    event_type: ClassVar[str] = "volunteers.volunteer.registered"
    skills: list[str] = []
    """Skill codes, sorted."""
    availability: str | None = None


class VolunteerProfileUpdated(_VolunteerEvent):
    """A volunteer's skills or availability changed."""

    event_type: ClassVar[str] = "volunteers.volunteer.profile_updated"
    skills: list[str] = []
    availability: str | None = None


class VolunteerSuspended(_VolunteerEvent):
    """A volunteer was suspended (暂停); their sign-ups stand, new ones are refused."""

    event_type: ClassVar[str] = "volunteers.volunteer.suspended"
    reason: str


class VolunteerReinstated(_VolunteerEvent):
    """A suspended volunteer may serve again."""

    event_type: ClassVar[str] = "volunteers.volunteer.reinstated"


class VolunteerLeft(_VolunteerEvent):
    """A volunteer left volunteering (注销); their records stay."""

    event_type: ClassVar[str] = "volunteers.volunteer.left"
    reason: str | None = None


class VolunteerRejoined(_VolunteerEvent):
    """A volunteer who had left came back, under the same number."""

    event_type: ClassVar[str] = "volunteers.volunteer.rejoined"


class ProfileEntryAdded(_VolunteerEvent):
    """A training, an award or an evaluation was added to the volunteer's record."""

    event_type: ClassVar[str] = "volunteers.volunteer.entry_added"
    entry_id: UUID
    kind: str
    """TRAINING, AWARD or EVALUATION."""
    on: date
    title: str


# Activities and their shifts (志愿服务活动, 班次)


class ActivityState(_Part):
    """A volunteer activity after the change, and who changed it, when."""

    activity_id: UUID
    title: str
    status: str
    """DRAFT, PUBLISHED, ONGOING, FINISHED or CANCELLED."""
    grid_id: UUID
    organiser_id: UUID
    """The organiser's person id."""
    at: datetime
    by: UUID | None = None
    """Who made the change; ``None`` for the system (a timer)."""


class _ActivityEvent(ActivityState, IntegrationEvent):
    """Base of every ``volunteers.activity.*`` event."""


class ActivityDrafted(_ActivityEvent):
    """An activity was drafted (草稿)."""

    event_type: ClassVar[str] = "volunteers.activity.drafted"
    category: str
    starts_at: datetime
    ends_at: datetime
    team_id: UUID | None = None
    case_id: UUID | None = None


class ActivityRevised(_ActivityEvent):
    """A draft's details changed."""

    event_type: ClassVar[str] = "volunteers.activity.revised"
    category: str
    starts_at: datetime
    ends_at: datetime
    team_id: UUID | None = None
    case_id: UUID | None = None


class _ShiftEvent(_ActivityEvent):
    """A draft's shift (班次) was added, changed or removed: the shift after the change."""

    shift_id: UUID
    starts_at: datetime
    ends_at: datetime
    needed: int
    waitlist_limit: int = 0


class ShiftAdded(_ShiftEvent):
    event_type: ClassVar[str] = "volunteers.activity.shift_added"


class ShiftRevised(_ShiftEvent):
    event_type: ClassVar[str] = "volunteers.activity.shift_revised"


class ShiftRemoved(_ShiftEvent):
    event_type: ClassVar[str] = "volunteers.activity.shift_removed"


class ActivityPublished(_ActivityEvent):
    """An activity was published (发布招募): volunteers may sign up."""

    event_type: ClassVar[str] = "volunteers.activity.published"
    category: str
    starts_at: datetime
    ends_at: datetime
    team_id: UUID | None = None
    case_id: UUID | None = None
    """The case (诉求) the activity answers, if any."""
    places: int
    """Volunteers needed, over all shifts."""


class ActivityStarted(_ActivityEvent):
    """An activity got under way (开始): check-in opened."""

    event_type: ClassVar[str] = "volunteers.activity.started"


class ActivityFinished(_ActivityEvent):
    """An activity ended (结束): its service can be recorded."""

    event_type: ClassVar[str] = "volunteers.activity.finished"
    case_id: UUID | None = None
    served: int
    """Sign-ups that checked out: the volunteers whose service will be recorded."""


class ActivityCancelled(_ActivityEvent):
    """An activity was called off (取消); its confirmed and waitlisted sign-ups went with it."""

    event_type: ClassVar[str] = "volunteers.activity.cancelled"
    reason: str
    cancelled_from: str
    volunteer_ids: list[UUID] = []
    """The volunteers whose sign-ups were cancelled with it, to be told."""


# Sign-ups and attendance (报名与签到)


class SignupState(ActivityState):
    """A sign-up for a shift after the change, beside its activity."""

    signup_id: UUID
    shift_id: UUID
    volunteer_id: UUID
    person_id: UUID
    signup_status: str
    """CONFIRMED, WAITLISTED, CANCELLED, CHECKED_IN, CHECKED_OUT or NO_SHOW."""


class _SignupEvent(SignupState, IntegrationEvent):
    """Base of every ``volunteers.signup.*`` event."""


class SignupConfirmed(_SignupEvent):
    """A volunteer signed up and got a place (报名成功)."""

    event_type: ClassVar[str] = "volunteers.signup.confirmed"


class SignupWaitlisted(_SignupEvent):
    """A volunteer signed up for a full shift and waits for a place (候补)."""

    event_type: ClassVar[str] = "volunteers.signup.waitlisted"
    position: int
    """Place on the waitlist: 1 is promoted first."""


class SignupPromoted(_SignupEvent):
    """A waitlisted volunteer got the place a cancellation freed (候补转正)."""

    event_type: ClassVar[str] = "volunteers.signup.promoted"
    replacing: UUID
    """The cancelled sign-up whose place it took."""


class SignupCancelled(_SignupEvent):
    """A volunteer cancelled their sign-up (取消报名)."""

    event_type: ClassVar[str] = "volunteers.signup.cancelled"
    was: str
    """CONFIRMED (a place freed) or WAITLISTED."""
    reason: str | None = None


class CheckInCodeIssued(_SignupEvent):
    """A one-time check-in code (签到码) was issued to the volunteer; the code is not here."""

    event_type: ClassVar[str] = "volunteers.signup.code_issued"


class CheckedIn(_SignupEvent):
    """A volunteer checked in (签到); ``at`` is the moment."""

    event_type: ClassVar[str] = "volunteers.signup.checked_in"
    method: str
    """ORGANISER (the organiser checked the volunteer in) or CODE (the volunteer's code)."""


class CheckedOut(_SignupEvent):
    """A volunteer checked out (签退); ``at`` is the moment."""

    event_type: ClassVar[str] = "volunteers.signup.checked_out"
    method: str
    checked_in_at: datetime
    hours: Decimal
    """Hours served, check-in to check-out, to the tenth."""


class NoShowRecorded(_SignupEvent):
    """A confirmed volunteer never checked in to a shift now over (缺席)."""

    event_type: ClassVar[str] = "volunteers.signup.no_show"


# Service records (志愿服务记录)


class HoursState(_Part):
    """A service record after the change, and who changed it, when."""

    record_id: UUID
    volunteer_id: UUID
    person_id: UUID
    activity_id: UUID
    signup_id: UUID
    organiser_id: UUID
    """The organiser who records the service (谁组织谁记录)."""
    served_on: date
    hours: Decimal
    """The hours as they stand after the change, to the tenth."""
    at: datetime
    by: UUID
    """The organiser, or (for a correction request) the volunteer's person."""


class _HoursEvent(HoursState, IntegrationEvent):
    """Base of every ``volunteers.hours.*`` event."""


class HoursRecorded(_HoursEvent):
    """The organiser recorded a volunteer's service (记录服务时长)."""

    event_type: ClassVar[str] = "volunteers.hours.recorded"
    activity_title: str
    content: str


class HoursCorrectionRequested(_HoursEvent):
    """The volunteer asked for their record to be corrected (申请更正)."""

    event_type: ClassVar[str] = "volunteers.hours.correction_requested"
    correction_number: int
    reason: str
    requested_hours: Decimal | None = None
    requested_content: str | None = None


class HoursCorrected(_HoursEvent):
    """The organiser corrected the record on the volunteer's request (更正); earlier versions
    are kept."""

    event_type: ClassVar[str] = "volunteers.hours.corrected"
    correction_number: int
    version: int
    """The record's version after the correction: 2 for the first."""
    previous_hours: Decimal
    content: str
    reason: str


class HoursCorrectionRejected(_HoursEvent):
    """The organiser kept the record as it was (不予更正)."""

    event_type: ClassVar[str] = "volunteers.hours.correction_rejected"
    correction_number: int
    reason: str


EVENTS: tuple[type[IntegrationEvent], ...] = (
    TeamCreated,
    TeamUpdated,
    TeamDissolved,
    TeamLeaderAppointed,
    TeamLeaderRemoved,
    JoinRequested,
    MemberJoined,
    JoinRejected,
    MemberLeft,
    VolunteerRegistered,
    VolunteerProfileUpdated,
    VolunteerSuspended,
    VolunteerReinstated,
    VolunteerLeft,
    VolunteerRejoined,
    ProfileEntryAdded,
    ActivityDrafted,
    ActivityRevised,
    ShiftAdded,
    ShiftRevised,
    ShiftRemoved,
    ActivityPublished,
    ActivityStarted,
    ActivityFinished,
    ActivityCancelled,
    SignupConfirmed,
    SignupWaitlisted,
    SignupPromoted,
    SignupCancelled,
    CheckInCodeIssued,
    CheckedIn,
    CheckedOut,
    NoShowRecorded,
    HoursRecorded,
    HoursCorrectionRequested,
    HoursCorrected,
    HoursCorrectionRejected,
)
