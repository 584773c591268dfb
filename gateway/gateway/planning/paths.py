"""Path choice: of the ways through the query graph that resolve a field, the cheapest.

A field may be resolvable by several subgraphs (``@shareable``, a field every subgraph of an
entity declares), and reaching one may take an entity jump. The choice cannot be made from the
field alone: what its selections ask decides whether staying put costs more fetches later.
So each candidate is costed by planning the field's whole subtree at that node, on scratch
groups (``estimate``): the cost is the number of fetches it adds, then the number of sequential
steps. Costs are remembered per (node, field, provision, entity top) for one operation, so a
subtree is costed once per node however often it is asked about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graphql import FieldNode

from gateway.planning.conditions import Conditions, Provided, provided_key
from gateway.planning.graph import Edge, Node, QueryGraph


@dataclass(frozen=True, order=True, slots=True)
class Cost:
    """What a choice adds to the plan: fetches first, then sequential steps."""

    fetches: int
    steps: int

    def plus(self, fetches: int, steps: int = 0) -> Cost:
        """This cost and some more."""
        return Cost(self.fetches + fetches, self.steps + steps)


UNREACHABLE = Cost(1 << 30, 1 << 30)
"""The cost of a way that cannot be planned at all."""

Estimate = Callable[[Node, FieldNode, "Provided | None", bool], "Cost | None"]
"""Plans a field's subtree at a node on scratch groups; ``None`` when it cannot be planned."""

_CacheKey = tuple[Node, int, str, bool]


class Choices:
    """The planner's choices between ways, each by the cost of the whole subtree."""

    def __init__(self, graph: QueryGraph, conditions: Conditions, estimate: Estimate) -> None:
        self.graph = graph
        self.conditions = conditions
        self._estimate = estimate
        self._costs: dict[_CacheKey, Cost] = {}
        self._in_progress: set[_CacheKey] = set()
        self.jumps = 0
        """Entity jumps planned so far for the operation, scratch walks included."""

    def cost(
        self, node: Node, field: FieldNode, provided: Provided | None, entity_top: bool
    ) -> Cost:
        """The cost of resolving ``field`` (and everything under it) at ``node``."""
        key = (node, id(field), provided_key(provided), entity_top)
        known = self._costs.get(key)
        if known is not None:
            return known
        if key in self._in_progress:
            return UNREACHABLE  # a way that comes back to itself is never the cheapest
        self._in_progress.add(key)
        try:
            cost = self._estimate(node, field, provided, entity_top) or UNREACHABLE
        finally:
            self._in_progress.discard(key)
        self._costs[key] = cost
        return cost

    def root_graph(
        self, root_type: str, field: FieldNode, candidates: Sequence[str], open_roots: set[str]
    ) -> str:
        """The subgraph to ask for a root field several subgraphs resolve."""
        if len(candidates) == 1:
            return candidates[0]

        def cost(graph: str) -> tuple[Cost, Cost, bool]:
            # Among equal plans, the one asking this subgraph for the whole field (its subtree
            # adds nothing), then one whose root fetch is open already.
            here = self.cost(Node(root_type, graph), field, None, False)
            return here.plus(0 if graph in open_roots else 1), here, graph not in open_roots

        return min(candidates, key=cost)

    def jumps_by_cost(
        self,
        origins: Sequence[Node],
        field: FieldNode,
        edges: Sequence[Edge],
        siblings: Sequence[str] = (),
    ) -> list[Edge]:
        """Jumps towards ``field``, cheapest first; among equals, the one whose subgraph also
        resolves more of the ``siblings`` the objects' own subgraph cannot (they will need a
        jump too, and can share this one), then in the order given."""
        if len(edges) <= 1:
            return list(edges)
        here = origins[0] if origins else None
        away = [
            name for name in siblings if here is None or self.graph.field_edge(here, name) is None
        ]

        def cost(edge: Edge) -> tuple[Cost, int]:
            reached = self.cost(edge.head, field, None, True)
            keyed = any(
                self.conditions.locally_available(origin, key.fields, None)
                for origin in origins
                for key in edge.keys
            )
            shared = sum(1 for name in away if self.graph.field_edge(edge.head, name) is not None)
            return reached.plus(0 if keyed else 1), -shared

        return sorted(edges, key=cost)

    def cheaper_elsewhere(
        self,
        node: Node,
        field: FieldNode,
        provided: Provided | None,
        edges: Sequence[Edge],
    ) -> Edge | None:
        """A jump that resolves ``field`` with fewer fetches than staying at ``node``, if any."""
        if field.selection_set is None or not edges:
            return None
        here = self.cost(node, field, provided, False)
        if here.fetches == 0:
            return None
        best: tuple[Cost, Edge] | None = None
        for edge in edges:
            if not any(
                self.conditions.locally_available(node, key.fields, provided) for key in edge.keys
            ):
                continue
            there = self.cost(edge.head, field, None, True).plus(1, 1)
            if there.fetches < here.fetches and (best is None or there < best[0]):
                best = (there, edge)
        return best[1] if best is not None else None
