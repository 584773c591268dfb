"""A grid's checklist as the API shows it, judged from what one query read of the grid."""

from __future__ import annotations

from datetime import UTC, datetime

from org.domain import Division, Grid, StandardConfirmation, StandardItem, StandardStatus
from org.domain.grid_overview import GridOverview

S = StandardItem
MET, NOT_MET = StandardStatus.MET, StandardStatus.NOT_MET


def _status(overview: GridOverview, item: StandardItem) -> StandardStatus:
    return next(line.status for line in overview.checklist if line.item is item)


def test_a_never_confirmed_grid_with_a_volunteer_team_meets_that_item_alone(
    residential_grid: Grid, community: Division
) -> None:
    with_team = GridOverview(
        grid=residential_grid,
        division=community,
        party_organization=None,
        has_volunteer_team=True,
    )
    without = GridOverview(
        grid=residential_grid,
        division=community,
        party_organization=None,
        has_volunteer_team=False,
    )
    # Never-confirmed checklists are shared by grids alike: the team is part of "alike".
    assert [line.item for line in with_team.checklist if line.status is MET] == [S.VOLUNTEER_TEAM]
    assert [line.status for line in without.checklist] == [NOT_MET] * len(StandardItem)
    assert next(line for line in with_team.checklist if line.item is S.VOLUNTEER_TEAM).derived
    assert not with_team.compliant


def test_a_hand_confirmed_volunteer_team_is_shown_but_not_counted(
    residential_grid: Grid, community: Division
) -> None:
    confirmation = StandardConfirmation(
        item=S.VOLUNTEER_TEAM,
        status=MET,
        evidence="志愿服务队花名册",
        confirmed_by="王主任",
        confirmed_at=datetime(2026, 3, 18, tzinfo=UTC),
    )
    overview = GridOverview(
        grid=residential_grid,
        division=community,
        party_organization=None,
        confirmations={S.VOLUNTEER_TEAM: confirmation},
        has_volunteer_team=False,
    )
    line = next(line for line in overview.checklist if line.item is S.VOLUNTEER_TEAM)
    assert (line.status, line.derived, line.confirmation) == (NOT_MET, True, confirmation)
    assert S.VOLUNTEER_TEAM in overview.facts.missing_items()
