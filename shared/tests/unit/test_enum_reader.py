"""Stored values read back as enum members, as calling the enum class would."""

from __future__ import annotations

from enum import StrEnum

import pytest

from gridkit.db import enum_reader


class Colour(StrEnum):
    RED = "RED"
    GREEN = "GREEN"


def test_a_stored_value_reads_back_as_its_member() -> None:
    read = enum_reader(Colour)
    assert read("GREEN") is Colour.GREEN
    assert read("RED") is Colour.RED


def test_a_value_the_enum_does_not_know_is_refused_as_the_enum_refuses_it() -> None:
    with pytest.raises(ValueError, match="'BLUE' is not a valid Colour"):
        enum_reader(Colour)("BLUE")
