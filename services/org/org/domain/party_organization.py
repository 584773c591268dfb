"""Grass-roots party organisations (基层党组织): committees, general branches, branches, groups."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import UNCHANGED, Aggregate, Unchanged
from org.domain.division import Division
from org.domain.errors import (
    GridAlreadyHasPartyOrganization,
    GridRetiredError,
    InvalidPartyOrganizationParent,
)
from org.domain.events import (
    PartyOrganizationCreated,
    PartyOrganizationEvent,
    PartyOrganizationUpdated,
)
from org.domain.grid import Grid
from org.domain.kinds import PartyOrganizationKind
from org.domain.text import clean_name

__all__ = [
    "PartyOrganization",
    "PartyOrganizationKind",
    "ensure_grid_has_no_party_organization",
]

_K = PartyOrganizationKind

# None stands for "no parent": only a committee may stand at the top.
_ALLOWED_PARENTS: dict[PartyOrganizationKind, frozenset[PartyOrganizationKind | None]] = {
    _K.COMMITTEE: frozenset({None, _K.COMMITTEE}),
    _K.GENERAL_BRANCH: frozenset({_K.COMMITTEE}),
    _K.BRANCH: frozenset({_K.COMMITTEE, _K.GENERAL_BRANCH}),
    _K.GROUP: frozenset({_K.BRANCH}),
}

_LABELS = {
    _K.COMMITTEE: "party committee (党委)",
    _K.GENERAL_BRANCH: "general party branch (党总支)",
    _K.BRANCH: "party branch (党支部)",
    _K.GROUP: "party group (党小组)",
}

_E = TypeVar("_E", bound=PartyOrganizationEvent)


@dataclass(kw_only=True)
class PartyOrganization(Aggregate):
    """A party organisation in a division, optionally serving one grid."""

    aggregate_type: ClassVar[str] = "party_organization"

    name: str
    kind: PartyOrganizationKind
    parent_id: UUID | None = None
    grid_id: UUID | None = None
    division_id: UUID

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        name: str,
        kind: PartyOrganizationKind,
        division: Division,
        parent: PartyOrganization | None = None,
        grid: Grid | None = None,
    ) -> PartyOrganization:
        """Set up a party organisation.

        When it serves ``grid``, first check with
        :func:`ensure_grid_has_no_party_organization` that no other one does.
        """
        clean = clean_name(name, label="Party organisation name")
        _check_parent(kind, parent)
        if grid is not None:
            _ensure_grid_active(grid)
        organization = cls(
            id=id,
            name=clean,
            kind=kind,
            parent_id=parent.id if parent else None,
            grid_id=grid.id if grid else None,
            division_id=division.id,
        )
        organization.record(organization._event(PartyOrganizationCreated))
        return organization

    def update(
        self,
        *,
        name: str | Unchanged = UNCHANGED,
        parent: PartyOrganization | Unchanged | None = UNCHANGED,
        parent_ancestor_ids: Collection[UUID] = (),
        grid: Grid | Unchanged | None = UNCHANGED,
    ) -> tuple[str, ...]:
        """Rename, re-parent or re-assign to a grid; returns the fields that changed.

        ``parent_ancestor_ids`` are the ids above the new parent, so that a
        committee is never put under its own descendant. ``parent=None`` makes a
        committee top-level; ``grid=None`` stops serving a grid.
        """
        proposed: dict[str, Any] = {
            "name": self.name
            if name is UNCHANGED
            else clean_name(name, label="Party organisation name"),
            "parent_id": self.parent_id,
            "grid_id": self.grid_id,
        }
        if parent is not UNCHANGED:
            _check_parent(self.kind, parent)
            if parent is not None:
                self._ensure_not_own_ancestor(parent, parent_ancestor_ids)
            proposed["parent_id"] = parent.id if parent else None
        if grid is not UNCHANGED:
            if grid is not None and grid.id != self.grid_id:
                _ensure_grid_active(grid)
            proposed["grid_id"] = grid.id if grid else None
        changed = tuple(f for f, value in proposed.items() if getattr(self, f) != value)
        if changed:
            for f in changed:
                setattr(self, f, proposed[f])
            self.record(self._event(PartyOrganizationUpdated, changed_fields=changed))
        return changed

    def _ensure_not_own_ancestor(
        self, parent: PartyOrganization, parent_ancestor_ids: Collection[UUID]
    ) -> None:
        if parent.id == self.id or self.id in parent_ancestor_ids:
            raise InvalidPartyOrganizationParent(
                f"{self.name} cannot sit under itself or an organisation below it"
            )

    def _event(self, event_type: type[_E], **extra: Any) -> _E:
        return event_type(
            party_organization_id=self.id,
            name=self.name,
            kind=self.kind,
            parent_id=self.parent_id,
            grid_id=self.grid_id,
            division_id=self.division_id,
            **extra,
        )


def ensure_grid_has_no_party_organization(
    existing: PartyOrganization | None,
    grid: Grid,
    *,
    except_for: UUID | None = None,
) -> None:
    """Refuse a second party organisation for ``grid``.

    ``existing`` is the organisation that serves the grid now, if any;
    ``except_for`` is the one being changed, which may keep serving it.
    """
    if existing is not None and existing.id != except_for:
        raise GridAlreadyHasPartyOrganization(
            f"Grid {grid.code} is already served by {existing.name}; "
            "a grid has one party organisation",
            grid_id=str(grid.id),
            party_organization_id=str(existing.id),
        )


def _check_parent(kind: PartyOrganizationKind, parent: PartyOrganization | None) -> None:
    allowed = _ALLOWED_PARENTS[kind]
    parent_kind = parent.kind if parent else None
    if parent_kind in allowed:
        return
    wanted = " or ".join(_LABELS[k] for k in PartyOrganizationKind if k in allowed)
    if parent_kind is None:
        message = f"A {_LABELS[kind]} must sit under a {wanted}"
    else:
        top = " or stand at the top" if None in allowed else ""
        message = (
            f"A {_LABELS[kind]} cannot sit under a {_LABELS[parent_kind]}; "
            f"it belongs under a {wanted}{top}"
        )
    raise InvalidPartyOrganizationParent(message, kind=kind.value)


def _ensure_grid_active(grid: Grid) -> None:
    if grid.is_retired:
        raise GridRetiredError(
            f"Grid {grid.code} is retired; no party organisation can serve it",
            grid_id=str(grid.id),
            grid_code=grid.code,
        )
