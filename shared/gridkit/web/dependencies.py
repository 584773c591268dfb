"""What a service's own HTTP routes can ask for: the caller and the running service.

A route added through ``ServiceDefinition.routers`` gets the same caller a GraphQL
resolver gets (from the request's bearer token, verified the same way) and the same
runtime (settings, database, NATS)::

    from fastapi import APIRouter

    from gridkit.web.dependencies import CallerDep, RuntimeDep

    router = APIRouter(prefix="/cases")

    @router.get("/{case_id}/attachments/{sha256}")
    async def attachment(case_id: UUID, sha256: str, caller: CallerDep, runtime: RuntimeDep):
        caller.require(Role.GRID_WORKER)
        async with runtime.sessions() as session:
            ...

(``Annotated[Caller, Depends(caller)]`` says the same without the alias.) A coded
error raised in such a route answers ``{"error": {"code", "message", "details"}}``
with its HTTP status; see :mod:`gridkit.web.app`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, Request

from gridkit.auth import Caller, TokenVerifier
from gridkit.web.runtime import Runtime


def install(app: FastAPI, verifier: TokenVerifier) -> None:
    """Let ``app``'s routes find the caller through ``verifier`` (done by the app factory)."""
    app.state.token_verifier = verifier


def attach_runtime(app: FastAPI, runtime: Runtime) -> None:
    """Let ``app``'s routes reach ``runtime`` (done by the app factory when it starts)."""
    app.state.runtime = runtime


def caller(request: Request) -> Caller:
    """The caller named by the request's bearer token; anonymous without one.

    A malformed, expired or forged token raises ``Unauthenticated`` (401).
    """
    verifier = getattr(request.app.state, "token_verifier", None)
    if not isinstance(verifier, TokenVerifier):
        raise RuntimeError("the app was not built by gridkit.web.app.create_app")
    return verifier.caller_from_header(request.headers.get("authorization"))


def runtime(request: Request) -> Runtime:
    """The running service's settings, database and NATS link."""
    running = getattr(request.app.state, "runtime", None)
    if not isinstance(running, Runtime):
        raise RuntimeError("the service is not running: its lifespan has not started")
    return running


CallerDep = Annotated[Caller, Depends(caller)]
"""A route parameter typed ``CallerDep`` receives the request's :class:`Caller`."""

RuntimeDep = Annotated[Runtime, Depends(runtime)]
"""A route parameter typed ``RuntimeDep`` receives the service's :class:`Runtime`."""
