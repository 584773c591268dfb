"""Cleaning of free text typed in by people, the same rules in every service.

Each service answers a bad text with its own error (its own ``extensions.code``), so the rules
are bound to that error once, in the service's ``domain/text.py``::

    _text = TextCleaner(InvalidText)
    clean_text = _text.clean_text
    optional_text = _text.optional_text
"""

from __future__ import annotations

from dataclasses import dataclass

from gridkit.errors import InvalidInput


@dataclass(frozen=True)
class TextCleaner:
    """Trims free text and refuses what is not text or too long, raising ``error``."""

    error: type[InvalidInput]

    def clean_text(self, value: object, *, label: str, max_length: int) -> str:
        """Return required free text trimmed: not empty, at most ``max_length`` characters."""
        text = self.optional_text(value, label=label, max_length=max_length)
        if text is None:
            raise self.error(f"{label} must not be empty", field=label)
        return text

    def optional_text(self, value: object, *, label: str, max_length: int) -> str | None:
        """Return free text trimmed, or ``None`` when it is missing or blank."""
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.error(f"{label} must be text", field=label)
        text = value.strip()
        if len(text) > max_length:
            raise self.error(
                f"{label} is {len(text)} characters long; at most {max_length} are allowed",
                field=label,
                max_length=max_length,
            )
        return text or None
