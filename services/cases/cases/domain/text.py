"""Cleaning of free text and codes typed in by people."""

from __future__ import annotations

from cases.domain.errors import InvalidDivisionCode, InvalidText
from gridkit.text import TextCleaner

COMMUNITY_CODE_LENGTH = 12
"""Digits of a community or village (社区/村) division code, e.g. 370112001001."""


# The free-text rules are gridkit's; a bad text answers with this service's own code.
_text = TextCleaner(InvalidText)
clean_text = _text.clean_text
optional_text = _text.optional_text


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
