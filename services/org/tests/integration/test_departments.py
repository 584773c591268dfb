"""Departments that handle cases, through GraphQL on the real database and the ORG stream."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID, uuid4

import pytest
import pytest_asyncio
from nats.js import JetStreamContext
from org_testing import GridMaker, create_division, row_counts
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.db import create_engine, create_session_factory
from gridkit.events import CloudEvent
from gridkit.messaging.tables import outbox
from gridkit.testing.events import stream_messages
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from org.config import OrgSettings
from org.domain import Department, DepartmentKind, DepartmentNameTaken
from org.repository.tables import DepartmentRow
from org.unit_of_work import OrgUnitOfWork

Tree = dict[str, dict[str, Any]]

FIELDS = "id name kind categories phone status division { code } parent { name }"
CREATE = f"""mutation($input: CreateDepartmentInput!) {{
  createDepartment(input: $input) {{ {FIELDS} }} }}"""
UPDATE = f"""mutation($input: UpdateDepartmentInput!) {{
  updateDepartment(input: $input) {{ {FIELDS} }} }}"""
DISSOLVE = "mutation($id: ID!) { dissolveDepartment(id: $id) { id status } }"
LIST = """query($filter: DepartmentFilterInput, $first: Int, $after: String) {
  departments(filter: $filter, first: $first, after: $after) {
    totalCount nodes { name } pageInfo { hasNextPage endCursor } } }"""

CREDIT_CODE = "91350100M000100Y43"


@pytest_asyncio.fixture(loop_scope="session")
async def wangshe(admin: GraphQLClient, licheng: Tree) -> dict[str, Any]:
    """王舍人街道 (370112007), a second subdistrict of 历城区."""
    return await create_division(
        admin,
        name="王舍人街道",
        level="SUBDISTRICT",
        parentId=licheng["district"]["id"],
        code="007",
    )


async def create(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    """Create a department and return it."""
    data = await client.data(CREATE, {"input": fields})
    result: dict[str, Any] = data["createDepartment"]
    return result


async def bureau_of(admin: GraphQLClient, tree: Tree, **fields: Any) -> dict[str, Any]:
    """历城区市场监督管理局, serving the district."""
    return await create(
        admin,
        **{
            "name": "历城区市场监督管理局",
            "kind": "DISTRICT_BUREAU",
            "divisionId": tree["district"]["id"],
            "categories": ["SPECIAL_EQUIPMENT", "ELEVATOR", "PRODUCT_QUALITY"],
            **fields,
        },
    )


async def section_of(
    admin: GraphQLClient, parent: dict[str, Any], division_id: str, name: str, *codes: str
) -> dict[str, Any]:
    """A section (内设科室) of ``parent`` serving ``division_id``."""
    return await create(
        admin,
        name=name,
        kind="SECTION",
        divisionId=division_id,
        parentId=parent["id"],
        categories=list(codes),
    )


async def department_count(engine: AsyncEngine) -> int:
    """Rows of the departments table."""
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(DepartmentRow)) or 0)


# Setting up and reading


async def test_a_bureau_and_its_sections_read_back_through_the_graph(
    admin: GraphQLClient, org: GraphQLClient, licheng: Tree
) -> None:
    bureau = await bureau_of(admin, licheng, phone="0531-88161234")
    assert bureau == {
        "id": bureau["id"],
        "name": "历城区市场监督管理局",
        "kind": "DISTRICT_BUREAU",
        "categories": ["ELEVATOR", "PRODUCT_QUALITY", "SPECIAL_EQUIPMENT"],
        "phone": "0531-88161234",
        "status": "ACTIVE",
        "division": {"code": "370112"},
        "parent": None,
    }
    district = licheng["district"]["id"]
    await section_of(admin, bureau, district, "质量发展科", "PRODUCT_QUALITY")
    special = await section_of(admin, bureau, district, "特种设备安全监察科", "ELEVATOR")
    field_office = await section_of(
        admin, bureau, licheng["subdistrict"]["id"], "洪家楼市场监管所", "FOOD_SAFETY"
    )
    await admin.data(DISSOLVE, {"id": field_office["id"]})
    assert special["parent"] == {"name": "历城区市场监督管理局"}
    data = await org.data(  # reading needs no token, as for the rest of the structure
        """query($id: ID!) { department(id: $id) {
             name unit { id } sections { name kind status division { code } parent { id } }
             active: sections(status: ACTIVE) { name } } }""",
        {"id": bureau["id"]},
    )
    assert data == {
        "department": {
            "name": "历城区市场监督管理局",
            "unit": None,
            "sections": [
                {
                    "name": "洪家楼市场监管所",
                    "kind": "SECTION",
                    "status": "DISSOLVED",
                    "division": {"code": "370112001"},
                    "parent": {"id": bureau["id"]},
                },
                {
                    "name": "特种设备安全监察科",
                    "kind": "SECTION",
                    "status": "ACTIVE",
                    "division": {"code": "370112"},
                    "parent": {"id": bureau["id"]},
                },
                {
                    "name": "质量发展科",
                    "kind": "SECTION",
                    "status": "ACTIVE",
                    "division": {"code": "370112"},
                    "parent": {"id": bureau["id"]},
                },
            ],
            "active": [{"name": "特种设备安全监察科"}, {"name": "质量发展科"}],
        }
    }


async def test_an_unknown_department_reads_as_null(org: GraphQLClient) -> None:
    data = await org.data("query($id: ID!) { department(id: $id) { id } }", {"id": str(uuid4())})
    assert data == {"department": None}


async def test_an_outside_party_reads_with_the_unit_it_is(
    admin: GraphQLClient, make_grid: GridMaker, licheng: Tree
) -> None:
    grid = await make_grid(name="电梯维保网格", kind="DEDICATED", dedicatedTo="ENTERPRISE")
    unit = await admin.data(
        "mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }",
        {
            "input": {
                "name": "济南快速电梯维保有限公司",
                "kind": "ENTERPRISE",
                "creditCode": CREDIT_CODE,
                "gridId": grid["id"],
            }
        },
    )
    maintainer = await create(
        admin,
        name="济南快速电梯维保有限公司",
        kind="MAINTENANCE_COMPANY",
        divisionId=licheng["community"]["id"],
        categories=["ELEVATOR"],
        unitId=unit["registerUnit"]["id"],
    )
    data = await admin.data(
        "query($id: ID!) { department(id: $id) { unit { creditCode grid { name } } } }",
        {"id": maintainer["id"]},
    )
    assert data == {
        "department": {"unit": {"creditCode": CREDIT_CODE, "grid": {"name": "电梯维保网格"}}}
    }


async def test_departments_are_listed_by_name_filtered_and_paged(
    admin: GraphQLClient, licheng: Tree, wangshe: dict[str, Any]
) -> None:
    bureau = await bureau_of(admin, licheng)
    await section_of(admin, bureau, licheng["district"]["id"], "特种设备安全监察科", "ELEVATOR")
    office = await create(
        admin,
        name="王舍人街道城市管理办公室",
        kind="SUBDISTRICT_OFFICE",
        divisionId=wangshe["id"],
        categories=["CITY_APPEARANCE"],
    )
    await create(
        admin,
        name="香溢紫郡物业",
        kind="PROPERTY_COMPANY",
        divisionId=wangshe["id"],
        categories=["PROPERTY", "ELEVATOR"],
    )
    await admin.data(DISSOLVE, {"id": office["id"]})

    async def names(**filter: Any) -> list[str]:
        data = await admin.data(LIST, {"filter": filter})
        return [node["name"] for node in data["departments"]["nodes"]]

    bureau_names = ["历城区市场监督管理局", "特种设备安全监察科"]  # by name: code point order
    assert await names() == [*bureau_names, "王舍人街道城市管理办公室", "香溢紫郡物业"]
    assert await names(divisionCode="370112007") == ["王舍人街道城市管理办公室", "香溢紫郡物业"]
    assert await names(divisionCode="370112001") == []
    assert await names(category="ELEVATOR") == [*bureau_names, "香溢紫郡物业"]
    assert await names(kind="SECTION") == ["特种设备安全监察科"]
    assert await names(status="DISSOLVED") == ["王舍人街道城市管理办公室"]
    assert await names(divisionCode="370112", category="ELEVATOR", status="ACTIVE") == [
        *bureau_names,
        "香溢紫郡物业",
    ]
    first = (await admin.data(LIST, {"filter": {"category": "ELEVATOR"}, "first": 2}))[
        "departments"
    ]
    assert first["totalCount"] == 3
    assert [n["name"] for n in first["nodes"]] == bureau_names
    assert first["pageInfo"]["hasNextPage"] is True
    rest = await admin.data(
        LIST,
        {"filter": {"category": "ELEVATOR"}, "first": 2, "after": first["pageInfo"]["endCursor"]},
    )
    assert [n["name"] for n in rest["departments"]["nodes"]] == ["香溢紫郡物业"]
    assert rest["departments"]["pageInfo"]["hasNextPage"] is False


async def test_a_malformed_division_code_filter_is_refused(admin: GraphQLClient) -> None:
    error = await admin.error(LIST, {"filter": {"divisionCode": "37011"}})
    assert error["extensions"]["code"] == "INVALID_DIVISION_CODE"


# Refusals


async def test_every_refused_creation_answers_its_code_and_writes_nothing(
    admin: GraphQLClient, licheng: Tree, make_grid: GridMaker, org_db: AsyncEngine
) -> None:
    district, subdistrict = licheng["district"]["id"], licheng["subdistrict"]["id"]
    community = licheng["community"]["id"]
    bureau = await bureau_of(admin, licheng)
    office = await create(
        admin, name="城市管理办公室", kind="SUBDISTRICT_OFFICE", divisionId=subdistrict
    )
    section = await section_of(admin, bureau, district, "质量发展科")
    grid = await make_grid(name="物业网格", kind="DEDICATED", dedicatedTo="ENTERPRISE")
    unit = await admin.data(
        "mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }",
        {
            "input": {
                "name": "香溢紫郡物业服务有限公司",
                "kind": "ENTERPRISE",
                "creditCode": CREDIT_CODE,
                "gridId": grid["id"],
            }
        },
    )
    unit_id = unit["registerUnit"]["id"]
    before = await row_counts(org_db)
    refusals: list[tuple[str, dict[str, Any]]] = [
        ("DEPARTMENT_PARENT_REQUIRED", {"kind": "SECTION", "divisionId": district}),
        (
            "DEPARTMENT_PARENT_NOT_ALLOWED",
            {"kind": "DISTRICT_BUREAU", "divisionId": district, "parentId": bureau["id"]},
        ),
        ("DEPARTMENT_INVALID_DIVISION", {"kind": "DISTRICT_BUREAU", "divisionId": subdistrict}),
        ("DEPARTMENT_INVALID_DIVISION", {"kind": "SUBDISTRICT_OFFICE", "divisionId": community}),
        (
            "DEPARTMENT_INVALID_PARENT",
            {"kind": "SECTION", "divisionId": district, "parentId": office["id"]},
        ),
        (
            "DEPARTMENT_INVALID_PARENT",
            {"kind": "SECTION", "divisionId": district, "parentId": section["id"]},
        ),
        (
            "DEPARTMENT_UNIT_NOT_ALLOWED",
            {"kind": "DISTRICT_BUREAU", "divisionId": district, "unitId": unit_id},
        ),
        (
            "INVALID_CATEGORY_CODE",
            {"kind": "PROPERTY_COMPANY", "divisionId": community, "categories": ["property"]},
        ),
        (
            "INVALID_PHONE",
            {"kind": "PROPERTY_COMPANY", "divisionId": community, "phone": "电话88161234"},
        ),
        ("INVALID_NAME", {"kind": "PROPERTY_COMPANY", "divisionId": community, "name": " "}),
        ("DIVISION_NOT_FOUND", {"kind": "PROPERTY_COMPANY", "divisionId": str(uuid4())}),
        (
            "DEPARTMENT_NOT_FOUND",
            {"kind": "SECTION", "divisionId": district, "parentId": str(uuid4())},
        ),
        (
            "UNIT_NOT_FOUND",
            {"kind": "PROPERTY_COMPANY", "divisionId": community, "unitId": str(uuid4())},
        ),
        ("INVALID_ID", {"kind": "PROPERTY_COMPANY", "divisionId": "not-an-id"}),
    ]
    for code, fields in refusals:
        error = await admin.error(CREATE, {"input": {"name": "某部门", **fields}})
        assert error["extensions"]["code"] == code, (fields, error)
    assert await row_counts(org_db) == before


async def test_a_name_is_taken_among_the_active_departments_of_one_division(
    admin: GraphQLClient, licheng: Tree, wangshe: dict[str, Any], org_db: AsyncEngine
) -> None:
    office = {"name": "城市管理办公室", "kind": "SUBDISTRICT_OFFICE"}
    first = await create(admin, **office, divisionId=licheng["subdistrict"]["id"])
    before = await row_counts(org_db)
    error = await admin.error(
        CREATE, {"input": {**office, "divisionId": licheng["subdistrict"]["id"]}}
    )
    assert error["extensions"]["code"] == "DEPARTMENT_NAME_TAKEN"
    assert error["message"] == (
        "城市管理办公室 is already the name of an active department of division 370112001"
    )
    assert await row_counts(org_db) == before
    await create(admin, **office, divisionId=wangshe["id"])  # another division: its own names
    await admin.data(DISSOLVE, {"id": first["id"]})
    again = await create(admin, **office, divisionId=licheng["subdistrict"]["id"])
    assert again["id"] != first["id"]  # a dissolved department frees its name


async def test_a_rename_to_a_taken_name_is_refused(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    await bureau_of(admin, licheng)
    other = await bureau_of(admin, licheng, name="历城区城市管理局")
    before = await row_counts(org_db)
    error = await admin.error(
        UPDATE, {"input": {"departmentId": other["id"], "name": "历城区市场监督管理局"}}
    )
    assert error["extensions"]["code"] == "DEPARTMENT_NAME_TAKEN"
    assert await row_counts(org_db) == before


async def test_two_creations_of_one_name_at_the_same_moment_make_one_department(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    answers = await asyncio.gather(
        *(
            admin.execute(
                CREATE,
                {
                    "input": {
                        "name": "历城区市场监督管理局",
                        "kind": "DISTRICT_BUREAU",
                        "divisionId": licheng["district"]["id"],
                    }
                },
            )
            for _ in range(4)
        )
    )
    created = [a for a in answers if "errors" not in a]
    refused = [a["errors"][0]["extensions"]["code"] for a in answers if "errors" in a]
    assert len(created) == 1
    assert refused == ["DEPARTMENT_NAME_TAKEN"] * 3
    assert await department_count(org_db) == 1


async def _create_skipping_the_name_check(settings: OrgSettings, division_id: UUID) -> None:
    """Store a bureau as a request that passed the name check a moment ago would."""
    engine = create_engine(settings.database_url)
    try:
        uow = OrgUnitOfWork(create_session_factory(engine))
        async with uow:
            department = Department.create(
                id=uuid4(),
                name="历城区市场监督管理局",
                kind=DepartmentKind.DISTRICT_BUREAU,
                division=await uow.divisions.get(division_id),
            )
            await uow.departments.add(department)
            await uow.commit(created=department.id)
    finally:
        await engine.dispose()


async def test_the_database_holds_the_name_when_both_passed_the_check(
    org_settings: OrgSettings, licheng: Tree, org_db: AsyncEngine
) -> None:
    district = UUID(licheng["district"]["id"])
    await _create_skipping_the_name_check(org_settings, district)
    with pytest.raises(DepartmentNameTaken):
        await _create_skipping_the_name_check(org_settings, district)
    assert await department_count(org_db) == 1


# Changing and dissolving


async def test_an_update_changes_the_name_categories_and_phone(
    admin: GraphQLClient, licheng: Tree
) -> None:
    bureau = await bureau_of(admin, licheng, phone="0531-88161234")
    changed = (
        await admin.data(
            UPDATE,
            {
                "input": {
                    "departmentId": bureau["id"],
                    "name": "历城区市场监管局",
                    "categories": ["FOOD_SAFETY", "ELEVATOR", "FOOD_SAFETY"],
                }
            },
        )
    )["updateDepartment"]
    assert (changed["name"], changed["categories"], changed["phone"]) == (
        "历城区市场监管局",
        ["ELEVATOR", "FOOD_SAFETY"],
        "0531-88161234",
    )
    cleared = await admin.data(UPDATE, {"input": {"departmentId": bureau["id"], "phone": None}})
    assert cleared["updateDepartment"]["phone"] is None


async def test_categories_cannot_be_sent_as_null(admin: GraphQLClient, licheng: Tree) -> None:
    bureau = await bureau_of(admin, licheng)
    error = await admin.error(UPDATE, {"input": {"departmentId": bureau["id"], "categories": None}})
    assert error["extensions"]["code"] == "NULL_NOT_ALLOWED"


async def test_a_department_is_dissolved_only_after_its_sections(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    bureau = await bureau_of(admin, licheng)
    section = await section_of(admin, bureau, licheng["district"]["id"], "特种设备安全监察科")
    before = await row_counts(org_db)
    error = await admin.error(DISSOLVE, {"id": bureau["id"]})
    assert error["extensions"]["code"] == "DEPARTMENT_HAS_ACTIVE_SECTIONS"
    assert await row_counts(org_db) == before
    await admin.data(DISSOLVE, {"id": section["id"]})
    data = await admin.data(DISSOLVE, {"id": bureau["id"]})
    assert data == {"dissolveDepartment": {"id": bureau["id"], "status": "DISSOLVED"}}


async def test_a_section_set_up_while_its_parent_is_dissolved_leaves_one_of_them_standing(
    admin: GraphQLClient, licheng: Tree
) -> None:
    for attempt in range(3):
        bureau = await bureau_of(admin, licheng, name=f"历城区第{attempt}局")
        section_input = {
            # A section that won an earlier round still holds its name in the district.
            "name": f"第{attempt}局质量发展科",
            "kind": "SECTION",
            "divisionId": licheng["district"]["id"],
            "parentId": bureau["id"],
        }
        dissolved, section = await asyncio.gather(
            admin.execute(DISSOLVE, {"id": bureau["id"]}),
            admin.execute(CREATE, {"input": section_input}),
        )
        outcomes = {
            "dissolved": "errors" not in dissolved,
            "section": "errors" not in section,
        }
        assert sum(outcomes.values()) == 1, (dissolved, section)
        refused = section if outcomes["dissolved"] else dissolved
        assert refused["errors"][0]["extensions"]["code"] in {
            "DEPARTMENT_INVALID_PARENT",
            "DEPARTMENT_HAS_ACTIVE_SECTIONS",
        }


async def test_a_dissolved_department_takes_no_changes_and_no_sections(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    bureau = await bureau_of(admin, licheng)
    await admin.data(DISSOLVE, {"id": bureau["id"]})
    before = await row_counts(org_db)
    for change in ({"name": "新名称"}, {"categories": ["PROPERTY"]}, {"phone": "12345"}):
        error = await admin.error(UPDATE, {"input": {"departmentId": bureau["id"], **change}})
        assert error["extensions"]["code"] == "DEPARTMENT_DISSOLVED"
    assert (await admin.error(DISSOLVE, {"id": bureau["id"]}))["extensions"][
        "code"
    ] == "DEPARTMENT_DISSOLVED"
    error = await admin.error(
        CREATE,
        {
            "input": {
                "name": "质量发展科",
                "kind": "SECTION",
                "divisionId": licheng["district"]["id"],
                "parentId": bureau["id"],
            }
        },
    )
    assert error["extensions"]["code"] == "DEPARTMENT_INVALID_PARENT"
    assert await row_counts(org_db) == before


async def test_changing_an_unknown_department_is_department_not_found(
    admin: GraphQLClient,
) -> None:
    for operation, variables in (
        (UPDATE, {"input": {"departmentId": str(uuid4()), "name": "某部门"}}),
        (DISSOLVE, {"id": str(uuid4())}),
    ):
        error = await admin.error(operation, variables)
        assert error["extensions"]["code"] == "DEPARTMENT_NOT_FOUND"


# Idempotency


async def test_a_retried_create_department_creates_one_department(
    admin: GraphQLClient, licheng: Tree, org_db: AsyncEngine
) -> None:
    fields = {
        "name": "济南快速电梯维保有限公司",
        "kind": "MAINTENANCE_COMPANY",
        "divisionId": licheng["district"]["id"],
        "categories": ["ELEVATOR"],
        "clientMutationId": "maintainer-1",
    }
    first = await admin.data(CREATE, {"input": fields})
    after_first = await row_counts(org_db)
    assert await admin.data(CREATE, {"input": fields}) == first
    assert await row_counts(org_db) == after_first
    assert after_first["departments"] == 1
    error = await admin.error(CREATE, {"input": {**fields, "categories": ["PROPERTY"]}})
    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"


# Access


async def test_writing_departments_needs_an_org_admin_within_scope(
    org: GraphQLClient, licheng: Tree, wangshe: dict[str, Any], org_db: AsyncEngine
) -> None:
    office = {"name": "城市管理办公室", "kind": "SUBDISTRICT_OFFICE", "divisionId": wangshe["id"]}
    before = await row_counts(org_db)
    callers = [
        ("UNAUTHENTICATED", org),
        ("FORBIDDEN", org.as_caller("OFFICER", division="370112")),
        ("FORBIDDEN", org.as_caller("ORG_ADMIN", division="370112001")),
    ]
    for code, caller in callers:
        error = await caller.error(CREATE, {"input": office})
        assert error["extensions"]["code"] == code
    assert await row_counts(org_db) == before
    local = org.as_caller("ORG_ADMIN", division="370112007")
    created = await create(local, **office)
    assert created["division"] == {"code": "370112007"}
    outsider = org.as_caller("ORG_ADMIN", division="370112001")
    for operation, variables in (
        (UPDATE, {"input": {"departmentId": created["id"], "name": "城管办"}}),
        (DISSOLVE, {"id": created["id"]}),
    ):
        assert (await outsider.error(operation, variables))["extensions"]["code"] == "FORBIDDEN"


async def test_a_subdistrict_admin_cannot_add_a_section_to_a_district_bureau(
    admin: GraphQLClient, org: GraphQLClient, licheng: Tree
) -> None:
    bureau = await bureau_of(admin, licheng)
    local = org.as_caller("ORG_ADMIN", division="370112001")
    error = await local.error(
        CREATE,
        {
            "input": {
                "name": "洪家楼市场监管所",
                "kind": "SECTION",
                "divisionId": licheng["subdistrict"]["id"],
                "parentId": bureau["id"],
            }
        },
    )
    assert error["extensions"]["code"] == "FORBIDDEN"


# Events


async def department_events(
    js: JetStreamContext, settings: OrgSettings, department_id: str
) -> list[CloudEvent]:
    """Every event about one department on the ORG stream, in order, once the outbox drained."""

    async def drained() -> bool:
        engine = create_engine(settings.database_url)
        try:
            async with engine.connect() as connection:
                pending = await connection.scalar(
                    select(outbox.c.position).where(outbox.c.published_at.is_(None)).limit(1)
                )
        finally:
            await engine.dispose()
        return pending is None

    await eventually(drained, what="outbox drained")
    messages = await stream_messages(js, settings.stream_name, settings.subject_for("org.>"))
    events = [CloudEvent.from_json(message.data) for message in messages]
    return [event for event in events if event.subject == department_id]


async def test_each_change_to_a_department_is_published_once_in_order(
    admin: GraphQLClient, licheng: Tree, jetstream: JetStreamContext, org_settings: OrgSettings
) -> None:
    company = await create(
        admin,
        name="香溢紫郡物业",
        kind="PROPERTY_COMPANY",
        divisionId=licheng["community"]["id"],
        categories=["PROPERTY"],
    )
    await admin.data(
        UPDATE,
        {"input": {"departmentId": company["id"], "categories": ["PROPERTY", "ELEVATOR"]}},
    )
    await admin.data(UPDATE, {"input": {"departmentId": company["id"], "name": "香溢紫郡物业"}})
    await admin.data(DISSOLVE, {"id": company["id"]})
    published = await department_events(jetstream, org_settings, company["id"])
    assert [(e.type, e.sequence) for e in published] == [
        ("org.department.created", "1"),
        ("org.department.updated", "2"),
        ("org.department.dissolved", "3"),
    ]
    state = {
        "department_id": company["id"],
        "name": "香溢紫郡物业",
        "kind": "PROPERTY_COMPANY",
        "parent_id": None,
        "division_id": licheng["community"]["id"],
        "division_code": "370112001001",
        "categories": ["PROPERTY"],
        "unit_id": None,
        "phone": None,
        "status": "ACTIVE",
    }
    assert published[0].data == state
    assert published[0].source == "/pioneer-grid/org"
    assert published[1].data == {
        **state,
        "categories": ["ELEVATOR", "PROPERTY"],
        "changed_fields": ["categories"],
    }
    assert published[2].data == {
        **state,
        "categories": ["ELEVATOR", "PROPERTY"],
        "status": "DISSOLVED",
    }


async def test_departments_follow_a_moved_division_and_say_so(
    admin: GraphQLClient,
    licheng: Tree,
    wangshe: dict[str, Any],
    jetstream: JetStreamContext,
    org_settings: OrgSettings,
) -> None:
    bureau = await bureau_of(admin, licheng)
    company = await create(
        admin, name="香溢紫郡物业", kind="PROPERTY_COMPANY", divisionId=licheng["community"]["id"]
    )
    await admin.data(
        'mutation($id: ID!, $to: ID!) { moveDivision(id: $id, newParentId: $to, code: "009") '
        "{ code } }",
        {"id": licheng["community"]["id"], "to": wangshe["id"]},
    )
    data = await admin.data(
        "query($id: ID!) { department(id: $id) { division { code } } }", {"id": company["id"]}
    )
    assert data == {"department": {"division": {"code": "370112007009"}}}
    moved = await department_events(jetstream, org_settings, company["id"])
    assert [e.type for e in moved] == ["org.department.created", "org.department.updated"]
    assert moved[1].data["division_code"] == "370112007009"
    assert moved[1].data["changed_fields"] == ["division_code"]
    listed = await admin.data(LIST, {"filter": {"divisionCode": "370112007"}})
    assert [n["name"] for n in listed["departments"]["nodes"]] == ["香溢紫郡物业"]
    untouched = await department_events(jetstream, org_settings, bureau["id"])
    assert [e.type for e in untouched] == ["org.department.created"]


# Federation


async def test_departments_resolve_as_entities_in_the_order_asked(
    admin: GraphQLClient, licheng: Tree
) -> None:
    bureau = await bureau_of(admin, licheng)
    section = await section_of(admin, bureau, licheng["district"]["id"], "质量发展科")
    data = await admin.data(
        """query($representations: [_Any!]!) {
             _entities(representations: $representations) {
               ... on Department { name parent { name } } } }""",
        {
            "representations": [
                {"__typename": "Department", "id": section["id"]},
                {"__typename": "Department", "id": str(uuid4())},
                {"__typename": "Department", "id": bureau["id"]},
            ]
        },
    )
    assert data["_entities"] == [
        {"name": "质量发展科", "parent": {"name": "历城区市场监督管理局"}},
        None,
        {"name": "历城区市场监督管理局", "parent": None},
    ]
