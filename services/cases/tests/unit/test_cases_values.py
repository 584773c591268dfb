"""The small values a case is made of: number, location, reporter, actor, evidence, levels."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from cases.domain import (
    Actor,
    ActorRole,
    AnonymousContact,
    AssigneeKind,
    CaseNumber,
    CaseStatus,
    Evidence,
    InvalidCaseNumber,
    InvalidEvidence,
    InvalidLocation,
    InvalidReporter,
    InvalidText,
    Level,
    Location,
    Measurement,
    Reporter,
    Satisfaction,
    mask_phone,
)


def test_a_case_number_reads_and_writes_as_year_and_six_digits() -> None:
    number = CaseNumber(2026, 123)
    assert str(number) == "2026-000123"
    assert CaseNumber.parse(" 2026-000123 ") == number
    assert CaseNumber(2026, 2) < CaseNumber(2026, 10) < CaseNumber(2027, 1)


@pytest.mark.parametrize("text", ["2026-123", "26-000123", "2026/000123", "2026-0001234", None])
def test_a_malformed_case_number_is_refused(text: object) -> None:
    with pytest.raises(InvalidCaseNumber):
        CaseNumber.parse(text)


@pytest.mark.parametrize(("year", "sequence"), [(2026, 0), (2026, 1_000_000), (1999, 1)])
def test_a_case_number_has_a_sequence_from_one(year: int, sequence: int) -> None:
    with pytest.raises(InvalidCaseNumber):
        CaseNumber(year, sequence)


def test_a_location_has_an_address_and_maybe_a_point() -> None:
    located = Location(address=" 香溢紫郡1号楼 ", longitude=117, latitude=36.6876)
    assert (located.address, located.longitude, located.has_coordinates) == (
        "香溢紫郡1号楼",
        117.0,
        True,
    )
    assert not Location(address="香溢紫郡1号楼").has_coordinates


@pytest.mark.parametrize(
    "fields",
    [
        {"address": " "},
        {"address": "某地", "longitude": 117.1},
        {"address": "某地", "latitude": 36.6},
        {"address": "某地", "longitude": 181.0, "latitude": 36.6},
        {"address": "某地", "longitude": 117.1, "latitude": -90.5},
        {"address": "某地", "longitude": float("nan"), "latitude": 36.6},
        {"address": "某地", "longitude": True, "latitude": 36.6},
        {"address": "址" * 201},
    ],
    ids=["no-address", "no-latitude", "no-longitude", "east", "south", "nan", "bool", "long"],
)
def test_a_location_is_checked_against_wgs84(fields: dict[str, object]) -> None:
    with pytest.raises((InvalidLocation, InvalidText)):
        Location(**fields)  # type: ignore[arg-type]


def test_the_ends_of_the_ranges_are_allowed() -> None:
    assert Location(address="某地", longitude=-180, latitude=90).latitude == 90.0


def test_a_reporter_is_a_person_or_a_contact_never_both_or_neither() -> None:
    assert not Reporter.person(UUID(int=1)).is_anonymous
    assert Reporter.anonymous(phone="0531-88881234").is_anonymous
    contact = AnonymousContact(phone="13812345678")
    for fields in ({}, {"person_id": UUID(int=1), "contact": contact}):
        with pytest.raises(InvalidReporter):
            Reporter(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("phone", ["", "call me", "12", "138 1234 5678 9999 0000 1234"])
def test_an_anonymous_reporter_leaves_a_phone_number(phone: str) -> None:
    with pytest.raises(InvalidReporter):
        AnonymousContact(phone=phone)


def test_the_phone_is_kept_as_given_and_shown_masked() -> None:
    contact = AnonymousContact(name=" 王女士 ", phone=" 138-1234-5678 ")
    assert (contact.name, contact.phone, contact.masked_phone) == (
        "王女士",
        "138-1234-5678",
        "138****5678",
    )
    assert "5678" not in repr(contact)


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812345678", "138****5678"), ("0531-88881234", "053*****1234"), ("12345", "*****")],
)
def test_masking_keeps_three_leading_and_four_trailing_digits(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_an_actor_is_the_same_person_by_account_or_by_person_id() -> None:
    grid = Actor(subject="u1", name="张伟", role=ActorRole.GRID_WORKER, person_id=UUID(int=1))
    as_officer = Actor(
        subject="u2", name="张伟", role=ActorRole.COMMUNITY_OFFICER, person_id=UUID(int=1)
    )
    other = Actor(subject="u3", name="李娜", role=ActorRole.GRID_WORKER)
    assert grid.is_same_person(as_officer)
    assert not grid.is_same_person(other)
    assert not other.is_same_person(Actor(subject="u4", name="李娜", role=ActorRole.GRID_WORKER))
    assert not grid.is_same_person(None)


def test_an_actor_answers_for_their_own_assignment() -> None:
    worker = Actor(subject="u1", name="张伟", role=ActorRole.GRID_WORKER, person_id=UUID(int=1))
    handler = Actor(subject="u9", name="刘工", role=ActorRole.DEPARTMENT_HANDLER, acts_for="d-1")
    assert worker.answers_for(AssigneeKind.GRID_WORKER, str(UUID(int=1)))
    assert not worker.answers_for(AssigneeKind.DEPARTMENT, str(UUID(int=1)))
    assert handler.answers_for(AssigneeKind.DEPARTMENT, "d-1")
    assert not handler.answers_for(AssigneeKind.GRID_WORKER, "d-1")


def test_levels_are_ordered_from_the_grid_to_the_district() -> None:
    assert Level.GRID < Level.COMMUNITY < Level.SUBDISTRICT < Level.DISTRICT
    assert sorted([Level.DISTRICT, Level.GRID, Level.SUBDISTRICT]) == [
        Level.GRID,
        Level.SUBDISTRICT,
        Level.DISTRICT,
    ]
    assert [Level.GRID.next(), Level.SUBDISTRICT.next(), Level.DISTRICT.next()] == [
        Level.COMMUNITY,
        Level.DISTRICT,
        None,
    ]
    assert Level.DISTRICT >= Level.DISTRICT > Level.COMMUNITY


def test_roles_in_the_chain_have_a_level() -> None:
    assert ActorRole.SUBDISTRICT_OFFICER.level is Level.SUBDISTRICT
    assert ActorRole.SUPERVISOR.level is Level.DISTRICT
    assert ActorRole.DEPARTMENT_HANDLER.level is None
    assert ActorRole.SYSTEM.level is None


def test_finished_statuses_are_not_open() -> None:
    assert {s for s in CaseStatus if not s.is_open} == {
        CaseStatus.REJECTED,
        CaseStatus.CLOSED,
        CaseStatus.MERGED,
    }
    assert [s for s in Satisfaction if s.is_satisfied] == [
        Satisfaction.SATISFIED,
        Satisfaction.BASICALLY_SATISFIED,
    ]


def test_a_measurement_knows_whether_it_is_within_its_limit() -> None:
    within = Measurement(name="轿厢运行噪声", value=Decimal("55"), unit="dB", limit=Decimal("60"))
    over = Measurement(name="轿厢运行噪声", value=Decimal("65.5"), unit="dB", limit=Decimal(60))
    unbounded = Measurement(name="钢丝绳直径", value=Decimal("12"), unit="mm")
    assert (within.within_limit, over.within_limit, unbounded.within_limit) == (True, False, None)
    assert Evidence(text="复测", measurements=(within, unbounded)).within_limits
    assert not Evidence(text="复测", measurements=(within, over)).within_limits


@pytest.mark.parametrize(
    "fields",
    [
        {"name": " ", "value": Decimal(1), "unit": "dB"},
        {"name": "噪声", "value": Decimal(1), "unit": ""},
        {"name": "噪声", "value": Decimal("NaN"), "unit": "dB"},
        {"name": "噪声", "value": "很吵", "unit": "dB"},
        {"name": "噪声", "value": Decimal(1), "unit": "dB", "limit": "高"},
    ],
)
def test_a_measurement_has_a_name_a_unit_and_finite_numbers(fields: dict[str, object]) -> None:
    with pytest.raises(InvalidEvidence):
        Measurement(**fields)  # type: ignore[arg-type]


def test_evidence_needs_a_text_even_with_photos() -> None:
    with pytest.raises(InvalidEvidence) as refused:
        Evidence(text=" ", attachment_ids=(UUID(int=1),))
    assert refused.value.details == {"field": "text"}
    evidence = Evidence(text=" 已更换 ", attachment_ids=(UUID(int=1), UUID(int=2), UUID(int=1)))
    assert (evidence.text, evidence.attachment_ids) == ("已更换", (UUID(int=1), UUID(int=2)))


def test_evidence_carries_a_bounded_number_of_attachments() -> None:
    with pytest.raises(InvalidEvidence):
        Evidence(text="照片", attachment_ids=tuple(UUID(int=n) for n in range(31)))


def test_a_contact_read_back_without_its_number_shows_the_stored_mask() -> None:
    contact = AnonymousContact(name="王女士", masked="138****5678")
    assert (contact.phone, contact.masked_phone) == (None, "138****5678")
    with pytest.raises(InvalidReporter):
        AnonymousContact(name="王女士")
