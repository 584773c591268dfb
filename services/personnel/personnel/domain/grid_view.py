"""What the personnel service knows of a grid, kept from org's grid events."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from personnel.domain.kinds import GridStatus

__all__ = ["GridStatus", "GridView"]


@dataclass(frozen=True, kw_only=True)
class GridView:
    """A grid (网格) as org last reported it: enough to staff it and to report on it."""

    grid_id: UUID
    code: str
    name: str
    status: GridStatus
    division_id: UUID
    """The community or village (社区/村) the grid lies in."""

    @property
    def is_active(self) -> bool:
        """Whether the grid is in service."""
        return self.status is GridStatus.ACTIVE

    @property
    def title(self) -> str:
        """Code and name, for messages: ``370112001001002 (第二网格)``."""
        return f"{self.code} ({self.name})"
