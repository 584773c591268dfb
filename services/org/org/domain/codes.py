"""Administrative and grid codes (行政区划代码, 网格编码).

Codes nest by prefix: district ``370112`` (6 digits), subdistrict or town
``370112001`` (+3), community or village ``370112001001`` (+3), grid
``370112001001002`` (community code + a three-digit sequence). A code therefore
names its whole ancestry, and "is in the subtree of" is "starts with".
"""

from __future__ import annotations

from collections.abc import Iterable

from org.domain.errors import (
    DivisionSequenceExhausted,
    GridSequenceExhausted,
    InvalidDivisionCode,
    InvalidGridCode,
)
from org.domain.levels import DivisionLevel

LOCAL_CODE_LENGTH = 3
GRID_CODE_LENGTH = DivisionLevel.COMMUNITY.code_length + LOCAL_CODE_LENGTH
MAX_SEQUENCE = 999


def _is_digits(value: str, length: int) -> bool:
    # str.isdigit alone would let full-width and other Unicode digits through.
    return len(value) == length and value.isascii() and value.isdigit()


def validate_division_code(code: object, level: DivisionLevel) -> str:
    """Return ``code`` if it has the shape of a code of ``level``."""
    length = level.code_length
    if not isinstance(code, str) or not _is_digits(code, length):
        raise InvalidDivisionCode(
            f"A {level.label} ({level.value.lower()}) code is {length} digits, got {code!r}",
            level=level.value,
        )
    if code[-LOCAL_CODE_LENGTH:] == "000" and level is not DivisionLevel.DISTRICT:
        raise InvalidDivisionCode(f"Code {code} ends in 000, which is not a local code")
    return code


def validate_local_code(code: object) -> str:
    """Return a three-digit local code (001..999)."""
    if not isinstance(code, str) or not _is_digits(code, LOCAL_CODE_LENGTH) or code == "000":
        raise InvalidDivisionCode(f"A local code is three digits from 001 to 999, got {code!r}")
    return code


def validate_grid_code(code: object) -> str:
    """Return ``code`` if it has the shape of a grid code (15 digits, sequence 001..999)."""
    if not isinstance(code, str) or not _is_digits(code, GRID_CODE_LENGTH):
        raise InvalidGridCode(f"A grid code is {GRID_CODE_LENGTH} digits, got {code!r}")
    if code.endswith("000"):
        raise InvalidGridCode(f"Grid code {code} ends in 000; sequences run from 001 to 999")
    return code


def compose_code(parent_code: str, local: int | str) -> str:
    """The code of a child: the parent's code and a local code (``7`` or ``"007"``)."""
    if isinstance(local, int):
        if not 1 <= local <= MAX_SEQUENCE:
            raise InvalidDivisionCode(f"A sequence runs from 1 to {MAX_SEQUENCE}, got {local}")
        local = f"{local:03d}"
    return parent_code + validate_local_code(local)


def next_free_sequence(taken: Iterable[int]) -> int | None:
    """The lowest sequence in 1..999 not in ``taken``, or ``None`` when all are used."""
    used = set(taken)
    return next((n for n in range(1, MAX_SEQUENCE + 1) if n not in used), None)


def _sequences_under(parent_code: str, codes: Iterable[str]) -> set[int]:
    child_length = len(parent_code) + LOCAL_CODE_LENGTH
    return {
        int(code[-LOCAL_CODE_LENGTH:])
        for code in codes
        if len(code) == child_length and code.startswith(parent_code) and code.isdigit()
    }


def next_division_code(parent_code: str, taken_codes: Iterable[str]) -> str:
    """The next free child code under ``parent_code``; codes not directly under it are ignored."""
    sequence = next_free_sequence(_sequences_under(parent_code, taken_codes))
    if sequence is None:
        raise DivisionSequenceExhausted(
            f"All {MAX_SEQUENCE} codes under {parent_code} are taken", parent_code=parent_code
        )
    return compose_code(parent_code, sequence)


def next_grid_code(community_code: str, taken_codes: Iterable[str]) -> str:
    """The next free grid code in a community, e.g. 370112001001 → 370112001001001."""
    sequence = next_free_sequence(_sequences_under(community_code, taken_codes))
    if sequence is None:
        raise GridSequenceExhausted(
            f"Community {community_code} already has {MAX_SEQUENCE} grid codes; none is free",
            community_code=community_code,
        )
    return compose_code(community_code, sequence)


def is_within(code: str, ancestor_code: str) -> bool:
    """Whether ``code`` names ``ancestor_code`` itself or something below it."""
    return code.startswith(ancestor_code)


def reprefix(code: str, *, old_prefix: str, new_prefix: str) -> str:
    """Re-code a descendant when the subtree rooted at ``old_prefix`` moves to ``new_prefix``."""
    if len(old_prefix) != len(new_prefix):
        raise InvalidDivisionCode(
            f"Cannot replace {old_prefix} by {new_prefix}: codes of one level have one length"
        )
    if not code.startswith(old_prefix):
        raise InvalidDivisionCode(f"Code {code} is not under {old_prefix}")
    return new_prefix + code[len(old_prefix) :]


def validate_any_division_code(code: object) -> str:
    """Return ``code`` if it has the shape of a district, township or community/village code."""
    lengths = sorted({level.code_length for level in DivisionLevel})
    if not isinstance(code, str) or not any(_is_digits(code, n) for n in lengths):
        raise InvalidDivisionCode(
            f"A division code is {', '.join(map(str, lengths[:-1]))} or {lengths[-1]} digits, "
            f"got {code!r}"
        )
    return code
