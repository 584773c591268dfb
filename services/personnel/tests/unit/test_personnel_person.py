"""People: registering them against their ID card, updating them, keeping numbers out of events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import uuid4

import pytest

from personnel.domain import (
    UNCHANGED,
    Gender,
    InvalidDate,
    InvalidDivisionCode,
    InvalidName,
    InvalidNationalId,
    InvalidPhone,
    InvalidText,
    NationalId,
    NationalIdBirthDateMismatch,
    NationalIdGenderMismatch,
    NationalIdTaken,
    Person,
    PersonRegistered,
    PersonUpdated,
    ensure_national_id_free,
)

MakeId = Callable[..., str]
MakePerson = Callable[..., Person]
TODAY = date(2026, 7, 1)
WANG_FANG_ID = "370112199001011242"  # born 1990-01-01, sequence 124: a woman


def test_registering_reads_gender_and_birth_date_from_the_id() -> None:
    person_id = uuid4()
    person = Person.register(
        id=person_id,
        name=" 王芳 ",
        national_id=WANG_FANG_ID,
        phone="138-1234-5678",
        address=" 洪家楼街道洪家楼社区 3 号楼 ",
        division_code="370112001001",
        today=TODAY,
    )
    assert (person.name, person.gender, person.birth_date) == (
        "王芳",
        Gender.FEMALE,
        date(1990, 1, 1),
    )
    assert person.national_id == NationalId(WANG_FANG_ID)
    assert (person.phone, person.address) == ("13812345678", "洪家楼街道洪家楼社区 3 号楼")
    [recorded] = person.take_events()
    assert recorded.aggregate_type == "person"
    assert recorded.event == PersonRegistered(
        person_id=person_id,
        name="王芳",
        gender=Gender.FEMALE,
        birth_date=date(1990, 1, 1),
        division_code="370112001001",
        national_id_masked="3701**********1242",
        phone_masked="138****5678",
    )


def test_a_gender_and_birth_date_that_agree_with_the_id_are_accepted() -> None:
    person = Person.register(
        id=uuid4(),
        name="王芳",
        national_id=WANG_FANG_ID,
        gender=Gender.FEMALE,
        birth_date=date(1990, 1, 1),
        today=TODAY,
    )
    assert (person.gender, person.phone, person.address, person.division_code) == (
        Gender.FEMALE,
        None,
        None,
        None,
    )


def test_a_birth_date_other_than_the_ids_is_refused() -> None:
    with pytest.raises(NationalIdBirthDateMismatch) as refused:
        Person.register(
            id=uuid4(),
            name="王芳",
            national_id=WANG_FANG_ID,
            birth_date=date(1990, 1, 2),
            today=TODAY,
        )
    assert refused.value.code == "NATIONAL_ID_BIRTH_DATE_MISMATCH"
    assert refused.value.message == "The ID number gives the birth date 1990-01-01, not 1990-01-02"


def test_a_gender_other_than_the_ids_is_refused() -> None:
    with pytest.raises(NationalIdGenderMismatch) as refused:
        Person.register(
            id=uuid4(), name="王芳", national_id=WANG_FANG_ID, gender=Gender.MALE, today=TODAY
        )
    assert refused.value.code == "NATIONAL_ID_GENDER_MISMATCH"
    assert refused.value.message == (
        "The ID number is that of a female person (its 17th digit is even), not male"
    )


def test_an_invalid_id_is_refused_on_registration() -> None:
    with pytest.raises(InvalidNationalId):
        Person.register(id=uuid4(), name="王芳", national_id="370112199001011243", today=TODAY)


def test_a_person_cannot_be_born_after_today(make_id: MakeId) -> None:
    with pytest.raises(InvalidNationalId):
        Person.register(
            id=uuid4(), name="王小宝", national_id=make_id(date(2026, 7, 2)), today=TODAY
        )
    with pytest.raises(InvalidDate) as refused:
        Person.register(
            id=uuid4(),
            name="王小宝",
            national_id=NationalId(make_id(date(2026, 7, 2))),
            today=TODAY,
        )
    assert refused.value.message == "A birth date of 2026-07-02 is after today (2026-07-01)"


def test_a_person_born_today_is_registered_at_age_zero(make_id: MakeId) -> None:
    person = Person.register(id=uuid4(), name="王小宝", national_id=make_id(TODAY), today=TODAY)
    assert person.age_on(TODAY) == 0


def test_age_counts_whole_years_and_a_leap_day_birthday_from_the_first_of_march(
    make_person: MakePerson,
) -> None:
    person = make_person(born=date(2000, 2, 29))
    assert person.age_on(date(2018, 2, 28)) == 17
    assert person.age_on(date(2018, 3, 1)) == 18
    assert person.age_on(date(2020, 2, 29)) == 20


@pytest.mark.parametrize(
    ("name", "accepted"), [("王", True), ("王" * 50, True), ("王" * 51, False)]
)
def test_a_name_has_one_to_fifty_characters(name: str, accepted: bool) -> None:
    if accepted:
        person = Person.register(id=uuid4(), name=name, national_id=WANG_FANG_ID, today=TODAY)
        assert person.name == name
    else:
        with pytest.raises(InvalidName) as refused:
            Person.register(id=uuid4(), name=name, national_id=WANG_FANG_ID, today=TODAY)
        assert refused.value.message == "Name is 51 characters long; at most 50 are allowed"


def test_a_blank_name_is_refused() -> None:
    with pytest.raises(InvalidName) as refused:
        Person.register(id=uuid4(), name="  ", national_id=WANG_FANG_ID, today=TODAY)
    assert refused.value.message == "Name must not be empty"


def test_an_address_has_at_most_two_hundred_characters(make_person: MakePerson) -> None:
    assert make_person(address="路" * 200).address == "路" * 200
    with pytest.raises(InvalidText) as refused:
        make_person(address="路" * 201)
    assert refused.value.message == "Address is 201 characters long; at most 200 are allowed"


@pytest.mark.parametrize("code", ["370112", "370112001", "370112001001"])
def test_the_division_of_residence_is_a_division_code(make_person: MakePerson, code: str) -> None:
    assert make_person(division_code=code).division_code == code


@pytest.mark.parametrize("code", ["37011200", "370112001001001", "37011200100a"])
def test_a_malformed_division_code_is_refused(make_person: MakePerson, code: str) -> None:
    with pytest.raises(InvalidDivisionCode) as refused:
        make_person(division_code=code)
    assert refused.value.code == "INVALID_DIVISION_CODE"


def test_a_malformed_phone_is_refused_on_registration(make_person: MakePerson) -> None:
    with pytest.raises(InvalidPhone):
        make_person(phone="1381234567")


def test_updating_records_the_fields_that_changed(make_person: MakePerson) -> None:
    person = make_person(phone="13812345678")
    changed = person.update(
        name="王芳芳", phone="139 0000 1111", address="洪楼南路 8 号", division_code=UNCHANGED
    )
    assert changed == ("name", "phone", "address")
    [recorded] = person.take_events()
    assert recorded.event == PersonUpdated(
        person_id=person.id,
        name="王芳芳",
        gender=Gender.FEMALE,
        birth_date=date(1990, 1, 1),
        division_code=None,
        national_id_masked="3701**********1242",
        phone_masked="139****1111",
        changed_fields=("name", "phone", "address"),
    )


def test_an_update_that_changes_nothing_records_nothing(make_person: MakePerson) -> None:
    person = make_person(phone="13812345678")
    assert person.update(name=" 王芳 ", phone="+86 138 1234 5678") == ()
    assert person.take_events() == []


def test_none_clears_phone_address_and_division(make_person: MakePerson) -> None:
    person = make_person(phone="13812345678", address="洪楼南路 8 号", division_code="370112001001")
    assert person.update(phone=None, address=None, division_code=None) == (
        "phone",
        "address",
        "division_code",
    )
    assert (person.phone, person.address, person.division_code, person.phone_masked) == (
        None,
        None,
        None,
        None,
    )


def test_a_refused_update_changes_nothing(make_person: MakePerson) -> None:
    person = make_person()
    with pytest.raises(InvalidPhone):
        person.update(name="李四", phone="12345")
    assert person.name == "王芳"
    assert person.take_events() == []


def test_no_event_holds_the_plain_id_or_phone(make_person: MakePerson) -> None:
    person = Person.register(
        id=uuid4(),
        name="王芳",
        national_id=WANG_FANG_ID,
        phone="13812345678",
        today=TODAY,
    )
    person.update(phone="13900001111")
    person.update(phone=None)
    events = [recorded.event for recorded in person.take_events()]
    assert len(events) == 3
    secrets = (WANG_FANG_ID, "13812345678", "13900001111")
    for event in events:
        for value in vars(event).values():
            assert not any(secret in str(value) for secret in secrets)


def test_printing_a_person_shows_neither_id_nor_phone(make_person: MakePerson) -> None:
    person = make_person(phone="13812345678")
    assert WANG_FANG_ID not in repr(person)
    assert "13812345678" not in repr(person)
    assert "3701**********1242" in repr(person)


def test_an_id_number_registered_to_someone_else_is_refused(make_person: MakePerson) -> None:
    existing = make_person()
    with pytest.raises(NationalIdTaken) as refused:
        ensure_national_id_free(existing)
    assert refused.value.code == "PERSON_NATIONAL_ID_TAKEN"
    assert refused.value.message == "ID number 3701**********1242 is already registered to 王芳"
    ensure_national_id_free(existing, except_for=existing.id)
    ensure_national_id_free(None)
