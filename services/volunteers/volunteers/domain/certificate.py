"""The volunteer service certificate (志愿服务证明) and what anyone verifying it may see.

It carries what 民政部令第67号《志愿服务记录与证明出具办法（试行）》 and the guidance on
certificates before it (民发〔2015〕149号) ask for: who served (name, ID number, volunteer
number), when and how long (the period, the total hours), what was done (the service lines),
who certifies it (the issuing team, its person in charge, the date of issue), and the
certificate's number. The ID number is only ever held masked, and the certificate is issued
from the service records themselves, so its total is their sum and nothing else. The repository
hands out the number's sequence per year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeGuard
from urllib.parse import urlsplit

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

__all__ = [
    "CertificateNumber",
    "PublicCertificate",
    "ServiceCertificate",
    "ServiceLine",
    "ServicePeriod",
    "mask_name",
]

NUMBER_PREFIX = "ZYFW"
"""志愿服务, in pinyin initials: the first part of every certificate number."""
MAX_SEQUENCE = 999_999
MAX_HOURS_PER_LINE = Decimal(24)
NAME_MAX_LENGTH = 50
TEAM_MAX_LENGTH = 100
CONTENT_MAX_LENGTH = 200
"""As long as an activity's title may be, the usual content of a line."""
VOLUNTEER_NUMBER_MAX_LENGTH = 32
URL_MAX_LENGTH = 500

_ONE_DECIMAL = Decimal("0.1")
_NUMBER = re.compile(rf"{NUMBER_PREFIX}-(\d{{4}})-(\d{{6}})")
_VOLUNTEER_NUMBER = re.compile(rf"[0-9A-Za-z-]{{1,{VOLUNTEER_NUMBER_MAX_LENGTH}}}")
_ID_LENGTH = 18
_ID_CHARACTERS = frozenset("0123456789X*")
# At most the six-digit region code in front and the last four characters behind: whatever
# else, the birth date (7th to 14th characters) is starred.
_MASKED_ID = re.compile(r"\d{0,6}\*{8,18}(?:\d{0,3}[\dX])?")


@dataclass(frozen=True, order=True)
class CertificateNumber:
    """A certificate's number (证明编号): the year of issue and a sequence within it."""

    year: int
    sequence: int
    """1 for the first certificate of the year, up to 999999."""

    def __post_init__(self) -> None:
        if not 2000 <= self.year <= 9999 or not 1 <= self.sequence <= MAX_SEQUENCE:
            raise InvalidCertificateNumber(
                f"A certificate number is a year from 2000 and a sequence from 1 to "
                f"{MAX_SEQUENCE}; got {self.year}-{self.sequence}"
            )

    @classmethod
    def parse(cls, text: object) -> CertificateNumber:
        """Read ``"ZYFW-2026-000123"`` (letters in either case, spaces around ignored)."""
        match = _NUMBER.fullmatch(text.strip().upper()) if isinstance(text, str) else None
        if match is None:
            raise InvalidCertificateNumber(
                f"A certificate number is written {NUMBER_PREFIX}-YYYY-NNNNNN, such as "
                f"{NUMBER_PREFIX}-2026-000123; got {text!r}"
            )
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{NUMBER_PREFIX}-{self.year:04d}-{self.sequence:06d}"


@dataclass(frozen=True)
class ServicePeriod:
    """The days a certificate covers, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if not _is_day(self.start) or not _is_day(self.end):
            raise InvalidCertificatePeriod("A period starts and ends on a day (a date)")
        if self.end < self.start:
            raise InvalidCertificatePeriod(
                f"A period ends on or after its start; got {self.start} to {self.end}",
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )

    def __contains__(self, day: object) -> bool:
        return _is_day(day) and self.start <= day <= self.end


@dataclass(frozen=True)
class ServiceLine:
    """One service record as a certificate lists it: the day, what was done, the hours."""

    date: date
    content: str
    """An activity's title or what was done: 社区防汛巡查."""
    hours: Decimal
    """Hours served that day, one decimal place at most: 2.5."""

    def __post_init__(self) -> None:
        if not _is_day(self.date):
            raise InvalidCertificatePeriod("A service line is dated with a day (a date)")
        content = _text(self.content, label="Service content", max_length=CONTENT_MAX_LENGTH)
        object.__setattr__(self, "content", content)
        object.__setattr__(self, "hours", _line_hours(self.hours))


@dataclass(frozen=True, kw_only=True)
class PublicCertificate:
    """What anyone holding a certificate's number may see when verifying it (核验).

    Enough to tell the certificate in their hands is genuine, too little to learn more about
    the volunteer than it shows: the name and the ID number masked, no service lines.
    """

    number: CertificateNumber
    issued_on: date
    masked_name: str
    """王*芳, 李*."""
    masked_id_number: str
    volunteer_number: str
    period: ServicePeriod
    total_hours: Decimal
    issuing_team: str


@dataclass(frozen=True, kw_only=True)
class ServiceCertificate:
    """A volunteer service certificate (志愿服务证明), issued from the service records.

    Build one with :meth:`issue`. The lines are kept in date order; the total is their sum.
    """

    number: CertificateNumber
    issued_on: date
    """The date of issue (出具日期)."""
    volunteer_name: str
    masked_id_number: str
    """The resident ID number, masked as personnel publishes it: ``3701**********1234``."""
    volunteer_number: str
    """The volunteer's number (志愿者编号)."""
    period: ServicePeriod
    service_lines: tuple[ServiceLine, ...]
    """What was done, day by day (志愿服务内容)."""
    issuing_team: str
    """The team that certifies the service (出具证明的组织)."""
    person_in_charge: str
    """Who answers for the certificate (负责人)."""
    verification_url: str
    """Where anyone can check the certificate by its number; printed as a QR code."""

    def __post_init__(self) -> None:
        if not _is_day(self.issued_on):
            raise InvalidCertificatePeriod("A certificate is issued on a day (a date)")
        if self.number.year != self.issued_on.year:
            raise InvalidCertificateNumber(
                f"A certificate issued in {self.issued_on.year} is numbered "
                f"{NUMBER_PREFIX}-{self.issued_on.year}-NNNNNN; got {self.number}",
                number=str(self.number),
            )
        if self.issued_on < self.period.end:
            raise InvalidCertificatePeriod(
                f"A certificate covers service that is over: the period ends {self.period.end}, "
                f"after the issue date {self.issued_on}",
                end=self.period.end.isoformat(),
                issued_on=self.issued_on.isoformat(),
            )
        lines = tuple(sorted(self.service_lines, key=lambda line: line.date))
        if not lines:
            raise NoServiceInPeriod(
                f"No service was recorded from {self.period.start} to {self.period.end}"
            )
        if any(line.date not in self.period for line in lines):
            raise InvalidCertificatePeriod("Every service line falls within the period")
        for name, value, max_length in (
            ("volunteer_name", self.volunteer_name, NAME_MAX_LENGTH),
            ("issuing_team", self.issuing_team, TEAM_MAX_LENGTH),
            ("person_in_charge", self.person_in_charge, NAME_MAX_LENGTH),
        ):
            object.__setattr__(self, name, _text(value, label=name, max_length=max_length))
        object.__setattr__(self, "service_lines", lines)
        object.__setattr__(self, "masked_id_number", _masked_id_number(self.masked_id_number))
        object.__setattr__(self, "volunteer_number", _volunteer_number(self.volunteer_number))
        object.__setattr__(self, "verification_url", _verification_url(self.verification_url))

    @classmethod
    def issue(
        cls,
        *,
        number: CertificateNumber,
        issued_on: date,
        volunteer_name: str,
        masked_id_number: str,
        volunteer_number: str,
        period: ServicePeriod,
        records: Iterable[ServiceLine | tuple[date, str, Decimal]],
        issuing_team: str,
        person_in_charge: str,
        verification_url: str,
    ) -> ServiceCertificate:
        """Certify the volunteer's service in ``period``: the records on its days, no others.

        ``records`` may hold the volunteer's whole history; those outside the period are left
        out, and a period without any is refused (:class:`NoServiceInPeriod`).
        """
        # Only the period's records are read: an old one that would not fit a line stays out.
        in_period = [record for record in records if _record_date(record) in period]
        lines = [
            record if isinstance(record, ServiceLine) else ServiceLine(*record)
            for record in in_period
        ]
        return cls(
            number=number,
            issued_on=issued_on,
            volunteer_name=volunteer_name,
            masked_id_number=masked_id_number,
            volunteer_number=volunteer_number,
            period=period,
            service_lines=tuple(lines),
            issuing_team=issuing_team,
            person_in_charge=person_in_charge,
            verification_url=verification_url,
        )

    @property
    def total_hours(self) -> Decimal:
        """Hours served in the period (累计服务时长), one decimal place: 12.5."""
        return sum((line.hours for line in self.service_lines), Decimal(0)).quantize(_ONE_DECIMAL)

    def public_view(self) -> PublicCertificate:
        """What verifying the number shows: masked identity, period, total, team."""
        return PublicCertificate(
            number=self.number,
            issued_on=self.issued_on,
            masked_name=mask_name(self.volunteer_name),
            masked_id_number=self.masked_id_number,
            volunteer_number=self.volunteer_number,
            period=self.period,
            total_hours=self.total_hours,
            issuing_team=self.issuing_team,
        )


def mask_name(name: str) -> str:
    """A name for strangers: the first and last characters, the rest starred.

    ``王芳`` reads ``王*``, ``王小芳`` ``王*芳``, ``欧阳娜娜`` ``欧**娜``; a one-character name is
    all starred."""
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _record_date(record: ServiceLine | tuple[date, str, Decimal]) -> object:
    return record.date if isinstance(record, ServiceLine) else record[0]


def _is_day(value: object) -> TypeGuard[date]:
    # A datetime is a date too, but a certificate speaks of days.
    return isinstance(value, date) and not isinstance(value, datetime)


def _text(value: object, *, label: str, max_length: int) -> str:
    """One line of required text, its runs of spaces and line breaks made single spaces."""
    if not isinstance(value, str):
        raise InvalidCertificateText(f"{label} must be text", field=label)
    text = " ".join(value.split())
    if not text:
        raise InvalidCertificateText(f"{label} must not be empty", field=label)
    if len(text) > max_length:
        raise InvalidCertificateText(
            f"{label} is {len(text)} characters long; at most {max_length} are allowed",
            field=label,
            max_length=max_length,
        )
    return text


def _line_hours(value: object) -> Decimal:
    # A float would bring binary fractions (0.1 + 0.2) into a sum people check by hand.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidServiceHours("Hours are a Decimal (or a whole number), such as 2.5")
    hours = Decimal(value)
    if (
        not hours.is_finite()
        or not 0 < hours <= MAX_HOURS_PER_LINE
        or hours != hours.quantize(_ONE_DECIMAL)
    ):
        raise InvalidServiceHours(
            f"A day's service lasts more than 0 and at most {MAX_HOURS_PER_LINE} hours, "
            f"with one decimal place at most; got {value}",
            hours=str(value),
        )
    return hours.quantize(_ONE_DECIMAL)


def _masked_id_number(value: object) -> str:
    # The messages never repeat the value: it may be a whole ID number given by mistake.
    text = value.strip().upper() if isinstance(value, str) else ""
    if len(text) != _ID_LENGTH or not set(text) <= _ID_CHARACTERS or "X" in text[:-1]:
        raise InvalidIdNumber(
            f"A resident ID number has {_ID_LENGTH} characters: digits, the masking stars "
            f"and perhaps a final check letter X"
        )
    if _MASKED_ID.fullmatch(text) is None:
        raise IdNumberNotMasked(
            "A certificate shows the ID number masked, the birth date (7th to 14th characters) "
            "starred, as in 3701**********1234"
        )
    return text


def _volunteer_number(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if _VOLUNTEER_NUMBER.fullmatch(text) is None:
        raise InvalidCertificateText(
            f"A volunteer number is 1 to {VOLUNTEER_NUMBER_MAX_LENGTH} letters, digits "
            f"and hyphens; got {value!r}",
            field="volunteer_number",
        )
    return text


def _verification_url(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    if (
        parts.scheme not in {"https", "http"}
        or not parts.hostname
        or len(text) > URL_MAX_LENGTH
        or not text.isascii()
        or any(c.isspace() for c in text)
    ):
        raise InvalidVerificationUrl(
            f"The verification address is an absolute http(s):// URL of at most "
            f"{URL_MAX_LENGTH} ASCII characters; got {value!r}"
        )
    return text
