"""Evidence files: uploaded through ``POST /attachments``, named by a report and a result, and
read back through GraphQL and ``GET /attachments/{id}`` exactly as they were sent."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    fresh_client,
    jpeg_image,
    known_full_time_worker,
    known_grid,
    pdf_document,
    png_image,
    report_input,
    row_counts,
    running_service,
)
from httpx import AsyncClient
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.config import CasesSettings
from gridkit.auth import issue_dev_token
from gridkit.testing.graphql import GraphQLClient

FILES = "attachments { id sha256 contentType size filename url }"
CASE_FIELDS = f"""id status timeline {{ action evidence {{ text attachmentIds {FILES} }} }}"""
REPORT = f"mutation($input: ReportCaseInput!) {{ reportCase(input: $input) {{ {CASE_FIELDS} }} }}"
ACCEPT = "mutation($id: ID!) { acceptCase(caseId: $id) { id } }"
DISPATCH = "mutation($id: ID!) { dispatchCase(caseId: $id) { id } }"
START = "mutation($id: ID!) { startCase(caseId: $id) { id } }"
RESOLVE = (
    f"mutation($input: ResolveCaseInput!) {{ resolveCase(input: $input) {{ {CASE_FIELDS} }} }}"
)
CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"

WORKER = UUID("00000000-0000-4000-8000-000000000011")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def service(
    cases_settings: CasesSettings, jetstream: JetStreamContext
) -> AsyncIterator[AsyncClient]:
    """The service, running for the whole module."""
    async with running_service(cases_settings, jetstream) as http:
        yield http


@pytest.fixture
async def cases(
    service: AsyncClient, cases_db: AsyncEngine, cases_settings: CasesSettings
) -> GraphQLClient:
    """An anonymous client of the running service; each test starts on empty tables."""
    return await fresh_client(service, cases_db, cases_settings)


@pytest.fixture
def worker(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller(
        "GRID_WORKER", division=COMMUNITY, name="张伟", subject="zhang", person=str(WORKER)
    )


@pytest.fixture
def officer(cases: GraphQLClient) -> GraphQLClient:
    return cases.as_caller("OFFICER", division=COMMUNITY, name="王主任", subject="wang")


@pytest.fixture
def bearer(cases_settings: CasesSettings) -> dict[str, str]:
    """The worker's token as a header, for the attachment routes."""
    token = issue_dev_token(
        cases_settings, subject="zhang", roles=["GRID_WORKER"], division=COMMUNITY
    )
    return {"Authorization": f"Bearer {token}"}


async def upload(
    http: AsyncClient, headers: dict[str, str], name: str, data: bytes, content_type: str
) -> dict[str, Any]:
    """Upload one file as a browser's form would; answers what the service says of it."""
    response = await http.post(
        "/attachments", files={"file": (name, data, content_type)}, headers=headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def evidence_of(case: dict[str, Any], action: str) -> dict[str, Any]:
    """The evidence of the one timeline entry of ``action``."""
    [entry] = [e for e in case["timeline"] if e["action"] == action]
    evidence: dict[str, Any] = entry["evidence"]
    return evidence


async def test_files_named_by_a_report_and_a_result_read_back_byte_for_byte(
    cases: GraphQLClient,
    worker: GraphQLClient,
    officer: GraphQLClient,
    bearer: dict[str, str],
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    grid = await known_grid(cases_db, jetstream, cases_settings)
    await known_full_time_worker(
        cases_db, jetstream, cases_settings, grid_id=grid, person_id=WORKER
    )
    photo = png_image(8, seed=3)
    after = jpeg_image("1号楼西侧电梯 更换导向轮后")
    report = pdf_document("Elevator 1-West: car noise 55 dB, limit 55 dB")
    sent = {
        "photo": await upload(cases.http, bearer, "现场照片.png", photo, "image/png"),
        "after": await upload(cases.http, bearer, "维修后.jpg", after, "image/jpeg"),
        # A browser that does not know the type claims nothing; the bytes say it is a PDF.
        "report": await upload(cases.http, bearer, "检测报告", report, "application/octet-stream"),
    }
    assert {key: (a["contentType"], a["size"], a["filename"]) for key, a in sent.items()} == {
        "photo": ("image/png", len(photo), "现场照片.png"),
        "after": ("image/jpeg", len(after), "维修后.jpg"),
        "report": ("application/pdf", len(report), "检测报告.pdf"),
    }

    reported = (await worker.data(REPORT, report_input(attachmentIds=[sent["photo"]["id"]])))[
        "reportCase"
    ]
    case_id = reported["id"]
    await officer.data(ACCEPT, {"id": case_id})
    await officer.data(DISPATCH, {"id": case_id})
    await worker.data(START, {"id": case_id})
    resolve = {
        "input": {
            "caseId": case_id,
            "text": "更换导向轮，复测噪声 55 dB",
            "attachmentIds": [sent["after"]["id"], sent["report"]["id"]],
        }
    }
    await worker.data(RESOLVE, resolve)

    case = (await officer.data(CASE, {"id": case_id}))["case"]
    assert evidence_of(case, "REPORTED")["attachmentIds"] == [sent["photo"]["id"]]
    listed = {
        "REPORTED": evidence_of(case, "REPORTED")["attachments"],
        "RESOLVED": evidence_of(case, "RESOLVED")["attachments"],
    }
    expected = {"REPORTED": [("photo", photo)], "RESOLVED": [("after", after), ("report", report)]}
    for action, files in expected.items():
        assert [
            {k: a[k] for k in ("id", "sha256", "contentType", "size", "filename")}
            for a in listed[action]
        ] == [
            {
                "id": sent[key]["id"],
                "sha256": hashlib.sha256(data).hexdigest(),
                "contentType": sent[key]["contentType"],
                "size": len(data),
                "filename": sent[key]["filename"],
            }
            for key, data in files
        ]
        for attachment, (_, data) in zip(listed[action], files, strict=True):
            response = await cases.http.get(attachment["url"], headers=bearer)
            assert response.status_code == 200
            assert response.content == data
            assert response.headers["content-type"] == attachment["contentType"]
            assert response.headers["etag"] == f'"{attachment["sha256"]}"'


async def test_an_attachment_never_uploaded_is_refused_by_a_report_a_result_and_a_download(
    cases: GraphQLClient,
    worker: GraphQLClient,
    officer: GraphQLClient,
    bearer: dict[str, str],
    cases_db: AsyncEngine,
    cases_settings: CasesSettings,
    jetstream: JetStreamContext,
) -> None:
    grid = await known_grid(cases_db, jetstream, cases_settings)
    await known_full_time_worker(
        cases_db, jetstream, cases_settings, grid_id=grid, person_id=WORKER
    )
    real = await upload(cases.http, bearer, "照片.png", png_image(4, seed=4), "image/png")
    unknown = str(uuid4())

    before = await row_counts(cases_db)
    error = await worker.error(REPORT, report_input(attachmentIds=[real["id"], unknown]))
    assert error["extensions"] == {"code": "ATTACHMENT_NOT_FOUND", "details": {"id": unknown}}
    assert await row_counts(cases_db) == before

    case_id = (await worker.data(REPORT, report_input()))["reportCase"]["id"]
    await officer.data(ACCEPT, {"id": case_id})
    await officer.data(DISPATCH, {"id": case_id})
    await worker.data(START, {"id": case_id})
    before = await row_counts(cases_db)
    resolve = {"input": {"caseId": case_id, "text": "已处理", "attachmentIds": [unknown]}}
    error = await worker.error(RESOLVE, resolve)
    assert error["extensions"]["code"] == "ATTACHMENT_NOT_FOUND"
    assert await row_counts(cases_db) == before
    assert (await officer.data(CASE, {"id": case_id}))["case"]["status"] == "IN_PROGRESS"

    response = await cases.http.get(f"/attachments/{unknown}", headers=bearer)
    assert (response.status_code, response.json()["error"]["code"]) == (
        404,
        "ATTACHMENT_NOT_FOUND",
    )
    # Files are for signed-in callers only.
    anonymous = await cases.http.get(f"/attachments/{real['id']}")
    assert anonymous.status_code == 401
