"""Cleaning of free text typed in by people."""

from __future__ import annotations

from gridkit.text import TextCleaner
from volunteers.domain.errors import InvalidText

# The free-text rules are gridkit's; a bad text answers with this service's own code.
_text = TextCleaner(InvalidText)
clean_text = _text.clean_text
optional_text = _text.optional_text
