"""Classifications used across the org domain: grid kinds and status, party and unit kinds."""

from __future__ import annotations

from enum import StrEnum


class GridKind(StrEnum):
    """Kind of grid."""

    RESIDENTIAL = "RESIDENTIAL"
    """Residential grid (村居网格): households of a community or village."""
    DEDICATED = "DEDICATED"
    """Dedicated grid (专属网格): an enterprise, public unit or new organisation."""


class DedicatedTo(StrEnum):
    """What a dedicated grid (专属网格) serves."""

    ENTERPRISE = "ENTERPRISE"
    """Enterprises (企业)."""
    PUBLIC_UNIT = "PUBLIC_UNIT"
    """Public institutions and agencies (机关事业单位)."""
    NEW_ORGANIZATION = "NEW_ORGANIZATION"
    """New economic and social organisations (两新组织)."""
    OTHER = "OTHER"
    """Anything else, such as a market or a campus."""


class GridStatus(StrEnum):
    """Whether a grid is in service."""

    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"


class PartyOrganizationKind(StrEnum):
    """Kind of grass-roots party organisation."""

    COMMITTEE = "COMMITTEE"
    """Party committee (党委)."""
    GENERAL_BRANCH = "GENERAL_BRANCH"
    """General party branch (党总支)."""
    BRANCH = "BRANCH"
    """Party branch (党支部)."""
    GROUP = "GROUP"
    """Party group (党小组)."""


class UnitKind(StrEnum):
    """Kind of unit registered in a dedicated grid."""

    ENTERPRISE = "ENTERPRISE"
    """Enterprise (企业)."""
    PUBLIC_UNIT = "PUBLIC_UNIT"
    """Public institution or agency (机关事业单位)."""
    NEW_ECONOMIC_ORGANIZATION = "NEW_ECONOMIC_ORGANIZATION"
    """New economic organisation (新经济组织), e.g. a private firm or a self-employed business."""
    NEW_SOCIAL_ORGANIZATION = "NEW_SOCIAL_ORGANIZATION"
    """New social organisation (新社会组织), e.g. an association or a private non-profit."""
