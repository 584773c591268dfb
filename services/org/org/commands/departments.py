"""Commands on departments (部门) that handle residents' cases."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from gridkit.domain import UNCHANGED, Unchanged
from org.domain.kinds import DepartmentKind


@dataclass(frozen=True, kw_only=True)
class CreateDepartment:
    """Set up a district bureau, subdistrict office, section or outside party."""

    name: str
    kind: DepartmentKind
    division_id: UUID
    parent_id: UUID | None = None
    categories: tuple[str, ...] = ()
    unit_id: UUID | None = None
    phone: str | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateDepartment:
    """Rename a department, change the categories it takes or its phone."""

    department_id: UUID
    name: str | Unchanged = UNCHANGED
    categories: tuple[str, ...] | Unchanged = UNCHANGED
    phone: str | Unchanged | None = UNCHANGED


@dataclass(frozen=True, kw_only=True)
class DissolveDepartment:
    """Dissolve a department (撤销) whose sections are dissolved already."""

    department_id: UUID
