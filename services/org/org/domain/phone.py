"""Office phone numbers (办公电话) of departments, as they are posted.

An office line, a hotline or a duty mobile is the public contact of a body, not
personal data: it is kept as the text people dial, checked only for its shape.
"""

from __future__ import annotations

import re

from org.domain.errors import InvalidPhone

PHONE_MAX_LENGTH = 32
MIN_DIGITS = 3
MAX_DIGITS = 20
_PHONE = re.compile(r"\+?\(?[0-9][0-9 ()-]*[0-9]")
_SPACES = re.compile(r"\s+")


def clean_office_phone(value: object) -> str | None:
    """The number trimmed, runs of spaces made one; blank text means no number (``None``).

    Digits with spaces, hyphens and parentheses between them, and an optional
    leading ``+``: ``0531-88123456``, ``(0531) 8812 3456``, ``12345``, ``+86 531 8812 3456``.
    """
    if not isinstance(value, str):
        raise InvalidPhone("A phone number must be text", field="phone")
    phone = _SPACES.sub(" ", value.strip())
    if not phone:
        return None
    if len(phone) > PHONE_MAX_LENGTH or not phone.isascii() or not _PHONE.fullmatch(phone):
        raise InvalidPhone(
            f"Phone {phone!r} is not a phone number: digits, with spaces, hyphens or "
            f"parentheses between them and an optional leading +, at most {PHONE_MAX_LENGTH} "
            "characters",
            field="phone",
        )
    digits = sum(character.isdigit() for character in phone)
    if not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise InvalidPhone(
            f"Phone {phone!r} has {digits} digits; a phone number has {MIN_DIGITS} to {MAX_DIGITS}",
            field="phone",
            digits=digits,
        )
    return phone
