"""Mainland mobile numbers (手机号码): eleven digits, starting with 13 to 19."""

from __future__ import annotations

import re

from personnel.domain.errors import InvalidPhone

PHONE_LENGTH = 11
_SEPARATORS = re.compile(r"[\s-]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_COUNTRY_PREFIXES = ("+86", "0086")


def normalize_phone(text: object) -> str:
    """Return the eleven digits of a mobile number typed with spaces, hyphens or +86."""
    if not isinstance(text, str):
        raise InvalidPhone("A mobile number must be text")
    digits = _SEPARATORS.sub("", text)
    for prefix in _COUNTRY_PREFIXES:
        if digits.startswith(prefix):
            digits = digits.removeprefix(prefix)
            break
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidPhone(
            "A mobile number holds digits only, with spaces, hyphens or a leading +86 "
            "allowed between them"
        )
    if len(digits) != PHONE_LENGTH:
        raise InvalidPhone(
            f"A mobile number has {PHONE_LENGTH} digits; this one has {len(digits)}",
            length=len(digits),
        )
    if not _MOBILE.fullmatch(digits):
        raise InvalidPhone(
            f"A mainland mobile number starts with 13 to 19; this one starts with {digits[:2]}",
            prefix=digits[:2],
        )
    return digits
