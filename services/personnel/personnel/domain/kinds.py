"""Classifications used across the personnel domain."""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    """Gender as written in the resident ID (odd sequence: male, even: female)."""

    MALE = "MALE"
    """Male (男)."""
    FEMALE = "FEMALE"
    """Female (女)."""


class MembershipStatus(StrEnum):
    """Where a person stands on the way into, through and out of the party (党员发展)."""

    APPLICANT = "APPLICANT"
    """Has applied to join (入党申请人)."""
    ACTIVIST = "ACTIVIST"
    """Activist for joining the party (入党积极分子)."""
    DEVELOPMENT_TARGET = "DEVELOPMENT_TARGET"
    """Candidate for admission (发展对象)."""
    PROBATIONARY = "PROBATIONARY"
    """Probationary member (预备党员)."""
    PROBATION_EXTENDED = "PROBATION_EXTENDED"
    """Probationary member whose probation was extended (延长预备期)."""
    FULL = "FULL"
    """Full member (正式党员)."""
    PROBATION_CANCELLED = "PROBATION_CANCELLED"
    """Probationary membership cancelled (取消预备党员资格)."""
    LEFT = "LEFT"
    """Left the party or was removed from it (出党/退党)."""
    EXPELLED = "EXPELLED"
    """Expelled from the party (开除党籍)."""

    @property
    def label(self) -> str:
        """The status in words, with its Chinese term."""
        return _MEMBERSHIP_LABELS[self]

    @property
    def is_member(self) -> bool:
        """Whether a person with this status is a party member (probationary or full)."""
        return self in MEMBER_STATUSES


_MEMBERSHIP_LABELS = {
    MembershipStatus.APPLICANT: "applicant (入党申请人)",
    MembershipStatus.ACTIVIST: "activist (入党积极分子)",
    MembershipStatus.DEVELOPMENT_TARGET: "development target (发展对象)",
    MembershipStatus.PROBATIONARY: "probationary member (预备党员)",
    MembershipStatus.PROBATION_EXTENDED: "probationary member with extended probation (延长预备期)",
    MembershipStatus.FULL: "full member (正式党员)",
    MembershipStatus.PROBATION_CANCELLED: "cancelled probationary member (取消预备党员资格)",
    MembershipStatus.LEFT: "former member (出党/退党)",
    MembershipStatus.EXPELLED: "expelled member (开除党籍)",
}

MEMBER_STATUSES = frozenset(
    {
        MembershipStatus.PROBATIONARY,
        MembershipStatus.PROBATION_EXTENDED,
        MembershipStatus.FULL,
    }
)
"""The statuses of party members: probationary (extended or not) and full."""


class TransferStatus(StrEnum):
    """Where an organisation transfer letter (组织关系介绍信) stands."""

    PENDING = "PENDING"
    """Issued, not yet received."""
    RECEIVED = "RECEIVED"
    """Received by the new party organisation."""
    EXPIRED = "EXPIRED"
    """Not received within three months of issue."""


class GridStatus(StrEnum):
    """Whether a grid is in service (as org reports it)."""

    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"


class GridRole(StrEnum):
    """A role on a grid's team ("1+1+1+N")."""

    GRID_LEADER = "GRID_LEADER"
    """Grid leader (网格长)."""
    GRID_INSTRUCTOR = "GRID_INSTRUCTOR"
    """Grid instructor (网格指导员)."""
    FULL_TIME_WORKER = "FULL_TIME_WORKER"
    """Full-time grid worker (专职网格员)."""
    GRID_WORKER = "GRID_WORKER"
    """Grid worker (网格员)."""
    PARTY_INSTRUCTOR = "PARTY_INSTRUCTOR"
    """Party-building instructor (党建指导员)."""

    @property
    def label(self) -> str:
        """The role in words, with its Chinese term."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    GridRole.GRID_LEADER: "grid leader (网格长)",
    GridRole.GRID_INSTRUCTOR: "grid instructor (网格指导员)",
    GridRole.FULL_TIME_WORKER: "full-time grid worker (专职网格员)",
    GridRole.GRID_WORKER: "grid worker (网格员)",
    GridRole.PARTY_INSTRUCTOR: "party-building instructor (党建指导员)",
}


class CadreCategory(StrEnum):
    """What a cadre's daily record (干部纪实) is about."""

    DAILY_WORK = "DAILY_WORK"
    """Routine work (日常工作)."""
    CASE_HANDLING = "CASE_HANDLING"
    """Handling a resident's demand (诉求办理)."""
    VISIT = "VISIT"
    """Visiting households (走访入户)."""
    MEETING = "MEETING"
    """A meeting (会议)."""
    STUDY = "STUDY"
    """Study and training (学习培训)."""
    OTHER = "OTHER"
    """Anything else (其他)."""


class AssessmentGrade(StrEnum):
    """Grade of a cadre's assessment (考核等次)."""

    EXCELLENT = "EXCELLENT"
    """Excellent (优秀): a score of 90 or more."""
    COMPETENT = "COMPETENT"
    """Competent (称职): 70 up to 90."""
    BASICALLY_COMPETENT = "BASICALLY_COMPETENT"
    """Basically competent (基本称职): 60 up to 70."""
    INCOMPETENT = "INCOMPETENT"
    """Incompetent (不称职): below 60."""

    @property
    def label(self) -> str:
        """The grade in words, with its Chinese term."""
        return _GRADE_LABELS[self]


_GRADE_LABELS = {
    AssessmentGrade.EXCELLENT: "excellent (优秀)",
    AssessmentGrade.COMPETENT: "competent (称职)",
    AssessmentGrade.BASICALLY_COMPETENT: "basically competent (基本称职)",
    AssessmentGrade.INCOMPETENT: "incompetent (不称职)",
}


class AssaultTeamStatus(StrEnum):
    """Where a party-building assault team (党建突击队) stands."""

    FORMING = "FORMING"
    """Being put together."""
    ACTIVE = "ACTIVE"
    """At work on its key task."""
    DISBANDED = "DISBANDED"
    """Stood down; kept for the record."""
