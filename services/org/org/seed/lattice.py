"""Grid boundaries: a lattice of square cells over the district, one cell per grid."""

from __future__ import annotations

import math

from org.domain import Boundary

# The lattice of grid boundaries, and the gap kept between neighbours.
WEST, EAST, SOUTH, NORTH = 117.0, 117.4, 36.5, 36.8
GAP_SHARE = 0.06


class Lattice:
    """Square cells over the district's extent, row by row from the north-west."""

    def __init__(self, cells: int) -> None:
        width, height = EAST - WEST, NORTH - SOUTH
        self._columns = max(1, math.ceil(math.sqrt(cells * width / height)))
        rows = math.ceil(cells / self._columns)
        self._side = min(width / self._columns, height / rows)

    def square(self, index: int) -> Boundary:
        """The ``index``-th cell, shrunk a little so neighbours do not touch."""
        row, column = divmod(index, self._columns)
        gap = self._side * GAP_SHARE
        west = round(WEST + column * self._side + gap, 6)
        east = round(WEST + (column + 1) * self._side - gap, 6)
        north = round(NORTH - row * self._side - gap, 6)
        south = round(NORTH - (row + 1) * self._side + gap, 6)
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        return {"type": "Polygon", "coordinates": [ring]}
