"""The caller of a request: identity, roles and data scope.

The data scope is a division code prefix: ``370112`` is the whole district,
``370112001`` one subdistrict, an empty scope everything. Access rules ask the
caller, so they live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from gridkit.errors import Forbidden, Unauthenticated


class Role(StrEnum):
    """Roles carried in the token's ``roles`` claim."""

    ADMIN = "ADMIN"
    """System administrator: every action, everywhere."""
    ORG_ADMIN = "ORG_ADMIN"
    """Maintains divisions, grids, party organisations and units within scope."""
    OFFICER = "OFFICER"
    """District, subdistrict or community officer: reads within scope."""
    GRID_WORKER = "GRID_WORKER"
    """Grid worker (网格员): works on their own grid."""
    CASE_HANDLER = "CASE_HANDLER"
    """Handles the cases dispatched to their department (部门处置人员), named in ``department``."""
    SUPERVISOR = "SUPERVISOR"
    """Supervises case handling within scope (督查督办): orders supervision of overdue cases."""


@dataclass(frozen=True)
class Caller:
    """An authenticated user, or the anonymous caller."""

    subject: str | None = None
    name: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    scope: str = ""
    """Division code prefix the caller's data access is limited to ('' = all)."""
    pii: bool = False
    """Whether the caller may read personal data unmasked."""
    department: str | None = None
    """The org department the caller works in (a case handler's), as its id."""
    person: str | None = None
    """The caller's own record in personnel, as its id, when they have one."""

    @classmethod
    def anonymous(cls) -> Caller:
        """The caller of a request without a token."""
        return cls()

    @property
    def is_authenticated(self) -> bool:
        """True when a verified token named this caller."""
        return self.subject is not None

    def has_role(self, *roles: Role) -> bool:
        """True if the caller holds one of ``roles`` (ADMIN holds every role)."""
        return Role.ADMIN in self.roles or any(role in self.roles for role in roles)

    def covers(self, division_code: str) -> bool:
        """True if ``division_code`` lies inside the caller's data scope."""
        return division_code.startswith(self.scope)

    def narrow(self, division_code: str | None) -> str | None:
        """The division a request of the caller covers: the one asked, or the whole scope.

        Asking for a division outside the scope is refused; an unscoped caller asking
        for nothing covers everything (``None``).
        """
        within = division_code or self.scope or None
        if not self.covers(within or ""):
            raise Forbidden(
                f"Division {division_code} lies outside your scope ({self.scope or 'all'})."
            )
        return within

    def require(self, *roles: Role, division_code: str | None = None) -> None:
        """Refuse unless the caller holds one of ``roles`` within scope of ``division_code``."""
        if not self.is_authenticated:
            raise Unauthenticated("Sign in first: this action needs a bearer token.")
        if not self.has_role(*roles):
            wanted = " or ".join(roles)
            raise Forbidden(f"This action needs the {wanted} role.")
        if division_code is not None and not self.covers(division_code):
            raise Forbidden(
                f"Division {division_code} lies outside your scope ({self.scope or 'all'})."
            )
