"""Every personnel error reaches the client with its own stable code."""

from __future__ import annotations

import inspect
from uuid import UUID

import pytest

from gridkit.errors import Conflict, DomainError, InvalidInput, NotFound
from personnel.domain import errors
from personnel.domain.errors import GridNotFound, PersonNotFound

ERRORS = [
    error
    for _, error in inspect.getmembers(errors, inspect.isclass)
    if issubclass(error, DomainError)
    and not error.__name__.startswith("_")
    and error.__module__ == errors.__name__
]


def test_every_error_has_its_own_code() -> None:
    codes = [error.code for error in ERRORS]
    assert len(codes) == len(set(codes))
    assert not {"NOT_FOUND", "BAD_USER_INPUT", "CONFLICT"} & set(codes)


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: error.__name__)
def test_every_error_is_a_not_found_an_invalid_input_or_a_conflict(
    error: type[DomainError],
) -> None:
    assert issubclass(error, NotFound | InvalidInput | Conflict)


def test_a_lookup_that_found_nothing_names_what_and_which() -> None:
    missing = UUID("00000000-0000-0000-0000-000000000042")
    refused = PersonNotFound.for_id(missing)
    assert (refused.code, refused.message, refused.details) == (
        "PERSON_NOT_FOUND",
        "Person 00000000-0000-0000-0000-000000000042 does not exist",
        {"id": "00000000-0000-0000-0000-000000000042"},
    )
    assert GridNotFound.for_id(missing).code == "GRID_NOT_FOUND"
