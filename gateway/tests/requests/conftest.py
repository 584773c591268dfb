"""A real supergraph for the request tests: nothing here reaches a subgraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.supergraph.model import Supergraph
from gateway.supergraph.parse import parse_supergraph

SUPERGRAPH = Path(__file__).resolve().parents[1] / "support" / "supergraphs" / "grid_fed2.graphql"


@pytest.fixture(scope="session")
def grid_supergraph() -> Supergraph:
    """The federation 2 grid supergraph (cases, org, workers)."""
    return parse_supergraph(SUPERGRAPH.read_text(encoding="utf-8"))
