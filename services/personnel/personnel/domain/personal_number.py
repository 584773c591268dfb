"""The personal numbers a person has (national ID, phone): encrypted at rest, masked on read."""

from __future__ import annotations

from enum import StrEnum


class PersonalNumber(StrEnum):
    """A personal number, named as it is encrypted, indexed and audited (its *purpose*)."""

    NATIONAL_ID = "national_id"
    """The resident ID number (身份证号)."""
    PHONE = "phone"
    """The mobile number."""
