"""Duplicate reports (重复上报): the same demand reported twice, near and soon after.

The repository narrows the candidates in SQL (same category, open, a box
around the point, the time window); :class:`DuplicatePolicy` decides on each.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from cases.domain.case import Case
from cases.domain.kinds import CaseStatus
from cases.domain.location import Location

__all__ = ["EARTH_RADIUS_M", "CaseSummary", "DuplicatePolicy", "NewReport", "distance_m"]

EARTH_RADIUS_M = 6_371_008.8
"""The mean radius of the WGS-84 ellipsoid, in metres."""


def distance_m(a: Location, b: Location) -> float:
    """The great-circle distance between two located points, in metres (haversine).

    Both locations must carry coordinates. On the scale of a district the
    sphere is within a few tenths of a per cent of the ellipsoid.
    """
    if a.longitude is None or a.latitude is None or b.longitude is None or b.latitude is None:
        raise ValueError("both locations need coordinates to measure a distance")
    phi_a, phi_b = math.radians(a.latitude), math.radians(b.latitude)
    d_phi = phi_b - phi_a
    d_lambda = math.radians(b.longitude - a.longitude)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, kw_only=True)
class CaseSummary:
    """What duplicate detection needs of a case already reported (a read model)."""

    case_id: UUID
    number: str
    category_code: str
    status: CaseStatus
    reported_at: datetime
    location: Location

    @classmethod
    def of(cls, case: Case) -> CaseSummary:
        """The summary of ``case``."""
        return cls(
            case_id=case.id,
            number=str(case.number),
            category_code=case.category_code,
            status=case.status,
            reported_at=case.reported_at,
            location=case.location,
        )


@dataclass(frozen=True, kw_only=True)
class NewReport:
    """A report about to be made, to compare with the cases already reported."""

    category_code: str
    location: Location
    reported_at: datetime


@dataclass(frozen=True, kw_only=True)
class DuplicatePolicy:
    """When a new report may repeat a case: open, same category, near, and close in time."""

    radius_m: float = 100.0
    """How far apart (metres) two reports of one demand may be."""
    window: timedelta = timedelta(days=3)
    """How far apart in time two reports of one demand may be."""

    def __post_init__(self) -> None:
        if not self.radius_m > 0 or not self.window > timedelta(0):
            raise ValueError("a duplicate policy needs a positive radius and a positive window")

    def may_duplicate(self, candidate: CaseSummary, report: NewReport) -> bool:
        """Whether ``report`` may be the demand of ``candidate`` again.

        The candidate must be open (not rejected, closed or merged), of the
        same category, reported within ``window`` of the report (before or
        after), and within ``radius_m`` of it. Without coordinates on both
        sides, the same address (ignoring case and spaces) counts as near.
        """
        return (
            candidate.status.is_open
            and candidate.category_code == report.category_code
            and abs(report.reported_at - candidate.reported_at) <= self.window
            and self._near(candidate.location, report.location)
        )

    def candidates(self, summaries: Iterable[CaseSummary], report: NewReport) -> list[CaseSummary]:
        """The summaries ``report`` may duplicate, nearest first, then most recent first."""
        found = [s for s in summaries if self.may_duplicate(s, report)]
        return sorted(found, key=lambda s: (self._distance(s.location, report.location), -_ts(s)))

    def _near(self, a: Location, b: Location) -> bool:
        if a.has_coordinates and b.has_coordinates:
            return distance_m(a, b) <= self.radius_m
        return _address_key(a.address) == _address_key(b.address)

    @staticmethod
    def _distance(a: Location, b: Location) -> float:
        return distance_m(a, b) if a.has_coordinates and b.has_coordinates else 0.0


def _address_key(address: str) -> str:
    return "".join(address.split()).casefold()


def _ts(summary: CaseSummary) -> float:
    return summary.reported_at.timestamp()
