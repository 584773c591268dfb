"""What every merge step shares: the subgraphs, the overrides, the issues found so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from gateway.composition.errors import CompositionIssue
from gateway.composition.subgraph import Subgraph
from gateway.composition.usage import FieldUsage, field_usage

__all__ = ["MergeContext", "Overridden"]

Overridden = tuple[str, str, str]
"""``(subgraph name, type, field)`` of a field another subgraph took over with @override."""


@dataclass(slots=True)
class MergeContext:
    """Shared state of one composition."""

    subgraphs: list[Subgraph]
    """In ``join__Graph`` order (sorted by name)."""
    issues: list[CompositionIssue] = field(default_factory=list)
    dropped: set[Overridden] = field(default_factory=set)
    """Overridden fields the old subgraph no longer uses: they leave the supergraph."""
    used_overridden: set[Overridden] = field(default_factory=set)
    """Overridden fields the old subgraph still selects in a key, @requires or @provides."""
    overriding: set[Overridden] = field(default_factory=set)
    """Fields whose @override takes a field over from another subgraph."""
    implementations: dict[str, set[str]] = field(default_factory=dict)
    """Interface → the types implementing it in any subgraph."""
    union_members: dict[str, set[str]] = field(default_factory=dict)
    _usage: dict[str, FieldUsage] = field(default_factory=dict)

    def usage(self, subgraph: Subgraph) -> FieldUsage:
        """The fields the subgraph's keys, @requires and @provides select (cached)."""
        if subgraph.name not in self._usage:
            self._usage[subgraph.name] = field_usage(subgraph)
        return self._usage[subgraph.name]

    def by_name(self, name: str) -> Subgraph | None:
        """The subgraph called ``name``, if it is being composed."""
        return next((subgraph for subgraph in self.subgraphs if subgraph.name == name), None)

    def issue(
        self,
        code: str,
        message: str,
        subgraphs: list[str] | tuple[str, ...],
        type_name: str | None = None,
        field_name: str | None = None,
    ) -> None:
        """Record an issue."""
        self.issues.append(
            CompositionIssue(
                code=code,
                message=message,
                subgraphs=tuple(dict.fromkeys(subgraphs)),
                type_name=type_name,
                field_name=field_name,
            )
        )

    def named_subtype(self, sub: str, sup: str) -> bool:
        """Whether a value of named type ``sub`` is a valid ``sup`` in the supergraph."""
        return (
            sub == sup
            or sub in self.implementations.get(sup, ())
            or sub in self.union_members.get(sup, ())
        )
