"""Assignments (派遣对象): who a case is dispatched to, one of them leading (牵头)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from cases.domain.errors import InvalidAssignment
from cases.domain.kinds import AssigneeKind
from cases.domain.text import COMMUNITY_CODE_LENGTH, optional_text

__all__ = ["Assignee", "Assignment", "DepartmentRef"]

NAME_MAX_LENGTH = 100


@dataclass(frozen=True, kw_only=True)
class Assignee:
    """Someone a dispatch names: a grid worker, a community or a department.

    ``ref`` is the grid worker's person id, the community's 12-digit division
    code, or the department's id in org; it is stored in its canonical form.
    """

    kind: AssigneeKind
    ref: str
    name: str
    """The name shown: 张伟, 香溢紫郡社区, 历城区市场监督管理局."""
    lead: bool = False
    """Whether the assignee leads the handling (牵头单位); the others co-handle (协办)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ref", _canonical_ref(self.kind, self.ref))
        name = optional_text(self.name, label="Assignee name", max_length=NAME_MAX_LENGTH)
        if name is None:
            raise InvalidAssignment("An assignee needs a name to be shown", ref=self.ref)
        object.__setattr__(self, "name", name)

    @classmethod
    def grid_worker(cls, person_id: UUID, name: str, *, lead: bool = False) -> Assignee:
        """A grid worker (网格员), by their person id."""
        return cls(kind=AssigneeKind.GRID_WORKER, ref=str(person_id), name=name, lead=lead)

    @classmethod
    def community(cls, division_code: str, name: str, *, lead: bool = False) -> Assignee:
        """A community or village (社区/村), by its division code."""
        return cls(kind=AssigneeKind.COMMUNITY, ref=division_code, name=name, lead=lead)

    @classmethod
    def department(cls, department_id: UUID, name: str, *, lead: bool = False) -> Assignee:
        """A department (职能部门) or outside party, by its id in org."""
        return cls(kind=AssigneeKind.DEPARTMENT, ref=str(department_id), name=name, lead=lead)


@dataclass(frozen=True, kw_only=True)
class Assignment:
    """An assignee holding the case, since when, and whether they lead."""

    kind: AssigneeKind
    ref: str
    """Person id, division code or department id, as :class:`Assignee` describes."""
    name: str
    lead: bool
    """Whether this assignee leads (牵头); a case has exactly one lead while dispatched."""
    since: datetime
    """When the assignee was given the case."""

    @classmethod
    def of(cls, assignee: Assignee, *, lead: bool, since: datetime) -> Assignment:
        """The assignment an assignee gets from a dispatch at ``since``."""
        return cls(kind=assignee.kind, ref=assignee.ref, name=assignee.name, lead=lead, since=since)

    @property
    def label(self) -> str:
        """The name, marked when the assignee leads: ``历城区市场监督管理局（牵头）``."""
        return f"{self.name}（牵头）" if self.lead else self.name


@dataclass(frozen=True, kw_only=True)
class DepartmentRef:
    """A department named by a joint meeting (联席会议): its id in org and its name."""

    ref: str
    """The department's id in org."""
    name: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "ref", _canonical_ref(AssigneeKind.DEPARTMENT, self.ref))
        name = optional_text(self.name, label="Department name", max_length=NAME_MAX_LENGTH)
        if name is None:
            raise InvalidAssignment("A department needs a name to be shown", ref=self.ref)
        object.__setattr__(self, "name", name)

    def as_assignee(self) -> Assignee:
        """The department as a co-handling assignee."""
        return Assignee(kind=AssigneeKind.DEPARTMENT, ref=self.ref, name=self.name)


def _canonical_ref(kind: AssigneeKind, ref: object) -> str:
    text = ref.strip() if isinstance(ref, str) else ""
    if kind is AssigneeKind.COMMUNITY:
        if len(text) == COMMUNITY_CODE_LENGTH and text.isascii() and text.isdigit():
            return text
        raise InvalidAssignment(
            f"A community is named by its {COMMUNITY_CODE_LENGTH}-digit division code; got {ref!r}",
            ref=str(ref),
        )
    try:
        return str(UUID(text))
    except ValueError:
        whose = "A grid worker" if kind is AssigneeKind.GRID_WORKER else "A department"
        raise InvalidAssignment(
            f"{whose} is named by its id, a UUID; got {ref!r}", ref=str(ref)
        ) from None
