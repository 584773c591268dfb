"""An uploaded file (photo, scan, video, report) that a case's report or evidence names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

__all__ = ["Attachment"]


@dataclass(frozen=True, kw_only=True)
class Attachment:
    """A file's metadata; its bytes live in the object store under their SHA-256."""

    id: UUID
    sha256: str
    """SHA-256 of the bytes, lower-case hex: also the file's name in the store."""
    content_type: str
    """The type judged from the bytes (``image/jpeg``), not the one the client claimed."""
    size: int
    filename: str
    """The client's file name, made safe to show and to hand back."""
    uploaded_by: str
    """The account (token subject) that uploaded it."""
    uploaded_at: datetime
