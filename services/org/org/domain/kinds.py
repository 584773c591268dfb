"""Classifications used across the org domain: grid kinds and status, party, unit and
department kinds."""

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


class DepartmentKind(StrEnum):
    """Kind of body that handles residents' cases."""

    DISTRICT_BUREAU = "DISTRICT_BUREAU"
    """District bureau (区直部门), e.g. 区市场监管局; serves a district."""
    SUBDISTRICT_OFFICE = "SUBDISTRICT_OFFICE"
    """Office of a subdistrict or town government (街道办事处的科室/办公室)."""
    SECTION = "SECTION"
    """Section (内设科室) of another department, e.g. a bureau's 特种设备安全监察科."""
    PROPERTY_COMPANY = "PROPERTY_COMPANY"
    """Property management company (物业公司)."""
    MAINTENANCE_COMPANY = "MAINTENANCE_COMPANY"
    """Maintenance contractor (维保单位), e.g. an elevator maintainer."""
    PUBLIC_UTILITY = "PUBLIC_UTILITY"
    """Water, power, gas or heating supplier (水电气暖)."""
    OTHER_PARTY = "OTHER_PARTY"
    """Any other outside party."""

    @property
    def is_outside_party(self) -> bool:
        """Whether the body is outside government (a company or utility), not an office."""
        return self in _OUTSIDE_PARTIES


_OUTSIDE_PARTIES = frozenset(
    {
        DepartmentKind.PROPERTY_COMPANY,
        DepartmentKind.MAINTENANCE_COMPANY,
        DepartmentKind.PUBLIC_UTILITY,
        DepartmentKind.OTHER_PARTY,
    }
)


class DepartmentStatus(StrEnum):
    """Whether a department still takes cases."""

    ACTIVE = "ACTIVE"
    DISSOLVED = "DISSOLVED"
    """Dissolved (撤销): it keeps its history but takes no cases and no changes."""
