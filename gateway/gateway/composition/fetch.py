"""Ask a running subgraph for its SDL: ``{ _service { sdl } }``, as a federation router does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
import orjson

__all__ = ["SERVICE_SDL_QUERY", "SubgraphFetchError", "fetch_subgraph_sdl"]

SERVICE_SDL_QUERY = "query SubgraphSdl { _service { sdl } }"

_SNIPPET = 300


class SubgraphFetchError(RuntimeError):
    """The subgraph could not be reached or did not answer with its SDL."""

    def __init__(self, subgraph: str, url: str, reason: str) -> None:
        self.subgraph = subgraph
        self.url = url
        self.reason = reason
        super().__init__(f'subgraph "{subgraph}" ({url}): {reason}')


def _snippet(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return text if len(text) <= _SNIPPET else text[:_SNIPPET] + "…"


def _sdl_from(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    data = answer.get("data")
    service = data.get("_service") if isinstance(data, dict) else None
    sdl = service.get("sdl") if isinstance(service, dict) else None
    return sdl if isinstance(sdl, str) else None


async def _post(
    session: aiohttp.ClientSession,
    url: str,
    headers: Mapping[str, str],
    limit: aiohttp.ClientTimeout,
) -> tuple[int, bytes]:
    async with session.post(
        url,
        data=orjson.dumps({"query": SERVICE_SDL_QUERY}),
        headers={"content-type": "application/json", "accept": "application/json", **headers},
        timeout=limit,
    ) as response:
        return response.status, await response.read()


async def fetch_subgraph_sdl(
    url: str,
    *,
    timeout: float,  # noqa: ASYNC109 - applied as aiohttp's request timeout, which cleans up
    name: str | None = None,
    headers: Mapping[str, str] | None = None,
    session: aiohttp.ClientSession | None = None,
) -> str:
    """Fetch a subgraph's SDL by POSTing ``{ _service { sdl } }`` to ``url``.

    ``timeout`` bounds the whole exchange, in seconds. ``name`` names the subgraph in errors
    (the URL does otherwise); pass ``session`` to reuse a pooled client. Raises
    ``SubgraphFetchError`` when the subgraph is unreachable, answers an HTTP error, or does
    not answer with an SDL.
    """
    subgraph = name or url
    limit = aiohttp.ClientTimeout(total=timeout)
    try:
        if session is not None:
            status, body = await _post(session, url, headers or {}, limit)
        else:
            async with aiohttp.ClientSession() as own_session:
                status, body = await _post(own_session, url, headers or {}, limit)
    except TimeoutError as error:
        raise SubgraphFetchError(
            subgraph, url, f"unreachable: no answer within {timeout:g}s"
        ) from error
    except (aiohttp.ClientError, OSError) as error:
        raise SubgraphFetchError(subgraph, url, f"unreachable: {error}") from error
    if not 200 <= status < 300:
        raise SubgraphFetchError(subgraph, url, f"answered HTTP {status}: {_snippet(body)}")
    try:
        answer = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise SubgraphFetchError(
            subgraph, url, f"answered something that is not JSON: {_snippet(body)}"
        ) from error
    errors = answer.get("errors") if isinstance(answer, dict) else None
    if errors:
        messages = "; ".join(
            str(error.get("message", error)) if isinstance(error, dict) else str(error)
            for error in errors
        )
        raise SubgraphFetchError(subgraph, url, f"answered errors: {messages}")
    sdl = _sdl_from(answer)
    if sdl is None:
        raise SubgraphFetchError(
            subgraph,
            url,
            "did not answer `_service { sdl }` with a string; is it a federation subgraph?",
        )
    return sdl
