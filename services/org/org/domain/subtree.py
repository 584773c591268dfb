"""Moving a division with everything below it.

Codes name their ancestry, so when a subdistrict or community moves, every
division, grid and department serving a division below it takes the new prefix
in the same transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from org.domain.codes import is_within, reprefix
from org.domain.department import Department
from org.domain.division import Division
from org.domain.events import DivisionMoved
from org.domain.grid import Grid


def move_division(
    division: Division,
    new_parent: Division,
    *,
    descendants: Iterable[Division],
    grids: Iterable[Grid],
    departments: Iterable[Department] = (),
    code: str | None = None,
    taken_codes: Collection[str] = (),
) -> DivisionMoved:
    """Move ``division`` under ``new_parent`` and re-code its subtree.

    ``descendants``, ``grids`` and ``departments`` are what lies below the
    division (anything else passed in is left alone); each one that changes
    records its own event.
    """
    moved = division.move_to(new_parent, code=code, taken_codes=taken_codes)
    old_prefix, new_prefix = moved.previous_code, moved.code
    for below in descendants:
        if below.id != division.id and is_within(below.code, old_prefix):
            below.recode(reprefix(below.code, old_prefix=old_prefix, new_prefix=new_prefix))
    for grid in grids:
        if is_within(grid.code, old_prefix):
            grid.recode(reprefix(grid.code, old_prefix=old_prefix, new_prefix=new_prefix))
    for department in departments:
        if is_within(department.division_code, old_prefix):
            department.recode(
                reprefix(department.division_code, old_prefix=old_prefix, new_prefix=new_prefix)
            )
    return moved
