"""The per-grid standards checklist (党建引领网格化建设基本标准)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class StandardItem(StrEnum):
    """The ten items every grid is measured against."""

    PARTY_ORGANIZATION = "PARTY_ORGANIZATION"
    """A party organisation team (党组织队伍)."""
    PARTY_BUILDING_INSTRUCTOR = "PARTY_BUILDING_INSTRUCTOR"
    """A party-building instructor (党建指导员)."""
    VOLUNTEER_TEAM = "VOLUNTEER_TEAM"
    """A volunteer service team (志愿服务队伍): the grid's team in the volunteers service."""
    RESOURCE_DATABASE = "RESOURCE_DATABASE"
    """A resource information database (资源信息库)."""
    MICRO_POSITION = "MICRO_POSITION"
    """A party-mass activity micro-position (党群活动微阵地)."""
    DELIBERATION_PLATFORM = "DELIBERATION_PLATFORM"
    """A grid deliberation platform (网格议事平台)."""
    PROXY_SERVICE_LIST = "PROXY_SERVICE_LIST"
    """A proxy-service item list (代办服务事项表)."""
    SMART_PARTY_CHANNEL = "SMART_PARTY_CHANNEL"
    """A smart party-building channel (智慧党建渠道)."""
    OPERATING_RULES = "OPERATING_RULES"
    """A set of operating rules (运行制度)."""
    FUNDING_PLAN = "FUNDING_PLAN"
    """A funding plan (经费保障)."""


class StandardStatus(StrEnum):
    """Whether a grid meets a standard item."""

    MET = "MET"
    NOT_MET = "NOT_MET"


@dataclass(frozen=True, kw_only=True)
class StandardConfirmation:
    """Someone's confirmation of one item for one grid, with the evidence for it."""

    item: StandardItem
    status: StandardStatus
    evidence: str | None
    confirmed_by: str
    confirmed_at: datetime
