"""A service's own HTTP routes: the caller, the runtime, and one JSON shape for errors.

The app is built by ``create_app`` as every service builds it, with its database
and NATS, plus a router of the kind the cases service adds for evidence uploads.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any, ClassVar

import httpx
import pytest
import pytest_asyncio
import strawberry
from fastapi import APIRouter, Depends, UploadFile
from sqlalchemy import text

from gridkit import idempotency
from gridkit.auth import Caller, Role, issue_dev_token
from gridkit.blobs import BlobStore, LocalBlobStore
from gridkit.db import create_engine
from gridkit.errors import (
    ConcurrentUpdate,
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
)
from gridkit.graphql.context import RequestContext
from gridkit.graphql.schema import SubgraphSchema
from gridkit.messaging import tables as messaging
from gridkit.settings import ServiceSettings
from gridkit.testing import DatabaseFactory
from gridkit.testing.graphql import serve
from gridkit.uploads import EVIDENCE, PNG, AttachmentTooLarge, UploadPolicy, read_checked
from gridkit.web.app import INTERNAL_MESSAGE, ServiceDefinition, create_app
from gridkit.web.dependencies import CallerDep, RuntimeDep, caller

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
SECRET_IN_THE_ERROR = "postgresql://admin:hunter2@db/cases"


class RoutesSettings(ServiceSettings):
    service_name: ClassVar[str] = "routes"


class CaseInvalidTransition(DomainError):
    code: ClassVar[str] = "CASE_INVALID_TRANSITION"


REFUSALS: dict[str, DomainError] = {
    "not-found": NotFound("No case 42 in your grid.", case_id=42),
    "forbidden": Forbidden("Only the grid's own workers may attach evidence."),
    "conflict": Conflict("This evidence is attached already."),
    "concurrent": ConcurrentUpdate("The case changed meanwhile; reload it."),
    "invalid": InvalidInput("The note is longer than 2000 characters.", field="note"),
    "too-large": AttachmentTooLarge("The file is larger than 32 MB.", max_bytes=32 * 1024**2),
    "domain": CaseInvalidTransition("A closed case can only be reopened by rework."),
}


@strawberry.type
class Query:
    @strawberry.field(description="Always true.")
    def ok(self) -> bool:
        return True


def evidence_router(store: BlobStore, policy: UploadPolicy) -> APIRouter:
    router = APIRouter(prefix="/evidence")

    @router.get("/whoami")
    async def whoami(caller: CallerDep) -> dict[str, Any]:
        return {"subject": caller.subject, "roles": sorted(caller.roles), "scope": caller.scope}

    @router.get("/database")
    async def database(runtime: RuntimeDep) -> dict[str, str]:
        async with runtime.sessions() as session:
            name = await session.scalar(text("SELECT current_database()"))
        return {"service": runtime.settings.service_name, "database": str(name)}

    @router.get("/refusals/{kind}")
    async def refusal(kind: str) -> None:
        raise REFUSALS[kind]

    @router.get("/attach-as-worker")
    async def attach_as_worker(who: Annotated[Caller, Depends(caller)]) -> dict[str, str]:
        who.require(Role.GRID_WORKER)
        return {"subject": who.subject or ""}

    @router.get("/crash")
    async def crash() -> None:
        raise RuntimeError(f"could not reach {SECRET_IN_THE_ERROR}")

    @router.post("/files", status_code=201)
    async def attach(file: UploadFile, who: CallerDep) -> dict[str, Any]:
        who.require(Role.GRID_WORKER)
        upload = await read_checked(file, policy)
        stored = await store.put(upload.data, upload.content_type)
        return {
            "sha256": stored.sha256,
            "filename": upload.filename,
            "contentType": upload.content_type,
            "size": upload.size,
        }

    return router


@pytest.fixture(scope="module")
def blob_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("blobs")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def settings(
    database_factory: DatabaseFactory, nats_server_url: str, events_namespace: str
) -> RoutesSettings:
    url = await database_factory("routes")
    engine = create_engine(url, pool_size=1)
    async with engine.begin() as connection:  # what the relay and the key purge read
        await connection.run_sync(messaging.metadata.create_all)
        await connection.run_sync(idempotency.metadata.create_all)
    await engine.dispose()
    return RoutesSettings(
        env="test", database_url=url, nats_url=nats_server_url, events_namespace=events_namespace
    )


def definition(settings: RoutesSettings, *routers: APIRouter) -> ServiceDefinition:
    return ServiceDefinition(
        settings=settings,
        schema=SubgraphSchema(query=Query),
        migrations_dir=Path("unused"),
        make_context=lambda caller, runtime: RequestContext(caller=caller),
        routers=routers,
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def http(settings: RoutesSettings, blob_root: Path) -> AsyncIterator[httpx.AsyncClient]:
    small = UploadPolicy(max_bytes=1024, allowed=EVIDENCE.allowed)
    app = create_app(definition(settings, evidence_router(LocalBlobStore(blob_root), small)))
    async with serve(app) as client:
        yield client


def bearer(settings: ServiceSettings, *roles: str, division: str = "") -> dict[str, str]:
    token = issue_dev_token(settings, subject="worker-7", roles=list(roles), division=division)
    return {"Authorization": f"Bearer {token}"}


async def test_a_route_sees_the_caller_of_a_dev_token(
    http: httpx.AsyncClient, settings: RoutesSettings
) -> None:
    response = await http.get(
        "/evidence/whoami", headers=bearer(settings, "GRID_WORKER", division="370112001")
    )
    assert response.status_code == 200
    assert response.json() == {
        "subject": "worker-7",
        "roles": ["GRID_WORKER"],
        "scope": "370112001",
    }


async def test_a_route_without_a_token_sees_the_anonymous_caller(http: httpx.AsyncClient) -> None:
    response = await http.get("/evidence/whoami")
    assert response.json() == {"subject": None, "roles": [], "scope": ""}


async def test_a_route_reaches_the_services_database(
    http: httpx.AsyncClient, settings: RoutesSettings
) -> None:
    response = await http.get("/evidence/database")
    assert response.json() == {
        "service": "routes",
        "database": settings.database_url.rsplit("/", 1)[-1],
    }


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("not-found", 404),
        ("forbidden", 403),
        ("conflict", 409),
        ("concurrent", 409),
        ("invalid", 400),
        ("too-large", 413),
        ("domain", 400),
    ],
)
async def test_a_coded_error_answers_its_code_message_and_status(
    http: httpx.AsyncClient, kind: str, status: int
) -> None:
    error = REFUSALS[kind]
    response = await http.get(f"/evidence/refusals/{kind}")
    assert response.status_code == status
    assert response.json() == {
        "error": {"code": error.code, "message": error.message, "details": error.details}
    }


async def test_an_anonymous_caller_is_asked_to_sign_in(http: httpx.AsyncClient) -> None:
    response = await http.get("/evidence/attach-as-worker")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


async def test_a_forged_token_answers_the_routes_shape_and_graphql_keeps_its_own(
    http: httpx.AsyncClient,
) -> None:
    forged = {"Authorization": "Bearer not-a-token"}
    response = await http.get("/evidence/whoami", headers=forged)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    assert response.json()["error"]["message"].startswith("The token is not valid")
    graphql = await http.post("/graphql", json={"query": "{ ok }"}, headers=forged)
    assert graphql.status_code == 401
    assert graphql.json()["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_graphql_still_answers_beside_the_routes(
    http: httpx.AsyncClient, settings: RoutesSettings
) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ ok }"}, headers=bearer(settings, "OFFICER")
    )
    assert response.json() == {"data": {"ok": True}}


async def test_an_unexpected_error_answers_500_without_internals(
    http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="gridkit.web"):
        response = await http.get("/evidence/crash")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "INTERNAL_SERVER_ERROR", "message": INTERNAL_MESSAGE, "details": {}}
    }
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    logged = [record.exc_info[1] for record in caplog.records if record.exc_info]
    assert logged, "the failure must be logged for the operator"
    assert SECRET_IN_THE_ERROR in str(logged[-1])
    assert response.headers["x-request-id"]


async def test_an_upload_is_checked_and_stored(
    http: httpx.AsyncClient, settings: RoutesSettings, blob_root: Path
) -> None:
    response = await http.post(
        "/evidence/files",
        files={"file": ("../村委会/公示.png", PNG_BYTES, "image/png")},
        headers=bearer(settings, "GRID_WORKER"),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["filename"] == "公示.png"
    assert (body["contentType"], body["size"]) == (PNG, len(PNG_BYTES))
    stored = LocalBlobStore(blob_root)
    assert await stored.get(body["sha256"]) == PNG_BYTES


async def test_a_refused_upload_answers_its_code(
    http: httpx.AsyncClient, settings: RoutesSettings
) -> None:
    worker = bearer(settings, "GRID_WORKER")
    too_large = await http.post(
        "/evidence/files", files={"file": ("big.png", PNG_BYTES * 10, "image/png")}, headers=worker
    )
    assert too_large.status_code == 413
    assert too_large.json()["error"]["code"] == "ATTACHMENT_TOO_LARGE"
    assert too_large.json()["error"]["details"] == {"max_bytes": 1024}
    mislabelled = await http.post(
        "/evidence/files", files={"file": ("a.png", PNG_BYTES, "image/jpeg")}, headers=worker
    )
    assert mislabelled.status_code == 400
    assert mislabelled.json()["error"]["code"] == "ATTACHMENT_TYPE_MISMATCH"


async def test_a_malformed_request_answers_which_field_is_wrong(
    http: httpx.AsyncClient, settings: RoutesSettings
) -> None:
    response = await http.post(
        "/evidence/files", data={"note": "no file"}, headers=bearer(settings, "GRID_WORKER")
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "BAD_USER_INPUT"
    assert error["details"]["problems"][0]["field"] == "body.file"
    assert "body.file" in error["message"]


async def test_the_metrics_name_a_routes_fixed_path(http: httpx.AsyncClient) -> None:
    await http.get("/evidence/whoami")
    await http.get("/evidence/refusals/not-found")
    metrics = (await http.get("/metrics")).text
    assert 'path="/evidence/whoami",service="routes",status="200"' in metrics
    assert 'path="other",service="routes",status="404"' in metrics  # templated: not a label


def test_a_router_cannot_take_a_path_every_service_serves(settings: RoutesSettings) -> None:
    router = APIRouter()

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "mine"}

    with pytest.raises(ValueError, match="/healthz"):
        create_app(definition(settings, router))
