"""What the volunteers service knows of other services: org's grids and personnel's people.

Kept from their events; the service never reads their databases. A grid's team is made when
org announces the grid; a volunteer is a person personnel registered, and a certificate shows
the name and the masked ID number personnel published.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from volunteers.domain.errors import GridRetired

COMMUNITY_CODE_LENGTH = 12
"""A grid code is its community's 12-digit code and a three-digit sequence."""


@dataclass(frozen=True, kw_only=True)
class GridView:
    """A grid (网格) as org last reported it."""

    grid_id: UUID
    code: str
    name: str
    status: str
    division_id: UUID

    @property
    def is_active(self) -> bool:
        """Whether the grid is in service (a retired grid gets no new activities)."""
        return self.status == "ACTIVE"

    def ensure_takes_activities(self) -> None:
        """Refuse a new activity in a retired grid (GRID_RETIRED)."""
        if not self.is_active:
            raise GridRetired(
                f"Grid {self.code} ({self.name}) is retired; it takes no new activities",
                id=str(self.grid_id),
            )

    @property
    def community_code(self) -> str:
        """The 12-digit code of the community or village the grid lies in."""
        return self.code[:COMMUNITY_CODE_LENGTH]


@dataclass(frozen=True, kw_only=True)
class PersonView:
    """A person as personnel last reported them: only what volunteers shows (masked)."""

    person_id: UUID
    name: str
    national_id_masked: str
    phone_masked: str | None = None
    division_code: str | None = None
