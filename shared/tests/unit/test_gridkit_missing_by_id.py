"""A service's "no such thing" errors share one base with a ready-made message."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from gridkit.errors import MissingById, NotFound


class NoteNotFound(MissingById):
    """A service's own not-found error."""

    code: ClassVar[str] = "NOTE_NOT_FOUND"
    subject: ClassVar[str] = "Note"


def test_a_missing_record_error_names_its_subject_and_id() -> None:
    note_id = UUID(int=7)
    missing = NoteNotFound.for_id(note_id)
    assert isinstance(missing, NoteNotFound)
    assert isinstance(missing, NotFound)
    assert missing.code == "NOTE_NOT_FOUND"
    assert missing.message == f"Note {note_id} does not exist"
    assert missing.details == {"id": str(note_id)}
