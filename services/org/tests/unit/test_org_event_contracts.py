"""Every domain event carries what its integration event (gridkit.contracts.org) needs."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from uuid import uuid4

from gridkit.contracts import org as contracts
from gridkit.domain import Aggregate
from org.domain import (
    DedicatedTo,
    Department,
    DepartmentKind,
    Division,
    DivisionLevel,
    Grid,
    GridKind,
    PartyOrganization,
    PartyOrganizationKind,
    StandardItem,
    StandardStatus,
    Unit,
    UnitKind,
)


def _events_of(*aggregates: Aggregate) -> list[object]:
    return [recorded.event for a in aggregates for recorded in a.take_events()]


def _every_kind_of_event() -> list[object]:
    district = Division.create(
        id=uuid4(), name="历城区", level=DivisionLevel.DISTRICT, code="370112"
    )
    township = Division.create(
        id=uuid4(), name="洪家楼街道", level=DivisionLevel.SUBDISTRICT, parent=district
    )
    other = Division.create(
        id=uuid4(), name="王舍人街道", level=DivisionLevel.SUBDISTRICT, parent=district, code="002"
    )
    community = Division.create(
        id=uuid4(), name="洪家楼社区", level=DivisionLevel.COMMUNITY, parent=township
    )
    community.rename("洪楼社区")
    grid = Grid.create(
        id=uuid4(),
        name="专属网格",
        kind=GridKind.DEDICATED,
        dedicated_to=DedicatedTo.ENTERPRISE,
        division=community,
    )
    grid.update(households=12)
    grid.confirm_standard(
        StandardItem.FUNDING_PLAN,
        StandardStatus.MET,
        evidence="预算表",
        confirmed_by="王主任",
        at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    grid.add_micro_position(id=uuid4(), name="红色驿站", address="A座")
    grid.add_proxy_service_item(
        id=uuid4(), name="社保代办", responsible_department="人社局", time_limit_working_days=5
    )
    branch = PartyOrganization.create(
        id=uuid4(),
        name="党委",
        kind=PartyOrganizationKind.COMMITTEE,
        division=community,
        grid=grid,
    )
    branch.update(name="网格党委")
    unit = Unit.register(
        id=uuid4(),
        name="某公司",
        kind=UnitKind.ENTERPRISE,
        credit_code="91350100M000100Y43",
        grid=grid,
    )
    unit.update(name="某某公司")
    bureau = Department.create(
        id=uuid4(),
        name="历城区市场监督管理局",
        kind=DepartmentKind.DISTRICT_BUREAU,
        division=district,
        categories=["ELEVATOR"],
    )
    section = Department.create(
        id=uuid4(),
        name="特种设备安全监察科",
        kind=DepartmentKind.SECTION,
        division=district,
        parent=bureau,
    )
    maintainer = Department.create(
        id=uuid4(),
        name="某电梯维保公司",
        kind=DepartmentKind.MAINTENANCE_COMPANY,
        division=community,
        unit=unit,
        phone="0531-88161234",
    )
    bureau.update(categories=["ELEVATOR", "FOOD_SAFETY"])
    section.dissolve(sections=[])
    community.move_to(other)
    maintainer.recode(community.code)
    grid.retire("撤并")
    return _events_of(
        district, township, other, community, grid, branch, unit, bureau, section, maintainer
    )


def test_every_domain_event_becomes_its_integration_event_field_for_field() -> None:
    events = _every_kind_of_event()
    assert {type(e).__name__ for e in events} == {c.__name__ for c in contracts.EVENTS}
    for event in events:
        contract = getattr(contracts, type(event).__name__)
        payload = asdict(event)  # type: ignore[call-overload]
        published = contract.model_validate(payload).model_dump()
        assert set(published) <= set(payload), type(event).__name__
        for field, value in published.items():
            expected = payload[field]
            assert value == (list(expected) if isinstance(expected, tuple) else expected), field
