"""Standards compliance report for a division."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest

from org.domain import (
    DERIVED_ITEMS,
    ComplianceReport,
    Grid,
    GridFacts,
    GridKind,
    GridShortfall,
    GridStatus,
    ItemCompliance,
    StandardItem,
    StandardStatus,
    compliance_report,
)

S = StandardItem
MET, NOT_MET = StandardStatus.MET, StandardStatus.NOT_MET
CONFIRMABLE = [item for item in StandardItem if item not in DERIVED_ITEMS]


def _facts(
    code: str,
    *,
    kind: GridKind = GridKind.RESIDENTIAL,
    status: GridStatus = GridStatus.ACTIVE,
    party: bool = True,
    volunteer_team: bool = True,
    confirmed: dict[StandardItem, StandardStatus] | None = None,
    micro_positions: int = 1,
    proxy_items: int = 1,
) -> GridFacts:
    return GridFacts(
        grid_id=UUID(int=int(code)),
        code=code,
        name=f"网格{code[-3:]}",
        kind=kind,
        division_id=uuid4(),
        status=status,
        has_party_organization=party,
        has_volunteer_team=volunteer_team,
        confirmed=dict.fromkeys(CONFIRMABLE, MET) if confirmed is None else confirmed,
        micro_position_count=micro_positions,
        proxy_service_item_count=proxy_items,
    )


def test_compliance_rates_per_item() -> None:
    grids = [
        _facts("370112001001001"),
        _facts("370112001001002", party=False),
        _facts(
            "370112001002001",
            kind=GridKind.DEDICATED,
            volunteer_team=False,
            micro_positions=0,
            proxy_items=0,
        ),
        _facts("370112001002002", kind=GridKind.DEDICATED, confirmed={S.FUNDING_PLAN: MET}),
    ]
    report = compliance_report(grids, division_code="370112001")
    assert report.total_grids == 4
    assert report.grids_by_kind == {GridKind.RESIDENTIAL: 2, GridKind.DEDICATED: 2}
    assert report.grids_with_party_organization == 3
    assert [(entry.item, entry.met, entry.rate) for entry in report.items] == [
        (S.PARTY_ORGANIZATION, 3, 0.75),
        (S.PARTY_BUILDING_INSTRUCTOR, 3, 0.75),
        (S.VOLUNTEER_TEAM, 3, 0.75),  # the grid without a team, whatever it confirmed
        (S.RESOURCE_DATABASE, 3, 0.75),
        (S.MICRO_POSITION, 3, 0.75),
        (S.DELIBERATION_PLATFORM, 3, 0.75),
        (S.PROXY_SERVICE_LIST, 3, 0.75),
        (S.SMART_PARTY_CHANNEL, 3, 0.75),
        (S.OPERATING_RULES, 3, 0.75),
        (S.FUNDING_PLAN, 4, 1.0),
    ]
    assert report.fully_compliant == 1
    assert report.fully_compliant_rate == 0.25
    assert report.item(S.FUNDING_PLAN) == ItemCompliance(item=S.FUNDING_PLAN, met=4, rate=1.0)


def test_shortfalls_name_the_missing_items_by_grid_code() -> None:
    grids = [
        _facts("370112001001003", confirmed={}),
        _facts("370112001001001", party=False, micro_positions=0),
        _facts("370112001001002"),
    ]
    report = compliance_report(grids)
    assert report.shortfalls == (
        GridShortfall(
            grid_id=UUID(int=370112001001001),
            code="370112001001001",
            name="网格001",
            kind=GridKind.RESIDENTIAL,
            missing=(S.PARTY_ORGANIZATION, S.MICRO_POSITION),
        ),
        GridShortfall(
            grid_id=UUID(int=370112001001003),
            code="370112001001003",
            name="网格003",
            kind=GridKind.RESIDENTIAL,
            missing=tuple(CONFIRMABLE),
        ),
    )


def test_party_organization_item_follows_the_fact_not_the_confirmation() -> None:
    confirmed_without = _facts(
        "370112001001001", party=False, confirmed={S.PARTY_ORGANIZATION: MET}
    )
    unconfirmed_with = _facts("370112001001002", party=True, confirmed={})
    assert not confirmed_without.meets(S.PARTY_ORGANIZATION)
    assert unconfirmed_with.meets(S.PARTY_ORGANIZATION)


def test_volunteer_team_item_follows_the_volunteers_service_not_the_confirmation() -> None:
    confirmed_without = _facts(
        "370112001001001", volunteer_team=False, confirmed={S.VOLUNTEER_TEAM: MET}
    )
    denied_with = _facts(
        "370112001001002", volunteer_team=True, confirmed={S.VOLUNTEER_TEAM: NOT_MET}
    )
    unconfirmed_with = _facts("370112001001003", volunteer_team=True, confirmed={})
    assert not confirmed_without.meets(S.VOLUNTEER_TEAM)
    assert denied_with.meets(S.VOLUNTEER_TEAM)
    assert unconfirmed_with.meets(S.VOLUNTEER_TEAM)


def test_a_grid_without_a_volunteer_team_is_not_fully_compliant() -> None:
    report = compliance_report(
        [_facts("370112001001001"), _facts("370112001001002", volunteer_team=False)]
    )
    assert report.item(S.VOLUNTEER_TEAM) == ItemCompliance(item=S.VOLUNTEER_TEAM, met=1, rate=0.5)
    assert report.fully_compliant == 1
    assert [(s.code, s.missing) for s in report.shortfalls] == [
        ("370112001001002", (S.VOLUNTEER_TEAM,))
    ]


def test_the_volunteer_team_is_a_derived_item() -> None:
    assert S.VOLUNTEER_TEAM in DERIVED_ITEMS
    assert CONFIRMABLE == [
        S.PARTY_BUILDING_INSTRUCTOR,
        S.RESOURCE_DATABASE,
        S.DELIBERATION_PLATFORM,
        S.SMART_PARTY_CHANNEL,
        S.OPERATING_RULES,
        S.FUNDING_PLAN,
    ]


def test_micro_position_item_needs_a_registered_micro_position() -> None:
    confirmed = {S.MICRO_POSITION: MET}
    assert not _facts("370112001001001", micro_positions=0, confirmed=confirmed).meets(
        S.MICRO_POSITION
    )
    assert _facts("370112001001001", micro_positions=2, confirmed={}).meets(S.MICRO_POSITION)


def test_proxy_service_list_needs_at_least_one_item() -> None:
    confirmed = {S.PROXY_SERVICE_LIST: MET}
    assert not _facts("370112001001001", proxy_items=0, confirmed=confirmed).meets(
        S.PROXY_SERVICE_LIST
    )
    assert _facts("370112001001001", proxy_items=1, confirmed={}).meets(S.PROXY_SERVICE_LIST)


def test_confirmed_items_count_only_when_met() -> None:
    facts = _facts("370112001001001", confirmed={S.FUNDING_PLAN: NOT_MET, S.RESOURCE_DATABASE: MET})
    assert not facts.meets(S.FUNDING_PLAN)
    assert facts.meets(S.RESOURCE_DATABASE)
    assert not facts.meets(S.OPERATING_RULES)  # never confirmed


def test_a_division_without_grids_reports_zero_rates() -> None:
    report = compliance_report([], division_code="370112009")
    assert report == ComplianceReport(
        division_code="370112009",
        total_grids=0,
        grids_by_kind={GridKind.RESIDENTIAL: 0, GridKind.DEDICATED: 0},
        grids_with_party_organization=0,
        items=tuple(ItemCompliance(item=item, met=0, rate=0.0) for item in StandardItem),
        fully_compliant=0,
        shortfalls=(),
    )
    assert report.fully_compliant_rate == 0.0


def test_retired_grids_and_grids_elsewhere_are_left_out() -> None:
    grids = [
        _facts("370112001001001"),
        _facts("370112001001002", status=GridStatus.RETIRED, party=False),
        _facts("370112002001001", party=False),
    ]
    report = compliance_report(grids, division_code="370112001001")
    assert (report.total_grids, report.fully_compliant, report.shortfalls) == (1, 1, ())


@pytest.mark.parametrize(("division_code", "total"), [("370112", 3), ("370112001", 2)])
def test_a_report_covers_the_whole_subtree(division_code: str, total: int) -> None:
    grids = [
        _facts("370112001001001"),
        _facts("370112001002001"),
        _facts("370112002001001"),
    ]
    assert compliance_report(grids, division_code=division_code).total_grids == total


def test_facts_are_read_from_a_grid(dedicated_grid: Grid) -> None:
    dedicated_grid.add_micro_position(id=uuid4(), name="红色驿站", address="园区A座")
    dedicated_grid.confirm_standard(
        S.FUNDING_PLAN,
        MET,
        evidence="经费预算表",
        confirmed_by="王主任",
        at=datetime(2025, 3, 18, tzinfo=UTC),
    )
    facts = GridFacts.of(dedicated_grid, has_party_organization=True, has_volunteer_team=False)
    assert (facts.grid_id, facts.code, facts.kind) == (
        dedicated_grid.id,
        "370112001001002",
        GridKind.DEDICATED,
    )
    assert (facts.micro_position_count, facts.proxy_service_item_count) == (1, 0)
    assert facts.missing_items() == (
        S.PARTY_BUILDING_INSTRUCTOR,
        S.VOLUNTEER_TEAM,
        S.RESOURCE_DATABASE,
        S.DELIBERATION_PLATFORM,
        S.PROXY_SERVICE_LIST,
        S.SMART_PARTY_CHANNEL,
        S.OPERATING_RULES,
    )


def test_a_grid_with_a_volunteer_team_meets_the_item_unconfirmed(dedicated_grid: Grid) -> None:
    with_team = GridFacts.of(dedicated_grid, has_party_organization=False, has_volunteer_team=True)
    without = GridFacts.of(dedicated_grid, has_party_organization=False, has_volunteer_team=False)
    assert with_team.meets(S.VOLUNTEER_TEAM)
    assert S.VOLUNTEER_TEAM not in with_team.missing_items()
    assert not without.meets(S.VOLUNTEER_TEAM)
