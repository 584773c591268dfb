"""The shop the planner's tests plan over is the supergraph Apollo's composer makes of it.

The planner's tests compose the shop in Python so they run without Node; this one check, which
needs Node, keeps that supergraph honest: the gateway's composer must print exactly what
Apollo's prints for the same subgraphs.
"""

from __future__ import annotations

import difflib

import pytest

from gateway.composition import SubgraphSource
from gateway.supergraph.model import Supergraph
from gridkit.testing.federation import compose_with_apollo, require_apollo


def test_the_shop_is_the_supergraph_apollos_composer_makes(
    shop_subgraphs: list[SubgraphSource], shop: Supergraph
) -> None:
    require_apollo(checking="the planner's shop against Apollo's composition")

    theirs = compose_with_apollo({s.name: (s.url, s.sdl) for s in shop_subgraphs})

    if shop.sdl != theirs:
        diff = difflib.unified_diff(
            theirs.splitlines(keepends=True),
            shop.sdl.splitlines(keepends=True),
            fromfile="Apollo's composer",
            tofile="the gateway's composer",
        )
        pytest.fail("the shop's supergraphs differ:\n" + "".join(diff), pytrace=False)
