"""Evidence files: uploaded through ``POST /attachments``, named by a report and a result, and
read back through GraphQL and ``GET /attachments/{id}`` exactly as they were sent, by their
uploader and by whoever may read a case naming them, by nobody else."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import pytest
import pytest_asyncio
from cases_announcements import (
    COMMUNITY,
    NEIGHBOUR,
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
RESIDENT = UUID("00000000-0000-4000-8000-000000000099")


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


def bearer_of(
    settings: CasesSettings,
    subject: str,
    *roles: str,
    division: str = "",
    person: UUID | None = None,
) -> dict[str, str]:
    """Another caller's token as a header, for the attachment routes."""
    token = issue_dev_token(
        settings,
        subject=subject,
        roles=list(roles),
        division=division,
        person=None if person is None else str(person),
    )
    return {"Authorization": f"Bearer {token}"}


def not_found(attachment_id: str) -> tuple[int, dict[str, Any]]:
    """What ``GET /attachments/{id}`` answers for a file never uploaded."""
    return 404, {
        "error": {
            "code": "ATTACHMENT_NOT_FOUND",
            "message": f"Attachment {attachment_id} does not exist",
            "details": {"id": attachment_id},
        }
    }


async def download(
    http: AsyncClient, headers: dict[str, str], attachment_id: str
) -> tuple[int, Any]:
    """The status and the bytes (or the error body) ``GET /attachments/{id}`` answers."""
    response = await http.get(f"/attachments/{attachment_id}", headers=headers)
    if response.status_code == 200:
        return 200, response.content
    return response.status_code, response.json()


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


async def reported_and_resolved(
    worker: GraphQLClient, officer: GraphQLClient, bearer: dict[str, str]
) -> dict[str, bytes]:
    """A case of the community whose report names one photo and whose resolution another,
    both uploaded by the worker; answers the files' bytes by their ids."""
    photo, after = png_image(6, seed=7), jpeg_image("2号楼 门禁 修复后")
    photo_id = (await upload(worker.http, bearer, "门禁.png", photo, "image/png"))["id"]
    after_id = (await upload(worker.http, bearer, "修复后.jpg", after, "image/jpeg"))["id"]
    reported = await worker.data(REPORT, report_input(attachmentIds=[photo_id]))
    case_id = reported["reportCase"]["id"]
    await officer.data(ACCEPT, {"id": case_id})
    await officer.data(DISPATCH, {"id": case_id})
    await worker.data(START, {"id": case_id})
    resolve = {"input": {"caseId": case_id, "text": "已修复", "attachmentIds": [after_id]}}
    await worker.data(RESOLVE, resolve)
    return {photo_id: photo, after_id: after}


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


async def test_the_uploader_reads_their_file_before_any_case_names_it_and_nobody_else_does(
    cases: GraphQLClient, bearer: dict[str, str], cases_settings: CasesSettings
) -> None:
    photo = png_image(5, seed=5)
    sent = await upload(cases.http, bearer, "楼道.png", photo, "image/png")
    officer = bearer_of(cases_settings, "wang", "OFFICER", division=COMMUNITY)

    assert await download(cases.http, bearer, sent["id"]) == (200, photo)
    # Even the community's officer: no case of theirs names the file yet.
    assert await download(cases.http, officer, sent["id"]) == not_found(sent["id"])


async def test_an_officer_of_the_community_reads_the_files_its_report_and_resolution_name(
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
    files = await reported_and_resolved(worker, officer, bearer)
    # Not the worker who uploaded them, and not the officer who dispatched the case either.
    reader = bearer_of(cases_settings, "zhao", "OFFICER", division=COMMUNITY)

    assert {
        attachment_id: await download(cases.http, reader, attachment_id) for attachment_id in files
    } == {attachment_id: (200, data) for attachment_id, data in files.items()}


async def test_who_may_not_read_the_case_naming_a_file_is_told_it_does_not_exist(
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
    files = await reported_and_resolved(worker, officer, bearer)
    unknown = str(uuid4())
    outsiders = {
        "neighbour's officer": bearer_of(cases_settings, "sun", "OFFICER", division=NEIGHBOUR),
        "stranger": bearer_of(cases_settings, "resident", person=RESIDENT),
    }

    for headers in outsiders.values():
        assert await download(cases.http, headers, unknown) == not_found(unknown)
    assert {
        (who, attachment_id): await download(cases.http, headers, attachment_id)
        for who, headers in outsiders.items()
        for attachment_id in files
    } == {
        (who, attachment_id): not_found(attachment_id)
        for who in outsiders
        for attachment_id in files
    }
