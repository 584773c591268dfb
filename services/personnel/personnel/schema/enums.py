"""The domain's enumerations, registered as GraphQL enums."""

from __future__ import annotations

import strawberry

from personnel.domain.kinds import Gender, GridRole, MembershipStatus

strawberry.enum(Gender, description="Gender as the resident ID records it.")
strawberry.enum(
    GridRole,
    description="Roles of a grid team: 网格长, 网格指导员, 专职网格员, 网格员, 党建指导员.",
)
strawberry.enum(
    MembershipStatus,
    description="Membership lifecycle: 入党申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员.",
)

__all__ = ["Gender", "GridRole", "MembershipStatus"]
