"""Every volunteers error reaches the client with its own stable code."""

from __future__ import annotations

import inspect
from uuid import UUID

import pytest

from gridkit.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from volunteers.domain import errors
from volunteers.domain.errors import ActivityNotFound, SignupNotFound, VolunteerNotFound

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
    assert not {"NOT_FOUND", "BAD_USER_INPUT", "CONFLICT", "FORBIDDEN", "BAD_REQUEST"} & set(codes)
    prefixes = ("TEXT_", "TEAM_", "VOLUNTEER_", "SKILL_", "ACTIVITY_", "SHIFT_", "SIGNUP_")
    others = ("CHECK_", "RECORD_", "CORRECTION_", "GRID_", "PERSON_")
    assert all(code.startswith((*prefixes, *others)) for code in codes)


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: error.__name__)
def test_every_error_is_one_of_the_four_kinds_and_says_what_it_means(
    error: type[DomainError],
) -> None:
    assert issubclass(error, NotFound | InvalidInput | Conflict | Forbidden)
    assert error.__doc__


def test_the_codes_the_other_layers_rely_on() -> None:
    assert {error.__name__: error.code for error in ERRORS}.items() >= {
        "ShiftFull": "SHIFT_FULL",
        "SignupCollision": "SIGNUP_COLLISION",
        "SkillMissing": "SKILL_MISSING",
        "CancelTooLate": "SIGNUP_CANCEL_TOO_LATE",
        "CheckOutBeforeCheckIn": "CHECK_OUT_BEFORE_CHECK_IN",
        "RecordNotOrganiser": "RECORD_NOT_ORGANISER",
        "RecordOnCancelledActivity": "ACTIVITY_CANCELLED",
        "NotATeamLeader": "TEAM_NOT_LEADER",
        "InvalidCheckInCode": "SIGNUP_CODE_INVALID",
        "CheckInCodeUsed": "SIGNUP_CODE_USED",
        "IllegalActivityTransition": "ACTIVITY_ILLEGAL_TRANSITION",
        "IllegalSignupTransition": "SIGNUP_ILLEGAL_TRANSITION",
    }.items()


def test_who_may_not_do_something_is_forbidden() -> None:
    forbidden = {error.__name__ for error in ERRORS if issubclass(error, Forbidden)}
    assert forbidden == {
        "NotATeamLeader",
        "NotTheOrganiser",
        "NotYourSignup",
        "InvalidCheckInCode",
        "RecordNotOrganiser",
        "RecordNotVolunteer",
    }


def test_a_lookup_that_found_nothing_names_what_and_which() -> None:
    missing = UUID("00000000-0000-0000-0000-000000000042")
    refused = ActivityNotFound.for_id(missing)
    assert (refused.code, refused.message, refused.details) == (
        "ACTIVITY_NOT_FOUND",
        "Activity 00000000-0000-0000-0000-000000000042 does not exist",
        {"id": "00000000-0000-0000-0000-000000000042"},
    )
    assert VolunteerNotFound.for_id(missing).message.startswith("Volunteer ")
    assert SignupNotFound.for_id(missing).message.startswith("Sign-up ")
