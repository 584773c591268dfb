"""Who may take which step, from the caller's token.

A volunteer acts for themselves: the token's ``person`` claim names their person, and
registering, joining a team, signing up, cancelling and asking for a correction are theirs
alone. Staff (an officer, a grid worker or an administrator) register people, form teams and
organise activities within their division scope; the organiser of an activity checks its
volunteers in and out and records their service (谁组织谁记录), which the domain checks
against the activity's own organiser. Verifying a certificate by its number needs nobody. A
volunteer's record (profile, entries, hours, service records) is read by the volunteer, by
staff, and by the organiser of an activity they signed up for or a leader of a team they asked
to join (:func:`may_read_volunteer`).
"""

from __future__ import annotations

from uuid import UUID

from gridkit.auth import Caller, Role
from gridkit.errors import Forbidden, Unauthenticated

STAFF = (Role.ADMIN, Role.ORG_ADMIN, Role.OFFICER, Role.GRID_WORKER)
"""Roles that organise volunteering within their scope."""


def signed_in(caller: Caller, doing: str) -> None:
    """Refuse an anonymous caller (UNAUTHENTICATED)."""
    if not caller.is_authenticated:
        raise Unauthenticated(f"Sign in to {doing}.")


def person_of(caller: Caller, doing: str) -> UUID:
    """The caller's own person (the token's ``person`` claim), or a refusal saying why."""
    signed_in(caller, doing)
    if not caller.person:
        raise Forbidden(
            f"To {doing} you act as yourself, and your token names no person of personnel's "
            "records (claim 'person')."
        )
    try:
        return UUID(caller.person)
    except ValueError:
        raise Forbidden(f"The token's person claim {caller.person!r} is not a person id.") from None


def is_staff(caller: Caller, division_code: str | None = None) -> bool:
    """Whether the caller organises volunteering where ``division_code`` lies (or anywhere)."""
    if not caller.has_role(*STAFF):
        return False
    return division_code is None or caller.covers(division_code)


def staff(caller: Caller, doing: str, *, division_code: str | None = None) -> UUID | None:
    """Refuse a caller who is not staff covering ``division_code``; their person, if named."""
    signed_in(caller, doing)
    if not is_staff(caller, division_code):
        where = f" in division {division_code}" if division_code else ""
        raise Forbidden(
            f"To {doing}{where} takes an officer, a grid worker or an administrator whose scope "
            "covers it."
        )
    return person_of(caller, doing) if caller.person else None


def acting_person(caller: Caller, doing: str, *, for_person: UUID | None) -> UUID:
    """The person a step is taken for: the caller's own, or another's when staff take it."""
    if for_person is None:
        return person_of(caller, doing)
    signed_in(caller, doing)
    own = caller.person and caller.person == str(for_person)
    if not own and not is_staff(caller):
        raise Forbidden(f"Only staff {doing} for someone else; leave the person out for yourself.")
    return for_person


def may_read_volunteer(caller: Caller, person_id: UUID, *, also: tuple[UUID, ...] = ()) -> bool:
    """Whether the caller reads a volunteer's record (profile, entries, hours, service records):
    the volunteer themself, staff, or the people ``also`` names (an activity's organiser, a
    team's leaders)."""
    if not caller.is_authenticated:
        return False
    if caller.person and caller.person in {str(person_id), *(str(p) for p in also)}:
        return True
    return is_staff(caller)
