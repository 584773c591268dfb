"""The HTTP face of the gateway: ``/graphql`` (POST and GET) and ``/healthz``."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gateway.service import Gateway


def _json(status: int, body: Any) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


def create_app(
    load: Callable[[], Awaitable[Gateway]], *, expose_query_plan: bool = True
) -> Starlette:
    """The ASGI app serving the gateway that ``load`` builds at startup.

    Loading is async because composing from subgraph URLs fetches their SDL.
    """
    holder: dict[str, Gateway] = {}

    async def graphql(request: Request) -> Response:
        gateway = holder["gateway"]
        if request.method == "GET":
            params = request.query_params
            body: Any = {
                "query": params.get("query"),
                "operationName": params.get("operationName"),
                "variables": _json_param(params.get("variables")),
                "extensions": _json_param(params.get("extensions")),
            }
            if body["query"] and body["query"].lstrip().startswith("mutation"):
                return _json(
                    405,
                    {"errors": [{"message": "Mutations cannot be sent with GET; use POST."}]},
                )
        else:
            try:
                body = orjson.loads(await request.body())
            except orjson.JSONDecodeError:
                return _json(
                    400,
                    {
                        "errors": [
                            {
                                "message": "The request body is not valid JSON.",
                                "extensions": {"code": "BAD_REQUEST"},
                            }
                        ]
                    },
                )
        want_plan = expose_query_plan and request.headers.get("x-query-plan", "") in ("1", "true")
        status, answer = await gateway.handle(body, dict(request.headers), want_plan=want_plan)
        if not expose_query_plan and "extensions" in answer:
            answer.pop("extensions")
        return _json(status, answer)

    async def healthz(_: Request) -> Response:
        return _json(200, {"status": "ok"})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        holder["gateway"] = await load()
        try:
            yield
        finally:
            await holder.pop("gateway").close()

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        lifespan=lifespan,
    )


def _json_param(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return value
