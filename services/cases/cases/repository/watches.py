"""Follow-up watches (持续关注) in storage, their checks as JSON in the watch's row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cases.domain.errors import WatchNotFound
from cases.domain.kinds import WatchStatus
from cases.domain.watch import Watch, WatchCheck
from cases.repository.case_json import actor_json, actor_of
from cases.repository.tables import WatchRow
from gridkit.repository import Repository


def watch_from_row(row: WatchRow) -> Watch:
    """The watch stored in ``row``."""
    ordered_by = row.ordered_by
    return Watch(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        case_id=row.case_id,
        subject=row.subject,
        ordered_by=actor_of(ordered_by["actor"]) if "actor" in ordered_by else ordered_by["name"],
        started_on=row.started_on,
        interval_days=row.interval_days,
        checks_planned=row.checks_planned,
        checks=[
            WatchCheck(
                checked_on=date.fromisoformat(check["checked_on"]),
                passed=bool(check["passed"]),
                note=check.get("note"),
                by=actor_of(check["by"]),
            )
            for check in row.checks
        ],
        status=WatchStatus(row.status),
    )


class WatchRepository(Repository[Watch, WatchRow]):
    """Watches, for commands."""

    row_type = WatchRow

    def to_domain(self, row: WatchRow) -> Watch:
        """The watch stored in ``row``."""
        return watch_from_row(row)

    def values(self, watch: Watch) -> dict[str, Any]:
        """The columns of ``watch``, its next check date kept for the list of checks due."""
        ordered_by = watch.ordered_by
        return {
            "case_id": watch.case_id,
            "subject": watch.subject,
            "status": watch.status.value,
            "started_on": watch.started_on,
            "interval_days": watch.interval_days,
            "checks_planned": watch.checks_planned,
            "next_check_on": watch.next_check_on,
            "ordered_by": {"name": ordered_by}
            if isinstance(ordered_by, str)
            else {"actor": actor_json(ordered_by)},
            "checks": [
                {
                    "checked_on": check.checked_on.isoformat(),
                    "passed": check.passed,
                    "note": check.note,
                    "by": actor_json(check.by),
                }
                for check in watch.checks
            ],
        }

    def not_found(self, aggregate_id: UUID) -> WatchNotFound:
        """WATCH_NOT_FOUND."""
        return WatchNotFound.for_id(aggregate_id)


class WatchReads:
    """Watches for the API, each read in a session of its own."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def of_cases(self, case_ids: Sequence[UUID]) -> list[list[Watch]]:
        """Each case's watches, oldest first, in the order of ``case_ids``."""
        async with self._sessions() as session:
            rows = await session.scalars(
                select(WatchRow)
                .where(WatchRow.case_id.in_(case_ids))
                .order_by(WatchRow.started_on, WatchRow.id)
            )
            found: dict[UUID, list[Watch]] = {case_id: [] for case_id in case_ids}
            for row in rows:
                found[row.case_id].append(watch_from_row(row))
        return [found[case_id] for case_id in case_ids]

    async def find(self, watch_id: UUID) -> Watch | None:
        """One watch, if there is one with that id."""
        async with self._sessions() as session:
            row = await session.get(WatchRow, watch_id)
        return None if row is None else watch_from_row(row)

    async def watch(self, watch_id: UUID) -> Watch:
        """One watch, or WATCH_NOT_FOUND (what a replayed request answers)."""
        found = await self.find(watch_id)
        if found is None:
            raise WatchNotFound.for_id(watch_id)
        return found
