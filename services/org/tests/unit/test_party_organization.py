"""Party organisations: how they nest, which grid they serve, one per grid."""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

import pytest

from org.domain import (
    UNCHANGED,
    Division,
    Grid,
    GridAlreadyHasPartyOrganization,
    GridRetiredError,
    InvalidName,
    InvalidPartyOrganizationParent,
    PartyOrganization,
    PartyOrganizationCreated,
    PartyOrganizationKind,
    PartyOrganizationUpdated,
    ensure_grid_has_no_party_organization,
)

K = PartyOrganizationKind

ALLOWED = {
    (K.COMMITTEE, None),
    (K.COMMITTEE, K.COMMITTEE),
    (K.GENERAL_BRANCH, K.COMMITTEE),
    (K.BRANCH, K.COMMITTEE),
    (K.BRANCH, K.GENERAL_BRANCH),
    (K.GROUP, K.BRANCH),
}
ALL_PAIRS = [(kind, parent) for kind in K for parent in [None, *K]]


def _organization(
    division: Division,
    kind: PartyOrganizationKind,
    parent: PartyOrganization | None = None,
    grid: Grid | None = None,
    name: str = "党组织",
) -> PartyOrganization:
    organization = PartyOrganization.create(
        id=uuid4(), name=name, kind=kind, division=division, parent=parent, grid=grid
    )
    organization.take_events()
    return organization


def _stored(division: Division, kind: PartyOrganizationKind) -> PartyOrganization:
    """An organisation as loaded from storage, whatever sits above it."""
    return PartyOrganization(id=uuid4(), name="上级", kind=kind, division_id=division.id)


@pytest.mark.parametrize(("kind", "parent_kind"), sorted(ALLOWED, key=str))
def test_allowed_nesting_is_accepted(
    community: Division, kind: PartyOrganizationKind, parent_kind: PartyOrganizationKind | None
) -> None:
    parent = _stored(community, parent_kind) if parent_kind else None
    organization = _organization(community, kind, parent)
    assert organization.parent_id == (parent.id if parent else None)


@pytest.mark.parametrize(
    ("kind", "parent_kind"), [pair for pair in ALL_PAIRS if pair not in ALLOWED]
)
def test_other_nesting_is_refused(
    community: Division, kind: PartyOrganizationKind, parent_kind: PartyOrganizationKind | None
) -> None:
    parent = _stored(community, parent_kind) if parent_kind else None
    with pytest.raises(InvalidPartyOrganizationParent) as refused:
        _organization(community, kind, parent)
    assert refused.value.code == "PARTY_ORGANIZATION_INVALID_PARENT"


def test_a_group_under_a_committee_is_told_where_it_belongs(community: Division) -> None:
    committee = _organization(community, K.COMMITTEE)
    with pytest.raises(InvalidPartyOrganizationParent) as refused:
        _organization(community, K.GROUP, committee)
    assert refused.value.message == (
        "A party group (党小组) cannot sit under a party committee (党委); "
        "it belongs under a party branch (党支部)"
    )


def test_a_branch_needs_a_parent(community: Division) -> None:
    with pytest.raises(InvalidPartyOrganizationParent) as refused:
        _organization(community, K.BRANCH)
    assert refused.value.message == (
        "A party branch (党支部) must sit under a party committee (党委) "
        "or general party branch (党总支)"
    )


def test_creating_records_the_organisation(community: Division, residential_grid: Grid) -> None:
    committee = _organization(community, K.COMMITTEE, name="洪家楼社区党委")
    branch_id = uuid4()
    branch = PartyOrganization.create(
        id=branch_id,
        name=" 第一网格党支部 ",
        kind=K.BRANCH,
        division=community,
        parent=committee,
        grid=residential_grid,
    )
    [recorded] = branch.take_events()
    assert recorded.aggregate_type == "party_organization"
    assert recorded.event == PartyOrganizationCreated(
        party_organization_id=branch_id,
        name="第一网格党支部",
        kind=K.BRANCH,
        parent_id=committee.id,
        grid_id=residential_grid.id,
        division_id=community.id,
    )


def test_a_retired_grid_cannot_be_served(community: Division, residential_grid: Grid) -> None:
    residential_grid.retire("撤并")
    with pytest.raises(GridRetiredError) as refused:
        _organization(community, K.COMMITTEE, grid=residential_grid)
    assert refused.value.code == "GRID_RETIRED"


def test_a_grid_has_at_most_one_party_organization(
    community: Division, residential_grid: Grid
) -> None:
    existing = _organization(community, K.COMMITTEE, grid=residential_grid, name="网格党委")
    with pytest.raises(GridAlreadyHasPartyOrganization) as refused:
        ensure_grid_has_no_party_organization(existing, residential_grid)
    assert refused.value.code == "GRID_PARTY_ORGANIZATION_EXISTS"
    assert refused.value.message == (
        "Grid 370112001001001 is already served by 网格党委; a grid has one party organisation"
    )


def test_a_grid_without_a_party_organization_may_get_one(residential_grid: Grid) -> None:
    ensure_grid_has_no_party_organization(None, residential_grid)


def test_the_organisation_serving_a_grid_may_keep_it(
    community: Division, residential_grid: Grid
) -> None:
    existing = _organization(community, K.COMMITTEE, grid=residential_grid)
    ensure_grid_has_no_party_organization(existing, residential_grid, except_for=existing.id)


def test_update_records_only_changed_fields(community: Division, residential_grid: Grid) -> None:
    committee = _organization(community, K.COMMITTEE, name="社区党委")
    general = _organization(community, K.GENERAL_BRANCH, committee, name="社区党总支")
    branch = _organization(community, K.BRANCH, committee, name="一支部")
    changed = branch.update(name="一支部", parent=general, grid=residential_grid)
    assert changed == ("parent_id", "grid_id")
    [recorded] = branch.take_events()
    assert recorded.event == PartyOrganizationUpdated(
        party_organization_id=branch.id,
        name="一支部",
        kind=K.BRANCH,
        parent_id=general.id,
        grid_id=residential_grid.id,
        division_id=community.id,
        changed_fields=("parent_id", "grid_id"),
    )


def test_a_no_op_update_records_nothing(community: Division) -> None:
    committee = _organization(community, K.COMMITTEE, name="社区党委")
    assert committee.update(name=" 社区党委 ", parent=None, grid=UNCHANGED) == ()
    assert committee.take_events() == []


def test_a_committee_can_become_top_level(community: Division) -> None:
    upper = _organization(community, K.COMMITTEE, name="街道党工委")
    committee = _organization(community, K.COMMITTEE, upper, name="社区党委")
    assert committee.update(parent=None) == ("parent_id",)
    assert committee.parent_id is None


def test_a_branch_cannot_become_top_level(community: Division) -> None:
    committee = _organization(community, K.COMMITTEE)
    branch = _organization(community, K.BRANCH, committee)
    with pytest.raises(InvalidPartyOrganizationParent):
        branch.update(parent=None)
    assert branch.parent_id == committee.id


def test_a_committee_cannot_sit_under_itself(community: Division) -> None:
    committee = _organization(community, K.COMMITTEE)
    with pytest.raises(InvalidPartyOrganizationParent):
        committee.update(parent=committee)


def test_a_committee_cannot_sit_under_its_own_descendant(community: Division) -> None:
    top = _organization(community, K.COMMITTEE, name="街道党工委")
    middle = _organization(community, K.COMMITTEE, top, name="社区党委")
    with pytest.raises(InvalidPartyOrganizationParent) as refused:
        top.update(parent=middle, parent_ancestor_ids=[top.id])
    assert refused.value.message == "街道党工委 cannot sit under itself or an organisation below it"
    assert top.parent_id is None


def test_an_organisation_cannot_move_to_a_retired_grid(
    community: Division, make_grid: Callable[..., Grid]
) -> None:
    retired = make_grid(code="009")
    retired.retire("撤并")
    committee = _organization(community, K.COMMITTEE)
    with pytest.raises(GridRetiredError):
        committee.update(grid=retired)


def test_an_organisation_can_stop_serving_a_grid(
    community: Division, residential_grid: Grid
) -> None:
    committee = _organization(community, K.COMMITTEE, grid=residential_grid)
    residential_grid.retire("撤并")
    assert committee.update(grid=None) == ("grid_id",)


def test_an_organisation_name_cannot_be_emptied(community: Division) -> None:
    committee = _organization(community, K.COMMITTEE)
    with pytest.raises(InvalidName):
        committee.update(name="")
