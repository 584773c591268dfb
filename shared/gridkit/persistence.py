"""Writing aggregates with optimistic concurrency.

The version column is compared on every update: if someone else committed a
change since the aggregate was read, nothing is written and the caller gets
``CONCURRENT_UPDATE`` instead of silently overwriting their work.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from gridkit.domain import Aggregate
from gridkit.errors import ConcurrentUpdate, Conflict


async def store(
    session: AsyncSession, row_type: type[Any], aggregate: Aggregate, values: Mapping[str, Any]
) -> bool:
    """Insert a new aggregate or update a changed one; returns whether it wrote.

    ``row_type`` is the mapped class with ``id`` and ``version`` columns;
    ``values`` are the other columns.
    """
    if aggregate.version == aggregate.persisted_version:
        return False
    try:
        if aggregate.persisted_version == 0:
            await session.execute(
                insert(row_type).values(id=aggregate.id, version=aggregate.version, **values)
            )
            return True
        result = await session.execute(
            update(row_type)
            .where(row_type.id == aggregate.id, row_type.version == aggregate.persisted_version)
            .values(version=aggregate.version, **values)
        )
    except IntegrityError as exc:
        raise unique_violation_as_conflict(exc) from exc
    if getattr(result, "rowcount", 1) == 0:
        raise ConcurrentUpdate(
            f"This {aggregate.aggregate_type.replace('_', ' ')} was changed by someone else "
            "since you read it; load it again and retry.",
            id=str(aggregate.id),
        )
    return True


def unique_violation_as_conflict(exc: IntegrityError) -> Conflict:
    """A readable conflict for a unique constraint that a concurrent write beat us to."""
    constraint = constraint_name(exc)
    return Conflict(
        "This change collides with data saved at the same moment"
        + (f" ({constraint})" if constraint else "")
        + "; reload and try again.",
        **({"constraint": constraint} if constraint else {}),
    )


def constraint_name(exc: IntegrityError) -> str | None:
    """The name of the constraint the database refused a write on, if it said."""
    return getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None)
