"""Entity lookups for the gateway, one batch per type.

The gateway asks a subgraph for a hundred grids in one ``_entities`` field.
Strawberry resolves each representation on its own (``resolve_reference``), so
a type whose fields need loading pays a coroutine and a DataLoader round per
entity. A type may define instead::

    @classmethod
    async def resolve_references(cls, info, representations) -> list[Self | None]: ...

which receives every representation of that type in the request (each a dict
of the key's fields, ``__typename`` removed) and answers in the same order:
an object, ``None`` for an entity it does not know, or an exception for a
representation it refuses. It loads what the objects show in one batch, so
their fields can be plain values and complete without further awaits.
Types without it resolve as strawberry does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from strawberry.types.info import Info

BATCH_METHOD = "resolve_references"


def resolve_entities(
    info: Info[Any, Any],
    representations: Sequence[dict[str, Any]],
    *,
    type_of: Callable[[str], type],
    one_by_one: Callable[[Info[Any, Any], list[dict[str, Any]]], list[Any]],
) -> Any:
    """The entities ``representations`` name, in their order: a list, or an awaitable of one
    when some type resolves in batches.

    ``type_of`` gives the Python class of a type name; ``one_by_one`` resolves
    representations as strawberry does (it removes their ``__typename``).
    """
    batches: dict[type, list[int]] = {}
    singles: list[int] = []
    for index, representation in enumerate(representations):
        origin = type_of(representation["__typename"])
        if callable(getattr(origin, BATCH_METHOD, None)):
            batches.setdefault(origin, []).append(index)
        else:
            singles.append(index)
    if not batches:
        return one_by_one(info, list(representations))
    results: list[Any] = [None] * len(representations)
    if singles:
        resolved = one_by_one(info, [representations[i] for i in singles])
        for index, value in zip(singles, resolved, strict=True):
            results[index] = value

    async def batched() -> list[Any]:
        found = await asyncio.gather(
            *(
                _batch(origin, info, [representations[i] for i in indexes])
                for origin, indexes in batches.items()
            )
        )
        for indexes, values in zip(batches.values(), found, strict=True):
            for index, value in zip(indexes, values, strict=True):
                results[index] = value
        return results

    return batched()


async def _batch(
    origin: type, info: Info[Any, Any], representations: list[dict[str, Any]]
) -> list[Any]:
    keys = [{k: v for k, v in r.items() if k != "__typename"} for r in representations]
    try:
        found = list(await getattr(origin, BATCH_METHOD)(info, keys))
    except Exception as refused:  # each representation reports it, at its own path
        return [refused] * len(keys)
    if len(found) != len(keys):
        mismatch = TypeError(
            f"{origin.__name__}.{BATCH_METHOD} answered {len(found)} entities for {len(keys)}"
        )
        return [mismatch] * len(keys)
    return found
