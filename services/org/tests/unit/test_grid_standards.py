"""The per-grid standards checklist (党建引领网格化建设基本标准)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from org.domain import (
    Grid,
    GridFacts,
    GridRetiredError,
    GridStandardUpdated,
    InvalidName,
    InvalidText,
    InvalidTimestamp,
    StandardConfirmation,
    StandardEvidenceRequired,
    StandardItem,
    StandardStatus,
)

AT = datetime(2025, 3, 18, 9, 30, tzinfo=timezone(timedelta(hours=8)))


def test_the_checklist_has_the_ten_items_in_order() -> None:
    assert [item.value for item in StandardItem] == [
        "PARTY_ORGANIZATION",
        "PARTY_BUILDING_INSTRUCTOR",
        "VOLUNTEER_TEAM",
        "RESOURCE_DATABASE",
        "MICRO_POSITION",
        "DELIBERATION_PLATFORM",
        "PROXY_SERVICE_LIST",
        "SMART_PARTY_CHANNEL",
        "OPERATING_RULES",
        "FUNDING_PLAN",
    ]


@pytest.mark.parametrize("evidence", [None, "", "   "])
def test_met_standard_needs_evidence(residential_grid: Grid, evidence: str | None) -> None:
    with pytest.raises(StandardEvidenceRequired) as refused:
        residential_grid.confirm_standard(
            StandardItem.FUNDING_PLAN,
            StandardStatus.MET,
            evidence=evidence,
            confirmed_by="王主任",
            at=AT,
        )
    assert refused.value.code == "STANDARD_EVIDENCE_REQUIRED"
    assert residential_grid.standards == {}
    assert residential_grid.take_events() == []


def test_a_met_standard_is_recorded_with_its_evidence(residential_grid: Grid) -> None:
    confirmation = residential_grid.confirm_standard(
        StandardItem.FUNDING_PLAN,
        StandardStatus.MET,
        evidence=" 2025年网格经费预算表（街道批复） ",
        confirmed_by=" 王主任 ",
        at=AT,
    )
    assert confirmation == StandardConfirmation(
        item=StandardItem.FUNDING_PLAN,
        status=StandardStatus.MET,
        evidence="2025年网格经费预算表（街道批复）",
        confirmed_by="王主任",
        confirmed_at=AT,
    )
    assert residential_grid.standard_status(StandardItem.FUNDING_PLAN) is StandardStatus.MET
    [recorded] = residential_grid.take_events()
    assert recorded.event == GridStandardUpdated(
        grid_id=residential_grid.id,
        item=StandardItem.FUNDING_PLAN,
        status=StandardStatus.MET,
        evidence="2025年网格经费预算表（街道批复）",
        confirmed_by="王主任",
        confirmed_at=AT,
    )


def test_not_met_needs_no_evidence(residential_grid: Grid) -> None:
    confirmation = residential_grid.confirm_standard(
        StandardItem.OPERATING_RULES,
        StandardStatus.NOT_MET,
        evidence="  ",
        confirmed_by="王主任",
        at=AT,
    )
    assert confirmation.evidence is None
    assert residential_grid.standard_status(StandardItem.OPERATING_RULES) is StandardStatus.NOT_MET


def test_an_item_never_confirmed_counts_as_not_met(residential_grid: Grid) -> None:
    residential_grid.confirm_standard(
        StandardItem.DELIBERATION_PLATFORM,
        StandardStatus.MET,
        evidence="网格议事会会议记录",
        confirmed_by="王主任",
        at=AT,
    )
    statuses = residential_grid.confirmed_statuses()
    assert list(statuses) == list(StandardItem)
    assert [s for s in statuses.values() if s is StandardStatus.MET] == [StandardStatus.MET]
    assert statuses[StandardItem.DELIBERATION_PLATFORM] is StandardStatus.MET
    assert statuses[StandardItem.FUNDING_PLAN] is StandardStatus.NOT_MET


@pytest.mark.parametrize("item", [StandardItem.PARTY_ORGANIZATION, StandardItem.VOLUNTEER_TEAM])
def test_a_derived_item_confirmed_by_hand_is_recorded_but_judged_from_the_data(
    residential_grid: Grid, item: StandardItem
) -> None:
    residential_grid.confirm_standard(
        item, StandardStatus.MET, evidence="花名册", confirmed_by="王主任", at=AT
    )
    assert residential_grid.standard_status(item) is StandardStatus.MET
    [recorded] = residential_grid.take_events()
    assert isinstance(recorded.event, GridStandardUpdated)
    facts = GridFacts.of(residential_grid, has_party_organization=False, has_volunteer_team=False)
    assert not facts.meets(item)


def test_a_later_confirmation_replaces_the_earlier_one(residential_grid: Grid) -> None:
    residential_grid.confirm_standard(
        StandardItem.RESOURCE_DATABASE,
        StandardStatus.MET,
        evidence="资源台账",
        confirmed_by="王主任",
        at=AT,
    )
    residential_grid.confirm_standard(
        StandardItem.RESOURCE_DATABASE,
        StandardStatus.NOT_MET,
        evidence="台账已过期",
        confirmed_by="李书记",
        at=AT + timedelta(days=30),
    )
    latest = residential_grid.standards[StandardItem.RESOURCE_DATABASE]
    assert (latest.status, latest.confirmed_by) == (StandardStatus.NOT_MET, "李书记")
    assert len(residential_grid.take_events()) == 2


def test_a_confirmation_time_needs_its_time_zone(residential_grid: Grid) -> None:
    with pytest.raises(InvalidTimestamp) as refused:
        residential_grid.confirm_standard(
            StandardItem.FUNDING_PLAN,
            StandardStatus.NOT_MET,
            confirmed_by="王主任",
            at=datetime(2025, 3, 18, 9, 30),  # naive on purpose
        )
    assert refused.value.code == "INVALID_TIMESTAMP"


def test_a_utc_confirmation_time_is_accepted(residential_grid: Grid) -> None:
    moment = datetime(2025, 3, 18, 1, 30, tzinfo=UTC)
    confirmation = residential_grid.confirm_standard(
        StandardItem.FUNDING_PLAN, StandardStatus.NOT_MET, confirmed_by="王主任", at=moment
    )
    assert confirmation.confirmed_at == moment


def test_a_confirmation_says_who_confirmed(residential_grid: Grid) -> None:
    with pytest.raises(InvalidName):
        residential_grid.confirm_standard(
            StandardItem.FUNDING_PLAN, StandardStatus.NOT_MET, confirmed_by=" ", at=AT
        )


def test_overlong_evidence_is_refused(residential_grid: Grid) -> None:
    with pytest.raises(InvalidText):
        residential_grid.confirm_standard(
            StandardItem.FUNDING_PLAN,
            StandardStatus.MET,
            evidence="证" * 2001,
            confirmed_by="王主任",
            at=AT,
        )


def test_a_retired_grid_takes_no_confirmations(residential_grid: Grid) -> None:
    residential_grid.retire("撤并")
    with pytest.raises(GridRetiredError):
        residential_grid.confirm_standard(
            StandardItem.FUNDING_PLAN, StandardStatus.NOT_MET, confirmed_by="王主任", at=AT
        )
