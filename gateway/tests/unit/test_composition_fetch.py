"""Fetching a subgraph's SDL over HTTP, against small local aiohttp servers."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web

from gateway.composition import SubgraphFetchError, fetch_subgraph_sdl
from gateway.composition.fetch import SERVICE_SDL_QUERY

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SDL = 'type Query { grid: Grid }\ntype Grid @key(fields: "id") { id: ID! }'


@pytest.fixture
async def serve() -> AsyncIterator[Callable[[Handler], Awaitable[str]]]:
    """Serve a handler on a free local port; yields a function returning its URL."""
    runners: list[web.AppRunner] = []

    async def start(handler: Handler) -> str:
        app = web.Application()
        app.router.add_post("/graphql", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        runners.append(runner)
        # Binding port 0 lets the kernel pick a free port.
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        await web.SockSite(runner, sock).start()
        return f"http://127.0.0.1:{sock.getsockname()[1]}/graphql"

    yield start
    for runner in runners:
        await runner.cleanup()


async def test_the_sdl_is_what_the_subgraph_answers_to_service_sdl(
    serve: Callable[[Handler], Awaitable[str]],
) -> None:
    received: list[dict[str, object]] = []

    async def handler(request: web.Request) -> web.Response:
        received.append(await request.json())
        return web.json_response({"data": {"_service": {"sdl": SDL}}})

    url = await serve(handler)

    assert await fetch_subgraph_sdl(url, timeout=5, name="org") == SDL
    assert received == [{"query": SERVICE_SDL_QUERY}]


async def test_an_unreachable_subgraph_is_named_in_the_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the fetch: nobody listens there

    with pytest.raises(SubgraphFetchError, match=r'subgraph "org" .*unreachable') as caught:
        await fetch_subgraph_sdl(f"http://127.0.0.1:{port}/graphql", timeout=5, name="org")

    assert caught.value.subgraph == "org"


async def test_a_subgraph_slower_than_the_timeout_is_reported(
    serve: Callable[[Handler], Awaitable[str]],
) -> None:
    async def handler(request: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.json_response({"data": {"_service": {"sdl": SDL}}})

    url = await serve(handler)

    with pytest.raises(SubgraphFetchError, match=r"no answer within 0\.2s"):
        await fetch_subgraph_sdl(url, timeout=0.2, name="cases")


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (500, "boom", "answered HTTP 500: boom"),
        (200, "<html>not graphql</html>", "not JSON"),
        (200, json.dumps({"errors": [{"message": "Cannot query field _service"}]}), "_service"),
        (200, json.dumps({"data": {"_service": None}}), "is it a federation subgraph?"),
    ],
)
async def test_an_answer_without_an_sdl_is_reported_with_its_reason(
    serve: Callable[[Handler], Awaitable[str]], status: int, body: str, reason: str
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, text=body, content_type="application/json")

    url = await serve(handler)

    with pytest.raises(SubgraphFetchError) as caught:
        await fetch_subgraph_sdl(url, timeout=5, name="org")

    assert reason in str(caught.value)
    assert str(caught.value).startswith(f'subgraph "org" ({url}): ')
