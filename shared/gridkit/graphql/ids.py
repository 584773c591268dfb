"""Reading ids that clients send."""

from __future__ import annotations

from uuid import UUID

from gridkit.errors import InvalidInput


class InvalidId(InvalidInput):
    """An id argument is not an id this API issued."""

    code = "INVALID_ID"


def parse_id(value: str, *, what: str = "id") -> UUID:
    """The UUID in ``value``, or a coded error naming the argument."""
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidId(f"{what} {value!r} is not a valid id.", argument=what) from None
