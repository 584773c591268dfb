"""What the areas' GraphQL fields share: how lists page."""

from __future__ import annotations

PAGE_ARGS = "Relay pagination: 'first'/'after' forwards, 'last'/'before' backwards."
"""Appended to the description of every list field."""
