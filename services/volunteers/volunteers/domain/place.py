"""Where an activity takes place: a micro-position, an address, or both."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from volunteers.domain.errors import InvalidPlace
from volunteers.domain.text import optional_text

__all__ = ["Place"]

ADDRESS_MAX_LENGTH = 200


@dataclass(frozen=True, kw_only=True)
class Place:
    """An activity's place: a party-mass activity micro-position (党群活动微阵地) known to org,
    a street address, or both (the micro-position, with directions to it)."""

    micro_position_id: UUID | None = None
    """The micro-position in org's resource information database, when it is one."""
    address: str | None = None
    """The address as people write it: 历城区洪家楼街道花园路101号."""

    def __post_init__(self) -> None:
        address = optional_text(self.address, label="Address", max_length=ADDRESS_MAX_LENGTH)
        object.__setattr__(self, "address", address)
        if self.micro_position_id is None and address is None:
            raise InvalidPlace(
                "An activity takes place at a micro-position (党群活动微阵地) or an address; "
                "neither was given"
            )
