"""Cleaning of free text typed in by people."""

from __future__ import annotations

from volunteers.domain.errors import InvalidText


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
