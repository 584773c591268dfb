"""Departments that handle cases: bureaus, subdistrict offices, sections and outside parties."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from org.domain import (
    MAX_CATEGORIES,
    Department,
    DepartmentCreated,
    DepartmentDissolved,
    DepartmentDissolvedError,
    DepartmentHasActiveSections,
    DepartmentKind,
    DepartmentNameTaken,
    DepartmentParentNotAllowed,
    DepartmentParentRequired,
    DepartmentStatus,
    DepartmentUnitNotAllowed,
    DepartmentUpdated,
    Division,
    DivisionLevel,
    Grid,
    InvalidCategoryCode,
    InvalidDepartmentDivision,
    InvalidDepartmentParent,
    InvalidDivisionCode,
    InvalidName,
    InvalidPhone,
    Unit,
    UnitKind,
    ensure_department_name_free,
    move_division,
)

K = DepartmentKind
OUTSIDE_PARTIES = [
    K.PROPERTY_COMPANY,
    K.MAINTENANCE_COMPANY,
    K.PUBLIC_UTILITY,
    K.OTHER_PARTY,
]


def _department(division: Division, **overrides: Any) -> Department:
    arguments: dict[str, Any] = {
        "id": uuid4(),
        "name": "历城区市场监督管理局",
        "kind": K.DISTRICT_BUREAU,
        "division": division,
    }
    arguments.update(overrides)
    department = Department.create(**arguments)
    department.take_events()
    return department


@pytest.fixture
def bureau(district: Division) -> Department:
    return _department(district, categories=["MARKET_REGULATION", "ELEVATOR"])


SECTION_NAME = "特种设备安全监察科"


def _section(bureau: Department, division: Division, name: str = SECTION_NAME) -> Department:
    return _department(division, name=name, kind=K.SECTION, parent=bureau)


def _unit(grid: Grid) -> Unit:
    return Unit.register(
        id=uuid4(),
        name="济南快速电梯维保有限公司",
        kind=UnitKind.ENTERPRISE,
        credit_code="91350100M000100Y43",
        grid=grid,
    )


# Setting up


def test_a_bureau_is_set_up_in_its_district_with_its_categories_sorted_once(
    district: Division,
) -> None:
    department_id = uuid4()
    department = Department.create(
        id=department_id,
        name=" 历城区市场监督管理局 ",
        kind=K.DISTRICT_BUREAU,
        division=district,
        categories=["SPECIAL_EQUIPMENT", " ELEVATOR", "ELEVATOR", "FOOD_SAFETY"],
        phone=" 0531-88161234 ",
    )
    [recorded] = department.take_events()
    assert recorded.aggregate_type == "department"
    assert recorded.version == 1
    assert recorded.event == DepartmentCreated(
        department_id=department_id,
        name="历城区市场监督管理局",
        kind=K.DISTRICT_BUREAU,
        parent_id=None,
        division_id=district.id,
        division_code="370112",
        categories=("ELEVATOR", "FOOD_SAFETY", "SPECIAL_EQUIPMENT"),
        unit_id=None,
        phone="0531-88161234",
        status=DepartmentStatus.ACTIVE,
    )


def test_a_department_may_take_no_categories_yet(district: Division) -> None:
    assert _department(district).categories == ()


def test_a_bureau_serves_a_district_only(subdistrict: Division) -> None:
    with pytest.raises(InvalidDepartmentDivision) as refused:
        _department(subdistrict)
    assert refused.value.code == "DEPARTMENT_INVALID_DIVISION"
    assert refused.value.message == (
        "A district bureau (区直部门) serves a district (区); 洪家楼街道 is a subdistrict (街道)"
    )


def test_a_subdistrict_office_serves_a_subdistrict_or_a_town(
    subdistrict: Division, town: Division
) -> None:
    for township in (subdistrict, town):
        office = _department(township, name="城市管理办公室", kind=K.SUBDISTRICT_OFFICE)
        assert office.division_code == township.code


@pytest.mark.parametrize("level", ["district", "community"])
def test_a_subdistrict_office_serves_no_other_level(
    level: str, request: pytest.FixtureRequest
) -> None:
    division: Division = request.getfixturevalue(level)
    with pytest.raises(InvalidDepartmentDivision) as refused:
        _department(division, name="城市管理办公室", kind=K.SUBDISTRICT_OFFICE)
    assert "serves a subdistrict (街道) or town (镇)" in refused.value.message


@pytest.mark.parametrize("kind", OUTSIDE_PARTIES)
@pytest.mark.parametrize("level", ["district", "subdistrict", "community", "village"])
def test_an_outside_party_serves_any_division(
    kind: DepartmentKind, level: str, request: pytest.FixtureRequest
) -> None:
    division: Division = request.getfixturevalue(level)
    assert _department(division, name="香溢紫郡物业", kind=kind).division_id == division.id


def test_a_department_needs_a_name_of_at_most_100_characters(district: Division) -> None:
    for name in (" ", "局" * 101):
        with pytest.raises(InvalidName):
            _department(district, name=name)
    assert _department(district, name="局" * 100).name == "局" * 100


# Sections (内设科室)


def test_a_section_belongs_to_its_parent_and_serves_its_division(
    bureau: Department, district: Division
) -> None:
    section = _section(bureau, district)
    assert (section.parent_id, section.division_code) == (bureau.id, "370112")


def test_a_section_may_serve_a_division_inside_its_parents(
    bureau: Department, subdistrict: Division
) -> None:
    field_office = _section(bureau, subdistrict, name="洪家楼市场监管所")
    assert field_office.division_code == subdistrict.code


def test_a_section_needs_a_parent(district: Division) -> None:
    with pytest.raises(DepartmentParentRequired) as refused:
        _department(district, name="质量发展科", kind=K.SECTION)
    assert refused.value.code == "DEPARTMENT_PARENT_REQUIRED"


@pytest.mark.parametrize("kind", [k for k in DepartmentKind if k is not K.SECTION])
def test_only_a_section_has_a_parent(
    kind: DepartmentKind, bureau: Department, district: Division
) -> None:
    with pytest.raises(DepartmentParentNotAllowed) as refused:
        _department(district, name="某部门", kind=kind, parent=bureau)
    assert refused.value.code == "DEPARTMENT_PARENT_NOT_ALLOWED"


def test_a_section_cannot_serve_outside_its_parents_division(
    subdistrict: Division, town: Division, district: Division
) -> None:
    office = _department(subdistrict, name="城市管理办公室", kind=K.SUBDISTRICT_OFFICE)
    for elsewhere in (town, district):
        with pytest.raises(InvalidDepartmentParent) as refused:
            _section(office, elsewhere, name="市容环卫科")
        assert refused.value.code == "DEPARTMENT_INVALID_PARENT"
        assert "its section must serve that division or one inside it" in refused.value.message


def test_a_section_of_a_dissolved_department_is_refused(
    bureau: Department, district: Division
) -> None:
    bureau.dissolve(sections=[])
    with pytest.raises(InvalidDepartmentParent) as refused:
        _section(bureau, district)
    assert refused.value.message == (
        "历城区市场监督管理局 is dissolved; a section belongs to an active department"
    )


def test_a_section_cannot_belong_to_another_section(bureau: Department, district: Division) -> None:
    section = _section(bureau, district)
    with pytest.raises(InvalidDepartmentParent) as refused:
        _section(section, district, name="电梯组")
    assert "is a section itself" in refused.value.message


# Outside parties and units


def test_an_outside_party_may_be_a_registered_unit(
    district: Division, dedicated_grid: Grid
) -> None:
    unit = _unit(dedicated_grid)
    maintainer = _department(
        district, name="济南快速电梯维保有限公司", kind=K.MAINTENANCE_COMPANY, unit=unit
    )
    assert maintainer.unit_id == unit.id


@pytest.mark.parametrize("kind", [K.DISTRICT_BUREAU, K.SECTION])
def test_a_government_department_is_not_a_unit(
    kind: DepartmentKind, bureau: Department, district: Division, dedicated_grid: Grid
) -> None:
    parent = bureau if kind is K.SECTION else None
    with pytest.raises(DepartmentUnitNotAllowed) as refused:
        _department(district, name="某科", kind=kind, parent=parent, unit=_unit(dedicated_grid))
    assert refused.value.code == "DEPARTMENT_UNIT_NOT_ALLOWED"


def test_a_subdistrict_office_is_not_a_unit(subdistrict: Division, dedicated_grid: Grid) -> None:
    with pytest.raises(DepartmentUnitNotAllowed):
        _department(
            subdistrict, name="办公室", kind=K.SUBDISTRICT_OFFICE, unit=_unit(dedicated_grid)
        )


# Categories and phone


@pytest.mark.parametrize(
    "code",
    ["elevator", "E", "1ELEVATOR", "_ELEVATOR", "ELEV-ATOR", "ELEVATOR 2", "", "Ｅ" * 3, "A" * 41],
)
def test_a_malformed_category_code_is_refused(code: str, district: Division) -> None:
    with pytest.raises(InvalidCategoryCode) as refused:
        _department(district, categories=["ELEVATOR", code])
    assert refused.value.code == "INVALID_CATEGORY_CODE"


def test_category_codes_run_from_two_to_forty_characters(district: Division) -> None:
    codes = ["AB", "A" + "9" * 38 + "_", "E2"]
    assert _department(district, categories=codes).categories == tuple(sorted(codes))


def test_categories_are_a_list_not_a_single_text(district: Division) -> None:
    with pytest.raises(InvalidCategoryCode):
        _department(district, categories="ELEVATOR")


def test_a_department_takes_at_most_a_hundred_categories(district: Division) -> None:
    codes = [f"C{n:03d}" for n in range(MAX_CATEGORIES + 1)]
    with pytest.raises(InvalidCategoryCode):
        _department(district, categories=codes)
    assert len(_department(district, categories=codes[:-1]).categories) == MAX_CATEGORIES


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0531-88161234", "0531-88161234"),
        ("(0531)  8816 1234", "(0531) 8816 1234"),
        ("12345", "12345"),
        ("+86 531 8816 1234", "+86 531 8816 1234"),
        ("   ", None),
    ],
)
def test_an_office_phone_is_kept_as_posted(
    typed: str, kept: str | None, district: Division
) -> None:
    assert _department(district, phone=typed).phone == kept


@pytest.mark.parametrize(
    "phone", ["电话0531", "12", "0531-8816123４", "0531#88161234", "1" * 21, "0531-" + "8" * 28]
)
def test_a_malformed_phone_is_refused(phone: str, district: Division) -> None:
    with pytest.raises(InvalidPhone) as refused:
        _department(district, phone=phone)
    assert refused.value.code == "INVALID_PHONE"


# Changing and dissolving


def test_an_update_records_only_the_fields_that_changed(bureau: Department) -> None:
    changed = bureau.update(
        name="历城区市场监督管理局",
        categories=["MARKET_REGULATION", "ELEVATOR", "FOOD_SAFETY"],
        phone="0531-88161234",
    )
    assert changed == ("categories", "phone")
    [recorded] = bureau.take_events()
    assert recorded.event == DepartmentUpdated(
        department_id=bureau.id,
        name="历城区市场监督管理局",
        kind=K.DISTRICT_BUREAU,
        parent_id=None,
        division_id=bureau.division_id,
        division_code="370112",
        categories=("ELEVATOR", "FOOD_SAFETY", "MARKET_REGULATION"),
        unit_id=None,
        phone="0531-88161234",
        status=DepartmentStatus.ACTIVE,
        changed_fields=("categories", "phone"),
    )


def test_the_same_categories_in_another_order_change_nothing(bureau: Department) -> None:
    assert bureau.update(categories=["ELEVATOR", "MARKET_REGULATION", "ELEVATOR"]) == ()
    assert bureau.take_events() == []


def test_a_phone_set_to_none_is_removed(district: Division) -> None:
    department = _department(district, phone="0531-88161234")
    assert department.update(phone=None) == ("phone",)
    assert department.phone is None


def test_an_invalid_update_changes_nothing(bureau: Department) -> None:
    with pytest.raises(InvalidCategoryCode):
        bureau.update(name="新名称", categories=["bad"])
    assert bureau.name == "历城区市场监督管理局"
    assert bureau.take_events() == []


def test_dissolving_records_the_dissolved_department(bureau: Department) -> None:
    event = bureau.dissolve(sections=[])
    assert bureau.status is DepartmentStatus.DISSOLVED
    assert isinstance(event, DepartmentDissolved)
    assert event.status is DepartmentStatus.DISSOLVED
    assert [r.event for r in bureau.take_events()] == [event]


def test_a_department_with_active_sections_cannot_be_dissolved(
    bureau: Department, district: Division
) -> None:
    sections = [_section(bureau, district), _section(bureau, district, name="质量发展科")]
    with pytest.raises(DepartmentHasActiveSections) as refused:
        bureau.dissolve(sections=sections)
    assert refused.value.code == "DEPARTMENT_HAS_ACTIVE_SECTIONS"
    assert refused.value.message == (
        "历城区市场监督管理局 still has 2 active section(s) (特种设备安全监察科、质量发展科); "
        "dissolve them first"
    )
    assert bureau.status is DepartmentStatus.ACTIVE


def test_a_department_whose_sections_are_dissolved_can_be_dissolved(
    bureau: Department, district: Division
) -> None:
    section = _section(bureau, district)
    section.dissolve(sections=[])
    bureau.dissolve(sections=[section])
    assert bureau.status is DepartmentStatus.DISSOLVED


def test_sections_of_other_departments_do_not_hold_a_dissolution(
    bureau: Department, district: Division
) -> None:
    other = _department(district, name="历城区城市管理局")
    bureau.dissolve(sections=[_section(other, district)])
    assert bureau.status is DepartmentStatus.DISSOLVED


@pytest.mark.parametrize(
    "change", [{"name": "新名称"}, {"categories": ["PROPERTY"]}, {"phone": "12345"}]
)
def test_a_dissolved_department_takes_no_changes(
    change: dict[str, Any], bureau: Department
) -> None:
    bureau.dissolve(sections=[])
    bureau.take_events()
    with pytest.raises(DepartmentDissolvedError) as refused:
        bureau.update(**change)
    assert refused.value.code == "DEPARTMENT_DISSOLVED"
    assert bureau.take_events() == []


def test_a_dissolved_department_cannot_be_dissolved_again(bureau: Department) -> None:
    bureau.dissolve(sections=[])
    with pytest.raises(DepartmentDissolvedError):
        bureau.dissolve(sections=[])


# Names


def test_a_name_another_active_department_of_the_division_has_is_taken(
    bureau: Department, district: Division
) -> None:
    newcomer = _department(district)
    with pytest.raises(DepartmentNameTaken) as refused:
        ensure_department_name_free(bureau, newcomer)
    assert refused.value.code == "DEPARTMENT_NAME_TAKEN"
    assert refused.value.details["department_id"] == str(bureau.id)


def test_a_department_keeps_its_own_name(bureau: Department) -> None:
    ensure_department_name_free(bureau, bureau)
    ensure_department_name_free(None, bureau)


# Moving the division served


def test_departments_follow_their_division_when_it_moves(
    district: Division, subdistrict: Division, community: Division
) -> None:
    other = Division.create(
        id=uuid4(), name="王舍人街道", level=DivisionLevel.SUBDISTRICT, parent=district, code="007"
    )
    property_company = _department(community, name="香溢紫郡物业", kind=K.PROPERTY_COMPANY)
    office = _department(subdistrict, name="城市管理办公室", kind=K.SUBDISTRICT_OFFICE)
    move_division(
        community, other, descendants=[], grids=[], departments=[property_company, office]
    )
    assert property_company.division_code == "370112007001"
    assert office.division_code == subdistrict.code  # not below the community: left alone
    [recorded] = property_company.take_events()
    assert isinstance(recorded.event, DepartmentUpdated)
    assert recorded.event.changed_fields == ("division_code",)
    assert office.take_events() == []


def test_a_dissolved_department_follows_its_division_too(community: Division) -> None:
    company = _department(community, name="香溢紫郡物业", kind=K.PROPERTY_COMPANY)
    company.dissolve(sections=[])
    assert company.recode("370112007001") is not None
    assert company.division_code == "370112007001"


def test_a_department_is_recoded_only_to_a_code_of_the_same_level(community: Division) -> None:
    company = _department(community, name="香溢紫郡物业", kind=K.PROPERTY_COMPANY)
    assert company.recode(community.code) is None
    with pytest.raises(InvalidDivisionCode):
        company.recode("370112007")
