"""Departments (部门) that handle residents' cases: district bureaus (区直部门), subdistrict
offices, their sections (内设科室) and outside parties such as property companies.

The cases service dispatches cases to them by the division they serve and the
case categories they take.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from org.domain.categories import normalize_categories
from org.domain.codes import is_within
from org.domain.division import Division
from org.domain.errors import (
    DepartmentDissolvedError,
    DepartmentHasActiveSections,
    DepartmentNameTaken,
    DepartmentParentNotAllowed,
    DepartmentParentRequired,
    DepartmentUnitNotAllowed,
    InvalidDepartmentDivision,
    InvalidDepartmentParent,
    InvalidDivisionCode,
)
from org.domain.events import (
    DepartmentCreated,
    DepartmentDissolved,
    DepartmentEvent,
    DepartmentUpdated,
)
from org.domain.kinds import DepartmentKind, DepartmentStatus
from org.domain.levels import DivisionLevel
from org.domain.phone import clean_office_phone
from org.domain.text import clean_name
from org.domain.unit import Unit

__all__ = [
    "Department",
    "DepartmentKind",
    "DepartmentStatus",
    "ensure_department_name_free",
]

_K = DepartmentKind

# The levels a kind of department serves; kinds not named here serve any division.
_SERVED_LEVELS: dict[DepartmentKind, frozenset[DivisionLevel]] = {
    _K.DISTRICT_BUREAU: frozenset({DivisionLevel.DISTRICT}),
    _K.SUBDISTRICT_OFFICE: frozenset({DivisionLevel.SUBDISTRICT, DivisionLevel.TOWN}),
}

_LABELS = {
    _K.DISTRICT_BUREAU: "district bureau (区直部门)",
    _K.SUBDISTRICT_OFFICE: "subdistrict office (街道科室)",
    _K.SECTION: "section (内设科室)",
    _K.PROPERTY_COMPANY: "property company (物业公司)",
    _K.MAINTENANCE_COMPANY: "maintenance company (维保单位)",
    _K.PUBLIC_UTILITY: "public utility (水电气暖)",
    _K.OTHER_PARTY: "outside party",
}

_E = TypeVar("_E", bound=DepartmentEvent)


@dataclass(kw_only=True)
class Department(Aggregate):
    """A body that takes cases of some categories for the division it serves.

    ``division_code`` is the code of that division, kept here so that the
    cases service can match a case's place to departments from the events
    alone; it follows the division when the division moves (:meth:`recode`).
    ``phone`` is the office's public number, held as plain text: it is the
    contact of a body, not personal data.
    """

    aggregate_type: ClassVar[str] = "department"

    name: str
    kind: DepartmentKind
    parent_id: UUID | None = None
    division_id: UUID
    division_code: str
    categories: tuple[str, ...] = ()
    unit_id: UUID | None = None
    phone: str | None = None
    status: DepartmentStatus = DepartmentStatus.ACTIVE

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        name: str,
        kind: DepartmentKind,
        division: Division,
        parent: Department | None = None,
        categories: Iterable[str] = (),
        unit: Unit | None = None,
        phone: str | None = None,
    ) -> Department:
        """Set up a department serving ``division``.

        A section names its ``parent``: an active department that is not a
        section, serving ``division`` or a division above it. Only an outside
        party is linked to a registered ``unit``. Check with
        :func:`ensure_department_name_free` that no active department of the
        division has the name.
        """
        clean = clean_name(name, label="Department name")
        _check_parent(kind, parent, division)
        _check_division(kind, division)
        if unit is not None and not kind.is_outside_party:
            raise DepartmentUnitNotAllowed(
                f"A {_LABELS[kind]} is part of government; only outside parties (companies, "
                "utilities) are linked to a registered unit",
                kind=kind.value,
            )
        department = cls(
            id=id,
            name=clean,
            kind=kind,
            parent_id=parent.id if parent else None,
            division_id=division.id,
            division_code=division.code,
            categories=normalize_categories(categories),
            unit_id=unit.id if unit else None,
            phone=None if phone is None else clean_office_phone(phone),
        )
        department.record(department._event(DepartmentCreated))
        return department

    @property
    def is_active(self) -> bool:
        """Whether the department still takes cases."""
        return self.status is DepartmentStatus.ACTIVE

    def update(
        self,
        *,
        name: str | Unchanged = UNCHANGED,
        categories: Iterable[str] | Unchanged = UNCHANGED,
        phone: str | Unchanged | None = UNCHANGED,
    ) -> tuple[str, ...]:
        """Rename, change the categories taken or the phone; returns the fields that changed.

        ``phone=None`` (or blank) removes the number. A dissolved department
        takes no changes. After a rename, check the name with
        :func:`ensure_department_name_free`.
        """
        self._ensure_active()
        proposed: dict[str, Any] = {
            "name": self.name if name is UNCHANGED else clean_name(name, label="Department name"),
            "categories": self.categories
            if categories is UNCHANGED
            else normalize_categories(categories),
            "phone": self.phone
            if phone is UNCHANGED
            else (None if phone is None else clean_office_phone(phone)),
        }
        changed = tuple(f for f, value in proposed.items() if getattr(self, f) != value)
        if changed:
            for f in changed:
                setattr(self, f, proposed[f])
            self.record(self._event(DepartmentUpdated, changed_fields=changed))
        return changed

    def dissolve(self, *, sections: Iterable[Department]) -> DepartmentDissolved:
        """Dissolve the department (撤销); ``sections`` are its sections, which must be
        dissolved first."""
        self._ensure_active()
        active = sorted(s.name for s in sections if s.parent_id == self.id and s.is_active)
        if active:
            raise DepartmentHasActiveSections(
                f"{self.name} still has {len(active)} active section(s) ({'、'.join(active)}); "
                "dissolve them first",
                department_id=str(self.id),
                sections=len(active),
            )
        self.status = DepartmentStatus.DISSOLVED
        event = self._event(DepartmentDissolved)
        self.record(event)
        return event

    def recode(self, new_code: str) -> DepartmentUpdated | None:
        """Take the new code of the division it serves, which moved; dissolved ones follow too."""
        if len(new_code) != len(self.division_code) or not new_code.isdigit():
            raise InvalidDivisionCode(
                f"Code {new_code} cannot replace {self.division_code}: a division keeps its level"
            )
        if new_code == self.division_code:
            return None
        self.division_code = new_code
        event = self._event(DepartmentUpdated, changed_fields=("division_code",))
        self.record(event)
        return event

    def _ensure_active(self) -> None:
        if not self.is_active:
            raise DepartmentDissolvedError(
                f"{self.name} is dissolved and can no longer be changed",
                department_id=str(self.id),
            )

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            department_id=self.id,
            name=self.name,
            kind=self.kind,
            parent_id=self.parent_id,
            division_id=self.division_id,
            division_code=self.division_code,
            categories=self.categories,
            unit_id=self.unit_id,
            phone=self.phone,
            status=self.status,
            **extra,
        )


def ensure_department_name_free(holder: Department | None, department: Department) -> None:
    """Refuse a name another active department of the same division already has.

    ``holder`` is the active department of ``department``'s division with that
    name, if any; the department itself may keep its own name.
    """
    if holder is not None and holder.id != department.id:
        raise DepartmentNameTaken(
            f"{department.name} is already the name of an active department of division "
            f"{department.division_code}",
            name=department.name,
            division_code=department.division_code,
            department_id=str(holder.id),
        )


def _check_parent(kind: DepartmentKind, parent: Department | None, division: Division) -> None:
    if kind is not DepartmentKind.SECTION:
        if parent is not None:
            raise DepartmentParentNotAllowed(
                f"A {_LABELS[kind]} stands on its own; only a section (内设科室) has a parent "
                "department",
                kind=kind.value,
            )
        return
    if parent is None:
        raise DepartmentParentRequired(
            "A section (内设科室) is part of another department: name its parent department"
        )
    if not parent.is_active:
        raise InvalidDepartmentParent(
            f"{parent.name} is dissolved; a section belongs to an active department",
            parent_id=str(parent.id),
        )
    if parent.kind is DepartmentKind.SECTION:
        raise InvalidDepartmentParent(
            f"{parent.name} is a section itself; a section belongs to a bureau, an office or "
            "an outside party",
            parent_id=str(parent.id),
        )
    if not is_within(division.code, parent.division_code):
        raise InvalidDepartmentParent(
            f"{parent.name} serves division {parent.division_code}; its section must serve "
            f"that division or one inside it, not {division.name} ({division.code})",
            parent_id=str(parent.id),
            division_code=division.code,
        )


def _check_division(kind: DepartmentKind, division: Division) -> None:
    levels = _SERVED_LEVELS.get(kind)
    if levels is None or division.level in levels:
        return
    wanted = " or ".join(f"{level.value.lower()} ({level.label})" for level in sorted(levels))
    raise InvalidDepartmentDivision(
        f"A {_LABELS[kind]} serves a {wanted}; {division.name} is a "
        f"{division.level.value.lower()} ({division.level.label})",
        kind=kind.value,
        division_level=division.level.value,
    )
