"""People on record: ID numbers checked, encrypted at rest, masked on read."""

from __future__ import annotations

from datetime import date

from personnel_testing import REGISTER, national_id, person_input
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.audit import audit_metadata
from gridkit.testing.graphql import GraphQLClient

BORN = date(1985, 6, 15)
ID = national_id(BORN, male=True)
PHONE = "13812345678"


async def test_a_person_is_registered_and_shown_masked(admin: GraphQLClient) -> None:
    data = await admin.data(
        REGISTER,
        person_input(nationalId=ID.lower(), phone="+86 138-1234-5678", divisionCode="370112001001"),
    )
    person = data["registerPerson"]
    assert person["gender"] == "MALE"
    assert person["birthDate"] == "1985-06-15"
    assert person["nationalId"] == ID[:4] + "*" * 10 + ID[-4:]
    assert person["phone"] == "138****5678"


async def test_a_caller_with_the_pii_scope_reads_in_full_and_the_read_is_audited(
    admin: GraphQLClient, personnel: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    created = await admin.data(REGISTER, person_input(nationalId=ID, phone=PHONE))
    officer = personnel.as_caller("OFFICER", subject="officer-7", pii=True)
    data = await officer.data(
        "query($id: ID!) { person(id: $id) { nationalId phone } }",
        {"id": created["registerPerson"]["id"]},
    )
    assert data["person"] == {"nationalId": ID, "phone": PHONE}
    async with personnel_db.connect() as connection:
        rows = (
            await connection.execute(
                select(
                    audit_metadata.tables["pii_reads"].c.subject,
                    audit_metadata.tables["pii_reads"].c.purpose,
                )
            )
        ).all()
    assert sorted(rows) == [("officer-7", "national_id"), ("officer-7", "phone")]


async def test_no_plain_id_or_phone_is_stored_anywhere(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    await admin.data(REGISTER, person_input(nationalId=ID, phone=PHONE))
    async with personnel_db.connect() as connection:
        dump = await connection.scalar(
            text(
                "SELECT string_agg(t::text, ' ') FROM ("
                " SELECT row_to_json(p)::text AS t FROM persons p"
                " UNION ALL SELECT envelope::text FROM outbox) rows"
            )
        )
    assert dump is not None
    assert "张三" in dump  # the scan reads the rows
    for secret in (ID, PHONE, ID[6:14]):
        assert secret not in dump


async def test_an_id_with_a_wrong_check_digit_is_refused_and_nothing_is_written(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    wrong = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    error = await admin.error(REGISTER, person_input(nationalId=wrong))
    assert error["extensions"]["code"] == "INVALID_NATIONAL_ID"
    assert f"give the check character '{ID[-1]}'" in error["message"]
    async with personnel_db.connect() as connection:
        assert await connection.scalar(text("SELECT count(*) FROM persons")) == 0
        assert await connection.scalar(text("SELECT count(*) FROM outbox")) == 0


async def test_an_id_that_disagrees_with_the_birth_date_is_refused(admin: GraphQLClient) -> None:
    error = await admin.error(REGISTER, person_input(nationalId=ID, birthDate="1986-06-15"))
    assert error["extensions"]["code"] == "NATIONAL_ID_BIRTH_DATE_MISMATCH"


async def test_one_person_per_id_number(admin: GraphQLClient, personnel_db: AsyncEngine) -> None:
    await admin.data(REGISTER, person_input(nationalId=ID))
    error = await admin.error(REGISTER, person_input(nationalId=ID, name="李四"))
    assert error["extensions"]["code"] == "PERSON_NATIONAL_ID_TAKEN"
    async with personnel_db.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(text("persons"))) == 1


async def test_anonymous_callers_get_no_personal_records(
    admin: GraphQLClient, personnel: GraphQLClient
) -> None:
    created = await admin.data(REGISTER, person_input(nationalId=ID))
    error = await personnel.error(
        "query($id: ID!) { person(id: $id) { name } }", {"id": created["registerPerson"]["id"]}
    )
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    entities = await personnel.error(
        '{ _entities(representations: [{__typename: "Grid", id: "1"}]) { __typename } }'
    )
    assert entities["extensions"]["code"] == "UNAUTHENTICATED"
    sdl = await personnel.data("{ _service { sdl } }")
    assert "type Person" in sdl["_service"]["sdl"]


async def test_a_scoped_caller_lists_only_the_people_of_their_division(
    admin: GraphQLClient, personnel: GraphQLClient
) -> None:
    await admin.data(
        REGISTER, person_input(name="本社区", nationalId=ID, divisionCode="370112001001")
    )
    await admin.data(
        REGISTER,
        person_input(
            name="外街道",
            nationalId=national_id(date(1990, 2, 2), sequence=40),
            divisionCode="370112002001",
        ),
    )
    local = personnel.as_caller("OFFICER", division="370112001")
    names = await local.data("{ people { nodes { name } } }")
    assert names["people"]["nodes"] == [{"name": "本社区"}]
    elsewhere = await local.error('{ people(divisionCode: "370112002") { totalCount } }')
    assert elsewhere["extensions"]["code"] == "FORBIDDEN"
