"""Case category codes (诉求类别) a department takes, e.g. ``ELEVATOR`` or ``PROPERTY``.

The cases service keeps the catalogue of categories; org only holds the codes a
department takes, checks their shape and keeps them deduplicated and sorted, so
two lists that say the same compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from org.domain.errors import InvalidCategoryCode

CATEGORY_CODE = re.compile(r"[A-Z][A-Z0-9_]{1,39}")
"""An upper-case letter, then 1 to 39 upper-case letters, digits or underscores."""
MAX_CATEGORIES = 100


def normalize_categories(codes: Iterable[object]) -> tuple[str, ...]:
    """The codes trimmed, deduplicated and sorted; a malformed one refuses the whole list."""
    if isinstance(codes, str):
        # A lone string would otherwise be read as a list of one-letter codes.
        raise InvalidCategoryCode("Categories are a list of codes, not a single text")
    found: set[str] = set()
    for code in codes:
        if not isinstance(code, str) or not CATEGORY_CODE.fullmatch(code.strip()):
            raise InvalidCategoryCode(
                f"Category code {code!r} is not 2 to 40 upper-case letters, digits or "
                "underscores starting with a letter, such as ELEVATOR",
                category=str(code),
            )
        found.add(code.strip())
    if len(found) > MAX_CATEGORIES:
        raise InvalidCategoryCode(
            f"A department takes at most {MAX_CATEGORIES} categories, got {len(found)}",
            max_categories=MAX_CATEGORIES,
        )
    return tuple(sorted(found))
