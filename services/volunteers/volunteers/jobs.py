"""Volunteers' periodic jobs, run in the service's workers on one replica at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gridkit.jobs import PeriodicJob
from gridkit.web.runtime import Runtime
from volunteers.config import VolunteersSettings
from volunteers.handlers.activities import record_no_shows
from volunteers.unit_of_work import VolunteersUnitOfWork


async def mark_no_shows(runtime: Runtime) -> int:
    """Mark confirmed volunteers of ended shifts who never checked in; returns how many."""
    return await record_no_shows(VolunteersUnitOfWork(runtime.sessions), now=datetime.now(UTC))


def jobs(settings: VolunteersSettings) -> list[PeriodicJob]:
    """The jobs of a volunteers process configured by ``settings``."""
    return [
        PeriodicJob(
            "mark-volunteer-no-shows",
            timedelta(seconds=settings.no_show_check_seconds),
            mark_no_shows,
        )
    ]
