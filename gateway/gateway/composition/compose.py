"""``compose``: from subgraph SDLs to the supergraph SDL, in the steps Apollo takes.

1. Read each subgraph (``reader``), giving Federation 1 subgraphs Fed 2 meanings (``fed1``).
2. Check each subgraph's own federation directives (``checks``).
3. Merge the types (``merge``), checking what needs the whole picture.
4. Check the API schema clients will see (``inaccessible``) and that every field can be
   reached (``satisfiability``), then print (``printer``).

Every step reports all the issues it finds; the first step with issues raises
``CompositionError`` carrying them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from gateway.composition.checks import check_subgraph
from gateway.composition.errors import CompositionError, CompositionIssue
from gateway.composition.fed1 import upgrade_fed1
from gateway.composition.graph_names import graph_enum_values
from gateway.composition.inaccessible import check_api_schema
from gateway.composition.merge import merge_subgraphs
from gateway.composition.printer import print_supergraph
from gateway.composition.reader import read_subgraph
from gateway.composition.satisfiability import check_satisfiability
from gateway.composition.spec import join_version
from gateway.composition.subgraph import Subgraph, SubgraphSource
from gateway.composition.validation import check_supergraph_sdl

__all__ = ["compose"]


def _read(sources: Sequence[SubgraphSource]) -> list[Subgraph]:
    issues: list[CompositionIssue] = []
    counts = Counter(source.name for source in sources)
    for name, count in counts.items():
        problem = (
            f"is given to {count} subgraphs"
            if count > 1
            else "is not allowed"
            if name in ("", "_")
            else None
        )
        if problem is not None:
            message = f'Subgraph name "{name}" {problem}: each subgraph needs its own name.'
            issues.append(CompositionIssue("INVALID_SUBGRAPH_NAME", message, (name,)))
    subgraphs: list[Subgraph] = []
    for source in sources:
        subgraph, problems = read_subgraph(source)
        issues.extend(problems)
        if subgraph is not None:
            if subgraph.is_fed1:
                issues.extend(upgrade_fed1(subgraph))
            subgraphs.append(subgraph)
    if issues:
        raise CompositionError(issues)
    return subgraphs


def compose(subgraphs: Sequence[SubgraphSource]) -> str:
    """Compose Federation subgraphs into a Federation 2 supergraph SDL.

    Each ``SubgraphSource`` carries the subgraph's name, routing URL and SDL (the
    ``{ _service { sdl } }`` answer). The result is the supergraph Apollo's composer would
    produce for the same subgraphs (``join``/``link`` specs, ``@join__*`` annotations).
    Raises ``CompositionError`` listing every issue when the subgraphs do not compose, and
    ``ValueError`` when given no subgraph.
    """
    if not subgraphs:
        raise ValueError("at least one subgraph is needed to compose a supergraph")
    read = _read(subgraphs)
    issues = [issue for subgraph in read for issue in check_subgraph(subgraph)]
    if issues:
        raise CompositionError(issues)
    graphs = graph_enum_values([subgraph.name for subgraph in read])
    for subgraph in read:
        subgraph.graph = graphs[subgraph.name]
    ordered = sorted(read, key=lambda subgraph: subgraph.name)
    supergraph = merge_subgraphs(
        ordered, join_version=join_version(subgraph.version for subgraph in ordered)
    )
    # Satisfiability is about the API schema, so that must be valid first.
    issues = check_api_schema(supergraph) or check_satisfiability(supergraph)
    if issues:
        raise CompositionError(issues)
    sdl = print_supergraph(supergraph)
    check_supergraph_sdl(sdl)
    return sdl
