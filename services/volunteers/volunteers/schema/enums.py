"""The domain's enums as GraphQL enums, each described once for the schema documentation."""

from __future__ import annotations

import strawberry

from volunteers.domain.kinds import (
    ActivityCategory,
    ActivityStatus,
    CheckMethod,
    CorrectionStatus,
    EntryKind,
    MembershipStatus,
    SignupStatus,
    TeamKind,
    VolunteerStatus,
)

TeamKindEnum = strawberry.enum(
    TeamKind,
    name="VolunteerTeamKind",
    description="GRID (the team every grid has), SKILL (专业志愿服务队) or UNIT (单位志愿服务队).",
)
MembershipStatusEnum = strawberry.enum(
    MembershipStatus,
    name="TeamMembershipStatus",
    description="PENDING (awaiting a leader), ACTIVE, REJECTED or LEFT.",
)
VolunteerStatusEnum = strawberry.enum(
    VolunteerStatus, name="VolunteerStatus", description="ACTIVE, SUSPENDED or LEFT."
)
ActivityStatusEnum = strawberry.enum(
    ActivityStatus,
    name="ActivityStatus",
    description="DRAFT → PUBLISHED (sign-ups open) → ONGOING (check-in open) → FINISHED, or "
    "CANCELLED.",
)
ActivityCategoryEnum = strawberry.enum(
    ActivityCategory, name="ActivityCategory", description="The field an activity serves in."
)
SignupStatusEnum = strawberry.enum(
    SignupStatus,
    name="SignupStatus",
    description="CONFIRMED (a place), WAITLISTED, CHECKED_IN, CHECKED_OUT, CANCELLED, NO_SHOW.",
)
CheckMethodEnum = strawberry.enum(
    CheckMethod,
    name="CheckMethod",
    description="ORGANISER (checked by the organiser) or CODE (the volunteer's one-time code).",
)
EntryKindEnum = strawberry.enum(
    EntryKind, name="ProfileEntryKind", description="TRAINING, AWARD or EVALUATION."
)
CorrectionStatusEnum = strawberry.enum(
    CorrectionStatus, name="CorrectionStatus", description="PENDING, APPLIED or REJECTED."
)
