"""Cleaning of names, free text and codes typed in by people."""

from __future__ import annotations

from gridkit.text import TextCleaner
from personnel.domain.errors import InvalidDivisionCode, InvalidName, InvalidText

NAME_MAX_LENGTH = 50
DIVISION_CODE_LENGTHS = (6, 9, 12)
"""District (区), subdistrict or town (街道/镇), community or village (社区/村)."""


def clean_name(value: object, *, label: str, max_length: int = NAME_MAX_LENGTH) -> str:
    """Return ``value`` trimmed; it must be non-empty text of at most ``max_length``."""
    if not isinstance(value, str):
        raise InvalidName(f"{label} must be text", field=label)
    name = value.strip()
    if not name:
        raise InvalidName(f"{label} must not be empty", field=label)
    if len(name) > max_length:
        raise InvalidName(
            f"{label} is {len(name)} characters long; at most {max_length} are allowed",
            field=label,
            max_length=max_length,
        )
    return name


# The free-text rules are gridkit's; a bad text answers with this service's own code.
_text = TextCleaner(InvalidText)
clean_text = _text.clean_text
optional_text = _text.optional_text


def optional_division_code(value: object) -> str | None:
    """Return a division code (行政区划代码), or ``None`` when it is missing or blank."""
    if value is None:
        return None
    code = value.strip() if isinstance(value, str) else value
    if code == "":
        return None
    if (
        not isinstance(code, str)
        or len(code) not in DIVISION_CODE_LENGTHS
        or not (code.isascii() and code.isdigit())
    ):
        raise InvalidDivisionCode(
            "A division code is 6 digits (district), 9 (subdistrict or town) "
            f"or 12 (community or village), got {value!r}"
        )
    return code
