"""``POST /attachments`` (multipart, field ``file``) and ``GET /attachments/{id}``.

A client uploads a photo or document first, then names its id in ``reportCase`` or
``resolveCase``. The file is judged by its bytes: a type outside the evidence list, a declared
type the bytes contradict, an empty file or one over the limit is refused with a coded error
(``ATTACHMENT_TYPE_NOT_ALLOWED``, ``ATTACHMENT_TYPE_MISMATCH``, ``ATTACHMENT_EMPTY``,
``ATTACHMENT_TOO_LARGE``) and nothing is stored. A file is read back by its uploader and by
whoever may read a case naming it, by nobody else.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Response, UploadFile

from cases.domain.attachment import Attachment
from cases.handlers.attachments import attachment_content, store_attachment
from gridkit.blobs import BlobStore
from gridkit.uploads import UploadPolicy, read_checked
from gridkit.web.dependencies import CallerDep, RuntimeDep


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    """What the API says of an attachment."""
    return {
        "id": str(attachment.id),
        "sha256": attachment.sha256,
        "contentType": attachment.content_type,
        "size": attachment.size,
        "filename": attachment.filename,
        "uploadedAt": attachment.uploaded_at.isoformat(),
    }


def attachments_router(policy: UploadPolicy, blobs: BlobStore) -> APIRouter:
    """The attachment routes, checking uploads by ``policy`` and keeping them in ``blobs``."""
    router = APIRouter(prefix="/attachments", tags=["attachments"])

    @router.post("", status_code=201)
    async def upload(file: UploadFile, caller: CallerDep, runtime: RuntimeDep) -> dict[str, Any]:
        """Upload one evidence file; answers its id, SHA-256, type and size."""
        checked = await read_checked(file, policy)
        attachment = await store_attachment(
            checked,
            sessions=runtime.sessions,
            blobs=blobs,
            caller=caller,
            at=datetime.now(UTC),
        )
        return attachment_json(attachment)

    @router.get("/{attachment_id}")
    async def download(attachment_id: UUID, caller: CallerDep, runtime: RuntimeDep) -> Response:
        """The file's bytes, with its type and name, for its uploader or a reader of a case
        naming it; anyone else is answered 404 ``ATTACHMENT_NOT_FOUND``, as for an unknown id."""
        attachment, data = await attachment_content(
            attachment_id, sessions=runtime.sessions, blobs=blobs, caller=caller
        )
        name = quote(attachment.filename, safe="")
        return Response(
            content=data,
            media_type=attachment.content_type,
            headers={
                "Content-Disposition": f"inline; filename*=UTF-8''{name}",
                "ETag": f'"{attachment.sha256}"',
            },
        )

    return router
