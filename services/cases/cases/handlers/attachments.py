"""Handlers for evidence files: store an upload that passed its checks, hand one back.

The bytes go to the object store first, under their SHA-256, then the metadata row is
written: a failure between the two leaves at most an unnamed blob, never a row naming nothing.
A file shows residents' homes and papers: it is handed back to its uploader, or to whoever may
read a case whose timeline names it, and to nobody else.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cases.domain.attachment import Attachment
from cases.domain.errors import AttachmentNotFound
from cases.handlers import access
from cases.repository.attachments import AttachmentStore
from gridkit.auth import Caller
from gridkit.blobs import BlobStore
from gridkit.errors import Unauthenticated
from gridkit.uploads import CheckedUpload


def _signed_in(caller: Caller) -> str:
    if caller.subject is None:
        raise Unauthenticated("Sign in first: files are uploaded and read with a bearer token.")
    return caller.subject


async def store_attachment(
    upload: CheckedUpload,
    *,
    sessions: async_sessionmaker[AsyncSession],
    blobs: BlobStore,
    caller: Caller,
    at: datetime,
) -> Attachment:
    """Keep a checked upload and answer its attachment, to be named by a report or evidence."""
    subject = _signed_in(caller)
    await blobs.put(upload.data, upload.content_type)
    attachment = Attachment(
        id=uuid4(),
        sha256=upload.sha256,
        content_type=upload.content_type,
        size=upload.size,
        filename=upload.filename,
        uploaded_by=subject,
        uploaded_at=at,
    )
    async with sessions() as session:
        await AttachmentStore(session).add(attachment)
        await session.commit()
    return attachment


async def attachment_content(
    attachment_id: UUID,
    *,
    sessions: async_sessionmaker[AsyncSession],
    blobs: BlobStore,
    caller: Caller,
) -> tuple[Attachment, bytes]:
    """An attachment and its bytes, for the caller who uploaded it or one who may read a case
    naming it in its report's or a step's evidence (:func:`access.read_scope`).

    Anyone else is told ``ATTACHMENT_NOT_FOUND``, as for an id never uploaded: whether a file
    exists is not theirs to learn either.
    """
    subject = _signed_in(caller)
    async with sessions() as session:
        store = AttachmentStore(session)
        attachment = await store.find(attachment_id)
        if attachment is None or (
            attachment.uploaded_by != subject
            and not await store.readable(attachment_id, access.read_scope(caller))
        ):
            raise AttachmentNotFound.for_id(attachment_id)
    return attachment, await blobs.get(attachment.sha256)
