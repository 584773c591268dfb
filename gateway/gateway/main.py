"""The gateway's ASGI app, configured from the environment: ``uvicorn gateway.main:app``.

The supergraph is loaded (or composed) when the app starts, not at import.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.applications import Starlette

from gateway.config import GatewaySettings
from gateway.server import create_app
from gateway.service import Gateway
from gateway.supergraph.model import Supergraph
from gridkit.auth import TokenVerifier
from gridkit.web.request_id import RequestIdMiddleware


async def load_supergraph(settings: GatewaySettings) -> Supergraph:
    """The supergraph from the file in the settings, or composed from the subgraphs' SDL."""
    from gateway.supergraph.parse import parse_supergraph

    if settings.supergraph:
        text = await asyncio.to_thread(Path(settings.supergraph).read_text, encoding="utf-8")
        return parse_supergraph(text)
    if not settings.subgraphs:
        raise SystemExit("give a supergraph file (--supergraph) or subgraphs (--subgraph name=url)")
    from gateway.composition import SubgraphSource, compose
    from gateway.composition.fetch import fetch_subgraph_sdl

    sources = [
        SubgraphSource(name=name, url=url, sdl=await fetch_subgraph_sdl(url, timeout=10))
        for name, url in settings.subgraphs.items()
    ]
    return parse_supergraph(compose(sources))


def build_app(settings: GatewaySettings | None = None) -> Starlette:
    """The gateway app for ``settings`` (read from the environment by default)."""
    settings = settings or GatewaySettings()

    async def load() -> Gateway:
        return Gateway(
            await load_supergraph(settings),
            timeout_seconds=settings.subgraph_timeout_seconds,
            pool_size=settings.subgraph_pool_size,
            cache_size=settings.plan_cache_size,
        )

    verifier = TokenVerifier(settings) if settings.verify_tokens else None
    app = create_app(load, expose_query_plan=settings.expose_query_plan, verifier=verifier)
    # The id a client sent, or a new one: logged here, forwarded to every subgraph, echoed back.
    app.add_middleware(RequestIdMiddleware)
    return app


app = build_app()
