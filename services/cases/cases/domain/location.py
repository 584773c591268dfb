"""Where a case is: an address, and a point in WGS-84 when the reporter's device gave one."""

from __future__ import annotations

import math
from dataclasses import dataclass

from cases.domain.errors import InvalidLocation
from cases.domain.text import optional_text

__all__ = ["Location"]

ADDRESS_MAX_LENGTH = 200
MAX_LONGITUDE = 180.0
MAX_LATITUDE = 90.0


@dataclass(frozen=True, kw_only=True)
class Location:
    """An address (required) and its coordinates (both or neither), in WGS-84 degrees.

    WGS-84 is what satellite positioning gives; maps drawn in GCJ-02 (火星坐标)
    are converted before they reach the domain.
    """

    address: str
    """Where to go, in words: 历城区王舍人街道香溢紫郡小区1号楼."""
    longitude: float | None = None
    """Degrees east, -180 to 180."""
    latitude: float | None = None
    """Degrees north, -90 to 90."""

    def __post_init__(self) -> None:
        address = optional_text(self.address, label="Address", max_length=ADDRESS_MAX_LENGTH)
        if address is None:
            raise InvalidLocation("A case's location needs an address", field="address")
        object.__setattr__(self, "address", address)
        if (self.longitude is None) != (self.latitude is None):
            raise InvalidLocation(
                "Coordinates come as a pair: give both longitude and latitude, or neither"
            )
        if self.longitude is not None and self.latitude is not None:
            longitude = _degrees(self.longitude, "longitude", MAX_LONGITUDE)
            latitude = _degrees(self.latitude, "latitude", MAX_LATITUDE)
            object.__setattr__(self, "longitude", longitude)
            object.__setattr__(self, "latitude", latitude)

    @property
    def has_coordinates(self) -> bool:
        """Whether the location carries a point."""
        return self.longitude is not None and self.latitude is not None


def _degrees(value: object, name: str, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidLocation(f"The {name} is a number of degrees", field=name)
    degrees = float(value)
    if not math.isfinite(degrees) or not -limit <= degrees <= limit:
        raise InvalidLocation(
            f"A WGS-84 {name} lies between -{limit:g} and {limit:g} degrees; got {value}",
            field=name,
        )
    return degrees
