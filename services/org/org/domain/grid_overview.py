"""A grid as the API shows it: its own fields, where it lies, who serves it, and its checklist.

Reads answer this read model so that a page of grids comes from one query and
everything the page shows of each grid — its division, its party organisation,
the ten checklist items and whether it complies — is judged from what that
query returned, without asking the database again per grid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from uuid import UUID

from org.domain.compliance import CHECKLIST_ORDER, DERIVED_ITEMS, GridFacts
from org.domain.division import Division
from org.domain.grid import Grid
from org.domain.kinds import GridKind
from org.domain.party_organization import PartyOrganization
from org.domain.standards import StandardConfirmation, StandardItem, StandardStatus


@dataclass(frozen=True, kw_only=True, eq=False)
class ChecklistLine:
    """One item of a grid's standards checklist as it stands now.

    Lines compare by identity: a line never confirmed is one value shared by every grid
    (see ``_UNCONFIRMED``), and what shows a page of checklists looks shared lines up by
    identity, far cheaper than hashing their fields.
    """

    item: StandardItem
    status: StandardStatus
    """Met or not: derived items judged from the data, the others as last confirmed."""
    derived: bool
    confirmation: StandardConfirmation | None
    """What was last confirmed by hand, if ever."""


# A line never confirmed is the same for every grid: one value each, shared by every page,
# held by whether it is met, then in checklist order (positions, not enum keys: hashing an
# enum member is a Python call, and a page judges a thousand lines).
_UNCONFIRMED = {
    met: [
        ChecklistLine(
            item=item,
            status=StandardStatus.MET if met else StandardStatus.NOT_MET,
            derived=item in DERIVED_ITEMS,
            confirmation=None,
        )
        for item in CHECKLIST_ORDER
    ]
    for met in (True, False)
}


@dataclass(frozen=True, kw_only=True)
class GridOverview:
    """A grid (without its parts) with its division, its party organisation and its facts
    (whether the volunteers service reports an active grid team for it among them)."""

    grid: Grid
    division: Division
    party_organization: PartyOrganization | None
    confirmations: Mapping[StandardItem, StandardConfirmation] = field(default_factory=dict)
    has_volunteer_team: bool = False
    micro_position_count: int = 0
    proxy_service_item_count: int = 0

    @cached_property
    def facts(self) -> GridFacts:
        """What the checklist is judged from."""
        grid = self.grid
        return GridFacts(
            grid_id=grid.id,
            code=grid.code,
            name=grid.name,
            kind=grid.kind,
            division_id=grid.division_id,
            status=grid.status,
            has_party_organization=self.party_organization is not None,
            confirmed={item: c.status for item, c in self.confirmations.items()},
            has_volunteer_team=self.has_volunteer_team,
            micro_position_count=self.micro_position_count,
            proxy_service_item_count=self.proxy_service_item_count,
        )

    @cached_property
    def checklist(self) -> tuple[ChecklistLine, ...]:
        """The ten items, in the standard's order."""
        if not self.confirmations:
            return _never_confirmed(
                self.party_organization is not None,
                self.has_volunteer_team,
                self.micro_position_count,
                self.proxy_service_item_count,
            )
        facts, confirmations = self.facts, self.confirmations
        lines = []
        for index, item in enumerate(CHECKLIST_ORDER):
            confirmation = confirmations.get(item)
            met = facts.meets(item)
            lines.append(
                _UNCONFIRMED[met][index]
                if confirmation is None
                else ChecklistLine(
                    item=item,
                    status=StandardStatus.MET if met else StandardStatus.NOT_MET,
                    derived=item in DERIVED_ITEMS,
                    confirmation=confirmation,
                )
            )
        return tuple(lines)

    @property
    def compliant(self) -> bool:
        """Whether the grid meets all ten items."""
        return not self.facts.missing_items()


@lru_cache(maxsize=1024)
def _never_confirmed(
    has_party_organization: bool,
    has_volunteer_team: bool,
    micro_position_count: int,
    proxy_service_item_count: int,
) -> tuple[ChecklistLine, ...]:
    """The checklist of a grid nothing was ever confirmed on: the same for every grid with
    these facts, so one tuple serves them all (most grids of a page share one of a few)."""
    facts = GridFacts(
        grid_id=_NOBODY,
        code="",
        name="",
        kind=GridKind.RESIDENTIAL,
        division_id=_NOBODY,
        has_party_organization=has_party_organization,
        has_volunteer_team=has_volunteer_team,
        micro_position_count=micro_position_count,
        proxy_service_item_count=proxy_service_item_count,
    )
    return tuple(
        _UNCONFIRMED[facts.meets(item)][index] for index, item in enumerate(CHECKLIST_ORDER)
    )


_NOBODY = UUID(int=0)
