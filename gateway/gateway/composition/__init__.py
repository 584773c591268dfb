"""Composition of Apollo Federation subgraphs into a Federation 2 supergraph, in Python.

``compose([SubgraphSource(name, url, sdl), ...])`` returns the supergraph SDL Apollo's
composer (``@apollo/composition`` 2.14) produces for the same subgraphs, or raises
``CompositionError`` whose ``issues`` name the code, subgraphs, type and field of every
problem. ``fetch_subgraph_sdl`` asks a running subgraph for its SDL.

Covered: Federation 2 subgraphs (``@link`` to federation v2.0-v2.14, imports with aliases
and namespaces, ``@tag``/``@inaccessible`` under other names) and Federation 1 subgraphs
(every field shareable, ``@external`` key fields of extensions resolved, unused externals
dropped); ``@key`` (``resolvable``, nested, on interfaces, type extensions), ``@shareable``,
``@external``, ``@requires``, ``@provides``, ``@override`` (with ``usedOverridden``),
``@inaccessible``, ``@tag``, ``@interfaceObject``, ``@extends``; merging of objects,
interfaces, unions, enums (by input/output usage), input objects, scalars, arguments,
descriptions and ``@deprecated``; renamed root types; executable directive definitions
shared by every subgraph; the join spec version Apollo picks (v0.3, v0.4 or v0.5). Checks:
the subgraphs' own keys, ``@requires``, ``@provides`` and externals, field sharing, type
compatibility, API schema validity (``@inaccessible``) and, approximately, satisfiability.

Not supported yet, reported as ``UNSUPPORTED_FEATURE`` rather than composed wrongly:
``@composeDirective``, ``@authenticated``, ``@requiresScopes``, ``@policy``, ``@context`` /
``@fromContext``, ``@cost`` / ``@listSize``, ``@cacheTag``, progressive ``@override(label:)``
and federation directives applied to the schema itself. Custom type-system directives are
dropped, as Apollo does without ``@composeDirective``.

Checked more loosely than Apollo: satisfiability (whether every field can be fetched wherever
a query reaches it) follows entity keys between subgraphs by their top-level fields only and
ignores ``@requires`` conditions, so some unsatisfiable supergraphs compose here that Apollo
refuses. Apollo's hints (warnings) are not produced.
"""

from gateway.composition.compose import compose
from gateway.composition.errors import CompositionError, CompositionIssue
from gateway.composition.fetch import SubgraphFetchError, fetch_subgraph_sdl
from gateway.composition.subgraph import SubgraphSource

__all__ = [
    "CompositionError",
    "CompositionIssue",
    "SubgraphFetchError",
    "SubgraphSource",
    "compose",
    "fetch_subgraph_sdl",
]
