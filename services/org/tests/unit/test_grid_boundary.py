"""Grid boundaries as GeoJSON: what is accepted, point lookup, bounding box."""

from __future__ import annotations

import math
from typing import Any

import pytest

from org.domain import (
    BoundingBox,
    InvalidCoordinates,
    InvalidGeoJSON,
    bounding_box,
    contains,
    validate_boundary,
)

SQUARE: dict[str, Any] = {
    "type": "Polygon",
    "coordinates": [[[117, 36], [118, 36], [118, 37], [117, 37], [117, 36]]],
}
# The same square with a hole in the middle (a lake, say).
HOLED: dict[str, Any] = {
    "type": "Polygon",
    "coordinates": [
        SQUARE["coordinates"][0],
        [[117.4, 36.4], [117.6, 36.4], [117.6, 36.6], [117.4, 36.6], [117.4, 36.4]],
    ],
}
TWO_ISLANDS: dict[str, Any] = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[2, 2], [3, 2], [3, 3], [2, 3], [2, 2]]],
    ],
}


def test_a_valid_polygon_comes_back_with_float_positions() -> None:
    assert validate_boundary(SQUARE) == {
        "type": "Polygon",
        "coordinates": [
            [[117.0, 36.0], [118.0, 36.0], [118.0, 37.0], [117.0, 37.0], [117.0, 36.0]]
        ],
    }


def test_an_altitude_is_dropped() -> None:
    ring = [[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]
    cleaned = validate_boundary({"type": "Polygon", "coordinates": [ring]})
    assert cleaned["coordinates"] == [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]


def test_a_valid_multipolygon_is_accepted() -> None:
    assert validate_boundary(TWO_ISLANDS)["type"] == "MultiPolygon"


def test_a_polygon_with_a_hole_is_accepted() -> None:
    assert len(validate_boundary(HOLED)["coordinates"]) == 2


def test_point_inside_boundary_is_found() -> None:
    assert contains(SQUARE, 117.5, 36.5)


def test_point_outside_boundary_is_not_found() -> None:
    assert not contains(SQUARE, 118.5, 36.5)


def test_point_on_the_edge_belongs_to_the_boundary() -> None:
    assert contains(SQUARE, 118, 36.5)


def test_point_in_a_hole_is_not_found() -> None:
    assert not contains(HOLED, 117.5, 36.5)
    assert contains(HOLED, 117.2, 36.5)


def test_point_in_either_part_of_a_multipolygon_is_found() -> None:
    assert contains(TWO_ISLANDS, 0.5, 0.5)
    assert contains(TWO_ISLANDS, 2.5, 2.5)
    assert not contains(TWO_ISLANDS, 1.5, 1.5)


@pytest.mark.parametrize(("lon", "lat"), [(181, 0), (-180.5, 0), (0, 90.1), (0, math.nan)])
def test_point_lookup_refuses_impossible_coordinates(lon: float, lat: float) -> None:
    with pytest.raises(InvalidCoordinates) as refused:
        contains(SQUARE, lon, lat)
    assert refused.value.code == "INVALID_COORDINATES"


def test_bounding_box_spans_all_parts() -> None:
    assert bounding_box(TWO_ISLANDS) == BoundingBox(0.0, 0.0, 3.0, 3.0)
    assert bounding_box(SQUARE) == BoundingBox(
        min_lon=117.0, min_lat=36.0, max_lon=118.0, max_lat=37.0
    )


def _polygon(*rings: object) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": list(rings)}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", "A boundary must be a GeoJSON object, got str"),
        ([[0, 0], [1, 0]], "A boundary must be a GeoJSON object, got list"),
        (None, "A boundary must be a GeoJSON object, got NoneType"),
        ({"type": "Point", "coordinates": [0, 0]}, "got type 'Point'"),
        ({"coordinates": []}, "got type None"),
        ({"type": "Polygon"}, "The Polygon has no coordinates"),
        ({"type": "Polygon", "coordinates": "0 0 1 1"}, "must be an array, got str"),
        ({"type": "Polygon", "coordinates": []}, "The Polygon has no rings"),
        ({"type": "MultiPolygon", "coordinates": []}, "The MultiPolygon has no polygons"),
        (_polygon([[0, 0], [1, 0], [0, 0]]), "has 3 positions; a ring needs at least 4"),
        (_polygon([[0, 0], [1, 0], [1, 1], [0, 1]]), "is not closed"),
        (_polygon([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5]]), "is not closed"),
        (_polygon([[181, 0], [1, 0], [1, 1], [181, 0]]), "Longitude 181.0 is outside"),
        (_polygon([[0, -91], [1, 0], [1, 1], [0, -91]]), "Latitude -91.0 is outside"),
        (_polygon([["0", 0], [1, 0], [1, 1], ["0", 0]]), "must be [longitude, latitude]"),
        (_polygon([[True, 0], [1, 0], [1, 1], [True, 0]]), "must be [longitude, latitude]"),
        (_polygon([[0], [1, 0], [1, 1], [0]]), "must be [longitude, latitude]"),
        (_polygon([[math.inf, 0], [1, 0], [1, 1], [math.inf, 0]]), "[longitude, latitude]"),
        (_polygon([[0, 0], 5, [1, 1], [0, 0]]), "must be an array, got int"),
        (_polygon([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]), "Self-intersection"),
        (_polygon([[0, 0], [0, 0], [0, 0], [0, 0]]), "Too few points"),
        (
            {
                "type": "MultiPolygon",
                "coordinates": [
                    [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]],
                    [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]],
                ],
            },
            "not a valid shape",
        ),
        (
            {"type": "MultiPolygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            "must be an array, got int",
        ),
    ],
)
def test_garbage_boundaries_are_refused_with_a_reason(value: object, message: str) -> None:
    with pytest.raises(InvalidGeoJSON) as refused:
        validate_boundary(value)
    assert refused.value.code == "INVALID_GEOJSON"
    assert message in refused.value.message


def test_a_hole_outside_the_shell_is_refused() -> None:
    outside = [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]
    with pytest.raises(InvalidGeoJSON) as refused:
        validate_boundary(_polygon(SQUARE["coordinates"][0], outside))
    assert refused.value.message == (
        "The boundary is not a valid shape: Hole lies outside shell[5 5]"
    )


def test_point_lookup_in_a_garbage_boundary_is_refused_not_a_crash() -> None:
    with pytest.raises(InvalidGeoJSON):
        contains({"type": "Polygon", "coordinates": [[1, 2]]}, 0, 0)
