"""Cleaning of names and free text typed in by people."""

from __future__ import annotations

from datetime import datetime

from org.domain.errors import InvalidName, InvalidText, InvalidTimestamp

NAME_MAX_LENGTH = 100


def clean_name(value: object, *, label: str = "Name", max_length: int = NAME_MAX_LENGTH) -> str:
    """Return ``value`` trimmed; it must be a non-empty string of at most ``max_length``."""
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


def clean_text(value: object, *, label: str, max_length: int, required: bool = True) -> str:
    """Return free text trimmed; empty is allowed unless ``required``."""
    if not isinstance(value, str):
        raise InvalidText(f"{label} must be text", field=label)
    text = value.strip()
    if required and not text:
        raise InvalidText(f"{label} must not be empty", field=label)
    if len(text) > max_length:
        raise InvalidText(
            f"{label} is {len(text)} characters long; at most {max_length} are allowed",
            field=label,
            max_length=max_length,
        )
    return text


def require_aware(moment: datetime, *, label: str) -> datetime:
    """Refuse a naive datetime: stored moments must say which time zone they are in."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidTimestamp(f"{label} must include a time zone", field=label)
    return moment
