"""Errors of the service certificate (志愿服务证明), each with a stable code.

No message or detail ever holds an ID number: a caller that passes an unmasked
one by mistake must not see it echoed into logs or a client's error.
"""

from __future__ import annotations

from typing import ClassVar

from gridkit.errors import InvalidInput, NotFound


class InvalidCertificateNumber(InvalidInput):
    """A certificate number reads ``ZYFW-2026-000123``: the year of issue and a sequence."""

    code: ClassVar[str] = "CERTIFICATE_NUMBER_INVALID"


class InvalidCertificatePeriod(InvalidInput):
    """A period ends on or after its start, has ended by the issue date and holds every line."""

    code: ClassVar[str] = "CERTIFICATE_PERIOD_INVALID"


class InvalidIdNumber(InvalidInput):
    """Not an 18-character resident ID number (居民身份证号码), masked or not."""

    code: ClassVar[str] = "CERTIFICATE_ID_INVALID"


class IdNumberNotMasked(InvalidInput):
    """A certificate shows the ID number masked, never whole: ``3701**********1234``."""

    code: ClassVar[str] = "CERTIFICATE_ID_NOT_MASKED"


class InvalidServiceHours(InvalidInput):
    """Hours of one line are more than 0 and at most 24, with one decimal place at most."""

    code: ClassVar[str] = "CERTIFICATE_HOURS_INVALID"


class InvalidCertificateText(InvalidInput):
    """A name, number or content line is missing, too long or not text."""

    code: ClassVar[str] = "CERTIFICATE_TEXT_INVALID"


class InvalidVerificationUrl(InvalidInput):
    """The verification address is an absolute ``http(s)://`` URL."""

    code: ClassVar[str] = "CERTIFICATE_VERIFICATION_URL_INVALID"


class NoServiceInPeriod(InvalidInput):
    """No service was recorded in the period: there is nothing to certify."""

    code: ClassVar[str] = "CERTIFICATE_NO_SERVICE"


class CertificateNotFound(NotFound):
    """No certificate was issued under the number given."""

    code: ClassVar[str] = "CERTIFICATE_NOT_FOUND"
