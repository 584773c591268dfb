"""Open311 GeoReport v2 at ``/open311/v2``, JSON only: the catalogue and its cases for the
systems that already speak Open311 (the 12345 hotline's, a city app's back office).

::

    GET  /open311/v2/services.json                 the active categories, as services (public)
    GET  /open311/v2/services/{code}.json          one category's attributes       (public)
    POST /open311/v2/requests.json                 file a case (a form)            (key or token)
    GET  /open311/v2/requests.json                 cases, newest first             (key or token)
    GET  /open311/v2/requests/{number}.json        one case, as a one-item list    (key or token)

**Who may.** The catalogue is public. Filing and reading cases need a client's ``api_key``
(``CASES_OPEN311_API_KEYS``: client name → key, compared in constant time) or a bearer token.
Open311 makes its GETs public; here they are not: they would publish every demand of the
district, where it is and how it stands, to anyone, and this is a government system, not a
public web. A key reads every case; a token reads what GraphQL lets its caller read (staff
within scope, a resident their own). A key, when given, decides and the token is not read;
the caller is therefore taken from the request here rather than through ``CallerDep``, which
would refuse a stale token even beside a good key or on the public catalogue.

**Filing.** A request becomes a case reported ``ONLINE`` (an online platform, 网络诉求) with
normal priority: ``service_code`` is the category, ``attribute[code]=value`` (and
``attribute[code][]=value`` once per value of a list) its attributes, checked by the domain as
``reportCase`` checks them. ``lat`` and ``long`` find the grid, so they are needed;
``address_string`` is the case's address, else the coordinates written out. The title is the
description's first line. With a key the client is the reporter on the timeline and the
resident an anonymous reporter: ``phone`` is needed (the return visit, 回访, calls it), with the
name from ``first_name`` and ``last_name``. With a token the caller reports as they would in
GraphQL (themselves, or the anonymous resident whose ``phone`` they give). ``media_url`` is
written into the description for the staff to open; ``email``, ``device_id`` and ``account_id``
are not kept (callbacks go by phone; there are no Open311 accounts), nor is ``jurisdiction_id``
(one district). An ``Idempotency-Key`` header makes a retry answer the first case.

**Reading.** ``service_request_id`` is the case number (``2026-000123``): what a resident
quotes on the phone, where the GraphQL id is a UUID nobody reads out. ``status`` is ``open``
while work may still be expected and ``closed`` once the case is rejected, closed or merged;
``status_notes`` says our status in words. ``expected_datetime`` is the end of the due day,
``agency_responsible`` the lead assignee. The list takes ``service_request_id`` (a comma list,
overriding the rest; ``service_request_ids`` too), ``service_code``, ``status`` (comma lists),
``start_date`` and ``end_date`` (W3C; without ``start_date``, the 90 days before ``end_date``
or now) and answers at most 1000 cases. The description is published, as Open311 does;
nothing of the reporter is (no name, phone or person), nor the staff's timeline notes.

**Errors** answer Open311's ``[{"code": status, "description": sentence}]`` with that status:
400 for input that cannot be used (in a POST, an unknown service or a point no grid holds
too), 403 for missing or unknown credentials (a stale token too), 404 for what a GET does not
find, 405 for a method a path does not answer; never a stack trace.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import SecretStr
from starlette.exceptions import HTTPException
from starlette.routing import Match

from cases.commands.cases import ReportCase
from cases.config import CasesSettings
from cases.domain.case import Case
from cases.domain.case_number import CaseNumber
from cases.domain.category import Category
from cases.domain.errors import GridNotFound, InvalidLocation
from cases.domain.reading import ReadScope
from cases.handlers import access
from cases.handlers import cases as handlers
from cases.handlers.cases import Moment
from cases.repository.cases import CaseReads
from cases.repository.categories import CategoryReads
from cases.repository.open311 import Open311Reads, RequestQuery
from cases.rest import open311_filing as filing
from cases.rest.open311_documents import definition_json, filed_json, request_json, service_json
from cases.rest.open311_queries import request_query
from cases.unit_of_work import CasesUnitOfWork
from gridkit.auth import Caller
from gridkit.clock import local_today
from gridkit.errors import DomainError, Forbidden, InvalidInput, NotFound, Unauthenticated
from gridkit.idempotency import IdempotencyKey, apply_once
from gridkit.pii import PiiProtector
from gridkit.web import dependencies
from gridkit.web.dependencies import RuntimeDep
from gridkit.web.runtime import Runtime

log = logging.getLogger(__name__)

PREFIX = "/open311/v2"
_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


# Errors


def open311_error(status: int, description: str) -> JSONResponse:
    """Open311's error document, ``[{"code": status, "description": ...}]``, with ``status``."""
    return JSONResponse([{"code": status, "description": description}], status_code=status)


def http_status(error: DomainError, *, writing: bool) -> int:
    """The status of a coded error: credentials 403; what a read does not find 404; else 400.

    Open311 knows 400, 403 and 404 only. A POST that names something unknown (a service, a
    grid at its point) is bad input, not a missing resource.
    """
    if isinstance(error, Unauthenticated | Forbidden):
        return 403
    if isinstance(error, NotFound) and not writing:
        return 404
    return 400


class Open311Route(APIRoute):
    """A route whose every failure answers in Open311's error shape, not gridkit's."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The route's handler, its errors turned into Open311 error documents."""
        answer = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await answer(request)
            except DomainError as error:
                status = http_status(error, writing=request.method == "POST")
                return open311_error(status, error.message)
            except RequestValidationError as error:
                problems = "; ".join(str(problem.get("msg")) for problem in error.errors())
                return open311_error(400, f"The request is not valid: {problems}")
            except HTTPException as error:
                return open311_error(error.status_code, str(error.detail))
            except Exception:
                log.exception("unexpected error answering %s %s", request.method, request.url.path)
                return open311_error(500, "Internal error. It has been logged; try again later.")

        return handler


def _json_only(request: Request, suffix: str) -> None:
    if suffix != "json":
        resource = request.url.path.rsplit("/", 1)[-1].removesuffix(f".{suffix}")
        raise InvalidInput(
            f"Only JSON is served here: ask for {resource}.json instead of {resource}.{suffix}."
        )


# Who asks


@dataclass(frozen=True)
class Requester:
    """Who asks: an Open311 client named by its api_key, or a caller signed in with a token."""

    caller: Caller
    client: str | None = None

    @property
    def subject(self) -> str:
        """Whose idempotency keys the request's are."""
        if self.client is not None:
            return access.open311_reporter(self.client).subject
        return self.caller.subject or ""

    def read_scope(self) -> ReadScope:
        """The cases the requester reads."""
        if self.client is not None:
            return access.open311_read_scope(self.client)
        return access.read_scope(self.caller)

    async def report(self, command: ReportCase, uow: CasesUnitOfWork, *, now: Moment) -> Case:
        """File ``command`` as the client, or as the caller would in GraphQL."""
        if self.client is not None:
            actor = access.open311_reporter(self.client)
            return await handlers.report_case_as(command, uow, actor, now=now)
        return await handlers.report_case(command, uow, self.caller, now=now)


def requester(
    request: Request, api_key: str | None, keys: Mapping[str, SecretStr], *, doing: str
) -> Requester:
    """The client whose key is ``api_key``, else the caller of the request's bearer token.

    An unknown key, or neither key nor token, is refused (403) with what ``doing`` needs.
    """
    if api_key:
        client = client_of(api_key, keys)
        if client is None:
            raise Forbidden(
                "This api_key is not one the district issued: check the key you were given."
            )
        return Requester(caller=Caller.anonymous(), client=client)
    caller = dependencies.caller(request)
    if not caller.is_authenticated:
        raise Forbidden(f"To {doing}, give your api_key or sign in with a bearer token.")
    return Requester(caller=caller)


def client_of(api_key: str, keys: Mapping[str, SecretStr]) -> str | None:
    """The client whose key is ``api_key``, if any.

    Every configured key is compared, each in constant time and as a digest of one length,
    so the answer's timing tells nothing of how near a guess came, nor which client it was.
    """
    given = hashlib.sha256(api_key.encode()).digest()
    found = None
    for name, secret in keys.items():
        expected = secret.get_secret_value()
        same = hmac.compare_digest(given, hashlib.sha256(expected.encode()).digest())
        if same and expected and found is None:  # an empty key configured lets nobody in
            found = name
    return found


# Filing a request


async def _service(runtime: Runtime, code: str | None) -> Category:
    """The category a POST names as its ``service_code``."""
    if code is None:
        raise InvalidInput("Give service_code: one of the codes services.json lists.")
    [category] = await CategoryReads(runtime.sessions).by_codes([code])
    if category is None:
        raise InvalidInput(f"service_code {code} is not one of ours: services.json lists them.")
    return category


async def _filed(
    requester: Requester, command: ReportCase, uow: CasesUnitOfWork, *, timezone: str
) -> Case:
    at = datetime.now(UTC)
    try:
        return await requester.report(
            command, uow, now=Moment(at=at, today=local_today(timezone, now=at))
        )
    except GridNotFound:
        raise InvalidLocation(
            f"No grid of the district lies at lat {command.latitude}, long "
            f"{command.longitude}: check the coordinates (WGS-84 degrees)."
        ) from None


# The routes


def _allowed(router: APIRouter, request: Request) -> list[str]:
    """The methods the routes of ``router`` serve at the request's path (none: no such path)."""
    methods: set[str] = set()
    for route in router.routes:
        if not isinstance(route, APIRoute) or route.path.endswith("{path:path}"):
            continue
        if route.matches(request.scope)[0] is Match.PARTIAL:
            methods.update(route.methods or ())
    return sorted(methods)


def open311_router(settings: CasesSettings, protector: PiiProtector) -> APIRouter:
    """The Open311 GeoReport v2 routes, with the clients of ``settings`` and its time zone."""
    router = APIRouter(prefix=PREFIX, tags=["open311"], route_class=Open311Route)
    keys = settings.open311_api_keys
    zone = ZoneInfo(settings.timezone)
    ttl = timedelta(hours=settings.idempotency_ttl_hours)

    @router.get("/services.{suffix}")
    async def services(request: Request, suffix: str, runtime: RuntimeDep) -> list[dict[str, Any]]:
        """The catalogue's active categories, as Open311 services."""
        _json_only(request, suffix)
        return [service_json(c) for c in await CategoryReads(runtime.sessions).categories()]

    @router.get("/services/{service_code}.{suffix}")
    async def service_definition(
        request: Request, service_code: str, suffix: str, runtime: RuntimeDep
    ) -> dict[str, Any]:
        """One active category's attributes, as an Open311 service definition."""
        _json_only(request, suffix)
        [category] = await CategoryReads(runtime.sessions).by_codes([service_code])
        if category is None or not category.active:
            raise NotFound(f"There is no service {service_code}: services.json lists them.")
        return definition_json(category)

    @router.post("/requests.{suffix}", status_code=201)
    async def post_request(
        request: Request, suffix: str, runtime: RuntimeDep
    ) -> list[dict[str, Any]]:
        """File a service request: a case in the category ``service_code`` names."""
        _json_only(request, suffix)
        form = await filing.form(request)
        who = requester(request, filing.text(form, "api_key"), keys, doing="file a service request")
        category = await _service(runtime, filing.text(form, "service_code"))
        command = filing.report_command(form, category, for_resident=who.client is not None)
        key = IdempotencyKey.for_command(
            request.headers.get("idempotency-key"),
            scope=who.subject,
            operation="open311.postRequest",
            command=command,
            ttl=ttl,
        )
        uow = CasesUnitOfWork(runtime.sessions, protector).once(key)
        case = await apply_once(
            lambda: _filed(who, command, uow, timezone=settings.timezone),
            replay=CaseReads(runtime.sessions).case,
        )
        return [filed_json(case, category)]

    @router.get("/requests.{suffix}")
    async def requests(request: Request, suffix: str, runtime: RuntimeDep) -> list[dict[str, Any]]:
        """Service requests the requester may read, newest first (at most 1000)."""
        _json_only(request, suffix)
        params = request.query_params
        who = requester(request, params.get("api_key"), keys, doing="read service requests")
        catalogue = await CategoryReads(runtime.sessions).categories(include_inactive=True)
        names = {category.code: category.name for category in catalogue}
        query = request_query(
            params, visible=who.read_scope(), services=list(names), zone=zone, now=datetime.now(UTC)
        )
        found = await Open311Reads(runtime.sessions).requests(query)
        return [
            request_json(c, service_name=names.get(c.category_code, c.category_code), zone=zone)
            for c in found
        ]

    @router.get("/requests/{service_request_id}.{suffix}")
    async def one_request(
        request: Request, service_request_id: str, suffix: str, runtime: RuntimeDep
    ) -> list[dict[str, Any]]:
        """One service request by its number, as a one-item list."""
        _json_only(request, suffix)
        params = request.query_params
        who = requester(request, params.get("api_key"), keys, doing="read a service request")
        number = str(CaseNumber.parse(service_request_id))
        query = RequestQuery(visible=who.read_scope(), limit=1, numbers=[number])
        found = await Open311Reads(runtime.sessions).requests(query)
        if not found:
            raise NotFound(f"There is no service request {number} that you may read.")
        [case] = found
        [category] = await CategoryReads(runtime.sessions).by_codes([case.category_code])
        name = case.category_code if category is None else category.name
        return [request_json(case, service_name=name, zone=zone)]

    @router.api_route("/{path:path}", methods=_METHODS, include_in_schema=False)
    async def elsewhere(request: Request, path: str) -> JSONResponse:
        """Anything else under the prefix: a 405 on a known path, else a 404."""
        allowed = _allowed(router, request)
        if allowed:
            return open311_error(
                405, f"{PREFIX}/{path} answers {' and '.join(allowed)} only, not {request.method}."
            )
        return open311_error(
            404,
            f"There is no {PREFIX}/{path} here. This server answers GET services.json, "
            "services/{service_code}.json, requests.json and requests/{service_request_id}.json, "
            "and POST requests.json.",
        )

    return router
