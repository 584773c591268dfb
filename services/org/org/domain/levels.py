"""Levels of the administrative tree (行政区划层级) and how they nest."""

from __future__ import annotations

from enum import StrEnum


class DivisionLevel(StrEnum):
    """Level of a division in the district's tree."""

    DISTRICT = "DISTRICT"
    """District (区), the root: a six-digit code such as 370112."""
    SUBDISTRICT = "SUBDISTRICT"
    """Subdistrict (街道), under a district."""
    TOWN = "TOWN"
    """Town (镇), under a district."""
    COMMUNITY = "COMMUNITY"
    """Urban community (社区), under a subdistrict or town; it holds grids."""
    VILLAGE = "VILLAGE"
    """Village (村), under a subdistrict or town; it holds grids."""

    @property
    def code_length(self) -> int:
        """Number of digits in a code of this level."""
        return _CODE_LENGTHS[self]

    @property
    def parent_levels(self) -> frozenset[DivisionLevel]:
        """Levels a division of this level may sit under (none for a district)."""
        return _PARENT_LEVELS[self]

    @property
    def holds_grids(self) -> bool:
        """Whether grids are drawn directly in divisions of this level."""
        return self in _GRID_HOLDERS

    @property
    def label(self) -> str:
        """The Chinese name of the level, for messages."""
        return _LABELS[self]


_CODE_LENGTHS = {
    DivisionLevel.DISTRICT: 6,
    DivisionLevel.SUBDISTRICT: 9,
    DivisionLevel.TOWN: 9,
    DivisionLevel.COMMUNITY: 12,
    DivisionLevel.VILLAGE: 12,
}

_TOWNSHIPS = frozenset({DivisionLevel.SUBDISTRICT, DivisionLevel.TOWN})

_PARENT_LEVELS: dict[DivisionLevel, frozenset[DivisionLevel]] = {
    DivisionLevel.DISTRICT: frozenset(),
    DivisionLevel.SUBDISTRICT: frozenset({DivisionLevel.DISTRICT}),
    DivisionLevel.TOWN: frozenset({DivisionLevel.DISTRICT}),
    DivisionLevel.COMMUNITY: _TOWNSHIPS,
    DivisionLevel.VILLAGE: _TOWNSHIPS,
}

_GRID_HOLDERS = frozenset({DivisionLevel.COMMUNITY, DivisionLevel.VILLAGE})

_LABELS = {
    DivisionLevel.DISTRICT: "区",
    DivisionLevel.SUBDISTRICT: "街道",
    DivisionLevel.TOWN: "镇",
    DivisionLevel.COMMUNITY: "社区",
    DivisionLevel.VILLAGE: "村",
}
