"""Attachments' metadata in storage (their bytes are in the object store), and who reads them.

A file is named by the evidence of a case's timeline (``evidence -> 'attachment_ids'``, a JSON
array of ids as text); whoever may read such a case may read the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cases.domain.attachment import Attachment
from cases.domain.reading import ReadScope
from cases.repository.cases import readable_by
from cases.repository.tables import NAMED_ATTACHMENTS, AttachmentRow, CaseRow, TimelineRow


def _attachment(row: AttachmentRow) -> Attachment:
    return Attachment(
        id=row.id,
        sha256=row.sha256,
        content_type=row.content_type,
        size=row.size,
        filename=row.filename,
        uploaded_by=row.uploaded_by,
        uploaded_at=row.uploaded_at,
    )


class AttachmentStore:
    """Attachments in the caller's session."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, attachment: Attachment) -> None:
        """Record an uploaded file."""
        await self._session.execute(
            insert(AttachmentRow).values(
                id=attachment.id,
                sha256=attachment.sha256,
                content_type=attachment.content_type,
                size=attachment.size,
                filename=attachment.filename,
                uploaded_by=attachment.uploaded_by,
                uploaded_at=attachment.uploaded_at,
            )
        )

    async def find(self, attachment_id: UUID) -> Attachment | None:
        """The attachment, if it was uploaded."""
        row = await self._session.get(AttachmentRow, attachment_id)
        return _attachment(row) if row else None

    async def many(self, attachment_ids: Sequence[UUID]) -> list[Attachment | None]:
        """Attachments by id, in the order asked (``None`` for an unknown id)."""
        rows = await self._session.scalars(
            select(AttachmentRow).where(AttachmentRow.id.in_(attachment_ids))
        )
        found = {row.id: _attachment(row) for row in rows}
        return [found.get(attachment_id) for attachment_id in attachment_ids]

    async def readable(self, attachment_id: UUID, scope: ReadScope) -> bool:
        """Whether a case ``scope`` admits names the file in its timeline's evidence."""
        named = (
            select(TimelineRow.case_id)
            .join(CaseRow, CaseRow.id == TimelineRow.case_id)
            .where(NAMED_ATTACHMENTS.has_key(str(attachment_id)), readable_by(scope))
            .exists()
        )
        return bool(await self._session.scalar(select(named)))
