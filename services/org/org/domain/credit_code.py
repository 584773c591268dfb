"""Unified social credit code (统一社会信用代码, GB 32100-2015).

Eighteen characters from a 31-character alphabet without I, O, Z, S and V;
the last is a check character over the first seventeen, weighted by powers of
3 modulo 31.
"""

from __future__ import annotations

from org.domain.errors import InvalidCreditCode

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_LENGTH = 18
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {character: value for value, character in enumerate(CREDIT_CODE_ALPHABET)}


def credit_code_check_character(body: str) -> str:
    """The check character for the first 17 characters ``body`` (already upper case)."""
    if len(body) != len(_WEIGHTS):
        raise InvalidCreditCode(f"The check character covers 17 characters, got {len(body)}")
    total = 0
    for position, (character, weight) in enumerate(zip(body, _WEIGHTS, strict=True), start=1):
        if character not in _VALUE:
            raise _bad_character(character, position)
        total += _VALUE[character] * weight
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(code: object) -> str:
    """Return ``code`` trimmed and in upper case if it is a valid credit code."""
    if not isinstance(code, str):
        raise InvalidCreditCode("A unified social credit code must be text")
    normalized = code.strip().upper()
    if len(normalized) != CREDIT_CODE_LENGTH:
        raise InvalidCreditCode(
            f"A unified social credit code has {CREDIT_CODE_LENGTH} characters, "
            f"{normalized!r} has {len(normalized)}",
            length=len(normalized),
        )
    for position, character in enumerate(normalized, start=1):
        if character not in _VALUE:
            raise _bad_character(character, position)
    expected = credit_code_check_character(normalized[:-1])
    if normalized[-1] != expected:
        raise InvalidCreditCode(
            f"Credit code {normalized} has the wrong check character "
            f"{normalized[-1]!r}: expected {expected!r}",
            expected=expected,
        )
    return normalized


def _bad_character(character: str, position: int) -> InvalidCreditCode:
    return InvalidCreditCode(
        f"Character {character!r} at position {position} cannot appear in a unified social "
        f"credit code (allowed: digits and {CREDIT_CODE_ALPHABET[10:]})",
        position=position,
    )
