"""Classifications used across the volunteers domain."""

from __future__ import annotations

from enum import StrEnum


class TeamKind(StrEnum):
    """What a volunteer team (志愿服务队) is formed around."""

    GRID = "GRID"
    """The grid's own team (网格志愿服务队): one per grid, created with the grid."""
    SKILL = "SKILL"
    """A team of one skill (专业志愿服务队), such as first aid or legal advice."""
    UNIT = "UNIT"
    """A unit's team (单位志愿服务队): an enterprise's, a school's, a hospital's."""

    @property
    def label(self) -> str:
        """The kind in words, with its Chinese term."""
        return _TEAM_KIND_LABELS[self]


_TEAM_KIND_LABELS = {
    TeamKind.GRID: "grid team (网格志愿服务队)",
    TeamKind.SKILL: "skill team (专业志愿服务队)",
    TeamKind.UNIT: "unit team (单位志愿服务队)",
}


class MembershipStatus(StrEnum):
    """Where a volunteer stands in a team."""

    PENDING = "PENDING"
    """Asked to join; a leader has not decided yet (待审核)."""
    ACTIVE = "ACTIVE"
    """A member of the team (在队)."""
    REJECTED = "REJECTED"
    """A leader turned the request down (未通过); the volunteer may ask again."""
    LEFT = "LEFT"
    """Left the team, or withdrew the request (已退出); the volunteer may ask again."""

    @property
    def label(self) -> str:
        """The status in words, with its Chinese term."""
        return _MEMBERSHIP_LABELS[self]


_MEMBERSHIP_LABELS = {
    MembershipStatus.PENDING: "waiting for a leader's approval (待审核)",
    MembershipStatus.ACTIVE: "a member (在队)",
    MembershipStatus.REJECTED: "turned down (未通过)",
    MembershipStatus.LEFT: "gone (已退出)",
}


class VolunteerStatus(StrEnum):
    """Where a registered volunteer (注册志愿者) stands."""

    ACTIVE = "ACTIVE"
    """Serving: may join teams and sign up for activities (正常)."""
    SUSPENDED = "SUSPENDED"
    """Suspended (暂停): signs up for nothing until reinstated."""
    LEFT = "LEFT"
    """Left volunteering (已注销); their records stay, and they may come back."""

    @property
    def label(self) -> str:
        """The status in words, with its Chinese term."""
        return _VOLUNTEER_LABELS[self]


_VOLUNTEER_LABELS = {
    VolunteerStatus.ACTIVE: "active (正常)",
    VolunteerStatus.SUSPENDED: "suspended (暂停)",
    VolunteerStatus.LEFT: "gone (已注销)",
}


class ActivityStatus(StrEnum):
    """Where a volunteer activity (志愿服务活动) stands.

    DRAFT → PUBLISHED → ONGOING → FINISHED, or CANCELLED from any of the first three.
    """

    DRAFT = "DRAFT"
    """Being prepared (草稿): its shifts may still change; nobody signs up yet."""
    PUBLISHED = "PUBLISHED"
    """Published (招募中): volunteers sign up for its shifts."""
    ONGOING = "ONGOING"
    """Under way (进行中): volunteers check in and out; late sign-ups still come in."""
    FINISHED = "FINISHED"
    """Over (已结束): service records are written for those who served."""
    CANCELLED = "CANCELLED"
    """Called off (已取消), with a reason. Final."""

    @property
    def label(self) -> str:
        """The status in words, with its Chinese term."""
        return _ACTIVITY_LABELS[self]


_ACTIVITY_LABELS = {
    ActivityStatus.DRAFT: "a draft (草稿)",
    ActivityStatus.PUBLISHED: "published (招募中)",
    ActivityStatus.ONGOING: "ongoing (进行中)",
    ActivityStatus.FINISHED: "finished (已结束)",
    ActivityStatus.CANCELLED: "cancelled (已取消)",
}


class ActivityCategory(StrEnum):
    """The field an activity serves in (服务类别)."""

    COMMUNITY_SERVICE = "COMMUNITY_SERVICE"
    """Community service (社区服务)."""
    ELDERLY_AND_DISABLED = "ELDERLY_AND_DISABLED"
    """Help for the elderly and the disabled (助老助残)."""
    POVERTY_RELIEF = "POVERTY_RELIEF"
    """Help for families in need (扶贫济困)."""
    ENVIRONMENT = "ENVIRONMENT"
    """Environmental protection and clean-up (环境保护)."""
    CIVILITY = "CIVILITY"
    """Civic conduct: traffic, queues, waste sorting (文明实践)."""
    EDUCATION_AND_CULTURE = "EDUCATION_AND_CULTURE"
    """Education, reading and culture (文化教育)."""
    HEALTH = "HEALTH"
    """Health and medical help (卫生健康)."""
    SAFETY = "SAFETY"
    """Public safety patrols and mediation (平安建设)."""
    LEGAL_AID = "LEGAL_AID"
    """Legal advice (法律服务)."""
    EMERGENCY = "EMERGENCY"
    """Emergency relief (应急救援)."""
    OTHER = "OTHER"
    """Anything else (其他)."""


class SignupStatus(StrEnum):
    """Where a volunteer's sign-up (报名) for a shift stands.

    CONFIRMED → CHECKED_IN → CHECKED_OUT; CONFIRMED → NO_SHOW once the shift is over;
    WAITLISTED → CONFIRMED when a place frees up; CONFIRMED or WAITLISTED → CANCELLED.
    """

    CONFIRMED = "CONFIRMED"
    """Holds a place on the shift (已录用)."""
    WAITLISTED = "WAITLISTED"
    """Waits for a place (候补), promoted first in, first out."""
    CHECKED_IN = "CHECKED_IN"
    """Arrived and serving (已签到)."""
    CHECKED_OUT = "CHECKED_OUT"
    """Served and left (已签退): the service time is known."""
    CANCELLED = "CANCELLED"
    """Cancelled by the volunteer, or with the activity (已取消). Final."""
    NO_SHOW = "NO_SHOW"
    """Held a place but never checked in (缺席). Final."""

    @property
    def label(self) -> str:
        """The status in words, with its Chinese term."""
        return _SIGNUP_LABELS[self]


_SIGNUP_LABELS = {
    SignupStatus.CONFIRMED: "confirmed (已录用)",
    SignupStatus.WAITLISTED: "waitlisted (候补)",
    SignupStatus.CHECKED_IN: "checked in (已签到)",
    SignupStatus.CHECKED_OUT: "checked out (已签退)",
    SignupStatus.CANCELLED: "cancelled (已取消)",
    SignupStatus.NO_SHOW: "a no-show (缺席)",
}

ACTIVE_SIGNUP_STATUSES = frozenset(
    {SignupStatus.CONFIRMED, SignupStatus.WAITLISTED, SignupStatus.CHECKED_IN}
)
"""Sign-ups that still bind the volunteer's time: two of them may not overlap.

A waitlisted sign-up binds too, so that a promotion never lands on a volunteer who is
busy elsewhere. The repository's query for a volunteer's commitments uses this set."""

PLACE_TAKING_STATUSES = frozenset(
    {
        SignupStatus.CONFIRMED,
        SignupStatus.CHECKED_IN,
        SignupStatus.CHECKED_OUT,
        SignupStatus.NO_SHOW,
    }
)
"""Sign-ups that hold one of the shift's places (a no-show's place was held and wasted)."""


class CheckMethod(StrEnum):
    """How a check-in or check-out was made."""

    ORGANISER = "ORGANISER"
    """By the activity's organiser, on their list (组织者签到)."""
    CODE = "CODE"
    """By the one-time code the volunteer showed (签到码)."""


class EntryKind(StrEnum):
    """The parts of a volunteer's record besides service itself (民政部令第67号): training,
    awards and evaluations."""

    TRAINING = "TRAINING"
    """A training taken (培训)."""
    AWARD = "AWARD"
    """An honour or award received (表彰奖励)."""
    EVALUATION = "EVALUATION"
    """An evaluation of the volunteer's service (评价)."""

    @property
    def label(self) -> str:
        """The kind in words, with its Chinese term."""
        return _ENTRY_LABELS[self]


_ENTRY_LABELS = {
    EntryKind.TRAINING: "training (培训)",
    EntryKind.AWARD: "award (表彰奖励)",
    EntryKind.EVALUATION: "evaluation (评价)",
}


class CorrectionStatus(StrEnum):
    """Where a volunteer's request to correct a service record (更正申请) stands."""

    PENDING = "PENDING"
    """Filed; the organiser has not decided yet (待处理)."""
    APPLIED = "APPLIED"
    """The organiser corrected the record (已更正)."""
    REJECTED = "REJECTED"
    """The organiser kept the record as it was (不予更正)."""
