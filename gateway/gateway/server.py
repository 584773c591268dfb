"""The HTTP face of the gateway: ``/graphql`` (POST and GET) and ``/healthz``.

Requests are refused as Apollo Server 5's standalone server refuses them: its cross-site request
forgery check, its method and GET rules, its handling of a request whose operation name is the
empty string, and its automatic persisted queries.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any

import orjson
from graphql import OperationType
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.applications import Starlette
from starlette.datastructures import Headers, QueryParams
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from gateway.operations import RequestError
from gateway.request import PERSISTED_QUERIES, persisted_query_to_register, read_request
from gateway.service import Gateway
from gridkit.auth import TokenVerifier
from gridkit.errors import Unauthenticated
from gridkit.web.collector import tune_for_requests
from gridkit.web.metrics import RequestMetrics

__all__ = ["create_app"]

_CSRF_HEADERS = ("x-apollo-operation-name", "apollo-require-preflight")
_SIMPLE_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")
_CSRF_MESSAGE = (
    "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please "
    "either specify a 'content-type' header (with a type that is not one of "
    f"{', '.join(_SIMPLE_CONTENT_TYPES)}) or provide a non-empty value for one of the "
    f"following headers: {', '.join(_CSRF_HEADERS)}\n"
)
_UNRESOLVED = (
    "Unexpected error: Apollo Server did not resolve an operation but execute did not return errors"
)
_GET_PARAMETERS = ("query", "operationName", "variables", "extensions")
_NOT_STORED = frozenset({"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST"})


def _json(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(body), status_code=status, media_type="application/json", headers=headers
    )


def _refusal(message: str, status: int = 400, headers: Mapping[str, str] | None = None) -> Response:
    return _json(
        status, {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}, headers
    )


def _media_type(content_type: str) -> str | None:
    """The ``type/subtype`` of a Content-Type header, lowercased; ``None`` if malformed."""
    essence = content_type.split(";", 1)[0].strip().lower()
    kind, slash, subtype = essence.partition("/")
    return essence if slash and kind and subtype and " " not in essence else None


def _forgery_suspected(headers: Headers) -> bool:
    """Apollo Server's CSRF prevention: simple requests must carry a preflight-forcing header.

    A request the browser would send without a preflight (no content type, or a form or text
    one) could come from any page, so it needs one of Apollo's headers.
    """
    content_type = headers.get("content-type")
    if content_type is not None:
        media_type = _media_type(content_type)
        if media_type is None or media_type not in _SIMPLE_CONTENT_TYPES:
            return False
    return not any(headers.get(name) for name in _CSRF_HEADERS)


def _get_body(params: QueryParams) -> dict[str, Any] | Response:
    """The request a GET's search parameters make, or Apollo's refusal of them."""
    body: dict[str, Any] = {}
    for name in _GET_PARAMETERS:
        values = params.getlist(name)
        if len(values) > 1:
            return _refusal(f"The '{name}' search parameter may only be specified once.")
        value = values[0] if values else None
        if value is not None and name in ("variables", "extensions"):
            try:
                value = orjson.loads(value)
            except orjson.JSONDecodeError:
                return _refusal(f"The {name} search parameter contains invalid JSON.")
            if not isinstance(value, dict):
                return _refusal(
                    f"The {name} search parameter should contain a JSON-encoded object."
                )
        body[name] = value
    return body


def _get_forbids(gateway: Gateway, body: dict[str, Any]) -> Response | None:
    """GET runs queries only; a valid mutation sent with GET is refused (405)."""
    name = body.get("operationName")
    if name == "":  # names no operation Apollo Server can resolve, so nothing to refuse
        return None
    try:
        query, operation_name, _, _ = read_request(body)
        prepared = gateway.operations.get(query, operation_name)
    except RequestError:
        return None  # the request's own error answers it
    kind = prepared.operation.operation
    if kind is OperationType.QUERY:
        return None
    return _refusal(
        f"GET requests only support query operations, not {kind.value} operations",
        405,
        {"allow": "POST"},
    )


def _unresolved_operation(status: int, answer: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The answer when the operation name is ``""``: Apollo Server runs the operation but cannot
    name it afterwards, so it answers with the first error, or an error of its own.
    """
    errors = answer.get("errors") or []
    variable_errors = (
        status == 400
        and bool(errors)
        and all((error.get("extensions") or {}).get("code") == "BAD_USER_INPUT" for error in errors)
    )
    if status != 200 and not variable_errors:
        return status, answer
    if not errors:
        return 500, {
            "errors": [{"message": _UNRESOLVED, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
        }
    first = errors[0]
    error: dict[str, Any] = {"message": first.get("message")}
    if "locations" in first:
        error["locations"] = first["locations"]
    extensions = dict(first.get("extensions") or {})
    extensions["code"] = "OPERATION_RESOLUTION_FAILURE"
    error["extensions"] = extensions
    return 400, {"errors": [error]}


def _remember_persisted_query(body: Any, answer: dict[str, Any]) -> None:
    """Store a query sent with its persisted-query hash once it has parsed and validated."""
    registration = persisted_query_to_register(body)
    if registration is None:
        return
    codes = {(error.get("extensions") or {}).get("code") for error in answer.get("errors") or ()}
    if not codes & _NOT_STORED:
        PERSISTED_QUERIES.register(*registration)


async def _post_body(request: Request) -> Any:
    """The JSON body of a request that says it sends JSON; ``None`` without one."""
    content_type = request.headers.get("content-type")
    if content_type is None or _media_type(content_type) != "application/json":
        return None
    raw = await request.body()
    if not raw:
        return None
    body = orjson.loads(raw)
    # Like Apollo's body parser, only an object or an array is a JSON body.
    if not isinstance(body, dict | list):
        raise orjson.JSONDecodeError("not a JSON object or array", raw.decode(errors="replace"), 0)
    return body


def create_app(
    load: Callable[[], Awaitable[Gateway]],
    *,
    expose_query_plan: bool = True,
    verifier: TokenVerifier | None = None,
) -> Starlette:
    """The ASGI app serving the gateway that ``load`` builds at startup.

    With a ``verifier``, a request carrying a bearer token that does not verify is refused
    with 401 before any subgraph sees it; a valid one is forwarded for the subgraphs to
    check again. Requests without a token pass: the subgraphs decide what anonymous
    callers may do.

    Loading is async because composing from subgraph URLs fetches their SDL.
    """
    holder: dict[str, Gateway] = {}

    async def graphql(request: Request) -> Response:
        gateway = holder["gateway"]
        if verifier is not None:
            try:
                verifier.caller_from_header(request.headers.get("authorization"))
            except Unauthenticated as refused:
                return _json(
                    401,
                    {
                        "errors": [
                            {"message": refused.message, "extensions": {"code": refused.code}}
                        ]
                    },
                    {"www-authenticate": "Bearer"},
                )
        try:
            body = await _post_body(request)
        except orjson.JSONDecodeError:
            return _refusal("The request body is not valid JSON.")
        if _forgery_suspected(request.headers):
            return _refusal(_CSRF_MESSAGE)
        if request.method == "GET":
            content_type = request.headers.get("content-type")
            if content_type is not None and _media_type(content_type) != "application/json":
                return _refusal(
                    "GET requests may not have a content-type header other than application/json.",
                    415,
                )
            body = _get_body(request.query_params)
            if isinstance(body, Response):
                return body
            refusal = _get_forbids(gateway, body)
            if refusal is not None:
                return refusal
        elif request.method != "POST":
            return _refusal(
                "Apollo Server supports only GET/POST requests.", 405, {"allow": "GET, POST"}
            )
        want_plan = expose_query_plan and request.headers.get("x-query-plan", "") in ("1", "true")
        status, answer = await gateway.handle(body, dict(request.headers), want_plan=want_plan)
        _remember_persisted_query(body, answer)
        if isinstance(body, dict) and body.get("operationName") == "":
            status, answer = _unresolved_operation(status, answer)
        if not expose_query_plan and isinstance(answer.get("extensions"), dict):
            extensions = answer["extensions"]
            extensions.pop("queryPlan", None)
            extensions.pop("subgraphRequests", None)
            if not extensions:
                answer.pop("extensions")
        return _json(status, answer)

    async def healthz(_: Request) -> Response:
        """Alive: the process answers."""
        return _json(200, {"status": "ok"})

    async def readyz(_: Request) -> Response:
        """Ready: the supergraph is loaded and requests can be planned."""
        if "gateway" not in holder:
            return _json(503, {"status": "not ready", "checks": {"supergraph": "not loaded"}})
        return _json(200, {"status": "ready", "checks": {"supergraph": "ok"}})

    async def metrics(_: Request) -> Response:
        """Prometheus metrics in the text exposition format."""
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        holder["gateway"] = gateway = await load()
        PLAN_CACHE.watch(gateway)
        tune_for_requests()  # the supergraph and its plans live as long as the process
        try:
            yield
        finally:
            await holder.pop("gateway").close()

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ],
        middleware=[Middleware(RequestMetrics, service="gateway", paths=ROUTES)],
        lifespan=lifespan,
    )


ROUTES = frozenset({"/graphql", "/healthz", "/readyz", "/metrics"})


class PlanCacheMetrics(Collector):
    """Hits and misses of the prepared-operation cache of this process's gateway."""

    def __init__(self) -> None:
        self._gateway: Gateway | None = None

    def watch(self, gateway: Gateway) -> None:
        """Report ``gateway``'s cache from now on."""
        self._gateway = gateway

    def collect(self) -> Iterator[Metric]:
        """The current counts."""
        counts = CounterMetricFamily(
            "pioneer_gateway_plan_cache",
            "Operations found in or added to the plan cache.",
            labels=["outcome"],
        )
        if self._gateway is not None:
            counts.add_metric(["hit"], self._gateway.operations.hits)
            counts.add_metric(["miss"], self._gateway.operations.misses)
        yield counts


PLAN_CACHE = PlanCacheMetrics()
REGISTRY.register(PLAN_CACHE)
