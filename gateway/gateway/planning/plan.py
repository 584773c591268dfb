"""Query plans: the fetches an operation needs, in dependency order.

A plan is computed once per distinct operation and reused; nothing in it
depends on variable values. Fetch documents are printed at planning time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LIST = "@"
"""Path segment that stands for "every item of the list here"."""


@dataclass(frozen=True)
class ValueSpec:
    """One value copied from a fetched object into an entity representation."""

    key: str
    """Response key in the merged result (may be a gateway alias)."""
    name: str
    """Field name in the representation."""
    selections: tuple[ValueSpec, ...] | None = None


@dataclass(frozen=True)
class EntityInput:
    """Where an entity fetch finds its objects and what it sends for each."""

    path: tuple[str, ...]
    """Response keys from the root; ``@`` walks into list items."""
    type_names: frozenset[str]
    """Concrete ``__typename`` values taken at that path."""
    requires: tuple[ValueSpec, ...]
    """The representation: key fields and ``@requires`` inputs (``__typename`` is added)."""
    typename_as: str | None = None
    """Representation ``__typename`` when the target knows the type as an interface object."""
    filtered: bool = False
    """The objects are items of a list of an abstract type, taken by type: error paths count
    only the items taken (as Apollo's gateway reports them)."""


@dataclass(frozen=True)
class Rename:
    """A field the fetch asks under an alias of its own, answered under its response key.

    Sibling fragments on different types may ask one response key for fields of types that
    cannot share it in one document (``id: ID!`` on one, ``id: ID`` on the other): all but the
    first are aliased, and renamed back on the objects of their type when the answer comes.
    """

    path: tuple[str, ...]
    """Response keys from the fetch's result (an entity, or the root data); lists are walked."""
    type_names: frozenset[str]
    """The concrete types whose objects carry the alias."""
    alias: str
    key: str


@dataclass(frozen=True)
class Fetch:
    """One request to one subgraph."""

    id: int
    service: str
    """Graph id (``join__Graph`` value)."""
    operation: str
    """The GraphQL document sent."""
    variable_usages: tuple[str, ...]
    """Client variables the document declares (others are not sent)."""
    entities: tuple[EntityInput, ...] = ()
    """Empty for a root fetch; otherwise an ``_entities`` fetch fed from these inputs."""
    depends_on: tuple[int, ...] = ()
    """Fetches whose results must be merged first."""
    renames: tuple[Rename, ...] = ()
    """Fields to rename in the answer before it is merged."""

    @property
    def is_entity_fetch(self) -> bool:
        """Whether this fetch resolves entities rather than root fields."""
        return bool(self.entities)


@dataclass(frozen=True)
class QueryPlan:
    """Every fetch of an operation; a fetch runs once all it depends on have merged."""

    fetches: tuple[Fetch, ...]
    kind: str = "query"
    root_type: str = "Query"

    def levels(self) -> list[list[Fetch]]:
        """Fetches grouped by dependency depth: each level runs in parallel."""
        depth: dict[int, int] = {}
        for fetch in self.fetches:
            depth[fetch.id] = 1 + max((depth[d] for d in fetch.depends_on), default=-1)
        levels: list[list[Fetch]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
        for fetch in self.fetches:
            levels[depth[fetch.id]].append(fetch)
        return levels

    def to_json(self, service_names: dict[str, str]) -> dict[str, Any]:
        """The plan as a JSON document, for the debug extension and for tests."""
        steps: list[dict[str, Any]] = []
        for level in self.levels():
            nodes = [_fetch_json(fetch, service_names) for fetch in level]
            steps.append(nodes[0] if len(nodes) == 1 else {"kind": "Parallel", "nodes": nodes})
        node: dict[str, Any] | None
        if not steps:
            node = None
        elif len(steps) == 1:
            node = steps[0]
        else:
            node = {"kind": "Sequence", "nodes": steps}
        return {"kind": "QueryPlan", "node": node}


def _fetch_json(fetch: Fetch, service_names: dict[str, str]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "kind": "Fetch",
        "serviceName": service_names.get(fetch.service, fetch.service),
        "variableUsages": list(fetch.variable_usages),
        "operation": fetch.operation,
    }
    if fetch.entities:
        document["entities"] = [
            {
                "path": list(entity.path),
                "types": sorted(entity.type_names),
                "requires": [_spec_json(spec) for spec in entity.requires],
            }
            for entity in fetch.entities
        ]
    return document


def _spec_json(spec: ValueSpec) -> Any:
    if spec.selections is None:
        return spec.name
    return {spec.name: [_spec_json(inner) for inner in spec.selections]}
