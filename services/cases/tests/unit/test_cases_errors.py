"""Every cases error reaches the client with its own stable code."""

from __future__ import annotations

import inspect
from uuid import UUID

import pytest

from cases.domain import errors
from cases.domain.errors import CaseNotFound, CategoryNotFound, WatchNotFound
from gridkit.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound

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
    assert not {"NOT_FOUND", "BAD_USER_INPUT", "CONFLICT", "FORBIDDEN"} & set(codes)
    assert all(
        code.startswith(("CASE_", "CATEGORY_", "WATCH_", "ATTACHMENT_", "GRID_", "DEPARTMENT_"))
        for code in codes
    )


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: error.__name__)
def test_every_error_is_one_of_the_four_kinds(error: type[DomainError]) -> None:
    assert issubclass(error, NotFound | InvalidInput | Conflict | Forbidden)


def test_the_codes_the_other_layers_rely_on() -> None:
    assert {error.__name__: error.code for error in ERRORS}.items() >= {
        "IllegalTransition": "CASE_ILLEGAL_TRANSITION",
        "ReturnWindowClosed": "CASE_RETURN_WINDOW_CLOSED",
        "VerifierIsHandler": "CASE_VERIFIER_IS_HANDLER",
        "ExtensionNeedsHigherLevel": "CASE_EXTENSION_NEEDS_HIGHER_LEVEL",
        "CaseAlreadyAtTop": "CASE_ALREADY_AT_TOP",
        "SupervisionNotDue": "CASE_SUPERVISION_NOT_DUE",
        "AttributeUnknown": "CASE_ATTRIBUTE_UNKNOWN",
        "AttributeRequired": "CASE_ATTRIBUTE_REQUIRED",
        "AttributeInvalid": "CASE_ATTRIBUTE_INVALID",
    }.items()


def test_a_lookup_that_found_nothing_names_what_and_which() -> None:
    missing = UUID("00000000-0000-0000-0000-000000000042")
    refused = CaseNotFound.for_id(missing)
    assert (refused.code, refused.message, refused.details) == (
        "CASE_NOT_FOUND",
        "Case 00000000-0000-0000-0000-000000000042 does not exist",
        {"id": "00000000-0000-0000-0000-000000000042"},
    )
    assert WatchNotFound.for_id(missing).message.startswith("Watch ")
    assert CategoryNotFound.for_code("ELEVATOR").details == {"category_code": "ELEVATOR"}
