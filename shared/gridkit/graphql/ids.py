"""Reading ids that clients send."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
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


def representation_ids(representations: Iterable[Mapping[str, Any]]) -> list[UUID | InvalidId]:
    """The ``id`` of each entity representation the gateway sends, in order, or the error of
    one that holds no valid id (``resolve_references`` answers it in that representation's
    place, so one bad key fails one entity, not the batch)."""
    ids: list[UUID | InvalidId] = []
    for representation in representations:
        try:
            ids.append(parse_id(str(representation.get("id", ""))))
        except InvalidId as refused:
            ids.append(refused)
    return ids
