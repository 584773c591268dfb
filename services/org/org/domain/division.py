"""Administrative divisions (行政区划): district → subdistrict/town → community/village."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import Aggregate
from org.domain.codes import (
    LOCAL_CODE_LENGTH,
    compose_code,
    is_within,
    next_division_code,
    validate_division_code,
)
from org.domain.errors import DivisionCodeTaken, InvalidDivisionCode, InvalidDivisionParent
from org.domain.events import DivisionCreated, DivisionEvent, DivisionMoved, DivisionRenamed
from org.domain.levels import DivisionLevel
from org.domain.text import clean_name

__all__ = ["Division", "DivisionLevel"]

_E = TypeVar("_E", bound=DivisionEvent)


@dataclass(kw_only=True)
class Division(Aggregate):
    """A division of the district's tree; its code is its parent's code plus three digits."""

    aggregate_type: ClassVar[str] = "division"

    code: str
    name: str
    level: DivisionLevel
    parent_id: UUID | None = None

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        name: str,
        level: DivisionLevel,
        parent: Division | None = None,
        code: str | None = None,
        taken_codes: Collection[str] = (),
    ) -> Division:
        """Add a division to the tree.

        A district gives its six-digit ``code``. Below it, ``code`` is the
        three-digit local code or the full code; without it the next free local
        code under the parent is taken. ``taken_codes`` are the codes already in
        use (at least the parent's children).
        """
        clean = clean_name(name, label="Division name")
        _check_parent(level, parent)
        division = cls(
            id=id,
            code=_resolve_code(level, parent, code, taken_codes),
            name=clean,
            level=level,
            parent_id=parent.id if parent else None,
        )
        division.record(division._event(DivisionCreated))
        return division

    def rename(self, name: str) -> DivisionRenamed | None:
        """Give the division a new name; the same name again changes nothing."""
        clean = clean_name(name, label="Division name")
        if clean == self.name:
            return None
        previous, self.name = self.name, clean
        event = self._event(DivisionRenamed, previous_name=previous)
        self.record(event)
        return event

    def move_to(
        self,
        new_parent: Division,
        *,
        code: str | None = None,
        taken_codes: Collection[str] = (),
    ) -> DivisionMoved:
        """Move the division under another parent of the right level; it gets a new code.

        ``code`` and ``taken_codes`` work as in :meth:`create`, under the new parent.
        The divisions and grids below must then be re-coded (see ``subtree.move_division``).
        """
        if new_parent.id == self.id or is_within(new_parent.code, self.code):
            raise InvalidDivisionParent(
                f"{self.name} ({self.code}) cannot move under itself or its own subtree"
            )
        _check_parent(self.level, new_parent)
        if new_parent.id == self.parent_id:
            raise InvalidDivisionParent(f"{self.name} is already under {new_parent.name}")
        new_code = _resolve_code(self.level, new_parent, code, taken_codes)
        previous_parent_id, previous_code = self.parent_id, self.code
        self.parent_id, self.code = new_parent.id, new_code
        event = self._event(
            DivisionMoved, previous_parent_id=previous_parent_id, previous_code=previous_code
        )
        self.record(event)
        return event

    def recode(self, new_code: str) -> DivisionMoved | None:
        """Take a new code because an ancestor moved (see ``codes.reprefix``)."""
        validate_division_code(new_code, self.level)
        if new_code == self.code:
            return None
        previous_code, self.code = self.code, new_code
        event = self._event(
            DivisionMoved, previous_parent_id=self.parent_id, previous_code=previous_code
        )
        self.record(event)
        return event

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            division_id=self.id,
            code=self.code,
            name=self.name,
            level=self.level,
            parent_id=self.parent_id,
            **extra,
        )


def _check_parent(level: DivisionLevel, parent: Division | None) -> None:
    allowed = level.parent_levels
    if not allowed:
        if parent is not None:
            raise InvalidDivisionParent("A district (区) is the root of the tree and has no parent")
        return
    wanted = " or ".join(f"{p.value.lower()} ({p.label})" for p in sorted(allowed))
    if parent is None:
        raise InvalidDivisionParent(
            f"A {level.value.lower()} ({level.label}) must sit under a {wanted}"
        )
    if parent.level not in allowed:
        raise InvalidDivisionParent(
            f"A {level.value.lower()} ({level.label}) cannot sit directly under a "
            f"{parent.level.value.lower()} ({parent.level.label}); it belongs under a {wanted}",
            parent_level=parent.level.value,
        )


def _resolve_code(
    level: DivisionLevel,
    parent: Division | None,
    code: str | None,
    taken_codes: Collection[str],
) -> str:
    if parent is None:
        if code is None:
            raise InvalidDivisionCode("A district needs its six-digit administrative code")
        resolved = validate_division_code(code, level)
    elif code is None:
        resolved = next_division_code(parent.code, taken_codes)
    elif len(code) == LOCAL_CODE_LENGTH:
        resolved = compose_code(parent.code, code)
    else:
        resolved = validate_division_code(code, level)
        if not is_within(resolved, parent.code):
            raise InvalidDivisionCode(
                f"Code {resolved} does not start with its parent's code {parent.code}"
            )
    if resolved in taken_codes:
        raise DivisionCodeTaken(f"Division code {resolved} is already in use", code=resolved)
    return resolved
