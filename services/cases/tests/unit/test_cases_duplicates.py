"""Duplicate reports: open, same category, near and soon after."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest
from cases_testing import LOCATION, REPORTED_ON, at, case_at

from cases.domain import (
    CaseNumber,
    CaseStatus,
    CaseSummary,
    DuplicatePolicy,
    Location,
    NewReport,
    distance_m,
)

POLICY = DuplicatePolicy(radius_m=100, window=timedelta(days=3))
REPORTED = at(REPORTED_ON)


def _summary(
    *,
    category_code: str = "ELEVATOR",
    status: CaseStatus = CaseStatus.DISPATCHED,
    reported_after: timedelta = timedelta(0),
    location: Location = LOCATION,
    sequence: int = 1,
) -> CaseSummary:
    return CaseSummary(
        case_id=UUID(int=sequence),
        number=str(CaseNumber(2026, sequence)),
        category_code=category_code,
        status=status,
        reported_at=REPORTED + reported_after,
        location=location,
    )


def _new(location: Location = LOCATION, later: timedelta = timedelta(hours=5)) -> NewReport:
    return NewReport(category_code="ELEVATOR", location=location, reported_at=REPORTED + later)


def _moved(metres_north: float) -> Location:
    # One degree of latitude is about 111.2 km on the mean sphere.
    assert LOCATION.latitude is not None
    return Location(
        address="附近",
        longitude=LOCATION.longitude,
        latitude=LOCATION.latitude + metres_north / 111_195,
    )


def test_the_distance_between_two_points_in_metres() -> None:
    assert distance_m(LOCATION, LOCATION) == 0
    assert distance_m(LOCATION, _moved(100)) == pytest.approx(100, rel=1e-3)
    beijing = Location(address="天安门", longitude=116.3975, latitude=39.9087)
    shanghai = Location(address="外滩", longitude=121.4903, latitude=31.2397)
    assert distance_m(beijing, shanghai) == pytest.approx(1_067_000, rel=0.01)
    assert distance_m(beijing, shanghai) == distance_m(shanghai, beijing)


def test_a_distance_needs_coordinates_on_both_sides() -> None:
    with pytest.raises(ValueError, match="coordinates"):
        distance_m(LOCATION, Location(address="香溢紫郡1号楼"))


def test_a_near_open_case_of_the_category_reported_within_the_window_may_be_the_same() -> None:
    assert POLICY.may_duplicate(_summary(), _new(_moved(80)))


@pytest.mark.parametrize(
    "summary",
    [
        _summary(category_code="NOISE"),
        _summary(status=CaseStatus.CLOSED),
        _summary(status=CaseStatus.REJECTED),
        _summary(status=CaseStatus.MERGED),
        _summary(reported_after=-timedelta(days=3, minutes=1)),
        _summary(location=_moved(150)),
    ],
    ids=["other-category", "closed", "rejected", "merged", "too-early", "too-far"],
)
def test_anything_else_is_not(summary: CaseSummary) -> None:
    assert not POLICY.may_duplicate(summary, _new(_moved(0), later=timedelta(0)))


@pytest.mark.parametrize("status", [CaseStatus.REPORTED, CaseStatus.SUSPENDED, CaseStatus.RESOLVED])
def test_every_open_status_counts(status: CaseStatus) -> None:
    assert POLICY.may_duplicate(_summary(status=status), _new())


def test_without_coordinates_the_same_address_counts_as_near() -> None:
    bare = Location(address="香溢紫郡 1号楼")
    assert POLICY.may_duplicate(_summary(location=Location(address="香溢紫郡1号楼")), _new(bare))
    assert not POLICY.may_duplicate(
        _summary(location=Location(address="香溢紫郡2号楼")), _new(bare)
    )
    assert not POLICY.may_duplicate(_summary(), _new(Location(address="香溢紫郡3号楼")))


def test_candidates_come_nearest_first() -> None:
    far = _summary(location=_moved(90), sequence=1)
    near = _summary(location=_moved(10), sequence=2)
    closed = _summary(status=CaseStatus.CLOSED, sequence=3)
    assert POLICY.candidates([far, closed, near], _new()) == [near, far]


def test_a_summary_of_a_case_holds_what_detection_needs() -> None:
    case = case_at(CaseStatus.ACCEPTED)
    summary = CaseSummary.of(case)
    assert (summary.case_id, summary.number, summary.status, summary.location) == (
        case.id,
        "2026-000123",
        CaseStatus.ACCEPTED,
        LOCATION,
    )
    assert POLICY.may_duplicate(summary, _new())


@pytest.mark.parametrize(
    ("radius_m", "window"), [(0, timedelta(days=1)), (50, timedelta(0)), (-1, timedelta(days=1))]
)
def test_a_policy_has_a_positive_radius_and_window(radius_m: float, window: timedelta) -> None:
    with pytest.raises(ValueError, match="positive"):
        DuplicatePolicy(radius_m=radius_m, window=window)
