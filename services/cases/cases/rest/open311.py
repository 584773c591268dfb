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
import re
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import SecretStr
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.routing import Match

from cases.commands.cases import AnonymousReporter, ReportCase
from cases.config import CasesSettings
from cases.domain.case import Case
from cases.domain.case_number import CaseNumber
from cases.domain.category import STRING_VALUE_MAX_LENGTH, AttributeDefinition, Category
from cases.domain.errors import GridNotFound, InvalidLocation, InvalidReporter
from cases.domain.kinds import AssigneeKind, AttributeType, CaseSource, CaseStatus, Level
from cases.domain.reading import ReadScope
from cases.handlers import access
from cases.handlers import cases as handlers
from cases.handlers.cases import Moment
from cases.repository.cases import CaseReads
from cases.repository.categories import CategoryReads
from cases.repository.open311 import Open311Reads, RequestQuery
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
MAX_REQUESTS = 1000
"""The most service requests one list answers (Open311's suggestion)."""
DEFAULT_WINDOW = timedelta(days=90)
"""How far back a list reaches without ``start_date`` (Open311's suggestion)."""
TITLE_MAX_LENGTH = 40
"""A title cut from the description is at most this long: a line in a list."""
MAX_FIELDS = 1000
"""The most fields a posted form may have (as Starlette bounds its own forms)."""

END_OF_DAY = time(23, 59, 59)
"""A due date's last moment: a case due on a day may be finished until it ends."""

STATUSES: Mapping[str, tuple[CaseStatus, ...]] = {
    "open": tuple(status for status in CaseStatus if status.is_open),
    "closed": tuple(status for status in CaseStatus if not status.is_open),
}
"""Open311's two statuses and ours: closed once rejected, closed or merged."""

DATATYPES: Mapping[AttributeType, str] = {
    AttributeType.STRING: "string",
    AttributeType.NUMBER: "number",
    AttributeType.DATETIME: "datetime",
    AttributeType.SINGLE_CHOICE: "singlevaluelist",
    AttributeType.MULTIPLE_CHOICE: "multivaluelist",
}
"""Open311's datatype of each attribute type (its ``text`` has no counterpart here)."""

_HINTS: Mapping[AttributeType, str] = {
    AttributeType.STRING: f"Text, at most {STRING_VALUE_MAX_LENGTH} characters.",
    AttributeType.NUMBER: "A number, such as 55 or 55.5.",
    AttributeType.DATETIME: (
        "A moment in ISO 8601 with its UTC offset, such as 2026-09-30T09:30:00+08:00."
    ),
    AttributeType.SINGLE_CHOICE: "One of the keys of values.",
    AttributeType.MULTIPLE_CHOICE: (
        "Keys of values, each sent as its own attribute[code][]=key, at most once each."
    ),
}

_ATTRIBUTE_FIELD = re.compile(r"attribute\[([^\[\]]+)\](\[\])?")
_SPACED_OFFSET = re.compile(r" (\d{2}:?\d{2})$")
# The moments a list's dates may name: no case is older than the case numbers' first year,
# and the last year is kept clear of the calendar's end, where converting to UTC overflows.
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_LATEST = datetime(9999, 1, 1, tzinfo=UTC)
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


async def _form(request: Request) -> FormData:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        return await request.form()
    if kind != "application/x-www-form-urlencoded":
        raise InvalidInput(
            "Post a service request as a form (application/x-www-form-urlencoded), as Open311 does."
        )
    # Open311 sends UTF-8; Starlette would read unescaped bytes (curl -d 1号楼) as Latin-1.
    try:
        text = (await request.body()).decode()
        fields = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise InvalidInput("The form is not UTF-8 text, as Open311 requires.") from None
    except ValueError:
        raise InvalidInput(f"The form has more than {MAX_FIELDS} fields.") from None
    return FormData([(name, value) for name, value in fields])


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def report_command(form: FormData, category: Category, *, for_resident: bool) -> ReportCase:
    """The report an Open311 request asks for in ``category``.

    ``for_resident``: the requester files for a resident (an Open311 client), who must leave
    a phone to be called back on.
    """
    description = _text(form, "description")
    latitude, longitude = _degrees(form, "lat"), _degrees(form, "long")
    if latitude is None or longitude is None:
        raise InvalidLocation(
            "Say where the problem is: give lat and long (WGS-84 degrees), which find its "
            "grid, and address_string if you have one; an address alone cannot be placed."
        )
    return ReportCase(
        title=_title(description, category),
        description=_with_media(description or category.name, _text(form, "media_url")),
        category_code=category.code,
        attributes=_attributes(form, category),
        source=CaseSource.ONLINE,
        address=_text(form, "address_string") or f"{latitude}, {longitude} (WGS-84)",
        longitude=longitude,
        latitude=latitude,
        anonymous_reporter=_resident(form, required=for_resident),
    )


def _degrees(form: FormData, name: str) -> float | None:
    text = _text(form, name)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidLocation(
            f"{name} is a number of degrees (WGS-84), such as 36.69; got {text!r}.", field=name
        ) from None


def _title(description: str | None, category: Category) -> str:
    if description is None:
        return category.name
    line = description.splitlines()[0].strip()
    return line if len(line) <= TITLE_MAX_LENGTH else f"{line[: TITLE_MAX_LENGTH - 1]}…"


def _with_media(description: str, media_url: str | None) -> str:
    # The staff open the photo from the case; Open311 lists nothing of ours as media_url.
    if media_url is None:
        return description
    if not media_url.lower().startswith(("http://", "https://")):
        raise InvalidInput(f"media_url is a web address (http:// or https://); got {media_url!r}.")
    return f"{description}\n照片 (media_url): {media_url}"


def _attributes(form: FormData, category: Category) -> dict[str, object]:
    """``attribute[code]`` values as the domain takes them: text, or a list for ``[]`` fields.

    A form cannot tell one value of a list from a single value, so a multiple-choice
    attribute's value is a list however it was sent; the domain checks the rest.
    """
    given: dict[str, list[str]] = {}
    listed: set[str] = set()
    for field, value in form.multi_items():
        match = _ATTRIBUTE_FIELD.fullmatch(field)
        if match is None:
            if field.startswith("attribute"):
                raise InvalidInput(
                    f"{field} is no attribute field: send attribute[code]=value, and "
                    "attribute[code][]=value once per value of a list."
                )
            continue
        if isinstance(value, str):
            given.setdefault(match[1], []).append(value)
            if match[2]:
                listed.add(match[1])
    return {
        code: [v for v in values if v.strip()]
        if code in listed or len(values) > 1 or _is_list(category.attribute(code))
        else values[0]
        for code, values in given.items()
    }


def _is_list(definition: AttributeDefinition | None) -> bool:
    return definition is not None and definition.type is AttributeType.MULTIPLE_CHOICE


def _resident(form: FormData, *, required: bool) -> AnonymousReporter | None:
    phone = _text(form, "phone")
    if phone is None:
        if required:
            raise InvalidReporter(
                "Give phone: the number the resident is called back on for the return visit "
                "(回访), such as 13812345678."
            )
        return None
    return AnonymousReporter(
        phone=phone, name=_name(_text(form, "first_name"), _text(form, "last_name"))
    )


def _name(first: str | None, last: str | None) -> str | None:
    parts = [part for part in (first, last) if part]
    if not parts:
        return None
    # A Chinese name is written family name first, without a space: 王 + 芳 is 王芳.
    if not any(part.isascii() for part in parts):
        return "".join(reversed(parts))
    return " ".join(parts)


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


def filed_json(case: Case, category: Category) -> dict[str, Any]:
    """What a POST answers of the case it filed."""
    days = category.time_limit(case.priority)
    return {
        "service_request_id": str(case.number),
        "service_notice": (
            f"Filed as case {case.number}: quote this number to follow it up. Once accepted "
            f"and dispatched, it is handled within {days} working days."
        ),
        "account_id": None,
    }


# Reading requests


def request_query(
    params: Mapping[str, str],
    *,
    visible: ReadScope,
    services: Sequence[str],
    zone: ZoneInfo,
    now: datetime,
) -> RequestQuery:
    """The list a GET of ``requests.json`` asks for, within what ``visible`` admits."""
    numbers = _listed(params.get("service_request_id") or params.get("service_request_ids"))
    if numbers:
        # Open311: named requests override every other filter.
        numbers = [str(CaseNumber.parse(number)) for number in numbers]
        return RequestQuery(visible=visible, limit=MAX_REQUESTS, numbers=numbers)
    codes = _listed(params.get("service_code"))
    unknown = [code for code in codes if code not in services]
    if unknown:
        raise InvalidInput(
            f"service_code {', '.join(unknown)} is not one of ours: services.json lists them."
        )
    end = _moment(params.get("end_date"), "end_date", zone)
    start = _moment(params.get("start_date"), "start_date", zone) or (end or now) - DEFAULT_WINDOW
    if end is not None and start > end:
        raise InvalidInput(
            f"start_date ({start.isoformat()}) comes after end_date ({end.isoformat()})."
        )
    return RequestQuery(
        visible=visible,
        limit=MAX_REQUESTS,
        category_codes=codes,
        statuses=[status for word in _listed(params.get("status")) for status in _statuses(word)],
        reported_from=start,
        reported_until=end,
    )


def _listed(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _statuses(word: str) -> tuple[CaseStatus, ...]:
    statuses = STATUSES.get(word.lower())
    if statuses is None:
        raise InvalidInput(f"status is open or closed (or both, comma-separated); got {word!r}.")
    return statuses


def _moment(value: str | None, name: str, zone: ZoneInfo) -> datetime | None:
    if value is None or not value.strip():
        return None
    # An unescaped "+" of an offset arrives as a space: 09:00:00+08:00 as "09:00:00 08:00".
    text = _SPACED_OFFSET.sub(r"+\1", value.strip())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{name} is a date and time in W3C format (ISO 8601), such as "
            f"2026-09-29T09:00:00+08:00; got {value!r}."
        ) from None
    # Without an offset, the district's own clock is meant.
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    if not _EARLIEST <= moment < _LATEST:
        raise InvalidInput(
            f"{name} lies in the year 2000 or later (no case is older), before 9999; got {value!r}."
        )
    return moment


def service_json(category: Category) -> dict[str, Any]:
    """A category as an Open311 service (the catalogue keeps no keywords or groups)."""
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": None,
        "group": None,
    }


def definition_json(category: Category) -> dict[str, Any]:
    """A category's attributes as an Open311 service definition, in form order."""
    attributes = sorted(category.attributes, key=lambda d: (d.order, d.code))
    return {"service_code": category.code, "attributes": [_attribute_json(d) for d in attributes]}


def _attribute_json(definition: AttributeDefinition) -> dict[str, Any]:
    question = definition.name
    if definition.description:
        question = f"{question} — {definition.description}"
    return {
        "variable": True,
        "code": definition.code,
        "datatype": DATATYPES[definition.type],
        "required": definition.required,
        "datatype_description": _HINTS[definition.type],
        "order": definition.order,
        "description": question,
        "values": [{"key": choice.key, "name": choice.name} for choice in definition.choices],
    }


def request_json(case: Case, *, service_name: str, zone: ZoneInfo) -> dict[str, Any]:
    """What Open311 shows of a case: what, where and how far along; never who reported it."""
    location = case.location
    updated = case.timeline[-1].at if case.timeline else case.reported_at
    due = None if case.due_on is None else datetime.combine(case.due_on, END_OF_DAY, zone)
    return {
        "service_request_id": str(case.number),
        "status": "open" if case.status.is_open else "closed",
        "status_notes": _status_notes(case),
        "service_name": service_name,
        "service_code": case.category_code,
        "description": case.description,
        "agency_responsible": _agency(case),
        "service_notice": _notice(case),
        "requested_datetime": _w3c(case.reported_at, zone),
        "updated_datetime": _w3c(updated, zone),
        "expected_datetime": None if due is None else _w3c(due, zone),
        "address": location.address,
        "address_id": None,
        "zipcode": None,
        "lat": location.latitude,
        "long": location.longitude,
        "media_url": None,
    }


def _w3c(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _status_notes(case: Case) -> str:
    # Our status in words; the timeline's notes stay inside: staff write them for staff.
    if case.status.is_open and case.level is not Level.GRID:
        return f"{case.status.label}, escalated to the {case.level.label}"
    return case.status.label


def _agency(case: Case) -> str | None:
    lead = case.lead
    if lead is None:
        return None
    # A grid worker is named by role: the public is told who answers, not which person.
    return "grid worker (网格员)" if lead.kind is AssigneeKind.GRID_WORKER else lead.name


def _notice(case: Case) -> str | None:
    if case.time_limit_days is None or case.dispatched_on is None:
        return None
    notice = (
        f"Handled within {case.time_limit_days} working days of its dispatch on "
        f"{case.dispatched_on.isoformat()}"
    )
    if case.overdue_on is not None and case.status.is_open:
        notice += f"; overdue since {case.overdue_on.isoformat()}"
    return f"{notice}."


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
        form = await _form(request)
        who = requester(request, _text(form, "api_key"), keys, doing="file a service request")
        category = await _service(runtime, _text(form, "service_code"))
        command = report_command(form, category, for_resident=who.client is not None)
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
