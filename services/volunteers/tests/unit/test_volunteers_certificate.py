"""The service certificate (志愿服务证明): its number, its total over the period, its refusals,
and the little anyone verifying it may see."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date, datetime
from decimal import Decimal

import pytest
from volunteers_certificate_testing import JUNE, JUNE_LINES, VERIFICATION_URL, certificate

from gridkit.errors import DomainError, InvalidInput
from volunteers.domain import certificate_errors
from volunteers.domain.certificate import (
    CertificateNumber,
    ServiceLine,
    ServicePeriod,
    mask_name,
)
from volunteers.domain.certificate_errors import (
    IdNumberNotMasked,
    InvalidCertificateNumber,
    InvalidCertificatePeriod,
    InvalidCertificateText,
    InvalidIdNumber,
    InvalidServiceHours,
    InvalidVerificationUrl,
    NoServiceInPeriod,
)

# The number


def test_a_certificate_number_reads_and_writes_as_prefix_year_and_six_digits() -> None:
    number = CertificateNumber(2026, 123)
    assert str(number) == "ZYFW-2026-000123"
    assert CertificateNumber.parse(" zyfw-2026-000123 ") == number
    assert CertificateNumber(2026, 2) < CertificateNumber(2026, 10) < CertificateNumber(2027, 1)


@pytest.mark.parametrize(
    "text",
    ["2026-000123", "ZYFW-26-000123", "ZYFW-2026-123", "ZYFW-2026-0001234", "ZYFW/2026/000123", 7],
)
def test_a_malformed_certificate_number_is_refused(text: object) -> None:
    with pytest.raises(InvalidCertificateNumber):
        CertificateNumber.parse(text)


@pytest.mark.parametrize(("year", "sequence"), [(2026, 0), (2026, 1_000_000), (1999, 1)])
def test_a_certificate_number_has_a_sequence_from_one(year: int, sequence: int) -> None:
    with pytest.raises(InvalidCertificateNumber):
        CertificateNumber(year, sequence)


def test_a_certificate_is_numbered_in_the_year_of_its_issue() -> None:
    with pytest.raises(InvalidCertificateNumber):
        certificate(number=CertificateNumber(2025, 123))


# The total over the period


def test_a_certificate_totals_the_service_lines_of_its_period_only() -> None:
    may = ServiceLine(date(2026, 5, 31), "五月的巡查", Decimal("3.0"))
    july = ServiceLine(date(2026, 7, 1), "七月的巡查", Decimal("1.5"))
    issued = certificate(records=[may, *JUNE_LINES, july])

    assert issued.total_hours == Decimal("12.5")
    assert str(issued.total_hours) == "12.5"
    assert [line.date for line in issued.service_lines] == [
        date(2026, 6, 1),
        date(2026, 6, 12),
        date(2026, 6, 20),
    ]


def test_records_outside_the_period_are_not_even_read() -> None:
    too_long_for_a_line = (date(2026, 5, 31), "巡" * 500, Decimal(3))
    assert certificate(records=[too_long_for_a_line, *JUNE_LINES]) == certificate()


def test_the_first_and_last_days_of_the_period_count() -> None:
    issued = certificate(
        records=[
            (date(2026, 6, 1), "第一天", Decimal("1.5")),
            (date(2026, 6, 30), "最后一天", Decimal(2)),
        ]
    )
    assert issued.total_hours == Decimal("3.5")


def test_records_may_come_as_plain_tuples_of_date_content_and_hours() -> None:
    records = [(line.date, line.content, line.hours) for line in JUNE_LINES]
    assert certificate(records=records) == certificate()


def test_hours_are_kept_with_one_decimal_place() -> None:
    line = ServiceLine(date(2026, 6, 1), "  社区  防汛\n巡查 ", Decimal("2.50"))
    assert (line.content, str(line.hours)) == ("社区 防汛 巡查", "2.5")
    assert str(certificate(records=[(date(2026, 6, 2), "巡查", Decimal(3))]).total_hours) == "3.0"


@pytest.mark.parametrize(
    "hours",
    [Decimal(0), Decimal("-1"), Decimal("24.5"), Decimal("2.25"), Decimal("NaN"), 2.5, True],
)
def test_a_line_lasts_up_to_a_day_in_tenths_of_an_hour(hours: object) -> None:
    with pytest.raises(InvalidServiceHours):
        ServiceLine(date(2026, 6, 1), "社区防汛巡查", hours)  # type: ignore[arg-type]


def test_a_period_without_service_gives_no_certificate() -> None:
    with pytest.raises(NoServiceInPeriod) as refused:
        certificate(records=[(date(2026, 5, 31), "五月的巡查", Decimal(3))])
    assert refused.value.code == "CERTIFICATE_NO_SERVICE"


# The period


def test_a_period_ends_on_or_after_its_start() -> None:
    assert date(2026, 6, 1) in ServicePeriod(date(2026, 6, 1), date(2026, 6, 1))
    with pytest.raises(InvalidCertificatePeriod) as refused:
        ServicePeriod(date(2026, 6, 30), date(2026, 6, 1))
    assert refused.value.code == "CERTIFICATE_PERIOD_INVALID"


def test_a_period_is_made_of_days_not_moments() -> None:
    with pytest.raises(InvalidCertificatePeriod):
        ServicePeriod(datetime(2026, 6, 1, 8), date(2026, 6, 30))


def test_a_certificate_covers_a_period_that_is_over_when_it_is_issued() -> None:
    with pytest.raises(InvalidCertificatePeriod):
        certificate(issued_on=date(2026, 6, 29))
    assert certificate(issued_on=date(2026, 6, 30)).issued_on == date(2026, 6, 30)


def test_a_certificate_built_by_hand_holds_no_line_outside_its_period() -> None:
    issued = certificate()
    outside = ServiceLine(date(2026, 7, 1), "七月的巡查", Decimal("1.5"))
    with pytest.raises(InvalidCertificatePeriod):
        dataclasses.replace(issued, service_lines=(*issued.service_lines, outside))


# The ID number


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("3701**********1234", "3701**********1234"),
        ("3701**********123x", "3701**********123X"),
        ("370102********1234", "370102********1234"),
        (" ****************** ", "******************"),
    ],
)
def test_a_masked_id_number_is_taken_with_its_birth_date_starred(given: str, kept: str) -> None:
    assert certificate(masked_id_number=given).masked_id_number == kept


@pytest.mark.parametrize(
    "unmasked",
    ["370102199001011234", "37010219900101123X", "3701021990******34", "3701021***********"],
)
def test_an_id_number_showing_the_birth_date_is_refused_and_not_repeated(unmasked: str) -> None:
    with pytest.raises(IdNumberNotMasked) as refused:
        certificate(masked_id_number=unmasked)
    assert refused.value.code == "CERTIFICATE_ID_NOT_MASKED"
    assert unmasked not in str(refused.value)
    assert unmasked not in repr(refused.value.details)


@pytest.mark.parametrize(
    "malformed",
    [None, "3701****1234", "3701**********12X4", "3701**********1234 5", "37010219900101"],
)
def test_a_malformed_id_number_is_refused_and_not_repeated(malformed: object) -> None:
    with pytest.raises(InvalidIdNumber) as refused:
        certificate(masked_id_number=malformed)
    assert refused.value.code == "CERTIFICATE_ID_INVALID"
    assert str(malformed) not in str(refused.value)


# The other fields


@pytest.mark.parametrize(
    "changes",
    [
        {"volunteer_name": "  "},
        {"volunteer_name": "王" * 51},
        {"issuing_team": ""},
        {"person_in_charge": None},
        {"volunteer_number": "V 370112"},
        {"volunteer_number": ""},
    ],
)
def test_names_and_the_volunteer_number_are_required_and_bounded(
    changes: dict[str, object],
) -> None:
    with pytest.raises(InvalidCertificateText):
        certificate(**changes)


def test_a_service_line_says_what_was_done_briefly() -> None:
    with pytest.raises(InvalidCertificateText):
        ServiceLine(date(2026, 6, 1), "", Decimal(1))
    with pytest.raises(InvalidCertificateText):
        ServiceLine(date(2026, 6, 1), "巡" * 201, Decimal(1))


@pytest.mark.parametrize(
    "url",
    [
        "ftp://grid.example.cn/volunteers/certificates/ZYFW-2026-000123",
        "/volunteers/certificates/ZYFW-2026-000123",
        "https:///ZYFW-2026-000123",
        "https://grid.example.cn/证明/ZYFW-2026-000123",
        "https://grid.example.cn/a b",
    ],
)
def test_the_verification_address_is_an_absolute_web_url(url: str) -> None:
    with pytest.raises(InvalidVerificationUrl):
        certificate(verification_url=url)


# What anyone verifying it may see


def test_the_public_view_shows_only_masked_identity_period_total_and_team() -> None:
    issued = certificate()
    public = issued.public_view()

    assert {field.name for field in dataclasses.fields(public)} == {
        "number",
        "issued_on",
        "masked_name",
        "masked_id_number",
        "volunteer_number",
        "period",
        "total_hours",
        "issuing_team",
    }
    assert (public.masked_name, public.masked_id_number) == ("王*芳", "3701**********1234")
    assert (public.number, public.period, public.total_hours) == (
        CertificateNumber(2026, 123),
        JUNE,
        Decimal("12.5"),
    )
    shown = repr(public)
    for hidden in ("王小芳", "李明", VERIFICATION_URL, *(line.content for line in JUNE_LINES)):
        assert hidden not in shown


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("王芳", "王*"),
        ("王小芳", "王*芳"),
        ("欧阳娜娜", "欧**娜"),
        ("阿依古丽·买买提", "阿******提"),
        ("李", "*"),
    ],
)
def test_a_name_is_masked_but_its_first_and_last_characters(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# Errors


def test_every_certificate_error_has_its_own_code_and_only_a_lookup_is_not_input() -> None:
    errors = [
        error
        for _, error in inspect.getmembers(certificate_errors, inspect.isclass)
        if issubclass(error, DomainError) and error.__module__ == certificate_errors.__name__
    ]
    codes = [error.code for error in errors]
    assert len(errors) == 9
    assert len(codes) == len(set(codes))
    assert all(code.startswith("CERTIFICATE_") for code in codes)
    lookups = [error for error in errors if not issubclass(error, InvalidInput)]
    assert lookups == [certificate_errors.CertificateNotFound]


def test_a_dev_stacks_plain_http_address_is_accepted() -> None:
    # Production settings demand https://; the certificate itself only needs a web address.
    issued = certificate(verification_url="http://127.0.0.1:4004/certificates/ZYFW-2026-000123")

    assert issued.verification_url.startswith("http://127.0.0.1")
