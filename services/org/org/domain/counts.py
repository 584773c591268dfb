"""Whole-number inputs with a range: households, residents, working days."""

from __future__ import annotations

from org.domain.errors import InvalidCount


def check_count(value: object, *, label: str, minimum: int = 0, maximum: int) -> int:
    """Return ``value`` if it is a whole number in ``minimum..maximum``."""
    # bool is an int in Python, but True households means nothing.
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidCount(f"{label} must be a whole number, got {value!r}", field=label)
    if not minimum <= value <= maximum:
        raise InvalidCount(
            f"{label} must be between {minimum} and {maximum}, got {value}",
            field=label,
            minimum=minimum,
            maximum=maximum,
        )
    return value
