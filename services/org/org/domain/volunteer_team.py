"""What org knows of the volunteers service's teams (志愿服务队), kept from its team events.

The volunteers service forms one team of kind ``GRID`` for every grid, and skill and unit
teams besides; each of its team events says how the team stands after the change. A grid meets
the checklist's volunteer-team item while its ``GRID`` team is ``ACTIVE``: skill and unit teams
do not count, nor does a dissolved team. Org never reads the volunteers database.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

GRID_TEAM_KIND = "GRID"
"""The kind of the team a grid has (网格志愿服务队), the one the checklist item asks for."""

ACTIVE_TEAM_STATUS = "ACTIVE"
"""A team at work; a ``DISSOLVED`` one no longer makes its grid meet the item."""


@dataclass(frozen=True, kw_only=True)
class VolunteerTeamView:
    """A volunteer team as the volunteers service last reported it.

    Kind and status stay the volunteers service's words (strings), so a kind it adds later is
    kept rather than refused; only ``GRID`` and ``ACTIVE`` mean anything to the checklist.
    """

    team_id: UUID
    name: str
    kind: str
    """GRID, SKILL or UNIT."""
    status: str
    """ACTIVE or DISSOLVED."""
    grid_id: UUID | None
    """The grid of a ``GRID`` team."""
