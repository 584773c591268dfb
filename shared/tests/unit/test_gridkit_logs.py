"""Logs an operator can read: JSON lines with the request's id and operation, at LOG_LEVEL."""

from __future__ import annotations

import io
import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
import strawberry
from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter

from gridkit.graphql.context import RequestContext
from gridkit.graphql.schema import SubgraphSchema
from gridkit.logs import JsonLineFormatter, configure_logging, normalized_level
from gridkit.settings import ServiceSettings
from gridkit.web.app import ServiceDefinition, create_app
from gridkit.web.request_id import RequestIdMiddleware

log = logging.getLogger("gridkit.tests.logs")


@strawberry.type
class Query:
    @strawberry.field(description="Logs one line, then answers.")
    def grid_count(self) -> int:
        log.warning("counting grids")
        return 2719


class DemoSettings(ServiceSettings):
    service_name: ClassVar[str] = "demo"


Lines = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def lines() -> Iterator[Lines]:
    """Reads the JSON lines this module's logger has written so far in the test, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter(service="demo"))
    log.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        log.removeHandler(handler)


def graphql_app() -> FastAPI:
    """A subgraph as the app factory wires one: request ids outside, the gridkit schema inside."""
    app = FastAPI()
    app.add_middleware(RequestIdMiddleware)
    app.include_router(GraphQLRouter(SubgraphSchema(query=Query)), prefix="/graphql")
    return app


async def post(app: FastAPI, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        return await http.post("/graphql", json=body, headers=headers)


def test_a_line_is_one_json_object_with_the_fields_an_operator_reads() -> None:
    formatter = JsonLineFormatter(service="org")
    try:
        raise RuntimeError("relay lost its connection")
    except RuntimeError:
        record = logging.LogRecord(
            "gridkit.messaging.relay", logging.ERROR, __file__, 1, "网格 %s 发布失败", ("A1",), None
        )
        record.exc_info = sys.exc_info()
    record.event_id = "e-1"  # as `extra={"event_id": ...}` sets it
    record.color_message = "\x1b[31m...\x1b[0m"  # uvicorn's coloured copy

    line = json.loads(formatter.format(record))

    assert list(line)[:5] == ["time", "level", "service", "logger", "message"]
    assert line["level"] == "ERROR"
    assert line["service"] == "org"
    assert line["logger"] == "gridkit.messaging.relay"
    assert line["message"] == "网格 A1 发布失败"
    assert line["event_id"] == "e-1"
    assert "RuntimeError: relay lost its connection" in line["exception"]
    assert "color_message" not in line
    assert "request_id" not in line  # logged outside any request
    assert "operation_name" not in line
    stamp = datetime.fromisoformat(line["time"])
    assert line["time"].endswith("Z")
    assert stamp.utcoffset() == timedelta(0)


async def test_a_line_logged_inside_a_request_carries_its_request_id_and_operation_name(
    lines: Lines,
) -> None:
    response = await post(
        graphql_app(),
        {"query": "query GridCount { gridCount }", "operationName": "GridCount"},
        {"X-Request-Id": "req-7f3a"},
    )

    assert response.json() == {"data": {"gridCount": 2719}}
    assert response.headers["x-request-id"] == "req-7f3a"
    [line] = lines()
    assert line["message"] == "counting grids"
    assert line["request_id"] == "req-7f3a"
    assert line["operation_name"] == "GridCount"


async def test_the_operation_name_comes_from_the_document_when_the_request_gives_none(
    lines: Lines,
) -> None:
    response = await post(graphql_app(), {"query": "query CountThem { gridCount }"}, {})

    [line] = lines()
    assert line["operation_name"] == "CountThem"
    # No id was sent: one was made, logged and returned.
    assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert response.headers["x-request-id"] == line["request_id"]


async def test_an_anonymous_operation_logs_no_operation_name(
    lines: Lines,
) -> None:
    await post(graphql_app(), {"query": "{ gridCount }"}, {"X-Request-Id": "req-1"})

    [line] = lines()
    assert line["request_id"] == "req-1"
    assert "operation_name" not in line


async def test_every_service_app_echoes_the_request_id_or_makes_one() -> None:
    app = create_app(
        ServiceDefinition(
            settings=DemoSettings(),
            schema=SubgraphSchema(query=Query),
            migrations_dir=Path("unused"),
            make_context=lambda caller, runtime: RequestContext(caller=caller),
        )
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        given = await http.get("/healthz", headers={"X-Request-Id": "from-the-gateway"})
        absent = await http.get("/healthz")
        # A header that cannot be logged or echoed safely is replaced, not trusted.
        unusable = await http.get("/healthz", headers={"X-Request-Id": "x" * 500})

    assert given.headers["x-request-id"] == "from-the-gateway"
    assert re.fullmatch(r"[0-9a-f]{32}", absent.headers["x-request-id"])
    assert re.fullmatch(r"[0-9a-f]{32}", unusable.headers["x-request-id"])


def test_an_access_line_never_carries_a_key_given_in_the_query() -> None:
    formatter = JsonLineFormatter(service="cases")
    path = "/open311/v2/requests.json?status=open&api_key=s3cret-key&Token=abc&service_code=A1"
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path, "1.1", 200),
        None,
    )

    text = formatter.format(record)
    line = json.loads(text)

    assert "s3cret-key" not in text
    assert "abc" not in text
    assert line["path"] == (
        "/open311/v2/requests.json?status=open&api_key=***&Token=***&service_code=A1"
    )
    assert line["message"] == f'127.0.0.1:5000 - "GET {line["path"]} HTTP/1.1" 200'
    assert line["status"] == 200


def test_an_access_line_without_secrets_keeps_its_path() -> None:
    formatter = JsonLineFormatter(service="cases")
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/open311/v2/services.json?monkey=1", "1.1", 200),
        None,
    )

    line = json.loads(formatter.format(record))

    assert line["path"] == "/open311/v2/services.json?monkey=1"
    assert (
        line["message"] == '127.0.0.1:5000 - "GET /open311/v2/services.json?monkey=1 HTTP/1.1" 200'
    )


def test_configuring_leaves_a_process_that_configured_logging_alone() -> None:
    root = logging.getLogger()
    own = logging.NullHandler()
    root.addHandler(own)
    before = (list(root.handlers), root.level)
    try:
        configure_logging(service="demo", level="DEBUG")
        assert (list(root.handlers), root.level) == before
    finally:
        root.removeHandler(own)


def test_an_unknown_level_is_refused_with_the_levels_there_are() -> None:
    assert normalized_level(" warning ") == "WARNING"
    with pytest.raises(ValueError, match=r"LOG_LEVEL must be one of DEBUG, INFO, WARNING"):
        normalized_level("verbose")
