"""Grid boundaries (网格边界) as GeoJSON: validation, point lookup, bounding box.

A boundary is a GeoJSON ``Polygon`` or ``MultiPolygon`` in WGS 84 longitude and
latitude. It is kept as a plain dict so it can be stored and served as it is;
shapely is used only to judge and query the shape.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, TypeGuard

from shapely.errors import GEOSException
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.validation import explain_validity

from org.domain.errors import InvalidCoordinates, InvalidGeoJSON

Boundary = dict[str, Any]
"""A validated GeoJSON Polygon or MultiPolygon."""

Position = list[float]
Ring = list[Position]
PolygonCoordinates = list[Ring]

MIN_RING_POSITIONS = 4


class BoundingBox(NamedTuple):
    """The smallest lon/lat rectangle around a boundary, for a pre-filter index."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


def validate_boundary(value: object) -> Boundary:
    """Return a clean copy of a GeoJSON boundary, or raise :class:`InvalidGeoJSON`.

    Positions come back as ``[lon, lat]`` floats (an altitude, if any, is dropped).
    """
    if not isinstance(value, Mapping):
        raise InvalidGeoJSON(f"A boundary must be a GeoJSON object, got {type(value).__name__}")
    kind = value.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        raise InvalidGeoJSON(f"A boundary must be a Polygon or MultiPolygon, got type {kind!r}")
    if "coordinates" not in value:
        raise InvalidGeoJSON(f"The {kind} has no coordinates")
    coordinates = value["coordinates"]
    boundary: Boundary
    if kind == "Polygon":
        boundary = {"type": kind, "coordinates": _polygon(coordinates, "Polygon")}
    else:
        polygons = _array(coordinates, "MultiPolygon coordinates")
        if not polygons:
            raise InvalidGeoJSON("The MultiPolygon has no polygons")
        boundary = {
            "type": kind,
            "coordinates": [
                _polygon(polygon, f"polygon {number}")
                for number, polygon in enumerate(polygons, start=1)
            ],
        }
    shape = _shape(boundary)
    if not shape.is_valid:
        reason = str(explain_validity(shape))
        raise InvalidGeoJSON(f"The boundary is not a valid shape: {reason}", reason=reason)
    return boundary


def contains(boundary: Mapping[str, Any], lon: float, lat: float) -> bool:
    """Whether the point lies inside the boundary or on its edge.

    A point on the line between two grids belongs to both; the caller decides.
    """
    check_position(lon, lat)
    return bool(_shape(validate_boundary(boundary)).covers(Point(lon, lat)))


def bounding_box(boundary: Mapping[str, Any]) -> BoundingBox:
    """The boundary's bounding box."""
    min_lon, min_lat, max_lon, max_lat = _shape(validate_boundary(boundary)).bounds
    return BoundingBox(float(min_lon), float(min_lat), float(max_lon), float(max_lat))


def _array(value: object, where: str) -> Sequence[object]:
    if not isinstance(value, list | tuple):
        raise InvalidGeoJSON(f"The {where} must be an array, got {type(value).__name__}")
    return value


def _polygon(value: object, where: str) -> PolygonCoordinates:
    rings = _array(value, f"{where} coordinates")
    if not rings:
        raise InvalidGeoJSON(f"The {where} has no rings")
    return [_ring(ring, f"ring {number} of {where}") for number, ring in enumerate(rings, start=1)]


def _ring(value: object, where: str) -> Ring:
    positions = [_position(p, where) for p in _array(value, where)]
    if len(positions) < MIN_RING_POSITIONS:
        raise InvalidGeoJSON(
            f"The {where} has {len(positions)} positions; a ring needs at least "
            f"{MIN_RING_POSITIONS}"
        )
    if positions[0] != positions[-1]:
        raise InvalidGeoJSON(f"The {where} is not closed: its last position must equal its first")
    return positions


def _position(value: object, where: str) -> Position:
    items = _array(value, f"position in {where}")
    numbers = [float(n) for n in items if _is_number(n)]
    if len(items) not in (2, 3) or len(numbers) != len(items):
        raise InvalidGeoJSON(f"A position in {where} must be [longitude, latitude], got {value!r}")
    lon, lat = numbers[0], numbers[1]
    try:
        check_position(lon, lat)
    except InvalidCoordinates as error:
        raise InvalidGeoJSON(f"In {where}: {error.message}") from error
    return [lon, lat]


def _is_number(value: object) -> TypeGuard[int | float]:
    # bool is an int in Python, but true is no longitude.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_position(lon: float, lat: float) -> None:
    """Refuse a longitude outside [-180, 180] or a latitude outside [-90, 90]."""
    if not -180 <= lon <= 180:
        raise InvalidCoordinates(f"Longitude {lon} is outside [-180, 180]")
    if not -90 <= lat <= 90:
        raise InvalidCoordinates(f"Latitude {lat} is outside [-90, 90]")


def _shape(boundary: Boundary) -> Polygon | MultiPolygon:
    try:
        if boundary["type"] == "Polygon":
            shell, *holes = boundary["coordinates"]
            return Polygon(shell, holes)
        return MultiPolygon([(shell, holes) for shell, *holes in boundary["coordinates"]])
    except (ValueError, TypeError, GEOSException) as error:
        raise InvalidGeoJSON(f"The boundary cannot be read as a shape: {error}") from error
