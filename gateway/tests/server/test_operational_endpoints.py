"""What ops see on the gateway: liveness, readiness and metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest_asyncio

from gateway.config import GatewaySettings
from gateway.server import create_app
from gateway.service import Gateway
from gateway.supergraph.parse import parse_supergraph
from gridkit.auth import TokenVerifier, issue_dev_token
from gridkit.testing.graphql import serve

SUPERGRAPHS = Path(__file__).resolve().parents[1] / "support" / "supergraphs"


@pytest_asyncio.fixture(loop_scope="session")
async def gateway_http() -> AsyncIterator[httpx.AsyncClient]:
    sdl = sorted(SUPERGRAPHS.glob("*.graphql"))[0].read_text(encoding="utf-8")

    async def load() -> Gateway:
        return Gateway(parse_supergraph(sdl))

    async with serve(create_app(load)) as http:
        yield http


async def test_healthz_and_readyz_answer_once_the_supergraph_is_loaded(
    gateway_http: httpx.AsyncClient,
) -> None:
    assert (await gateway_http.get("/healthz")).json() == {"status": "ok"}
    ready = await gateway_http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"supergraph": "ok"}}


async def test_metrics_count_requests_and_plan_cache_use(gateway_http: httpx.AsyncClient) -> None:
    for _ in range(2):
        await gateway_http.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"content-type": "application/json"},
        )
    text = (await gateway_http.get("/metrics")).text
    assert 'pioneer_http_requests_total{path="/graphql",service="gateway",status="200"}' in text
    assert 'pioneer_gateway_plan_cache_total{outcome="hit"}' in text


async def test_a_forged_token_is_refused_before_any_subgraph_is_asked() -> None:
    sdl = sorted(SUPERGRAPHS.glob("*.graphql"))[0].read_text(encoding="utf-8")
    settings = GatewaySettings()

    async def load() -> Gateway:
        return Gateway(parse_supergraph(sdl))

    app = create_app(load, verifier=TokenVerifier(settings))
    async with serve(app) as http:
        body = {"query": "{ __typename }"}
        forged = await http.post(
            "/graphql", json=body, headers={"authorization": "Bearer not.a.token"}
        )
        assert forged.status_code == 401
        assert forged.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        token = issue_dev_token(settings, subject="u1", roles=["OFFICER"])
        valid = await http.post("/graphql", json=body, headers={"authorization": f"Bearer {token}"})
        assert valid.status_code == 200
        assert valid.json() == {"data": {"__typename": "Query"}}
        anonymous = await http.post("/graphql", json=body)
        assert anonymous.status_code == 200
