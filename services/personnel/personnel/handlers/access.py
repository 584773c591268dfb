"""Who may change personnel records."""

from __future__ import annotations

from gridkit.auth import Caller, Role
from gridkit.errors import Forbidden


def require_personnel_admin(caller: Caller, division_code: str | None) -> None:
    """Writes need ORG_ADMIN (or ADMIN) within scope; personnel records follow the org roles.

    A record without a division is district-wide business: a caller whose scope is
    one part of the district must say where the person belongs.
    """
    caller.require(Role.ORG_ADMIN)
    if division_code is None and caller.scope:
        raise Forbidden(
            f"Your scope is {caller.scope}: give the division (divisionCode) inside it."
        )
    caller.require(Role.ORG_ADMIN, division_code=division_code or "")


def require_pii_scope(caller: Caller) -> None:
    """Reading a national ID or phone number in full needs the PII scope."""
    if not caller.pii:
        raise Forbidden("Reading personal numbers in full needs the PII scope.")
