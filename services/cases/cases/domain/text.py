"""Cleaning of free text and codes typed in by people."""

from __future__ import annotations

from cases.domain.errors import InvalidDivisionCode, InvalidText

COMMUNITY_CODE_LENGTH = 12
"""Digits of a community or village (社区/村) division code, e.g. 370112001001."""


def clean_text(value: object, *, label: str, max_length: int) -> str:
    """Return required free text trimmed: not empty, at most ``max_length`` characters."""
    text = optional_text(value, label=label, max_length=max_length)
    if text is None:
        raise InvalidText(f"{label} must not be empty", field=label)
    return text


def optional_text(value: object, *, label: str, max_length: int) -> str | None:
    """Return free text trimmed, or ``None`` when it is missing or blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidText(f"{label} must be text", field=label)
    text = value.strip()
    if len(text) > max_length:
        raise InvalidText(
            f"{label} is {len(text)} characters long; at most {max_length} are allowed",
            field=label,
            max_length=max_length,
        )
    return text or None


def community_code(value: object) -> str:
    """Return the 12-digit division code of a community or village, trimmed."""
    code = value.strip() if isinstance(value, str) else value
    if (
        not isinstance(code, str)
        or len(code) != COMMUNITY_CODE_LENGTH
        or not (code.isascii() and code.isdigit())
    ):
        raise InvalidDivisionCode(
            f"A grid's community or village (社区/村) has a {COMMUNITY_CODE_LENGTH}-digit "
            f"division code, such as 370112001001; got {value!r}",
            division_code=str(value),
        )
    return code
