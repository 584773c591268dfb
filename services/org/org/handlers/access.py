"""Who may change the organisational structure."""

from __future__ import annotations

from gridkit.auth import Caller, Role


def require_org_admin(caller: Caller, division_code: str) -> None:
    """Writes need ORG_ADMIN (or ADMIN) with the division inside the caller's scope."""
    caller.require(Role.ORG_ADMIN, division_code=division_code)
