"""Free text is cleaned the same way in every service, refused with the service's own error."""

from __future__ import annotations

from typing import ClassVar

import pytest

from gridkit.errors import InvalidInput
from gridkit.text import TextCleaner


class InvalidNote(InvalidInput):
    """A service's own bad-text error."""

    code: ClassVar[str] = "NOTE_INVALID"


TEXT = TextCleaner(InvalidNote)


def test_text_is_trimmed_and_blank_or_missing_optional_text_is_none() -> None:
    assert TEXT.clean_text("  清理楼道  ", label="Title", max_length=10) == "清理楼道"
    assert TEXT.optional_text("   ", label="Note", max_length=10) is None
    assert TEXT.optional_text(None, label="Note", max_length=10) is None


@pytest.mark.parametrize("value", [None, "  ", "x" * 11, 5])
def test_required_text_that_is_missing_blank_too_long_or_not_text_raises_the_bound_error(
    value: object,
) -> None:
    with pytest.raises(InvalidNote) as refused:
        TEXT.clean_text(value, label="Title", max_length=10)
    assert refused.value.code == "NOTE_INVALID"
    assert refused.value.details["field"] == "Title"


def test_too_long_text_says_how_long_it_may_be() -> None:
    with pytest.raises(InvalidNote) as refused:
        TEXT.optional_text("x" * 11, label="Note", max_length=10)
    assert refused.value.message == "Note is 11 characters long; at most 10 are allowed"
    assert refused.value.details == {"field": "Note", "max_length": 10}
