"""The domain's enums as GraphQL enums, each described once for the schema documentation."""

from __future__ import annotations

import strawberry

from cases.domain.kinds import (
    ActorRole,
    AssigneeKind,
    AttributeType,
    CaseAction,
    CaseSource,
    CaseStatus,
    ExtensionStatus,
    Level,
    Priority,
    Satisfaction,
    WatchStatus,
)

CaseStatusEnum = strawberry.enum(
    CaseStatus,
    name="CaseStatus",
    description="Where a case stands in the loop: REPORTED → ACCEPTED (立案) or REJECTED → "
    "DISPATCHED (派遣, the clock starts) → IN_PROGRESS → RESOLVED (处理反馈) → VERIFIED (核查) "
    "→ CLOSED (结案); RETURNED (回退), SUSPENDED (挂账) and MERGED (a duplicate) on the side.",
)
PriorityEnum = strawberry.enum(
    Priority,
    name="CasePriority",
    description="How urgent a case is; the category gives each priority its time limit.",
)
CaseSourceEnum = strawberry.enum(
    CaseSource,
    name="CaseSource",
    description="Where a case came from: GRID_PATROL (网格巡查), RESIDENT, HOTLINE_12345, "
    "ONLINE, REFERRED (上级交办).",
)
LevelEnum = strawberry.enum(
    Level,
    name="CaseLevel",
    description="The level holding a case: GRID, COMMUNITY, SUBDISTRICT, DISTRICT; escalation "
    "(上报) moves it one up.",
)
AssigneeKindEnum = strawberry.enum(
    AssigneeKind,
    name="AssigneeKind",
    description="Who a case is dispatched to: GRID_WORKER (ref: a person id), COMMUNITY (ref: "
    "the community's division code) or DEPARTMENT (ref: an org department id).",
)
SatisfactionEnum = strawberry.enum(
    Satisfaction,
    name="Satisfaction",
    description="The resident's answer on the return visit (回访); DISSATISFIED sends the case "
    "back to work.",
)
ActorRoleEnum = strawberry.enum(
    ActorRole, name="CaseActorRole", description="The capacity in which someone took a step."
)
CaseActionEnum = strawberry.enum(
    CaseAction, name="CaseAction", description="What a step on a case's timeline did."
)
AttributeTypeEnum = strawberry.enum(
    AttributeType,
    name="AttributeType",
    description="The type of a category attribute's value: STRING, NUMBER, DATETIME (ISO 8601 "
    "with offset), SINGLE_CHOICE (one key), MULTIPLE_CHOICE (a list of keys).",
)
WatchStatusEnum = strawberry.enum(
    WatchStatus,
    name="WatchStatus",
    description="A follow-up watch is ACTIVE, COMPLETED (every planned check passed) or FAILED "
    "(a check failed and the case was reopened).",
)
ExtensionStatusEnum = strawberry.enum(
    ExtensionStatus,
    name="ExtensionStatus",
    description="Whether an extension request (延期) waits, was approved or was refused.",
)
