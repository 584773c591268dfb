"""Every request has an id: the caller's ``X-Request-Id``, or a new one.

The id is in every log line the request causes (:data:`gridkit.logs.request_id`),
in the response's ``X-Request-Id`` header, and in the request's own headers, so
code that forwards headers (the gateway, to its subgraphs) passes on the id that
was logged.
"""

from __future__ import annotations

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gridkit import logs

HEADER = b"x-request-id"

# What a caller may choose: short, visible ASCII, so it is safe in a header and a log line.
_ACCEPTABLE = re.compile(rb"[\x21-\x7e]{1,128}")


class RequestIdMiddleware:
    """ASGI middleware that gives each HTTP request and WebSocket connection an id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request with its id set for logging, and echo the id in the response."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        sent = _header(scope)
        raw = sent if sent is not None and _ACCEPTABLE.fullmatch(sent) else _new_id()
        if raw != sent:
            scope = _with_header(scope, raw)
        value = raw.decode("ascii")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), (HEADER, raw)]
            await send(message)

        request_token = logs.request_id.set(value)
        # A kept-alive connection's next request must not inherit this one's operation.
        operation_token = logs.operation_name.set(None)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            logs.operation_name.reset(operation_token)
            logs.request_id.reset(request_token)


def _header(scope: Scope) -> bytes | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == HEADER:
            return bytes(value)
    return None


def _with_header(scope: Scope, value: bytes) -> Scope:
    """A copy of ``scope`` whose headers carry ``value`` as the request id (and no other)."""
    headers = [(n, v) for n, v in scope.get("headers", ()) if n.lower() != HEADER]
    return {**scope, "headers": [*headers, (HEADER, value)]}


def _new_id() -> bytes:
    return uuid.uuid4().hex.encode("ascii")
