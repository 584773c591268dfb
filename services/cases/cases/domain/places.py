"""What the cases service knows of other services: grids, departments and grid workers.

Kept from org's and personnel's events; the service never reads their databases. A case is
reported in a grid and dispatched to the grid's full-time worker, a community or departments,
so these views answer "does it exist, is it active, who works there, what does it take".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from cases.domain.errors import DepartmentNotFound, GridRetired

__all__ = ["DepartmentView", "GridView", "GridWorkerView", "active_department"]

COMMUNITY_CODE_LENGTH = 12
"""A grid code is its community's 12-digit code and a three-digit sequence."""

FULL_TIME_WORKER = "FULL_TIME_WORKER"
"""Personnel's role of the full-time grid worker (专职网格员), who takes a grid's cases."""


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
        """Whether the grid is in service (a retired grid takes no new cases)."""
        return self.status == "ACTIVE"

    @property
    def community_code(self) -> str:
        """The 12-digit code of the community or village the grid lies in."""
        return self.code[:COMMUNITY_CODE_LENGTH]

    @property
    def title(self) -> str:
        """Code and name, for messages: ``370112001001002 (第二网格)``."""
        return f"{self.code} ({self.name})"

    def ensure_takes_cases(self) -> None:
        """Refuse a new case in a retired grid (GRID_RETIRED)."""
        if not self.is_active:
            raise GridRetired(
                f"Grid {self.title} is retired; it takes no new cases", id=str(self.grid_id)
            )


@dataclass(frozen=True, kw_only=True)
class DepartmentView:
    """A department (区直部门, subdistrict office, outside party) as org last reported it."""

    department_id: UUID
    name: str
    kind: str
    division_code: str
    """The division it serves: cases inside that division may go to it."""
    categories: tuple[str, ...]
    """The case categories it takes."""
    status: str
    parent_id: UUID | None = None

    @property
    def is_active(self) -> bool:
        """Whether the department still exists (a dissolved one takes no cases)."""
        return self.status == "ACTIVE"

    def serves(self, division_code: str) -> bool:
        """Whether a case in ``division_code`` lies in the area the department serves."""
        return division_code.startswith(self.division_code)


@dataclass(frozen=True, kw_only=True)
class GridWorkerView:
    """A person's role on a grid team, as personnel last reported it."""

    assignment_id: UUID
    grid_id: UUID
    person_id: UUID
    role: str
    starts_on: date
    ends_on: date | None = None

    def serves_on(self, day: date) -> bool:
        """Whether the assignment runs on ``day``."""
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)


def active_department(department: DepartmentView | None, ref: object) -> DepartmentView:
    """The department named ``ref``, which org announced and has not dissolved.

    A dissolved department takes no cases: to a dispatch it is as unknown as one never heard
    of (DEPARTMENT_NOT_FOUND)."""
    if department is None or not department.is_active:
        raise DepartmentNotFound(f"Department {ref} is not known (or was dissolved)", id=str(ref))
    return department
